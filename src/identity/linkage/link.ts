// Linking a whole dataset (batch mode): block, compare, train, score, cluster.
// One threshold for every dataset: the weights are calibrated log-odds, so a
// fixed match probability means the same thing whatever the data.
import doubleMetaphoneModule from 'talisman/phonetics/double-metaphone.js';
import type { BlockingRule } from './blocking.ts';
import { candidatePairs } from './blocking.ts';
import { cluster, type Edge } from './cluster.ts';
import { expectedDateAgreement } from './newborn.ts';
import { addressComparison, dobComparison, hasPlaceholderGivenName, familyNameComparison, givenNameComparison, nameSwapComparison, normaliseAddress, normaliseSex, postcodeComparison, standardComparisons } from './comparisons.ts';
import { gammas, matchWeight, train, type Model } from './model.ts';
import { canonicalGivenNames } from './nicknames.ts';
import { DOB_LEVELS } from './dates.ts';
import { normaliseName } from './names.ts';
import { outvotedFields, withoutFields } from './outvoted.ts';
import { CLOSE_GIVEN_LEVEL, namesSwapped } from './names-swapped.ts';

export { namesSwapped };
import type { Comparison, LinkRecord } from './types.ts';

const doubleMetaphone = ((doubleMetaphoneModule as unknown as { default?: unknown }).default ?? doubleMetaphoneModule) as (s: string) => [string, string];

/**
 * Link when the match probability is at least 0.5 (weight 0): more likely the
 * same person than not. Chosen once, for every dataset, from a sweep on
 * fake_1000, FEBRL3 and FEBRL4 (weight -6 to 4), where 0 was best or within
 * 0.0002 of best on each. (Ingest will add a review band below a higher
 * auto-link threshold.)
 */
export const MATCH_WEIGHT = 0;
/** A pair compared and scored below this is clearly two people: it vetoes any cluster that would hold both. */
export const VETO_WEIGHT = -10;

const phonetic = (s: string | null | undefined): string | null => {
  const n = normaliseName(s ?? undefined);
  return n ? doubleMetaphone(n)[0] || null : null;
};
const year = (dob: string | null | undefined) => (dob && /^\d{4}/.test(dob) ? dob.slice(0, 4) : null);

/** The blocking keys, in union. */
export function standardBlockingRules(): BlockingRule[] {
  const rule = (name: string, uses: string[], keys: (r: LinkRecord) => (string | null | undefined)[]): BlockingRule =>
    ({ name, uses, keys: (r) => keys(r).filter((k): k is string => !!k) });
  return [
    rule('nhs-number', ['nhs'], (r) => [r.nhsNumber]),
    rule('other-id', ['otherId'], (r) => [r.otherId]),
    rule('surname-sound+birth-year', ['family'], (r) => {
      const p = phonetic(r.family);
      const y = year(r.dob);
      return [p && y ? `${p}|${y}` : null];
    }),
    // Day and month in either order: a swapped date of birth lands in the same block.
    rule('date-of-birth', ['dob'], (r) => {
      const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(r.dob ?? '');
      if (!m) return [];
      const [lo, hi] = [m[2]!, m[3]!].sort();
      return [`${m[1]}|${lo}|${hi}`];
    }),
    rule('postcode+initial', ['postcode'], (r) => {
      const pc = r.postcode?.replace(/\s+/g, '').toUpperCase();
      const initial = normaliseName(r.given ?? undefined)?.[0];
      return [pc && initial ? `${pc}|${initial}` : null];
    }),
    rule('given-name-variant+surname', ['given', 'family'], (r) => {
      const family = normaliseName(r.family ?? undefined);
      const given = normaliseName(r.given ?? undefined);
      if (!family || !given) return [];
      return [...canonicalGivenNames(given)].map((g) => `${g}|${family}`);
    }),
    // Same house number and street: finds people whose names and dates are all mistyped but who live at one address.
    rule('house-number+street', ['address'], (r) => {
      const a = normaliseAddress(r.address);
      return [a?.number && a.street ? `${a.number}|${a.street}` : null];
    }),
    // Given and family written the wrong way round ("Kaur Harley" for "Harley Kaur").
    rule('names-either-order', ['given', 'family', 'name-swap'], (r) => {
      const g = normaliseName(r.given ?? undefined);
      const f = normaliseName(r.family ?? undefined);
      return [g && f ? [g, f].sort().join('|') : null];
    }),
    // A wrong year of birth with the right birthday ("2022-09-30" for "2012-09-30").
    rule('surname+birthday', ['family', 'dob'], (r) => {
      const f = normaliseName(r.family ?? undefined);
      const m = /^\d{4}-(\d{2}-\d{2})$/.exec(r.dob ?? '');
      return [f && m ? `${f}|${m[1]}` : null];
    }),
    rule('given-name+birthday', ['given', 'dob'], (r) => {
      const g = normaliseName(r.given ?? undefined);
      const m = /^\d{4}-(\d{2}-\d{2})$/.exec(r.dob ?? '');
      return [g && m ? `${g}|${m[1]}` : null];
    }),
    rule('name-sounds', ['given', 'family'], (r) => {
      const g = phonetic(r.given);
      const f = phonetic(r.family);
      return [g && f ? `${g}|${f}` : null];
    }),
  ];
}

