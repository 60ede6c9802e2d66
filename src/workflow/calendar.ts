// The working-day clock for England, used for every statutory deadline
// ("within 1 working day", the 45-working-day assessment, 15 working days
// from a strategy discussion, "within 3 months").
//
// Days are ISO date strings 'YYYY-MM-DD' throughout. They are never turned
// into local-time Date objects: arithmetic is done on UTC day numbers, so the
// answer does not depend on the server's time zone or on daylight saving.
//
// Bank holidays come from the maintained `date-holidays` library
// (new Holidays('GB', 'ENG'), type 'public'), corrected by the small override
// table below, for 2000-01-01 to 2035-12-31. Any lookup outside that range
// throws a RangeError rather than silently treating an unknown day as a
// working day. England and Wales share the same bank holidays.
//
// A bank holiday is listed on the weekday on which it is observed, as gov.uk
// lists them: when Christmas Day falls on a Saturday, the bank holiday is
// Monday 27 December ("Christmas Day (substitute day)") and Saturday
// 25 December is not listed (it is a weekend day anyway).
import Holidays from 'date-holidays';

export interface BankHoliday { date: string; name: string }

/** First and last year of the bank-holiday calendar (inclusive). */
export const CALENDAR_FIRST_YEAR = 2000;
export const CALENDAR_LAST_YEAR = 2035;

/**
 * Corrections to date-holidays 3.37.0 for England. Each was checked against
 * gov.uk/bank-holidays and the Royal Proclamations published in The London
 * Gazette under the Banking and Financial Dealings Act 1971, s.1(2)–(3).
 * Applied idempotently (remove if present, add if absent), so a later library
 * release that fixes a year does not double-count it.
 */
const OVERRIDES: ReadonlyMap<number, { remove: readonly string[]; add: readonly BankHoliday[]; source: string }> = new Map([
  [2002, {
    // The library keeps the spring bank holiday on Monday 27 May and has no
    // Golden Jubilee holiday at all.
    remove: ['2002-05-27'],
    add: [
      { date: '2002-06-03', name: 'Spring bank holiday' },
      { date: '2002-06-04', name: 'Queen’s Golden Jubilee' },
    ],
    source: 'Royal Proclamation (The London Gazette): spring bank holiday moved from 27 May to Monday 3 June 2002; Tuesday 4 June 2002 an additional bank holiday for the Golden Jubilee',
  }],
  [2011, {
    // The library omits the royal wedding.
    remove: [],
    add: [{ date: '2011-04-29', name: 'Royal wedding' }],
    source: 'Royal Proclamation (The London Gazette): Friday 29 April 2011 a bank holiday for the wedding of Prince William and Catherine Middleton',
  }],
  [2012, {
    // The library has the Diamond Jubilee on 5 June but leaves the spring
    // bank holiday on Monday 28 May instead of moving it to Monday 4 June.
    remove: ['2012-05-28'],
    add: [{ date: '2012-06-04', name: 'Spring bank holiday' }],
    source: 'Royal Proclamation (The London Gazette) and gov.uk/bank-holidays for 2012: spring bank holiday moved from 28 May to Monday 4 June 2012; Tuesday 5 June 2012 the Diamond Jubilee bank holiday',
  }],
]);
// Checked and correct in the library (no override needed): 2000-01-03
// substitute; 2020-05-08 VE day (early May bank holiday moved from 4 May);
// 2022-06-02 spring bank holiday and 2022-06-03 Platinum Jubilee;
// 2022-09-19 State Funeral of Queen Elizabeth II; 2023-05-08 Coronation;
// Easter for every year 2000–2035. (1999-12-31, the Millennium holiday, is
// outside the calendar.)

const MS_PER_DAY = 86_400_000;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

