// Who is an adult: one reading, used by the child's page (an unknown adult in the home), the unknown-adult
// rule, the alerts (whose childhood the rules read) and the replay report (whose households it shows).
//
// A date of birth decides, read as full as it is known (identity/people.ts dateOfBirthOf): a year alone
// counts from its 1st of January, a year and month from the month's 1st, and someone born on 29 February
// turns 18 on 1 March. So a twin, a month-only date of birth and the 18th birthday give one answer everywhere.
//
// Without a date of birth, what the records say of the person: named in an adult's role, an adult; described
// as a child (a sibling, a son, a twin, a half-sister), a child; otherwise not known. What "not known" means
// depends on the question, and is said once here for each:
// - whether a person is a child whose records the rules read (isChildOn): the subject of a record is taken
//   for a child, since agencies' records about a child name the child as their subject;
// - whether a person in a child's home is an adult (isAdultInHome): taken for an adult, since the men who
//   were unknown to the professionals in serious case reviews were seldom described at all.
import { earliestDate, isRealDate } from '../records/dates.ts';

export const ADULT_YEARS = 18;

/** Roles in a record that only an adult holds. */
export const ADULT_ROLES: ReadonlySet<string> = new Set(['parent', 'carer', 'partner-of-parent', 'alleged-perpetrator', 'professional']);

// Whole words: "brother-in-law" is not a brother (the hyphen ends the word, so it is excluded explicitly).
const CHILD_WORDS = /\b(son|daughter|brother|sister|sibling|half-\w+|step-?(son|daughter|brother|sister)|child|baby|cousin|twin)\b(?!-in-law)/i;

export interface PersonAsRecorded {
  /** as full as it is known: 'YYYY', 'YYYY-MM' or 'YYYY-MM-DD' (dateOfBirthOf) */
  dob: string | null;
  /** every role the records give them */
  roles: readonly string[];
  /** every relationship the records give them ("mother's partner", "twin") */
  relationships?: readonly string[];
}

/** The day a person turns 18 (YYYY-MM-DD), from a date of birth as full as it is known; null with none (or none readable). */
export function eighteenthBirthday(dob: string | null): string | null {
  const m = dob ? /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/.exec(dob) : null;
  if (!m || !isRealDate(earliestDate(dob!))) return null;
  // Date.UTC rolls 29 February into 1 March in a year that has none.
  return new Date(Date.UTC(Number(m[1]) + ADULT_YEARS, Number(m[2] ?? 1) - 1, Number(m[3] ?? 1))).toISOString().slice(0, 10);
}

/** A sibling, or given a relationship that names a child (son, daughter, twin, half-brother, step-sister, cousin). */
export function describedAsChild(p: Pick<PersonAsRecorded, 'roles' | 'relationships'>): boolean {
  return p.roles.includes('sibling') || (p.relationships ?? []).some((r) => CHILD_WORDS.test(r));
}

/** An adult on `on` (YYYY-MM-DD)? By date of birth; without one, by role or description; null when the records do not say. */
export function isAdultOn(p: PersonAsRecorded, on: string): boolean | null {
  const adultFrom = eighteenthBirthday(p.dob);
  if (adultFrom !== null) return on >= adultFrom;
  if (p.roles.some((r) => ADULT_ROLES.has(r))) return true;
  if (describedAsChild(p)) return false;
  return null;
}

/** A child whose records the rules read, on `on`: the subject of a record who is not an adult (not known: a child). */
export function isChildOn(p: PersonAsRecorded, on: string): boolean {
  return p.roles.includes('subject') && isAdultOn(p, on) !== true;
}

/** An adult in a child's home on `on` (not known: an adult). */
export function isAdultInHome(p: PersonAsRecorded, on: string): boolean {
  return isAdultOn(p, on) ?? true;
}
