// What the rules take from agencies' words: the signals of some codes in one record (text/signals.ts), the
// ones the sentence affirms and, apart, the ones it denies ("no concerns about hygiene"), so a finding can
// rest on the first and say it set the second aside. One reading for every rule that uses words.
import type { EvidenceRecord } from '../household/derive.ts';
import { signalsIn } from './text/signals.ts';
import type { ConcernSignal, Signal } from './text/vocabulary.ts';

export interface Reading {
  /** signals the sentence affirms */
  found: Signal[];
  /** signals the sentence denies: never evidence */
  setAside: Signal[];
}

export function readSignals(r: Pick<EvidenceRecord, 'source' | 'document'>, codes: readonly ConcernSignal[]): Reading {
  const wanted = new Set<string>(codes);
  const all = signalsIn(r).filter((s) => wanted.has(s.code));
  return { found: all.filter((s) => !s.negated), setAside: all.filter((s) => s.negated) };
}

/** `narrative: "always hungry at school"`: the field and phrase a term rests on. */
export const basisOf = (s: Signal) => `${s.field}: "${s.phrase}"`;

/** "set aside: …" for the explanation, when a denied signal was set aside (empty when none). */
export function setAsideNote(signals: readonly Signal[]): string {
  if (!signals.length) return '';
  return ` Set aside as denied in the text: ${signals.map((s) => `${s.source} ${basisOf(s)}`).join('; ')}.`;
}