function daysInMonth(year: number, month: number): number {
  return month === 2
    ? ((year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28)
    : [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/** Days since 1970-01-01 of a calendar date (proleptic Gregorian, UTC). */
function dayNumberOf(year: number, month: number, day: number): number {
  const t = new Date(0);
  t.setUTCFullYear(year, month - 1, day); // avoids Date.UTC's 0–99 → 1900s mapping
  return Math.round(t.getTime() / MS_PER_DAY);
}

function parse(day: string): { year: number; month: number; dom: number; n: number } {
  const m = typeof day === 'string' ? ISO_DATE.exec(day) : null;
  const year = Number(m?.[1]), month = Number(m?.[2]), dom = Number(m?.[3]);
  if (!m || month < 1 || month > 12 || dom < 1 || dom > daysInMonth(year, month)) {
    throw new RangeError(`not an ISO calendar date (YYYY-MM-DD): ${JSON.stringify(day)}`);
  }
  return { year, month, dom, n: dayNumberOf(year, month, dom) };
}

function iso(year: number, month: number, dom: number): string {
  if (!(year >= 0 && year <= 9999)) throw new RangeError(`date out of range: year ${year}`);
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(dom).padStart(2, '0')}`;
}

function fromDayNumber(n: number): string {
  const t = new Date(n * MS_PER_DAY);
  return iso(t.getUTCFullYear(), t.getUTCMonth() + 1, t.getUTCDate());
}

/** 0 = Sunday … 6 = Saturday. */
function weekday(n: number): number {
  return (((n + 4) % 7) + 7) % 7; // 1970-01-01 was a Thursday
}

const FIRST_DAY = dayNumberOf(CALENDAR_FIRST_YEAR, 1, 1);
const LAST_DAY = dayNumberOf(CALENDAR_LAST_YEAR, 12, 31);
const FIRST_ISO = `${CALENDAR_FIRST_YEAR}-01-01`;
const LAST_ISO = `${CALENDAR_LAST_YEAR}-12-31`;

function outOfRange(what: string, day: string): RangeError {
  return new RangeError(`${what}: ${day} is outside the England bank-holiday calendar, which covers ${FIRST_ISO} to ${LAST_ISO}`);
}

/** Parses `day` and requires it to lie within the calendar. */
function inRange(what: string, day: string): number {
  const { n } = parse(day);
  if (n < FIRST_DAY || n > LAST_DAY) throw outOfRange(what, day);
  return n;
}

interface Tables {
  byYear: Map<number, readonly BankHoliday[]>;
  holidays: Set<string>;
  /** Every working day in the calendar, in order. */
  workingDays: string[];
  /** cumulative[i] = working days in [FIRST_DAY, FIRST_DAY + i]. */
  cumulative: Int32Array;
}

let tables: Tables | undefined;

function build(): Tables {
  const hd = new Holidays('GB', 'ENG');
  const byYear = new Map<number, readonly BankHoliday[]>();
  const holidays = new Set<string>();
  for (let year = CALENDAR_FIRST_YEAR; year <= CALENDAR_LAST_YEAR; year++) {
    const found = new Map<string, string>();
    for (const h of hd.getHolidays(year)) {
      if (h.type !== 'public') continue;
      const date = h.date.slice(0, 10);
      const { n, year: y } = parse(date);
      // Weekend dates (Christmas on a Saturday, say) are not bank holidays
      // themselves: the library also gives the weekday substitute.
      if (y !== year || weekday(n) === 0 || weekday(n) === 6) continue;
      if (!found.has(date)) found.set(date, h.name);
    }
    const fix = OVERRIDES.get(year);
    for (const date of fix?.remove ?? []) found.delete(date);
    for (const h of fix?.add ?? []) if (!found.has(h.date)) found.set(h.date, h.name);
    const list = [...found].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([date, name]) => Object.freeze({ date, name }));
    byYear.set(year, Object.freeze(list));
    for (const h of list) holidays.add(h.date);
  }
  const workingDays: string[] = [];
  const cumulative = new Int32Array(LAST_DAY - FIRST_DAY + 1);
  for (let n = FIRST_DAY; n <= LAST_DAY; n++) {
    const day = fromDayNumber(n);
    const wd = weekday(n);
    if (wd !== 0 && wd !== 6 && !holidays.has(day)) workingDays.push(day);
    cumulative[n - FIRST_DAY] = workingDays.length;
  }
  return { byYear, holidays, workingDays, cumulative };
}

function t(): Tables {
  return (tables ??= build());
}

function workingCount(n: number): number {
  return t().cumulative[n - FIRST_DAY]!;
}

function requireCount(what: string, n: number): void {
  if (!Number.isSafeInteger(n)) throw new RangeError(`${what}: n must be an integer, got ${n}`);
}

/** England (and Wales) bank holidays of a year, 2000–2035; throws RangeError outside that range. */
export function bankHolidays(year: number): BankHoliday[] {
  if (!Number.isInteger(year) || year < CALENDAR_FIRST_YEAR || year > CALENDAR_LAST_YEAR) {
    throw new RangeError(`bankHolidays: year ${year} is outside the England bank-holiday calendar (${CALENDAR_FIRST_YEAR}–${CALENDAR_LAST_YEAR})`);
  }
  return t().byYear.get(year)!.map((h) => ({ ...h }));
}

/** True on the weekday a bank holiday is observed (a substitute Monday, not the Saturday). Throws RangeError outside 2000–2035. */
export function isBankHoliday(day: string): boolean {
  inRange('isBankHoliday', day);
  return t().holidays.has(day);
}

/** Monday–Friday and not an England bank holiday. Throws RangeError outside 2000–2035. */
export function isWorkingDay(day: string): boolean {
  const n = inRange('isWorkingDay', day);
  const wd = weekday(n);
  return wd !== 0 && wd !== 6 && !t().holidays.has(day);
}

/**
 * The day n working days after `day` (n >= 0; n = 0 gives `day` itself if a
 * working day, else the next working day). Counting starts the day after
 * `day`: "within 1 working day of a referral on Friday" is the next Monday (or
 * Tuesday after a bank holiday Monday). Throws RangeError if `day` or the
 * answer is outside 2000–2035.
 */
export function addWorkingDays(day: string, n: number): string {
  requireCount('addWorkingDays', n);
  if (n < 0) throw new RangeError(`addWorkingDays: n must be >= 0, got ${n}`);
  const d = inRange('addWorkingDays', day);
  const before = workingCount(d); // working days up to and including `day`
  let index: number;
  if (n === 0) {
    if (isWorkingDay(day)) return day;
    index = before;
  } else {
    index = before + n - 1;
  }
  const answer = t().workingDays[index];
  if (answer === undefined) {
    throw new RangeError(`addWorkingDays(${day}, ${n}): the deadline falls after ${LAST_ISO}, the end of the England bank-holiday calendar`);
  }
  return answer;
}

/**
 * Working days after `from` up to and including `to` (0 if to <= from).
 * addWorkingDays(d, n) is the first day with workingDaysBetween(d, day) === n
 * (for n >= 1). Throws RangeError if either day is outside 2000–2035 (unless
 * to <= from).
 */
export function workingDaysBetween(from: string, to: string): number {
  const a = parse(from).n, b = parse(to).n;
  if (b <= a) return 0;
  inRange('workingDaysBetween', from);
  inRange('workingDaysBetween', to);
  return workingCount(b) - workingCount(a);
}

/**
 * Calendar months: the same day-of-month n months later, clamped to the
 * month's end (31 Jan + 1 month = 28/29 Feb), for "within 3 months".
 * n may be negative. Not limited to the bank-holiday calendar's years.
 */
export function addMonths(day: string, n: number): string {
  requireCount('addMonths', n);
  const { year, month, dom } = parse(day);
  const total = year * 12 + (month - 1) + n;
  const y = Math.floor(total / 12), m = total - y * 12 + 1;
  return iso(y, m, Math.min(dom, daysInMonth(y, m)));
}

/** Calendar days (n may be negative). Not limited to the bank-holiday calendar's years. */
export function addDays(day: string, n: number): string {
  requireCount('addDays', n);
  return fromDayNumber(parse(day).n + n);
}