const givenNames = givenNameComparison();
const dates = dobComparison();
const postcodes = postcodeComparison();
const addresses = addressComparison();
/** The dob level from which two full dates differ in two or more parts ('same year …' and 'else'). */
const SIBLING_DOB_LEVEL = DOB_LEVELS.indexOf('same year (or partial date consistent)');
/** The worst dob level that is still one slip of the pen (a swap, or one of day, month, year). */
const SLIP_DOB_LEVEL = DOB_LEVELS.indexOf('one of year/month/day differs');
const familyNames = familyNameComparison();
const birthYear = (r: LinkRecord) => (r.dob && /^\d{4}/.test(r.dob) ? Number(r.dob.slice(0, 4)) : null);
/** Years between births beyond which two records are a different generation (a parent and child), not one person. */
export const GENERATION_YEARS = 12;

/**
 * Two records that may never be one person, whatever their weight, and why.
 * Weights cannot tell twins apart (they share surname, birthday and home), nor
 * a father and son of the same name at one address, nor two adults of one
 * household (same address, phone and postcode), nor siblings with similar
 * names; these rules can.
 */
const fullDob = (d: string | null | undefined) => !!d && /^\d{4}-\d{2}-\d{2}$/.test(d);

/** Not yet named: a pre-birth record's unborn child, or a newborn's "Baby <surname>". */
export const notYetNamed = (r: LinkRecord) => !!r.unborn || hasPlaceholderGivenName(r);

/**
 * Whether the dates of birth of a pair agree well enough to join a child not yet named to a named one
 * without an identifier: the same date, a swap or one slip, or a birth inside the expected date's window.
 */
function datesAgreeForNewborn(a: LinkRecord, b: LinkRecord): boolean {
  const expected = expectedDateAgreement(a, b);
  if (expected !== null) return expected === 'consistent';
  const level = dates.level(a, b);
  return level !== null && fullDob(a.dob) && fullDob(b.dob) && level <= SLIP_DOB_LEVEL;
}

/**
 * A pair the weights may not join on their own, though nothing says they are two people: a child not
 * yet named ("Baby Smith", "Unborn Smith", see newborn.ts) and a named person whose dates of birth do not
 * agree (or are not known). Such a record shares only a surname and an address with the mother and every
 * sibling, so it joins a named person through an identifier, or when the dates agree. Not a veto: once a
 * "Baby" record is in a child's cluster (by its NHS number) it must not refuse the child's later records
 * that lack a full date of birth, so the linker passes over the pair rather than ruling the person out.
 */
export function joinedOnlyByIdentifier(a: LinkRecord, b: LinkRecord): string | null {
  const unnamedA = notYetNamed(a);
  if (unnamedA === notYetNamed(b)) return null;
  const named = unnamedA ? b : a;
  if (normaliseName(named.given ?? undefined) === null || datesAgreeForNewborn(a, b)) return null;
  return 'a child not yet named ("Baby", "Unborn") and a named person whose dates of birth do not agree: joined only by an identifier';
}

/**
 * Same given name (exact, a variant or close) and dates of birth that agree (exact, a swap, one slip, or
 * a partial date consistent with the full one): never "clearly someone else" by weight, whatever the
 * surname and address. A child is recorded under the mother's, the father's or a step-parent's surname,
 * and moves; the low weight of a new surname at a new address is then a question for the weights and the
 * review band, not a veto that refuses the person outright.
 */
export function sameGivenNameAndBirth(a: LinkRecord, b: LinkRecord): boolean {
  const g = givenNames.level(a, b);
  const d = dates.level(a, b);
  return g !== null && g <= 2 && d !== null && (d <= SLIP_DOB_LEVEL || (d === SIBLING_DOB_LEVEL && !(fullDob(a.dob) && fullDob(b.dob))));
}


