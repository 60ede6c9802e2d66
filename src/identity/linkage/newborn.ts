// How agencies record a child before and just after birth, for linking.
//
// Maternity and children's social care record a child before they have a
// name: a pre-birth assessment names "Unborn <mother's surname>" (or only the
// relationship "unborn child") with the expected date of delivery as the date
// of birth; a delivery suite or the newborn's hospital registration records
// "Baby <surname>", "Baby Boy <surname>" or "Infant of …" until the birth is
// registered (NHS Digital's Personal Demographics Service registers a newborn
// with the given name blank or "Baby" and the NHS number issued at birth
// notification). None of these words is a given name: two such records say
// nothing about whether the child is the one later named, so the given-name
// comparison must treat them as missing rather than as a disagreement.
import { normaliseName } from './names.ts';
import { parseDob } from './dates.ts';
import type { LinkRecord } from './types.ts';

/**
 * Words that stand in a given name's place for a child not yet named. A
 * given name made only of these is a placeholder. A letter or number after
 * them ("Baby A", "Twin 2") is not in the list, on purpose: it tells twins
 * apart and must keep being compared.
 */
const PLACEHOLDER_WORDS: ReadonlySet<string> = new Set([
  'baby', 'babyboy', 'babygirl', 'unborn', 'infant', 'newborn', 'neonate', 'unnamed', 'boy', 'girl', 'male', 'female',
  'child', 'of', 'bb', 'bg', 'nk', 'notknown', 'unknown',
]);

/** True when a given name is only a stand-in for a child not yet named ("Baby", "Baby Boy", "Unborn", "Infant of"). */
export function isPlaceholderGivenName(raw: string | null | undefined): boolean {
  if (!raw) return false;
  const words = raw.split(/[\s\-_/,.()]+/u).map((w) => normaliseName(w)).filter((w): w is string => !!w);
  return words.length > 0 && words.every((w) => PLACEHOLDER_WORDS.has(w));
}

/** A mention's relationship or given name that says the child is not yet born. */
export function isUnbornMention(given: string | null | undefined, relationship: string | null | undefined): boolean {
  if (relationship && /\b(unborn|pre-?birth|expected (baby|child))\b/i.test(relationship)) return true;
  return !!given && /\bunborn\b/i.test(given);
}

/**
 * The window in which a child's real date of birth is consistent with the
 * expected date written before the birth: from 18 weeks before it (a birth at
 * 22 weeks' gestation, the threshold of viability in BAPM's 2019 framework)
 * to 3 weeks after (NICE NG207 offers induction from 41 weeks, so few
 * pregnancies pass 42).
 */
export const EXPECTED_DATE_EARLIEST_DAYS = -18 * 7;
export const EXPECTED_DATE_LATEST_DAYS = 3 * 7;

const dayNumber = (raw: string | null | undefined): number | null => {
  const d = parseDob(raw);
  if (!d?.month || !d.day) return null;
  const t = Date.UTC(Number(d.year), d.month - 1, d.day);
  return Number.isNaN(t) ? null : Math.round(t / 86_400_000);
};

/**
 * For a pair where one side is an unborn child (its date of birth an expected
 * date): 'consistent' when the other side's date of birth falls in the
 * window around the expected date, 'inconsistent' when it falls outside,
 * null when either date is not a full date or neither side is unborn.
 */
export function expectedDateAgreement(a: LinkRecord, b: LinkRecord): 'consistent' | 'inconsistent' | null {
  if (!!a.unborn === !!b.unborn) return null;
  const [unborn, born] = a.unborn ? [a, b] : [b, a];
  const expected = dayNumber(unborn.dob);
  const actual = dayNumber(born.dob);
  if (expected === null || actual === null) return null;
  const offset = actual - expected;
  return offset >= EXPECTED_DATE_EARLIEST_DAYS && offset <= EXPECTED_DATE_LATEST_DAYS ? 'consistent' : 'inconsistent';
}
