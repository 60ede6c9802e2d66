// The working-day clock for England, used for every statutory deadline
// ("within 1 working day", the 45-working-day assessment, 15 working days
// from a strategy discussion, "within 3 months").
//
// Days are ISO date strings 'YYYY-MM-DD' throughout. They are never turned
// into local-time Date objects: arithmetic is done on UTC day numbers, so the
// answer does not depend on the server's time zone or on daylight saving.
//
// Bank holidays come from ./bank-holidays.ts, for any year: the maintained
// `date-holidays` library for the modern pattern, the statutes for earlier
// eras, and a table of proclaimed one-off days (see that file for what is
// history and what is a documented fallback). No date makes the clock throw:
// a 1980s case and a record dated 2060 are counted alike. England and Wales
// share the same bank holidays.
//
// A bank holiday is listed on the weekday on which it is observed, as gov.uk
// lists them: when Christmas Day falls on a Saturday, the bank holiday is
// Monday 27 December ("Christmas Day (substitute day)") and Saturday
// 25 December is not listed (it is a weekend day anyway).
import { englandBankHolidays, type BankHoliday } from './bank-holidays.ts';

export type { BankHoliday } from './bank-holidays.ts';

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

/** Each year's bank holidays, computed once. */
const byYear = new Map<number, { list: readonly BankHoliday[]; dates: ReadonlySet<string> }>();

function yearOf(year: number): { list: readonly BankHoliday[]; dates: ReadonlySet<string> } {
  let entry = byYear.get(year);
  if (!entry) {
    const list = Object.freeze(englandBankHolidays(year).map((h) => Object.freeze(h)));
    entry = { list, dates: new Set(list.map((h) => h.date)) };
    byYear.set(year, entry);
  }
  return entry;
}

function holidayOn(day: string): boolean {
  return yearOf(Number(day.slice(0, 4))).dates.has(day);
}

/**
 * The bank holidays of a run of whole years as day numbers, sorted, so the clock's inner loops look a day up
 * without building its date string. Widened a year at a time as dates outside it are asked about.
 */
const loaded = { firstYear: 0, lastYear: -1, from: 0, to: -1, days: new Set<number>(), sorted: [] as number[] };

function cover(n: number): void {
  if (n >= loaded.from && n <= loaded.to) return;
  const year = Number(fromDayNumber(n).slice(0, 4));
  const first = loaded.lastYear < loaded.firstYear ? year : Math.min(year, loaded.firstYear);
  const last = loaded.lastYear < loaded.firstYear ? year : Math.max(year, loaded.lastYear);
  const sorted: number[] = [];
  for (let y = first; y <= last; y++) for (const h of yearOf(y).list) sorted.push(parse(h.date).n);
  Object.assign(loaded, { firstYear: first, lastYear: last, from: dayNumberOf(first, 1, 1), to: dayNumberOf(last, 12, 31), days: new Set(sorted), sorted });
}

function workingOn(n: number): boolean {
  const wd = weekday(n);
  if (wd === 0 || wd === 6) return false;
  cover(n);
  return !loaded.days.has(n);
}

/** Index of the first loaded holiday after day number n. */
function firstHolidayAfter(n: number): number {
  let lo = 0, hi = loaded.sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (loaded.sorted[mid]! <= n) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Monday–Friday days in the day numbers (a, b], by whole weeks and the remainder. */
function weekdaysAfter(a: number, b: number): number {
  const span = b - a;
  let count = Math.floor(span / 7) * 5;
  for (let n = a + Math.floor(span / 7) * 7 + 1; n <= b; n++) if (weekday(n) !== 0 && weekday(n) !== 6) count++;
  return count;
}

function requireCount(what: string, n: number): void {
  if (!Number.isSafeInteger(n)) throw new RangeError(`${what}: n must be an integer, got ${n}`);
}

/** England (and Wales) bank holidays of any year (1–9999), on the weekdays they are observed. */
export function bankHolidays(year: number): BankHoliday[] {
  if (!Number.isInteger(year) || year < 1 || year > 9999) throw new RangeError(`bankHolidays: year must be an integer 1–9999, got ${year}`);
  return yearOf(year).list.map((h) => ({ ...h }));
}

/** True on the weekday a bank holiday is observed (a substitute Monday, not the Saturday). */
export function isBankHoliday(day: string): boolean {
  parse(day);
  return holidayOn(day);
}

/** Monday–Friday and not an England bank holiday. */
export function isWorkingDay(day: string): boolean {
  return workingOn(parse(day).n);
}

/**
 * The day n working days after `day` (n >= 0; n = 0 gives `day` itself if a
 * working day, else the next working day). Counting starts the day after
 * `day`: "within 1 working day of a referral on Friday" is the next Monday (or
 * Tuesday after a bank holiday Monday). Any year: throws RangeError only for
 * a malformed day or count, or an answer after the year 9999.
 */
export function addWorkingDays(day: string, n: number): string {
  requireCount('addWorkingDays', n);
  if (n < 0) throw new RangeError(`addWorkingDays: n must be >= 0, got ${n}`);
  let at = parse(day).n;
  if (n === 0) {
    while (!workingOn(at)) at++;
    return fromDayNumber(at);
  }
  // Whole weeks first (5 weekdays each, then the holidays in them made good), so a long count is not walked day by day.
  let left = n;
  while (left > 10) {
    const weeks = Math.floor((left - 1) / 5);
    const to = at + weeks * 7;
    left -= workingDaysBetweenNumbers(at, to);
    at = to;
  }
  while (left > 0) {
    at++;
    if (workingOn(at)) left--;
  }
  return fromDayNumber(at);
}

/** Working days in the day numbers (a, b], a < b: weekdays less the (weekday) bank holidays among them. */
function workingDaysBetweenNumbers(a: number, b: number): number {
  cover(a + 1);
  cover(b);
  return weekdaysAfter(a, b) - (firstHolidayAfter(b) - firstHolidayAfter(a));
}

/**
 * Working days after `from` up to and including `to` (0 if to <= from).
 * addWorkingDays(d, n) is the first day with workingDaysBetween(d, day) === n
 * (for n >= 1). Any years.
 */
export function workingDaysBetween(from: string, to: string): number {
  const a = parse(from).n, b = parse(to).n;
  return b <= a ? 0 : workingDaysBetweenNumbers(a, b);
}

/**
 * Calendar months: the same day-of-month n months later, clamped to the
 * month's end (31 Jan + 1 month = 28/29 Feb), for "within 3 months".
 * n may be negative.
 */
export function addMonths(day: string, n: number): string {
  requireCount('addMonths', n);
  const { year, month, dom } = parse(day);
  const total = year * 12 + (month - 1) + n;
  const y = Math.floor(total / 12), m = total - y * 12 + 1;
  return iso(y, m, Math.min(dom, daysInMonth(y, m)));
}

/** Calendar days (n may be negative). */
export function addDays(day: string, n: number): string {
  requireCount('addDays', n);
  return fromDayNumber(parse(day).n + n);
}