/** cannotLink's reason for two given names at one home with no date of birth on one side: kept apart, not told apart (a pet name is for a practitioner: link-plan's review of another name). */
export const NO_DOB_AT_ONE_HOME = 'different given names at one home and no date of birth to compare: another member of the household';

/**
 * Two full dates of birth that one slip of the pen turns into each other (a day and month swapped, or one of
 * day, month and year mistyped: 1981/1918 on the same birthday). A year slip can put decades between the
 * dates, but a father and son born on the same day and month with the year's last digits transposed is
 * vanishingly rare beside a typing error, so such a pair is not a different generation.
 */
function oneSlipApart(a: LinkRecord, b: LinkRecord): boolean {
  const level = dates.level(a, b);
  return level !== null && fullDob(a.dob) && fullDob(b.dob) && level <= SLIP_DOB_LEVEL;
}

export function cannotLink(a: LinkRecord, b: LinkRecord): string | null {
  const givenDiffers = givenNames.level(a, b) === givenNames.levels.length - 1;
  const familyDiffers = familyNames.level(a, b) === familyNames.levels.length - 1;
  // Only worked out when the given names differ wholly: the one case where a swap changes the answer.
  const swapped = givenDiffers && namesSwapped(a, b);
  if (givenDiffers && familyDiffers && !swapped) {
    return 'both given and family names differ: someone else, perhaps of the same household';
  }
  // Wholly different given names and, besides, a different sex or date of birth: two members of one
  // family (a mother and her brother, a couple born a day apart), whom surname, address and phone would join.
  const sa = normaliseSex(a.sex);
  const sb = normaliseSex(b.sex);
  // A partial date counts when it contradicts the other (a year of birth that is not the other's): a police
  // record's "born 2005" beside a school's full date for the older brother is still a different date.
  if (givenDiffers && !swapped
    && ((sa && sb && sa !== sb) || (fullDob(a.dob) && fullDob(b.dob) && a.dob !== b.dob && dates.level(a, b) !== 1)
      || dates.level(a, b) === DOB_LEVELS.length - 1)) {
    return 'different given names and a different sex or date of birth: another member of the family';
  }
  // Wholly different given names at one home, and no date of birth on one side to tell them apart: all
  // that agrees is what a household shares (surname, address, phone), so a father with no date of birth is
  // not his son. Names that sound the same (Maurice and Morris, one name heard and written two ways) are
  // left to the weights, and so is a pair away from a shared home (the given names weigh against them there).
  if (givenDiffers && !swapped && (!a.dob || !b.dob) && phonetic(a.given) !== phonetic(b.given)
    && (postcodes.level(a, b) === 0 || addresses.level(a, b) === 0)) {
    return NO_DOB_AT_ONE_HOME;
  }
  const ya = birthYear(a);
  const yb = birthYear(b);
  if (ya !== null && yb !== null && Math.abs(ya - yb) >= GENERATION_YEARS && !oneSlipApart(a, b)) {
    return `born ${Math.abs(ya - yb)} years apart: a different generation`;
  }
  // Two full dates of birth that differ in two or more of day, month and year (and are not a swap) are rarely
  // one person's typo; with given names that are not the same or a nickname, at one home, they are siblings,
  // whom address and surname alone would join ("Mia" and "Maia"). Away from a shared home the weights decide.
  if (fullDob(a.dob) && fullDob(b.dob) && (dates.level(a, b) ?? 0) >= SIBLING_DOB_LEVEL && (givenNames.level(a, b) ?? 0) >= 2
    && (postcodes.level(a, b) === 0 || addresses.level(a, b) === 0)) {
    return 'born on clearly different days, with different given names, at one home: likely siblings';
  }
  if (fullDob(a.dob) && a.dob === b.dob && normaliseName(a.family ?? undefined) !== null
    && normaliseName(a.family ?? undefined) === normaliseName(b.family ?? undefined)
    && givenDiffers && !swapped) {
    return 'born the same day with the same family name but different given names: likely twins';
  }
  return null;
}

/**
 * For a pair that shares an NHS number or an agency's own id: what says the identifier may have been
 * typed into the wrong record (a sibling's number copied, a mother's), or null. A different sex, dates
 * of birth that differ beyond one slip of the pen, or a birth outside an unborn child's expected window.
 * Names are not on the list: a child's names change (see link-plan.ts), the identifier does not.
 */
