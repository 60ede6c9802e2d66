// Identity noise: how each agency's copy of a person drifts from the truth.
// Real errors are mostly made once, when an agency registers someone, and then
// repeat on every later record from that agency; so most noise is decided per
// (agency, person) "view" and only re-keying agencies (ED reception, police)
// add fresh slips per record. Every rate below is multiplied by the `noise`
// option (clamped to 1); noise 0 gives clean data: every mention of a person
// carries the same name, full dob, sex, current address and (health only) NHS number.
// The rates are assumptions informed by linkage studies of NHS and education
// data (e.g. Harron et al., "Challenges in administrative data linkage for
// research", Big Data & Society 2017: 2–10% of records with identifier errors).
import type { Rng } from './random.ts';
import { civil, dayOf, daysInMonth, isoDate, isoDay } from './dates.ts';

/** A given or family name registered with a typing slip (transposition, substitution or deletion), per agency-person. */
export const NAME_TYPO_RATE = 0.03;
/** A fresh slip in a name on one record, for agencies that type details in each time (ED reception, police). */
export const REKEY_TYPO_RATE = 0.02;
/** An agency records the short name a person goes by (Kate for Katherine), where the nickname table has one. */
export const NICKNAME_RATE = 0.06;
/** Schools and police take the name the person gives, so use nicknames this many times as often. */
export const NICKNAME_INFORMAL_FACTOR = 2.5;
/** Date of birth recorded with day and month swapped (only where the swap is a real date). */
export const DOB_SWAP_RATE = 0.01;
/** Date of birth missing for a child. */
export const DOB_MISSING_CHILD_RATE = 0.02;
/** Date of birth missing for an adult (child-focused services rarely ask for a parent's). */
export const DOB_MISSING_ADULT_RATE = 0.3;
/** Only the year of birth recorded for an adult ("aged about 35"). */
export const DOB_YEAR_ONLY_ADULT_RATE = 0.05;
/** Sex not recorded. */
export const SEX_MISSING_RATE = 0.05;
/** No address recorded. */
export const ADDRESS_MISSING_RATE = 0.05;
/** NHS number not recorded, by a health agency: GP and health visiting look it up on the Spine, ED reception often does not. */
export const NHS_MISSING_RATE = { gp: 0.01, 'health-visiting': 0.02, hospital: 0.08 } as const;
/** Postcode typed without the space ('N176AA'). */
export const POSTCODE_NO_SPACE_RATE = 0.15;
/** Postcode typed in lower case without the space ('n176aa'). */
export const POSTCODE_LOWER_RATE = 0.05;
/** Address typed in short form ('3/40 Birch Rd'). */
export const ADDRESS_ABBREVIATED_RATE = 0.2;
/** Police systems record surnames (and addresses) in capitals: a property of the whole system, so every police mention when noise > 0. */
export const POLICE_UPPERCASE = true;
/** Mean days before an agency records a family's new address (exponential). */
export const ADDRESS_LAG_MEAN_DAYS = 45;
/** Agencies that never record a new address. */
export const ADDRESS_NEVER_UPDATED_RATE = 0.1;
/** A mother takes her new partner's surname some months after he moves in. */
export const SURNAME_CHANGE_AFTER_NEW_PARTNER_RATE = 0.25;
/** Her children are known by the new surname too. */
export const CHILD_TAKES_NEW_SURNAME_RATE = 0.35;
/** Mean days before an agency records a surname change; some never do. */
export const SURNAME_LAG_MEAN_DAYS = 90;
export const SURNAME_NEVER_UPDATED_RATE = 0.3;
/** An agency that records a new surname keeps the old one as an alias. */
export const ALIAS_KEPT_RATE = 0.6;

/** `rate × noise`, clamped to a probability. */
export function scaled(rate: number, noise: number): number {
  return Math.min(1, Math.max(0, rate * noise));
}

const LETTERS = 'abcdefghijklmnopqrstuvwxyz';

/** One typing slip in a name, never in its first letter (people rarely get that wrong). */
export function typo(rng: Rng, s: string): string {
  if (s.length < 3) return s;
  const i = rng.int(1, s.length - 2);
  const op = rng.int(0, 2);
  const a = s.charAt(i);
  const b = s.charAt(i + 1);
  if (op === 0 && a !== b) return s.slice(0, i) + b + a + s.slice(i + 2);
  if (op === 2) return s.slice(0, i) + s.slice(i + 1);
  let c = a;
  while (c.toLowerCase() === a.toLowerCase()) c = LETTERS.charAt(rng.int(0, 25));
  if (a !== a.toLowerCase()) c = c.toUpperCase();
  return s.slice(0, i) + c + s.slice(i + 1);
}

/**
 * A day/month-swapped date of birth, or undefined when the swap is not a real
 * date, changes nothing, or could land after a record about the person (the
 * swapped date must be before `notAfter`, the period start, or no later than
 * the true date).
 */
export function swapDayMonth(dob: number, notAfter: number): string | undefined {
  const [y, m, d] = civil(dob);
  if (d > 12 || d === m || m > daysInMonth(y, d)) return undefined;
  const swapped = dayOf(y, d, m);
  if (swapped > dob && swapped >= notAfter) return undefined;
  return isoDate(y, d, m);
}

/** The full date of birth as recorded: exact, year only, swapped or missing. */
export function recordedDob(rng: Rng, dob: number, adult: boolean, noise: number, periodStart: number): string | undefined {
  if (rng.chance(scaled(adult ? DOB_MISSING_ADULT_RATE : DOB_MISSING_CHILD_RATE, noise))) return undefined;
  if (adult && rng.chance(scaled(DOB_YEAR_ONLY_ADULT_RATE, noise))) return String(civil(dob)[0]);
  if (rng.chance(scaled(DOB_SWAP_RATE, noise))) {
    const swapped = swapDayMonth(dob, periodStart);
    if (swapped) return swapped;
  }
  return isoDay(dob);
}

/** Postcode in the style a clerk typed it: 0 'N17 6AA', 1 'N176AA', 2 'n176aa'. */
export function postcodeStyle(rng: Rng, noise: number): 0 | 1 | 2 {
  if (rng.chance(scaled(POSTCODE_LOWER_RATE, noise))) return 2;
  if (rng.chance(scaled(POSTCODE_NO_SPACE_RATE, noise))) return 1;
  return 0;
}

export function formatPostcode(canonical: string, style: 0 | 1 | 2): string {
  if (style === 0) return canonical;
  const joined = canonical.replace(' ', '');
  return style === 1 ? joined : joined.toLowerCase();
}

/** Days an agency lags behind a change (0 without noise; Infinity if it never catches up). */
export function lagDays(rng: Rng, noise: number, meanDays: number, neverRate: number): number {
  if (noise <= 0) return 0;
  if (rng.chance(scaled(neverRate, noise))) return Infinity;
  return Math.round(rng.exponential(meanDays * noise));
}
