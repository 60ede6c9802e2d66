// Test helpers: read a sentence as if it were a narrative, and ask what it says about one code.
import type { PersonMention } from '../../records/types.ts';
import { readText, type Reading } from './reader.ts';
import type { SignalCode } from './vocabulary.ts';

export const PEOPLE: PersonMention[] = [
  { key: 'child', role: 'subject', name: { given: 'Kaya', family: 'Orme' } },
  { key: 'sib', role: 'sibling', name: { given: 'Rory', family: 'Orme' } },
  { key: 'm', role: 'parent', relationship: 'mother', name: { given: 'Dana', family: 'Pell' } },
];

export function read(text: string, people: PersonMention[] = PEOPLE): Reading[] {
  return readText(text, people);
}

/** 'yes' when the text affirms the code, 'negated' when it only denies it, 'no' when it does not mention it. */
export function says(text: string, code: SignalCode): 'yes' | 'negated' | 'no' {
  const own = read(text).filter((r) => r.code === code);
  if (own.some((r) => !r.negated)) return 'yes';
  return own.length ? 'negated' : 'no';
}
