// The comparisons the linkage model scores people with: each puts a pair of
// records into one of its ordered levels (best first, the last "else"), or
// says null when a value is missing on either side.
//
// These run on millions of pairs, so everything derived from a single record
// (normalised names, parsed dates and postcodes, digits of a phone number) is
// computed once per record object and cached in a WeakMap. Records are treated
// as immutable: changing a field after the record has been compared leaves
// the cached value stale (compare a fresh object instead).
import { areNormalisedVariants } from './nicknames.ts';
import { jaroWinklerAtLeast, nameWords, normaliseGivenName, normaliseName, surnameParts } from './names.ts';
import { DOB_LEVELS, dobLevel, parseDob, type ParsedDob } from './dates.ts';
import { POSTCODE_LEVELS, parsePostcode, postcodeLevel, type ParsedPostcode } from './postcodes.ts';
import type { Comparison, LinkRecord } from './types.ts';
import { isPlaceholderGivenName } from './newborn.ts';
import doubleMetaphoneModule from 'talisman/phonetics/double-metaphone.js';

const doubleMetaphone = ((doubleMetaphoneModule as unknown as { default?: unknown }).default ?? doubleMetaphoneModule) as (s: string) => [string, string];

/** A per-record derived value, computed on first use and cached for the record object's lifetime. */
function perRecord<T>(compute: (r: LinkRecord) => T): (r: LinkRecord) => T {
  const cache = new WeakMap<LinkRecord, { v: T }>();
  return (r) => {
    const hit = cache.get(r);
    if (hit !== undefined) return hit.v;
    const v = compute(r);
    cache.set(r, { v });
    return v;
  };
}