export function identifierContradiction(a: LinkRecord, b: LinkRecord): string | null {
  const sa = normaliseSex(a.sex);
  const sb = normaliseSex(b.sex);
  if (sa && sb && sa !== sb) return `the same identifier on records of a different sex (${a.sex}, ${b.sex})`;
  if (expectedDateAgreement(a, b) === 'inconsistent') return `the same identifier, but born (${a.unborn ? b.dob : a.dob}) outside the window around the expected date (${a.unborn ? a.dob : b.dob})`;
  const level = dates.level(a, b);
  if (level !== null && fullDob(a.dob) && fullDob(b.dob) && level > SLIP_DOB_LEVEL) {
    return `the same identifier, but dates of birth (${a.dob}, ${b.dob}) that differ by more than one slip of the pen`;
  }
  const ya = birthYear(a);
  const yb = birthYear(b);
  if (ya !== null && yb !== null && Math.abs(ya - yb) >= GENERATION_YEARS && !oneSlipApart(a, b)) {
    return `the same identifier, but born ${Math.abs(ya - yb)} years apart`;
  }
  return null;
}

const identifierOf = (v: string | null | undefined) => (v ? v.replace(/\s+/g, '').toLowerCase() || null : null);

/** A record's person identifiers, each with its kind: the same value of the same kind is a shared identifier. */
export function identifiersOf(r: LinkRecord): string[] {
  const ids: string[] = [];
  const nhs = identifierOf(r.nhsNumber);
  if (nhs) ids.push(`nhs:${nhs}`);
  const other = identifierOf(r.otherId);
  if (other) ids.push(`other:${other}`);
  return ids;
}

/**
 * The two records carry the same person identifier: the same NHS number, or the same other identifier
 * (a national insurance or social security number, FEBRL's soc_sec_id). In the product an agency's own id
 * for the person counts too (link-plan.ts keeps it outside the LinkRecord).
 */
export function shareIdentifier(a: LinkRecord, b: LinkRecord): boolean {
  const na = identifierOf(a.nhsNumber);
  if (na && na === identifierOf(b.nhsNumber)) return true;
  const oa = identifierOf(a.otherId);
  return !!oa && oa === identifierOf(b.otherId);
}

/**
 * Both given and family names one person's (each the same, a variant or one slip apart, or the two written
 * the other way round), on records of the same sex where both say, neither of them a child not yet named
 * (whose names are placeholders and whose date may be an expected one). For a pair sharing an identifier,
 * what leaves the date of birth as the only thing the records contradict it in.
 */
export function sameNamesAndSex(a: LinkRecord, b: LinkRecord): boolean {
  if (notYetNamed(a) || notYetNamed(b)) return false;
  const sa = normaliseSex(a.sex);
  const sb = normaliseSex(b.sex);
  if (sa && sb && sa !== sb) return false;
  const given = givenNames.level(a, b);
  const family = familyNames.level(a, b);
  if (given === null || family === null) return false;
  return (given <= CLOSE_GIVEN_LEVEL && family < familyNames.levels.length - 1) || namesSwapped(a, b);
}

/** What the safeguards say of a pair that shares a person identifier. */
export interface IdentifierVerdict {
  /** why the two may not be joined in spite of the identifier, or null */
  apart: string | null;
  /** when they may be joined but a practitioner should look after the fact: what the records contradict */
  doubt: string | null;
}

/**
 * The one rule, for batch linking (`safeguardReason`) and for ingest (link-plan.ts), for a pair that shares
 * an identifier (an NHS number, another person identifier, or in the product an agency's own id):
 *  - nothing contradicts it: the identifier wins, and the name and date safeguards of `cannotLink` do not
 *    apply (a child's names change; a copy whose given name was replaced is the same person);
 *  - the records contradict it only in the date of birth (same names, same sex where both say, not a child
 *    not yet named): still one person, with the link in the review queue. A parent and child of one name
 *    (a generation apart) and twins each have an identifier of their own, so the one shared here was given
 *    once; a date of birth is mistyped or written into the wrong field far more often than a same-named,
 *    same-sex relative's identifier is copied into a record. The doubt goes to a practitioner, who can undo it;
 *  - anything else contradicts it (a different sex, a birth outside an unborn child's expected date, or the
 *    names besides the date): the identifier may have been typed into the wrong record, so they are apart.
 */
export function sharedIdentifierVerdict(a: LinkRecord, b: LinkRecord): IdentifierVerdict {
  const contradiction = identifierContradiction(a, b);
  if (!contradiction) return { apart: null, doubt: null };
  if (sameNamesAndSex(a, b)) return { apart: null, doubt: contradiction };
  const reason = cannotLink(a, b);
  return { apart: reason ? `${reason} (${contradiction}, so the identifier does not tell them apart)` : contradiction, doubt: null };
}

