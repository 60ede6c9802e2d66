// Name helpers for the linkage comparisons: the one normalisation every part of
// identity uses (re-exported from ../normalise.ts, not written twice), the
// Jaro–Winkler similarity (talisman's), and the parts of a multi-part name.
import { normaliseName, normaliseGivenName } from '../normalise.ts';
// talisman is CommonJS (declared in src/types/talisman.d.ts). Under Node's ESM loader the
// default import is `module.exports`, which for this file is the similarity
// function itself, (a, b) => number in [0, 1] (1 = identical), with the
// standard 0.1 prefix scale and 0.7 boost threshold.
import jaroWinklerModule from 'talisman/metrics/jaro-winkler.js';

export { normaliseName, normaliseGivenName };

type Similarity = (a: string, b: string) => number;
const jw = ((jaroWinklerModule as unknown as { default?: Similarity }).default ??
  (jaroWinklerModule));
if (typeof jw !== 'function') throw new Error('talisman/metrics/jaro-winkler.js: unexpected export shape');

/** Jaro–Winkler similarity in [0, 1] (talisman's), on strings already normalised. */
export function jaroWinkler(a: string, b: string): number {
  return a === b ? 1 : jw(a, b);
}

// A cheap upper bound lets most pairs skip the Jaro–Winkler computation: Jaro
// matches pair equal characters one-to-one, so their number m is at most the
// size of the two strings' character-multiset intersection c, and
// jaro <= (c/|a| + c/|b| + 1) / 3; Winkler's prefix boost (only applied when
// jaro >= 0.7) is increasing in jaro. c is counted in O(|a| + |b|) on one
// shared scratch table (indexed by UTF-16 code unit, left all zero after each
// call), so nothing is allocated or stored per value.
const scratch = new Int32Array(65536);

/** The size of the intersection of the two strings' character multisets. */
function sharedCharacters(a: string, b: string): number {
  for (let i = 0; i < a.length; i++) scratch[a.charCodeAt(i)]!++;
  let c = 0;
  for (let i = 0; i < b.length; i++) {
    const k = b.charCodeAt(i);
    if (scratch[k]! > 0) {
      scratch[k]!--;
      c++;
    }
  }
  for (let i = 0; i < a.length; i++) scratch[a.charCodeAt(i)] = 0;
  return c;
}

/**
 * Jaro–Winkler similarity when it can reach `floor`; otherwise some value
 * below `floor` (from an upper bound, so no pair at or above `floor` is
 * missed). Compare the result only against thresholds >= floor.
 */
export function jaroWinklerAtLeast(x: string, y: string, floor: number): number {
  if (x === y) return 1;
  const lx = x.length;
  const ly = y.length;
  if (lx === 0 || ly === 0) return 0;
  const c = sharedCharacters(x, y);
  if (c === 0) return 0;
  const j = (c / lx + c / ly + 1) / 3;
  let bound = j;
  if (j >= 0.7) {
    const limit = Math.min(4, lx, ly);
    let l = 0;
    while (l < limit && x.charCodeAt(l) === y.charCodeAt(l)) l++;
    bound = j + l * 0.1 * (1 - j);
  }
  if (bound < floor - 1e-9) return Math.min(bound, floor - 1e-9);
  return jw(x, y);
}

/** Splits a raw name into words: spaces, hyphens, dashes, slashes, commas and full stops separate; apostrophes do not. */
const WORD_SEPARATORS = /[\s\-\u2010-\u2015_/,.;:&+()]+/u;

/** The normalised words of a raw name ("Mary-Jane  O'Brien" -> ["mary", "jane", "obrien"]). */
export function nameWords(raw: string | null | undefined): string[] {
  if (!raw) return [];
  const out: string[] = [];
  for (const w of raw.split(WORD_SEPARATORS)) {
    const n = normaliseName(w);
    if (n) out.push(n);
  }
  return out;
}

/**
 * Surname particles that do not identify a family on their own ("van der Berg"
 * and "van Dyke" share no family name). Dropped from a multi-part surname's parts.
 */
const SURNAME_PARTICLES: ReadonlySet<string> = new Set([
  'al', 'el', 'bin', 'ibn', 'ben', 'bint', 'abu', 'da', 'das', 'de', 'del', 'della', 'dela', 'der', 'den', 'des', 'di',
  'do', 'dos', 'du', 'la', 'le', 'les', 'lo', 'st', 'ste', 'saint', 'ten', 'ter', 'van', 'vander', 'von', 'zu', 'y',
]);

/**
 * The identifying parts of a surname written in several words or
 * double-barrelled ("Smith-Jones" -> ["smith", "jones"], "van der Berg" ->
 * ["berg"]), or null for a one-part surname.
 */
export function surnameParts(raw: string | null | undefined): string[] | null {
  const words = nameWords(raw);
  if (words.length < 2) return null;
  const parts = words.filter((w) => w.length >= 2 && !SURNAME_PARTICLES.has(w));
  return parts;
}
