// England and Wales bank holidays for any year, so that a working-day clock
// never refuses a date: a case from the 1950s or a record dated 2060 is
// replayed like any other.
//
// Three sources, by era:
// - 1978 onwards: the maintained `date-holidays` library (GB, ENG, type
//   'public'), which knows Easter, the substitute days and the recent one-off
//   holidays; corrected by ONE_OFFS below where it is wrong or silent.
// - 1971–1977: the same library list, less what did not yet exist: New Year's
//   Day became a bank holiday in England on 1 January 1974, the early May bank
//   holiday in 1978 (Banking and Financial Dealings Act 1971 and the Royal
//   Proclamations under s.1(3)). The library projects today's pattern
//   backwards, so it lists both for every earlier year.
// - Before 1971: the Bank Holidays Act 1871 (Easter Monday, Whit Monday, the
//   first Monday in August, 26 December, or 27 December when the 26th is a
//   Sunday) and the common-law holidays (Good Friday, Christmas Day), computed
//   here from the Easter date. The years 1965–1970 were a trial: the late
//   spring holiday on the last Monday in May and the late summer holiday on
//   the Monday after the last Saturday in August, except where ONE_OFFS
//   records the proclaimed date (Hansard, HC Deb 3 June 1965 vol 713 c250W,
//   gives 1967 and 1968). The same 1871 pattern stands in for years before
//   1871, when there were no bank holidays: a documented fallback, not history.
//
// Years to come: today's statutory pattern, from the library. One-off
// holidays (a coronation, a jubilee) are proclaimed months ahead and cannot be
// known; a future year's clock is only as right as today's law.
import Holidays from 'date-holidays';

export interface BankHoliday { date: string; name: string }

/** From this year the library's list is used (less ONE_OFFS' corrections). */
export const LIBRARY_FROM_YEAR = 1971;
/** New Year's Day is a bank holiday in England from this year; the early May bank holiday from the next constant's. */
export const NEW_YEARS_DAY_FROM = 1974;
export const EARLY_MAY_FROM = 1978;
/** The trial of the late spring and late summer holidays, before the 1971 Act fixed them. */
export const TRIAL_FROM = 1965;

interface OneOff { remove: readonly string[]; add: readonly BankHoliday[]; source: string }

/**
 * Proclaimed changes the library lacks or gets wrong, each checked against
 * gov.uk/bank-holidays or the Royal Proclamation in The London Gazette under
 * the Banking and Financial Dealings Act 1971, s.1(2)–(3) (earlier: the Bank
 * Holidays Act 1871). Applied idempotently (remove if present, add if absent),
 * so a library release that fixes a year does not count it twice.
 */
export const ONE_OFFS: ReadonlyMap<number, OneOff> = new Map<number, OneOff>([
  [1953, { remove: [], add: [{ date: '1953-06-02', name: 'Coronation of Queen Elizabeth II' }],
    source: 'Royal Proclamation: Tuesday 2 June 1953 a bank holiday for the Coronation' }],
  [1968, { remove: ['1968-05-27'], add: [{ date: '1968-06-03', name: 'Spring bank holiday' }, { date: '1968-03-15', name: 'Bank holiday (gold crisis)' }],
    source: 'Hansard HC Deb 3 June 1965 vol 713 c250W: the 1968 spring holiday on Whit Monday 3 June; Royal Proclamation of 14 March 1968: Friday 15 March 1968 a bank holiday' }],
  [1977, { remove: [], add: [{ date: '1977-06-07', name: 'Queen’s Silver Jubilee' }],
    source: 'Royal Proclamation: Tuesday 7 June 1977 a bank holiday for the Silver Jubilee' }],
  [1981, { remove: [], add: [{ date: '1981-07-29', name: 'Royal wedding' }],
    source: 'Royal Proclamation: Wednesday 29 July 1981 a bank holiday for the wedding of the Prince of Wales and Lady Diana Spencer' }],
  [1995, { remove: ['1995-05-01'], add: [{ date: '1995-05-08', name: 'Early May bank holiday (VE day)' }],
    source: 'Royal Proclamation: the early May bank holiday moved to Monday 8 May 1995, the 50th anniversary of VE day' }],
  [1999, { remove: [], add: [{ date: '1999-12-31', name: 'Millennium' }],
    source: 'Royal Proclamation: Friday 31 December 1999 an additional bank holiday for the Millennium' }],
  [2002, { remove: ['2002-05-27'], add: [{ date: '2002-06-03', name: 'Spring bank holiday' }, { date: '2002-06-04', name: 'Queen’s Golden Jubilee' }],
    source: 'Royal Proclamation: spring bank holiday moved from 27 May to Monday 3 June 2002; Tuesday 4 June 2002 an additional bank holiday for the Golden Jubilee' }],
  [2011, { remove: [], add: [{ date: '2011-04-29', name: 'Royal wedding' }],
    source: 'Royal Proclamation: Friday 29 April 2011 a bank holiday for the wedding of Prince William and Catherine Middleton' }],
  [2012, { remove: ['2012-05-28'], add: [{ date: '2012-06-04', name: 'Spring bank holiday' }],
    source: 'Royal Proclamation and gov.uk/bank-holidays: spring bank holiday moved from 28 May to Monday 4 June 2012; Tuesday 5 June the Diamond Jubilee' }],
]);
// Checked and right in date-holidays 3.37.0 (no correction needed): 2000-01-03
// substitute; 2020-05-08 VE day; 2022-06-02/03 and 2022-09-19; 2023-05-08.

