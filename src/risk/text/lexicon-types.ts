// The shape of a lexicon: for each signal code, the phrases that say it. Phrases
// are regular expressions over one sentence, matched case-insensitively and only
// at word boundaries (lexicon.ts adds both), so an entry is written once for
// "Bruise", "bruise" and "BRUISE". Spelling variants are written into the entry
// (haem/hem, -our/-or, -ise/-ize, mum/mom). A gap for any word is written
// `(?:(?!(?:not|no|never|without) )\w+ )` so that a gap never swallows a negation: "account not changed" must
// leave its "not" outside the phrase, where negation.ts sees it.
import type { Attribution } from './vocabulary.ts';

export interface CodeLexicon {
  /** phrases that say it */
  says: RegExp[];
  /** abbreviations that only mean it in capitals ("DNA", "OI", "DV"): matched case-sensitively */
  saysInCapitals?: RegExp[];
  /** phrases that say it is absent or not established ("unwitnessed", "clotting screen normal"): negated signals */
  absent?: RegExp[];
  /**
   * For words with an everyday sense too ("disclosure of a pregnancy"): the sentence must also match `words`,
   * or be said by one of `orSaidBy`, for a phrase to count.
   */
  needs?: { words: RegExp; orSaidBy: readonly Attribution[] };
}
