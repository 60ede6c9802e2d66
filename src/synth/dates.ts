// Calendar arithmetic on day numbers (days since 1970-01-01). The generator
// works in whole days throughout: integer maths is fast and has no time zone,
// and a YYYY-MM-DD string is made only when a record is written.

/** The latest date any generated record may carry ("now" for this data set). */
export const LATEST_DATE = '2026-11-21';

/** Days from 1970-01-01 to a proleptic Gregorian date (Hinnant's days_from_civil). */
export function dayOf(y: number, m: number, d: number): number {
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/** [year, month, day] of a day number (Hinnant's civil_from_days). */
export function civil(day: number): [number, number, number] {
  const z = day + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  return [yoe + era * 400 + (m <= 2 ? 1 : 0), m, d];
}

/** Parses YYYY-MM-DD (throws on anything else, including 2021-02-30). */
export function parseDay(iso: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!m) throw new Error(`not a YYYY-MM-DD date: ${iso}`);
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const day = dayOf(y, mo, d);
  const back = civil(day);
  if (back[0] !== y || back[1] !== mo || back[2] !== d) throw new Error(`not a real date: ${iso}`);
  return day;
}

const pad2 = (n: number): string => (n < 10 ? `0${n}` : String(n));

// Formatting is the hot path when writing 100k+ records; most days repeat, so cache them.
const isoCache = new Map<number, string>();

/** YYYY-MM-DD of a day number. */
export function isoDay(day: number): string {
  let s = isoCache.get(day);
  if (s === undefined) {
    const [y, m, d] = civil(day);
    s = `${y}-${pad2(m)}-${pad2(d)}`;
    if (isoCache.size < 200_000) isoCache.set(day, s);
  }
  return s;
}

export function isoDate(y: number, m: number, d: number): string {
  return `${y}-${pad2(m)}-${pad2(d)}`;
}

export function daysInMonth(y: number, m: number): number {
  return dayOf(m === 12 ? y + 1 : y, m === 12 ? 1 : m + 1, 1) - dayOf(y, m, 1);
}

/** The same calendar date n years later (29 February becomes 28 February). */
export function addYears(day: number, n: number): number {
  const [y, m, d] = civil(day);
  return dayOf(y + n, m, Math.min(d, daysInMonth(y + n, m)));
}

/** Age in (fractional) years on a day. */
export function ageOn(dob: number, day: number): number {
  return (day - dob) / 365.25;
}

/** 0 = Sunday … 6 = Saturday (1970-01-01 was a Thursday). */
export function weekday(day: number): number {
  return (((day + 4) % 7) + 7) % 7;
}

/** The day itself if Monday–Friday, else the following Monday (offices do not book weekends). */
export function workday(day: number): number {
  const w = weekday(day);
  return w === 6 ? day + 2 : w === 0 ? day + 1 : day;
}

/** Adds n working days (Monday–Friday), as statutory timescales are counted. */
export function addWorkingDays(day: number, n: number): number {
  let d = workday(day);
  for (let i = 0; i < n; i++) d = workday(d + 1);
  return d;
}

/** First day of each calendar month from `from` (exclusive of months before it) to `to`: the generation windows. */
export function monthStarts(from: number, toExclusive: number): number[] {
  const out = [from];
  let [y, m] = civil(from);
  for (;;) {
    m++;
    if (m > 12) {
      m = 1;
      y++;
    }
    const s = dayOf(y, m, 1);
    if (s >= toExclusive) break;
    out.push(s);
  }
  return out;
}

/** Whole calendar months of age on a day (a child is 5 months old from the day five calendar months after birth). */
export function monthsOn(dob: number, day: number): number {
  const [by, bm, bd] = civil(dob);
  const [y, m, d] = civil(day);
  return (y - by) * 12 + (m - bm) - (d < bd ? 1 : 0);
}