const MS_PER_DAY = 86_400_000;

function utc(year: number, month: number, day: number): Date {
  const t = new Date(0);
  t.setUTCFullYear(year, month - 1, day); // Date.UTC maps years 0–99 to the 1900s
  return t;
}
const isoOf = (t: Date): string =>
  `${String(t.getUTCFullYear()).padStart(4, '0')}-${String(t.getUTCMonth() + 1).padStart(2, '0')}-${String(t.getUTCDate()).padStart(2, '0')}`;
const plusDays = (t: Date, n: number): Date => new Date(t.getTime() + n * MS_PER_DAY);
const isWeekend = (t: Date): boolean => t.getUTCDay() === 0 || t.getUTCDay() === 6;

/** Easter Sunday in the Gregorian calendar (the anonymous computus of Meeus, Jones and Butcher). */
export function easterSunday(year: number): Date {
  const a = year % 19, b = Math.floor(year / 100), c = year % 100, d = Math.floor(b / 4), e = b % 4;
  const f = Math.floor((b + 8) / 25), g = Math.floor((b - f + 1) / 3), h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4), k = c % 4, l = (32 + 2 * e + 2 * i - h - k) % 7, m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31), day = ((h + l - 7 * m + 114) % 31) + 1;
  return utc(year, month, day);
}

function firstMonday(year: number, month: number): Date {
  let t = utc(year, month, 1);
  while (t.getUTCDay() !== 1) t = plusDays(t, 1);
  return t;
}
function lastMonday(year: number, month: number): Date {
  let t = utc(year, month + 1, 0);
  while (t.getUTCDay() !== 1) t = plusDays(t, -1);
  return t;
}
/** The Monday after the last Saturday of a month (the trial years' late summer holiday: 2 September in 1968). */
function mondayAfterLastSaturday(year: number, month: number): Date {
  let t = utc(year, month + 1, 0);
  while (t.getUTCDay() !== 6) t = plusDays(t, -1);
  return plusDays(t, 2);
}

/** The 1871 Act and the common-law holidays, with the 1965–1970 trial dates. */
function beforeTheActOf1971(year: number): BankHoliday[] {
  const easter = easterSunday(year);
  const list: [Date, string][] = [
    [plusDays(easter, -2), 'Good Friday'],
    [plusDays(easter, 1), 'Easter Monday'],
  ];
  if (year >= TRIAL_FROM) {
    list.push([lastMonday(year, 5), 'Spring bank holiday'], [mondayAfterLastSaturday(year, 8), 'Summer bank holiday']);
  } else {
    list.push([plusDays(easter, 50), 'Whit Monday'], [firstMonday(year, 8), 'August bank holiday']);
  }
  list.push([utc(year, 12, 25), 'Christmas Day']);
  const boxing = utc(year, 12, 26);
  list.push([boxing.getUTCDay() === 0 ? utc(year, 12, 27) : boxing, 'Boxing Day']);
  return list.map(([t, name]) => ({ date: isoOf(t), name }));
}

let library: Holidays | undefined;

function fromLibrary(year: number): BankHoliday[] {
  library ??= new Holidays('GB', 'ENG');
  const out: BankHoliday[] = [];
  for (const h of library.getHolidays(year)) {
    if (h.type !== 'public') continue;
    const date = h.date.slice(0, 10);
    if (year < NEW_YEARS_DAY_FROM && h.name.startsWith("New Year")) continue;
    if (year < EARLY_MAY_FROM && h.name.startsWith("Early May")) continue;
    out.push({ date, name: h.name });
  }
  return out;
}

/**
 * England (and Wales) bank holidays of any year, each on the weekday it is
 * observed (a substitute Monday, not the Saturday), in date order.
 */
export function englandBankHolidays(year: number): BankHoliday[] {
  if (!Number.isInteger(year) || year < 1 || year > 9999) throw new RangeError(`bank holidays: year must be 1–9999, got ${year}`);
  const found = new Map<string, string>();
  for (const h of year >= LIBRARY_FROM_YEAR ? fromLibrary(year) : beforeTheActOf1971(year)) {
    // Weekend dates (Christmas on a Saturday) are not bank holidays themselves: the list also has the substitute.
    const [y, m, d] = h.date.split('-').map(Number) as [number, number, number];
    if (y !== year || isWeekend(utc(y, m, d))) continue;
    if (!found.has(h.date)) found.set(h.date, h.name);
  }
  const fix = ONE_OFFS.get(year);
  for (const date of fix?.remove ?? []) found.delete(date);
  for (const h of fix?.add ?? []) if (!found.has(h.date)) found.set(h.date, h.name);
  return [...found].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([date, name]) => ({ date, name }));
}
