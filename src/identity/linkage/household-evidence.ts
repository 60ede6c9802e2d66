// Where someone lives, and whom they are recorded with, as evidence of who they are.
//
// A pair's address, postcode and phone say "same household", not "same person":
// families move (often, in the cases the Child Safeguarding Practice Review Panel
// reviews: frequent moves are one of the "Pathways to harm" patterns of Brandon
// et al.), and every member of one household shares them. So:
// - a different address is no proof of a different person: the veto ("clearly
//   someone else") weighs only who a person is (names, date of birth, sex,
//   identifiers), never where they were recorded (`personalWeight`);
// - being named in two records with the same family member (a mother, a child, a
//   partner already known to be one person) is evidence of the same household,
//   as strong as a shared postcode, and it survives a move. It stands in for the
//   location terms, it is not added to them: a sibling at the same address gains
//   nothing from it (`withSharedCompanion`). And it only carries a link whose
//   given names agree: household evidence never tells two members of one
//   household apart, the given name does.
//
// A child not yet named ("Unborn Smith" on a pre-birth assessment, "Baby Smith" at
// birth, a surname alone for "the baby") has no given name to agree on. Recorded
// with the same mother, such records are the one child when nothing about them
// disagrees: the surname, the sex, and the dates (an expected date and the birth,
// or two dates of birth within one slip of the pen). A different pregnancy of the
// same mother is told apart by those dates, and an unborn child recorded after a
// child was born is not that child (the linker checks the date it records at).
import { termWeight, type Model } from './model.ts';
import type { LinkRecord } from './types.ts';
import { notYetNamed } from './link.ts';
import { expectedDateAgreement } from './newborn.ts';
import { dobComparison, familyNameComparison, normaliseSex, postcodeComparison } from './comparisons.ts';
import { DOB_LEVELS } from './dates.ts';
import { normaliseName } from './names.ts';

/** The comparisons that say where someone was recorded rather than who they are. */
export const LOCATION_COMPARISONS: ReadonlySet<string> = new Set(['postcode', 'address', 'phone']);

/**
 * The household term when both records name the same other person: about the
 * shipped model's weight for an exact postcode (10.1 bits), the evidence it
 * replaces.
 */
export const SHARED_COMPANION_WEIGHT = 10;

/** Given-name levels (exact, a known variant, a close spelling) that let household evidence carry a link. */
const GIVEN_AGREES_UP_TO = 2;

export interface PairWeights {
  /** the model's match weight */
  total: number;
  /** the part of it from where the two were recorded (address, postcode, phone) */
  location: number;
  /** the given-name level, or null when either has none */
  given: number | null;
}

/** The pair's weight, its location part and its given-name level, from one pass over the comparisons. */
export function pairWeights(model: Model, a: LinkRecord, b: LinkRecord): PairWeights {
  let total = Math.log2(model.lambda / (1 - model.lambda));
  let location = 0;
  let given: number | null = null;
  model.comparisons.forEach((c, k) => {
    const l = c.level(a, b);
    if (l === null) return;
    const w = termWeight(model, k, l, a);
    total += w;
    if (LOCATION_COMPARISONS.has(c.name)) location += w;
    if (c.name === 'given') given = l;
  });
  return { total, location, given };
}

/** The weight of who the two are, leaving out where they were recorded: what a veto may rest on. */
export const personalWeight = (p: PairWeights) => p.total - p.location;

/**
 * The weight when both records name the same other person: the household term
 * replaces the location terms if it is stronger. Null when the given names do
 * not agree, since a shared household cannot tell its members apart.
 */
export function withSharedCompanion(p: PairWeights, a: LinkRecord, b: LinkRecord): number | null {
  const named = p.given !== null && p.given <= GIVEN_AGREES_UP_TO;
  if (!named && !unnamedAndConsistent(a, b)) return null;
  return personalWeight(p) + Math.max(p.location, SHARED_COMPANION_WEIGHT);
}

const dates = dobComparison();
const families = familyNameComparison();
const SLIP_DOB_LEVEL = DOB_LEVELS.indexOf('one of year/month/day differs');
const givenless = (r: LinkRecord) => notYetNamed(r) || normaliseName(r.given ?? undefined) === null;

/**
 * Two records of a child not yet named (one "Baby"/"Unborn", the other that or no given name at all)
 * that nothing tells apart: the same surname, no different sex, and dates that agree.
 */
export function unnamedAndConsistent(a: LinkRecord, b: LinkRecord): boolean {
  if (!(notYetNamed(a) || notYetNamed(b)) || !givenless(a) || !givenless(b)) return false;
  const fl = families.level(a, b);
  if (fl === null || fl === families.levels.length - 1) return false;
  const sa = normaliseSex(a.sex);
  const sb = normaliseSex(b.sex);
  if (sa && sb && sa !== sb) return false;
  if (!!a.unborn !== !!b.unborn) return expectedDateAgreement(a, b) !== 'inconsistent';
  const dl = dates.level(a, b);
  return dl === null || dl <= SLIP_DOB_LEVEL;
}

const postcodes = postcodeComparison();

/**
 * Two records of one household at one address, named beside the same family member, whose given names
 * agree on nothing (not the same, not a variant, not a close spelling) and that nothing else tells apart
 * (the caller has found no veto: no different date of birth or sex, not likely twins, not a generation
 * apart). A household's members share all of that, so it is never a link; but a child recorded once by a
 * pet name or a new given name, without the date of birth or surname that would tell, looks exactly like
 * this, and nobody would see the two together: it is a question for a practitioner.
 */
export function anotherNameAtOneHome(p: PairWeights, a: LinkRecord, b: LinkRecord, at: Date): boolean {
  if (p.given === null || p.given <= GIVEN_AGREES_UP_TO) return false;
  if (notYetNamed(a) || notYetNamed(b)) return false;
  // Only about a child: a pet name is a child's, and among a household's adults (partners, lodgers, grown
  // brothers and sisters) one recorded without a date of birth is too common to ask about each time.
  if (!childAt(a, at) && !childAt(b, at)) return false;
  return postcodes.level(a, b) === 0;
}

/** Born, by the year of birth, fewer than 18 years before `at` (a year is as much as a partial date gives). */
function childAt(r: LinkRecord, at: Date): boolean {
  const m = /^(\d{4})/.exec(r.dob ?? '');
  return !!m && at.getUTCFullYear() - Number(m[1]) < 18;
}