/**
 * The safeguard for a pair of records in batch linking, or null: `cannotLink`, or for a pair that shares a
 * person identifier `sharedIdentifierVerdict`, the rule ingest applies too. A FEBRL-style copy that replaced
 * a given name, wrote the names the other way round or replaced the date of birth is then no refusal, while
 * an identifier the records contradict otherwise (a different sex, the names and the date) keeps them apart.
 *
 * Batch linking joins only by weight. The incremental linker (link-plan.ts) also joins outright on a
 * shared NHS number or agency id, and sends the doubts and the refusals to a practitioner.
 */
export function safeguardReason(a: LinkRecord, b: LinkRecord): string | null {
  if (!shareIdentifier(a, b)) return cannotLink(a, b);
  return sharedIdentifierVerdict(a, b).apart;
}

/**
 * The safeguards for pairs of a dataset's records (by index): `safeguardReason`, each record judged without
 * the values its identifier's other records outvote (outvoted.ts), as ingest judges a person's members.
 */
export function datasetSafeguards(records: readonly LinkRecord[]): (i: number, j: number) => string | null {
  const outvoted = outvotedFields(records.map((r) => ({ identity: r, identifiers: identifiersOf(r), votes: 1 })));
  const judged = (i: number) => withoutFields(records[i]!, outvoted.get(i));
  return (i, j) => safeguardReason(judged(i), judged(j));
}

export interface LinkOptions {
  mode: 'dedupe' | 'link';
  comparisons?: Comparison[];
  rules?: BlockingRule[];
  threshold?: number;
  keepCandidates?: boolean;
  /**
   * Apply the safeguards (`safeguardReason`: likely twins, different generations, or for a pair sharing
   * an identifier the identifier's own contradictions). On by default:
   * in child protection a wrong merge hides two children in one record,
   * while a missed link can still be found and reviewed. The public
   * benchmark sets corrupt names and years wholesale by design, so the
   * benchmark reports the model with and without them.
   */
  safeguards?: boolean;
}

export interface LinkOutput {
  model: Model;
  /** every candidate pair, scored */
  pairs: { a: string; b: string; weight: number }[];
  candidatePairs: number;
  threshold: number;
  clusters: string[][];
  blocking: { candidatePairs: number; possiblePairs: number };
  candidates?: [string, string][];
}

/** Block, compare and train: the model for these records (and the scored candidates, for batch linking). */
export function trainModel(records: LinkRecord[], opts: { mode: 'dedupe' | 'link'; comparisons: Comparison[]; rules?: BlockingRule[] }) {
  const rules = opts.rules ?? standardBlockingRules();
  const cand = candidatePairs(records, rules, opts.mode);
  const g = gammas(records, cand, opts.comparisons);
  return { model: train(records, opts.comparisons, cand, g, rules, opts.mode), cand, g };
}

export function linkDataset(records: LinkRecord[], opts: LinkOptions): LinkOutput {
  // Given and family names written the wrong way round are common enough to be a comparison of their own.
  const comparisons = opts.comparisons ?? [...standardComparisons(), nameSwapComparison()];
  const rules = opts.rules ?? standardBlockingRules();
  const threshold = opts.threshold ?? MATCH_WEIGHT;
  const safeguards = opts.safeguards ?? true;
  const { model, cand, g } = trainModel(records, { mode: opts.mode, comparisons, rules });
  const K = comparisons.length;
  const edges = new Array<Edge>(cand.count);
  const forbidden = safeguards ? datasetSafeguards(records) : () => null;
  for (let p = 0; p < cand.count; p++) {
    const i = cand.pairs[p * 2]!;
    const j = cand.pairs[p * 2 + 1]!;
    edges[p] = { i, j, w: matchWeight(model, g.subarray(p * K, p * K + K), records[i]!), forbidden: forbidden(i, j) };
  }
  const roots = cluster(records.length, edges, {
    threshold,
    veto: VETO_WEIGHT,
    hardId: (i) => records[i]!.nhsNumber ?? null,
  });
  const groups = new Map<number, string[]>();
  roots.forEach((root, i) => {
    const list = groups.get(root) ?? [];
    list.push(records[i]!.id);
    groups.set(root, list);
  });
  return {
    model,
    pairs: edges.map((e) => ({ a: records[e.i]!.id, b: records[e.j]!.id, weight: e.w })),
    candidatePairs: cand.count,
    threshold,
    clusters: [...groups.values()],
    blocking: { candidatePairs: cand.count, possiblePairs: cand.possiblePairs },
    ...(opts.keepCandidates ? { candidates: edges.map((e) => [records[e.i]!.id, records[e.j]!.id] as [string, string]) } : {}),
  };
}
