// The lexicon: for every signal code, the phrases that say it, compiled once into
// one regular expression per code and case (a handful of scans per sentence rather
// than hundreds). The wording itself, with where it comes from, is in the four
// lexicon-*.ts files.
import { CONTEXT_LEXICON } from './lexicon-context.ts';
import { DECISION_LEXICON } from './lexicon-decision.ts';
import { FAMILY_LEXICON } from './lexicon-family.ts';
import { NEGLECT_LEXICON } from './lexicon-neglect.ts';
import { PHYSICAL_LEXICON } from './lexicon-physical.ts';
import { SUPERVISION_LEXICON } from './lexicon-supervision.ts';
import type { CodeLexicon } from './lexicon-types.ts';
import { CONCERN_SIGNALS, CONTEXT_SIGNALS, DECISION_SIGNALS, type SignalCode } from './vocabulary.ts';

export type { CodeLexicon } from './lexicon-types.ts';

export const LEXICON: Record<SignalCode, CodeLexicon> = {
  ...PHYSICAL_LEXICON,
  ...NEGLECT_LEXICON,
  ...SUPERVISION_LEXICON,
  ...FAMILY_LEXICON,
  ...CONTEXT_LEXICON,
  ...DECISION_LEXICON,
};

/** One compiled scan: a code, whether a match says the thing is absent, and the expression. */
export interface Scan {
  code: SignalCode;
  absent: boolean;
  /** a phrase that cancels the code's words it overlaps (no signal, negated or not) */
  notThis?: boolean;
  pattern: RegExp;
}

// Word boundaries by hand rather than \b, so that a phrase may begin or end with "#", "&" or an apostrophe.
function compile(phrases: RegExp[], flags: string): RegExp {
  const body = phrases.map((p) => `(?:${p.source})`).join('|');
  return new RegExp(`(?<![A-Za-z0-9])(?:${body})(?![A-Za-z0-9])`, flags);
}

function scansFor(code: SignalCode, lexicon: CodeLexicon): Scan[] {
  const scans: Scan[] = [{ code, absent: false, pattern: compile(lexicon.says, 'gi') }];
  if (lexicon.saysInCapitals?.length) scans.push({ code, absent: false, pattern: compile(lexicon.saysInCapitals, 'g') });
  if (lexicon.absent?.length) scans.push({ code, absent: true, pattern: compile(lexicon.absent, 'gi') });
  if (lexicon.notThis?.length) scans.push({ code, absent: false, notThis: true, pattern: compile(lexicon.notThis, 'gi') });
  return scans;
}

/** Every scan, concern codes first then context and decision, in the vocabulary's order (so output order is stable). */
export const SCANS: readonly Scan[] = [...CONCERN_SIGNALS, ...CONTEXT_SIGNALS, ...DECISION_SIGNALS].flatMap((code) => scansFor(code, LEXICON[code]));