/** A name with more than one word (a separator between letters): worth splitting. */
const MULTI_WORD = /\p{L}[^\p{L}']+\p{L}/u;

function pushUnique(list: string[], v: string): void {
  if (!list.includes(v)) list.push(v);
}

// ---- given name --------------------------------------------------------------

interface GivenFeatures {
  /** the first given name, normalised: the value compared and the term-frequency value */
  primary: string;
  /** every name this side may go by: primary first, then the given name's other words and the other names' words */
  all: readonly string[];
}

/** The given name is only a stand-in for a child not yet named ("Baby", "Unborn"): see newborn.ts. */
export const hasPlaceholderGivenName = perRecord((r): boolean => isPlaceholderGivenName(r.given));

const givenOf = perRecord((r): GivenFeatures | null => {
  // "Baby" and "Unborn" are not names: compared as missing, so they neither agree nor disagree.
  if (hasPlaceholderGivenName(r)) return null;
  const primary = normaliseGivenName(r.given ?? undefined);
  if (!primary) return null;
  const all = [primary];
  // other given names (and the parts of a hyphenated one), and other names, word by word;
  // a lone initial among them ("John P") is not a name to match on
  if (r.given && MULTI_WORD.test(r.given)) for (const w of nameWords(r.given)) if (w.length > 1) pushUnique(all, w);
  if (r.otherNames) for (const o of r.otherNames) for (const w of nameWords(o)) if (w.length > 1) pushUnique(all, w);
  return { primary, all };
});

export const GIVEN_LEVELS = [
  'exact',
  'nickname or variant',
  'jaro-winkler >= 0.92',
  'jaro-winkler >= 0.85 or same initial',
  'else',
] as const;

/** The given-name level (index into GIVEN_LEVELS) of two normalised names. */
export function givenNameLevel(x: string, y: string): number {
  if (x === y) return 0;
  if (areNormalisedVariants(x, y)) return 1;
  if (x.length === 1 || y.length === 1) return x.charCodeAt(0) === y.charCodeAt(0) ? 3 : 4;
  const s = jaroWinklerAtLeast(x, y, SAME_SOUND_FLOOR);
  return s >= 0.92 ? 2 : sameSound(x, y, s) ? 2 : s >= 0.85 ? 3 : 4;
}

/**
 * One name transliterated two ways (Mohammed/Muhammad, Yusuf/Yousef, Muller/Mueller) sounds the same but
 * spells apart, so Jaro–Winkler alone rates it weakly. The same Double Metaphone code (talisman's, the
 * phonetic key the blocking already uses) of at least three sounds, with a Jaro–Winkler of at least
 * SAME_SOUND_FLOOR, counts as the 'jaro-winkler >= 0.92' level: close, not a variant (so siblings with
 * similar names stay under the sibling safeguard). The floor keeps different names of one sound apart
 * (Brian/Bruno, 0.7).
 */
export const SAME_SOUND_FLOOR = 0.8;
const soundOf = (() => {
  const cache = new Map<string, string>();
  return (n: string) => {
    let v = cache.get(n);
    if (v === undefined) {
      v = doubleMetaphone(n)[0] ?? '';
      if (cache.size > 100_000) cache.clear();
      cache.set(n, v);
    }
    return v;
  };
})();
function sameSound(x: string, y: string, similarity: number): boolean {
  if (similarity < SAME_SOUND_FLOOR) return false;
  const sx = soundOf(x);
  return sx.length >= 3 && sx === soundOf(y);
}

/**
 * Given name: exact, nickname or variant (Robert/Bob, either direction or a
 * shared canonical form), Jaro–Winkler >= 0.92 (Tracy/Tracey), >= 0.85 or the
 * same initial when one side is only an initial, else. The best level over
 * every name either side goes by (first given name, other given names, other
 * names) counts.
 */
export function givenNameComparison(): Comparison {
  return {
    name: 'given',
    levels: [...GIVEN_LEVELS],
    level(a, b) {
      const fa = givenOf(a);
      const fb = givenOf(b);
      if (fa === null || fb === null) return null;
      let best = givenNameLevel(fa.primary, fb.primary);
      if (best === 0 || (fa.all.length === 1 && fb.all.length === 1)) return best;
      for (const x of fa.all) {
        for (const y of fb.all) {
          if (x === fa.primary && y === fb.primary) continue;
          const l = givenNameLevel(x, y);
          if (l < best) {
            best = l;
            if (best === 0) return 0;
          }
        }
      }
      return best;
    },
    tfValue: (r) => givenOf(r)?.primary ?? null,
    tfLevel: 0,
  };
}

// ---- family name -------------------------------------------------------------

interface FamilyFeatures {
  /** the whole surname normalised ("Smith-Jones" -> "smithjones") */
  norm: string;
  /** the parts of a multi-part surname, particles dropped; null for a one-part surname */
  parts: readonly string[] | null;
  /** other names (maiden names, aliases), each whole and word by word, normalised */
  others: readonly string[];
}

const familyOf = perRecord((r): FamilyFeatures | null => {
  const norm = normaliseName(r.family ?? undefined);
  if (!norm) return null;
  const others: string[] = [];
  if (r.otherNames) {
    for (const o of r.otherNames) {
      const whole = normaliseName(o);
      if (whole) pushUnique(others, whole);
      for (const w of nameWords(o)) pushUnique(others, w);
    }
  }
  return { norm, parts: r.family && MULTI_WORD.test(r.family) ? surnameParts(r.family) : null, others };
});

export const FAMILY_LEVELS = [
  'exact (or an other name)',
  'jaro-winkler >= 0.92 or a shared part',
  'jaro-winkler >= 0.85',
  'else',
] as const;

function sharesPart(a: FamilyFeatures, b: FamilyFeatures): boolean {
  if (a.parts === null && b.parts === null) return false;
  const pa = a.parts ?? [a.norm];
  const pb = b.parts ?? [b.norm];
  for (const p of pa) if (pb.includes(p)) return true;
  return false;
}

/**
 * Family name: exact (also when one side's surname is one of the other's
 * other names, e.g. a maiden name), Jaro–Winkler >= 0.92 or a part of a
 * double-barrelled name exactly (Smith-Jones/Jones), >= 0.85, else.
 */
export function familyNameComparison(): Comparison {
  return {
    name: 'family',
    levels: [...FAMILY_LEVELS],
    level(a, b) {
      const fa = familyOf(a);
      const fb = familyOf(b);
      if (fa === null || fb === null) return null;
      if (fa.norm === fb.norm) return 0;
      if ((fb.others.length > 0 && fb.others.includes(fa.norm)) || (fa.others.length > 0 && fa.others.includes(fb.norm))) return 0;
      if (sharesPart(fa, fb)) return 1;
      const s = jaroWinklerAtLeast(fa.norm, fb.norm, SAME_SOUND_FLOOR);
      return s >= 0.92 || sameSound(fa.norm, fb.norm, s) ? 1 : s >= 0.85 ? 2 : 3;
    },
    tfValue: (r) => familyOf(r)?.norm ?? null,
    tfLevel: 0,
  };
}

/**
 * Given and family names swapped (a form filled in surname first): 'swapped'
 * when one side's given name is the other's family name and vice versa (and
 * they are not simply the same), else 'else'. Not in standardComparisons().
 */
export function nameSwapComparison(): Comparison {
  return {
    name: 'name-swap',
    levels: ['swapped', 'else'],
    level(a, b) {
      const ga = givenOf(a);
      const gb = givenOf(b);
      const fa = familyOf(a);
      const fb = familyOf(b);
      if (ga === null || gb === null || fa === null || fb === null) return null;
      const swapped = ga.primary === fb.norm && fa.norm === gb.primary && ga.primary !== fa.norm;
      return swapped ? 0 : 1;
    },
  };
}

// ---- comparisons of one parsed field ------------------------------------------

/**
 * A comparison of one field: each side's value (parsed once per record), no
 * level when either side has none, otherwise `levelOf` the two values.
 */
function fieldComparison<T>(name: string, levels: readonly string[], valueOf: (r: LinkRecord) => T | null,
  levelOf: (a: T, b: T) => number): Comparison {
  return {
    name,
    levels: [...levels],
    level(a, b) {
      const va = valueOf(a);
      const vb = valueOf(b);
      return va === null || vb === null ? null : levelOf(va, vb);
    },
  };
}

const sameOrDifferent = <T>(a: T, b: T) => (a === b ? 0 : 1);

// ---- date of birth -----------------------------------------------------------

const dobOf = perRecord((r): ParsedDob | null => parseDob(r.dob));

/**
 * Date of birth: exact full date, day and month swapped, exactly one of
 * year/month/day different (a year only when it could be a slip: same decade
 * or last two digits transposed), same year (including a partial date
 * consistent with the other: 2006-03 vs 2006-03-01), else. Null when either
 * side is missing or unreadable.
 */
export function dobComparison(): Comparison {
  const byField = fieldComparison('dob', DOB_LEVELS, dobOf, dobLevel);
  // An unborn child's date is the expected date of delivery, not a birth date: it is no evidence for the
  // weights against a born child's (newborn.ts checks the two are consistent, for the safeguards).
  return { ...byField, level: (a, b) => (!!a.unborn !== !!b.unborn ? null : byField.level(a, b)) };
}

// ---- postcode ----------------------------------------------------------------

const postcodeOf = perRecord((r): ParsedPostcode | null => parsePostcode(r.postcode));

/**
 * Postcode: exact (UK: normalised, so case and spaces do not matter), UK
 * sector, UK district, first three characters (when either is not a UK
 * postcode, e.g. Australian 4223/4225), else.
 */
export function postcodeComparison(): Comparison {
  return fieldComparison('postcode', POSTCODE_LEVELS, postcodeOf, postcodeLevel);
}

// ---- address -----------------------------------------------------------------

/** Street types and other address words written several ways, each to one form. */
const ADDRESS_WORDS: ReadonlyMap<string, string> = (() => {
  const groups: [string, string[]][] = [
    ['st', ['street', 'str', 'st', 'saint']],
    ['rd', ['road', 'rd']],
    ['ave', ['avenue', 'ave', 'av', 'avn', 'aven']],
    ['cl', ['close', 'cl', 'cls']],
    ['dr', ['drive', 'dr', 'drv']],
    ['ln', ['lane', 'ln']],
    ['cres', ['crescent', 'cres', 'cresc', 'crs', 'cr']],
    ['ct', ['court', 'ct', 'crt']],
    ['pl', ['place', 'pl']],
    ['tce', ['terrace', 'terr', 'ter', 'tce']],
    ['gdns', ['gardens', 'garden', 'gdns', 'gdn']],
    ['gr', ['grove', 'gr', 'gro', 'grv']],
    ['sq', ['square', 'sq']],
    ['pde', ['parade', 'pde']],
    ['hwy', ['highway', 'hwy']],
    ['cct', ['circuit', 'cct', 'circ']],
    ['blvd', ['boulevard', 'blvd', 'bvd']],
    ['wlk', ['walk', 'wlk']],
    ['pk', ['park', 'pk']],
    ['grn', ['green', 'grn']],
    ['mt', ['mount', 'mt']],
    ['est', ['estate', 'est']],
    ['hts', ['heights', 'hts']],
    ['esp', ['esplanade', 'esp']],
    ['pt', ['point', 'pt']],
    ['apt', ['apartment', 'apt']],
    ['flat', ['flat', 'flt']],
    ['bldg', ['building', 'bldg']],
  ];
  const m = new Map<string, string>();
  for (const [to, from] of groups) for (const f of from) m.set(f, to);
  return m;
})();

/** Words that introduce a flat or unit number rather than a street name. */
const UNIT_WORDS: ReadonlySet<string> = new Set(['flat', 'apt', 'unit', 'suite', 'floor', 'level', 'room', 'block', 'no', 'number', 'the', 'lot']);

const COMBINING_MARKS = /\p{M}+/gu;
const NOT_ALNUM_LOWER = /[^a-z0-9]+/;
const HAS_DIGIT = /\d/;
const ONLY_LETTERS = /^[a-z]+$/;

export interface NormalisedAddress {
  /** lower case, accents and punctuation removed, street types unified, single spaces */
  text: string;
  /** the house number (the number just before the first street word), e.g. "12" or "12a" */
  number: string | null;
  /** the first word of the street name after that number */
  street: string | null;
}

/** "12, Pinkerton Circuit" -> { text: "12 pinkerton cct", number: "12", street: "pinkerton" } */
export function normaliseAddress(raw: string | null | undefined): NormalisedAddress | null {
  if (!raw) return null;
  const words = raw.normalize('NFKD').replace(COMBINING_MARKS, '').toLowerCase().split(NOT_ALNUM_LOWER);
  const tokens: string[] = [];
  for (const w of words) if (w) tokens.push(ADDRESS_WORDS.get(w) ?? w);
  if (tokens.length === 0) return null;
  let number: string | null = null;
  let street: string | null = null;
  for (let i = 1; i < tokens.length; i++) {
    const t = tokens[i]!;
    const prev = tokens[i - 1]!;
    if (HAS_DIGIT.test(prev) && ONLY_LETTERS.test(t) && !UNIT_WORDS.has(t)) {
      number = prev;
      street = t;
      break;
    }
  }
  const text = tokens.join(' ');
  return { text, number, street };
}

const addressOf = perRecord((r): NormalisedAddress | null => normaliseAddress(r.address));

/**
 * Address text (normalised: case, punctuation and street-type abbreviations
 * do not matter): exact, Jaro–Winkler >= 0.9 or the same house number and
 * first street word, else.
 */
export function addressComparison(): Comparison {
  return fieldComparison('address', ['exact', 'jaro-winkler >= 0.9 or same number and street word', 'else'], addressOf, (xa, xb) => {
    if (xa.text === xb.text) return 0;
    if (xa.number !== null && xa.number === xb.number && xa.street === xb.street) return 1;
    return jaroWinklerAtLeast(xa.text, xb.text, 0.9) >= 0.9 ? 1 : 2;
  });
}

// ---- phone -------------------------------------------------------------------

const NOT_DIGIT = /\D+/g;

/**
 * A phone number's digits, UK international prefixes written the national way:
 * "+44 (0)20 7946 0000", "0044 20 7946 0000" and "020 7946 0000" all give
 * "02079460000". Null when there are no digits.
 */
export function normalisePhone(raw: string | null | undefined): string | null {
  if (!raw) return null;
  let d = raw.replace(NOT_DIGIT, '');
  if (!d) return null;
  let international = raw.trimStart().startsWith('+');
  if (d.startsWith('00')) {
    d = d.slice(2);
    international = true;
  }
  if ((international || d.length === 12) && d.startsWith('44')) {
    d = d.slice(2);
    if (!d.startsWith('0')) d = '0' + d;
  }
  return d || null;
}

const phoneOf = perRecord((r): string | null => normalisePhone(r.phone));

/** Phone (digits only, +44/0044/0 unified): exact, the last 6 digits equal, else. */
export function phoneComparison(): Comparison {
  return fieldComparison('phone', ['exact', 'last 6 digits', 'else'], phoneOf, (pa, pb) => {
    if (pa === pb) return 0;
    const la = pa.length;
    const lb = pb.length;
    if (la < 6 || lb < 6) return 2;
    for (let i = 1; i <= 6; i++) if (pa.charCodeAt(la - i) !== pb.charCodeAt(lb - i)) return 2;
    return 1;
  });
}

// ---- sex, NHS number, exact fields ------------------------------------------

const SEX_WORDS: ReadonlyMap<string, string | null> = new Map<string, string | null>([
  ['m', 'm'], ['male', 'm'], ['man', 'm'], ['boy', 'm'],
  ['f', 'f'], ['female', 'f'], ['woman', 'f'], ['girl', 'f'],
  ['u', null], ['unknown', null], ['not known', null], ['notknown', null], ['not stated', null],
  ['not specified', null], ['unspecified', null], ['', null],
]);

/** "Male"/"M"/"boy" -> "m", "Female"/"F" -> "f", "unknown"/"not known" -> null, anything else lower-cased. */
export function normaliseSex(raw: string | null | undefined): string | null {
  if (raw == null) return null;
  const s = raw.trim().toLowerCase();
  const known = SEX_WORDS.get(s);
  return known === undefined ? s : known;
}

const sexOf = perRecord((r): string | null => normaliseSex(r.sex));

/** Sex: same, different ('unknown' counts as missing). */
export function sexComparison(): Comparison {
  return fieldComparison('sex', ['same', 'different'], sexOf, sameOrDifferent);
}

const nhsOf = perRecord((r): string | null => (r.nhsNumber ? r.nhsNumber.replace(NOT_DIGIT, '') || null : null));

/** NHS number (digits only, so "943 476 5919" = "9434765919"): same, different. */
export function nhsNumberComparison(): Comparison {
  return fieldComparison('nhs', ['same', 'different'], nhsOf, sameOrDifferent);
}

const WHITESPACE = /\s+/g;

/**
 * A generic exact comparison on one field (other ids, place, email): 'exact'
 * or 'else', ignoring case and surrounding/repeated whitespace; blank counts as missing.
 */
export function exactComparison(name: string, pick: (r: LinkRecord) => string | null | undefined): Comparison {
  const valueOf = perRecord((r): string | null => {
    const v = pick(r);
    if (v == null) return null;
    const s = v.trim().replace(WHITESPACE, ' ').toLowerCase();
    return s || null;
  });
  return fieldComparison(name, ['exact', 'else'], valueOf, sameOrDifferent);
}

/** The comparisons used for people: given, family, dob, postcode, address, phone, sex, nhs, otherId, place. */
export function standardComparisons(): Comparison[] {
  return [
    givenNameComparison(),
    familyNameComparison(),
    dobComparison(),
    postcodeComparison(),
    addressComparison(),
    phoneComparison(),
    sexComparison(),
    nhsNumberComparison(),
    exactComparison('otherId', (r) => r.otherId),
    exactComparison('place', (r) => r.place),
  ];
}
