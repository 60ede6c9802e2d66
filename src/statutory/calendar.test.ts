// The England working-day clock: bank holidays 2000–2035 against gov.uk's
// published lists and an independent rule-based oracle (Easter computus plus
// the one-off proclamations), hand-checked statutory deadlines, month
// arithmetic, properties, and range errors. Other years: calendar-any-year.test.ts.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import {
  addDays, addMonths, addWorkingDays, bankHolidays, isBankHoliday, isWorkingDay, workingDaysBetween,
} from './calendar.ts';

const dates = (year: number): string[] => bankHolidays(year).map((h) => h.date);

describe('bank holidays: published lists', () => {
  // gov.uk/bank-holidays (England and Wales); earlier years from the Royal
  // Proclamations. Substitute days appear on the Monday/Tuesday.
  const known: Record<number, string[]> = {
    2000: ['2000-01-03', '2000-04-21', '2000-04-24', '2000-05-01', '2000-05-29', '2000-08-28', '2000-12-25', '2000-12-26'],
    2002: ['2002-01-01', '2002-03-29', '2002-04-01', '2002-05-06', '2002-06-03', '2002-06-04', '2002-08-26', '2002-12-25', '2002-12-26'],
    2004: ['2004-01-01', '2004-04-09', '2004-04-12', '2004-05-03', '2004-05-31', '2004-08-30', '2004-12-27', '2004-12-28'],
    2011: ['2011-01-03', '2011-04-22', '2011-04-25', '2011-04-29', '2011-05-02', '2011-05-30', '2011-08-29', '2011-12-26', '2011-12-27'],
    2012: ['2012-01-02', '2012-04-06', '2012-04-09', '2012-05-07', '2012-06-04', '2012-06-05', '2012-08-27', '2012-12-25', '2012-12-26'],
    2020: ['2020-01-01', '2020-04-10', '2020-04-13', '2020-05-08', '2020-05-25', '2020-08-31', '2020-12-25', '2020-12-28'],
    2022: ['2022-01-03', '2022-04-15', '2022-04-18', '2022-05-02', '2022-06-02', '2022-06-03', '2022-08-29', '2022-09-19', '2022-12-26', '2022-12-27'],
    2023: ['2023-01-02', '2023-04-07', '2023-04-10', '2023-05-01', '2023-05-08', '2023-05-29', '2023-08-28', '2023-12-25', '2023-12-26'],
    2026: ['2026-01-01', '2026-04-03', '2026-04-06', '2026-05-04', '2026-05-25', '2026-08-31', '2026-12-25', '2026-12-28'],
  };
  for (const [year, expected] of Object.entries(known)) {
    test(year, () => { assert.deepEqual(dates(Number(year)), expected); });
  }

  test('8 in an ordinary year; 9 in 2002, 2011, 2012 and 2023; 10 in 2022', () => {
    const extra: Record<number, number> = { 2002: 9, 2011: 9, 2012: 9, 2022: 10, 2023: 9 };
    for (let y = 2000; y <= 2035; y++) assert.equal(bankHolidays(y).length, extra[y] ?? 8, `year ${y}`);
  });

  test('names of the one-off and moved days', () => {
    const name = (d: string) => bankHolidays(Number(d.slice(0, 4))).find((h) => h.date === d)?.name ?? '';
    assert.match(name('2002-06-04'), /Golden Jubilee/);
    assert.match(name('2011-04-29'), /wedding/i);
    assert.match(name('2012-06-05'), /Diamond Jubilee/);
    assert.match(name('2020-05-08'), /VE/);
    assert.match(name('2022-06-03'), /Platinum Jubilee/);
    assert.match(name('2022-09-19'), /Funeral/i);
    assert.match(name('2023-05-08'), /Coronation/i);
    assert.match(name('2004-12-27'), /Christmas/);
    assert.match(name('2004-12-28'), /Boxing/);
  });

  test('moved days are working days; weekend dates are not listed', () => {
    for (const d of ['2002-05-27', '2012-05-28', '2020-05-04', '2022-05-30']) {
      assert.equal(isBankHoliday(d), false, d);
      assert.equal(isWorkingDay(d), true, d);
    }
    assert.equal(isBankHoliday('2004-12-25'), false); // Saturday: the holiday is Monday the 27th
    assert.equal(isWorkingDay('2004-12-25'), false);
    assert.equal(isBankHoliday('2004-12-27'), true);
    assert.equal(isWorkingDay('2022-09-19'), false);
    assert.equal(isWorkingDay('2022-09-20'), true);
  });

  test('Easter Sunday (two days after Good Friday) for sample years', () => {
    const easter: Record<number, string> = {
      2000: '2000-04-23', 2008: '2008-03-23', 2011: '2011-04-24', 2019: '2019-04-21',
      2024: '2024-03-31', 2025: '2025-04-20', 2030: '2030-04-21', 2035: '2035-03-25',
    };
    for (const [y, sunday] of Object.entries(easter)) {
      const gf = bankHolidays(Number(y)).find((h) => h.name === 'Good Friday');
      assert.ok(gf, `Good Friday ${y}`);
      assert.equal(addDays(gf.date, 2), sunday, `Easter ${y}`);
      assert.equal(isBankHoliday(addDays(sunday, 1)), true, `Easter Monday ${y}`);
    }
  });
});

// An independent oracle: the statutory pattern from first principles, plus
// the proclaimed one-off changes.
function oracle(y: number): string[] {
  const dn = (m: number, d: number) => Date.UTC(y, m - 1, d) / 86_400_000;
  const wd = (m: number, d: number) => new Date(Date.UTC(y, m - 1, d)).getUTCDay();
  const s = (m: number, d: number) => new Date(Date.UTC(y, m - 1, d)).toISOString().slice(0, 10);
  const fromDn = (n: number) => new Date(n * 86_400_000).toISOString().slice(0, 10);
  // Anonymous Gregorian computus (Meeus/Jones/Butcher).
  const a = y % 19, b = Math.floor(y / 100), c = y % 100, d = Math.floor(b / 4), e = b % 4;
  const f = Math.floor((b + 8) / 25), g = Math.floor((b - f + 1) / 3), h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4), k = c % 4, l = (32 + 2 * e + 2 * i - h - k) % 7, m = Math.floor((a + 11 * h + 22 * l) / 451);
  const em = Math.floor((h + l - 7 * m + 114) / 31), ed = ((h + l - 7 * m + 114) % 31) + 1;
  const easter = dn(em, ed);
  const firstMonday = (mo: number) => { let x = 1; while (wd(mo, x) !== 1) x++; return s(mo, x); };
  const lastMonday = (mo: number) => { let x = 31; while (wd(mo, x) !== 1) x--; return s(mo, x); };
  const ny = wd(1, 1) === 6 ? s(1, 3) : wd(1, 1) === 0 ? s(1, 2) : s(1, 1);
  const xmas = { 1: [25, 26], 2: [25, 26], 3: [25, 26], 4: [25, 26], 5: [25, 28], 6: [27, 28], 0: [26, 27] }[wd(12, 25)]!;
  let out = [ny, fromDn(easter - 2), fromDn(easter + 1), firstMonday(5), lastMonday(5), lastMonday(8), s(12, xmas[0]!), s(12, xmas[1]!)];
  const move = (from: string, to: string) => { out = out.map((x) => (x === from ? to : x)); };
  if (y === 2002) { move('2002-05-27', '2002-06-03'); out.push('2002-06-04'); }
  if (y === 2011) out.push('2011-04-29');
  if (y === 2012) { move('2012-05-28', '2012-06-04'); out.push('2012-06-05'); }
  if (y === 2020) move('2020-05-04', '2020-05-08');
  if (y === 2022) { move('2022-05-30', '2022-06-02'); out.push('2022-06-03', '2022-09-19'); }
  if (y === 2023) out.push('2023-05-08');
  return out.sort();
}

test('every year 2000–2035 matches the rule-based oracle', () => {
  for (let y = 2000; y <= 2035; y++) assert.deepEqual(dates(y), oracle(y), `year ${y}`);
});

describe('statutory deadlines (hand-checked)', () => {
  test('across Christmas and New Year: 2006-12-22 + 10 working days = 2007-01-10', () => {
    // 25, 26 Dec and 1 Jan are holidays: 27,28,29 Dec, 2,3,4,5,8,9,10 Jan.
    assert.equal(addWorkingDays('2006-12-22', 10), '2007-01-10');
    assert.equal(workingDaysBetween('2006-12-22', '2007-01-10'), 10);
    assert.equal(workingDaysBetween('2006-12-22', '2007-01-09'), 9);
  });

  test('within 1 working day of a Friday referral', () => {
    assert.equal(addWorkingDays('2024-05-17', 1), '2024-05-20'); // ordinary Monday
    assert.equal(addWorkingDays('2024-05-24', 1), '2024-05-28'); // spring bank holiday Monday
    assert.equal(addWorkingDays('2012-06-01', 1), '2012-06-06'); // Diamond Jubilee Mon+Tue
    assert.equal(addWorkingDays('2002-05-24', 1), '2002-05-27'); // 27 May 2002 was moved: a working day
    assert.equal(addWorkingDays('2002-05-31', 1), '2002-06-05'); // Golden Jubilee Mon+Tue
    assert.equal(addWorkingDays('2011-04-28', 1), '2011-05-03'); // royal wedding Fri, early May Mon
  });

  test('across Easter', () => {
    assert.equal(addWorkingDays('2024-03-28', 1), '2024-04-02'); // Good Friday 29 Mar, Easter Monday 1 Apr
    assert.equal(addWorkingDays('2025-04-16', 3), '2025-04-23'); // 17, [18, 21], 22, 23
    assert.equal(workingDaysBetween('2025-04-17', '2025-04-22'), 1);
  });

  test('across year ends', () => {
    assert.equal(addWorkingDays('2020-12-24', 2), '2020-12-30'); // 25 Fri, 28 Mon (Boxing Day substitute)
    assert.equal(addWorkingDays('2021-12-24', 1), '2021-12-29'); // 27, 28 substitutes
    assert.equal(addWorkingDays('2027-12-24', 1), '2027-12-29');
    assert.equal(addWorkingDays('2021-12-31', 1), '2022-01-04'); // 3 Jan 2022 New Year substitute
    assert.equal(workingDaysBetween('2021-12-24', '2022-01-04'), 4); // 29, 30, 31 Dec, 4 Jan
  });

  test('45-working-day assessment', () => {
    // Nov 2–30: 21; Dec 1–22: 16 (37); 27–29: 3 (40); 2–5 Jan: 4 (44); 8 Jan: 45.
    assert.equal(addWorkingDays('2023-11-01', 45), '2024-01-08');
    // Mar 4–31: 20; Apr 1–17: 13 (33); [18, 21]; Apr 22–30: 7 (40); May 1–2 (42); [5]; 6–8 (45).
    assert.equal(addWorkingDays('2025-03-03', 45), '2025-05-08');
    assert.equal(workingDaysBetween('2025-03-03', '2025-05-08'), 45);
  });

  test('15 working days from a strategy discussion', () => {
    // Platinum Jubilee: 26,27,30,31 May, 1 Jun, [2, 3], 6–10, 13–17.
    assert.equal(addWorkingDays('2022-05-25', 15), '2022-06-17');
    // Queen's funeral: 12–16, [19], 20–23, 26–30, 3 Oct.
    assert.equal(addWorkingDays('2022-09-09', 15), '2022-10-03');
  });

  test('n = 0 and counting edge cases', () => {
    assert.equal(addWorkingDays('2023-05-09', 0), '2023-05-09');
    assert.equal(addWorkingDays('2023-05-06', 0), '2023-05-09'); // Sat, Sun, coronation Mon
    assert.equal(workingDaysBetween('2023-05-09', '2023-05-09'), 0);
    assert.equal(workingDaysBetween('2007-01-10', '2006-12-22'), 0);
    assert.equal(workingDaysBetween('2024-05-24', '2024-05-27'), 0);
    assert.equal(workingDaysBetween('2024-05-24', '2024-05-28'), 1);
  });

  test('deadlines run on past the years the tables once covered', () => {
    // 21 Fri, 24 Mon, [25, 26], 27, 28, 31, then [1 Jan 2036], 2 Jan.
    assert.equal(addWorkingDays('2035-12-20', 5), '2035-12-31');
    assert.equal(addWorkingDays('2035-12-20', 6), '2036-01-02');
    assert.equal(addWorkingDays('2036-01-02', 0), '2036-01-02');
    assert.equal(addWorkingDays('2000-01-01', 0), '2000-01-04'); // Sat, Sun, substitute Mon
  });
});

describe('calendar arithmetic', () => {
  test('addMonths clamps to the month end', () => {
    assert.equal(addMonths('2024-01-31', 1), '2024-02-29');
    assert.equal(addMonths('2023-01-31', 1), '2023-02-28');
    assert.equal(addMonths('2000-01-31', 1), '2000-02-29');
    assert.equal(addMonths('2100-01-31', 1), '2100-02-28');
    assert.equal(addMonths('2024-02-29', 12), '2025-02-28');
    assert.equal(addMonths('2024-02-29', 48), '2028-02-29');
    assert.equal(addMonths('2023-08-31', 1), '2023-09-30');
    assert.equal(addMonths('2023-08-31', 3), '2023-11-30');
    assert.equal(addMonths('2023-08-31', 6), '2024-02-29');
    assert.equal(addMonths('2023-10-31', 4), '2024-02-29');
    assert.equal(addMonths('2023-11-15', 3), '2024-02-15');
    assert.equal(addMonths('2023-12-31', 1), '2024-01-31');
    assert.equal(addMonths('2024-03-31', -1), '2024-02-29');
    assert.equal(addMonths('2024-01-15', -13), '2022-12-15');
    assert.equal(addMonths('2024-05-05', 0), '2024-05-05');
  });

  test('addDays', () => {
    assert.equal(addDays('2024-02-28', 1), '2024-02-29');
    assert.equal(addDays('2023-02-28', 1), '2023-03-01');
    assert.equal(addDays('2023-12-31', 1), '2024-01-01');
    assert.equal(addDays('2024-03-31', 1), '2024-04-01'); // clocks change on 31 Mar 2024
    assert.equal(addDays('2024-10-27', 1), '2024-10-28');
    assert.equal(addDays('2024-01-01', -1), '2023-12-31');
    assert.equal(addDays('2024-01-01', 366), '2025-01-01');
  });
});

describe('properties', () => {
  const start = '2000-01-01';
  // Days from 2000-01-01 to about mid-2034, so that +300 working days stays inside 2035.
  const day = fc.integer({ min: 0, max: 12_600 }).map((k) => addDays(start, k));
  const count = fc.integer({ min: 1, max: 300 });

  const naiveAdd = (d: string, n: number): string => {
    let x = d;
    if (n === 0) { while (!isWorkingDay(x)) x = addDays(x, 1); return x; }
    for (let left = n; left > 0;) { x = addDays(x, 1); if (isWorkingDay(x)) left--; }
    return x;
  };
  const naiveBetween = (a: string, b: string): number => {
    let c = 0;
    for (let x = addDays(a, 1); x <= b; x = addDays(x, 1)) if (isWorkingDay(x)) c++;
    return c;
  };

  test('addWorkingDays(d, n >= 1) is a working day after d, and the first with workingDaysBetween = n', () => {
    fc.assert(fc.property(day, count, (d, n) => {
      const r = addWorkingDays(d, n);
      assert.ok(r > d);
      assert.equal(isWorkingDay(r), true);
      assert.equal(workingDaysBetween(d, r), n);
      assert.equal(workingDaysBetween(d, addDays(r, -1)), n - 1);
    }));
  });

  test('matches a day-by-day count', () => {
    fc.assert(fc.property(day, fc.integer({ min: 0, max: 60 }), (d, n) => {
      assert.equal(addWorkingDays(d, n), naiveAdd(d, n));
    }));
    fc.assert(fc.property(day, fc.integer({ min: -10, max: 90 }), (a, k) => {
      const b = addDays(a, k);
      assert.equal(workingDaysBetween(a, b), naiveBetween(a, b));
    }));
  });

  test('monotonic in n and in the start day; composes', () => {
    const half = fc.integer({ min: 1, max: 150 }); // a + b stays within 300
    fc.assert(fc.property(day, day, half, half, (d1, d2, a, b) => {
      const [lo, hi] = d1 <= d2 ? [d1, d2] : [d2, d1];
      assert.ok(addWorkingDays(lo, a) <= addWorkingDays(hi, a));
      assert.ok(addWorkingDays(d1, Math.min(a, b)) <= addWorkingDays(d1, Math.max(a, b)));
      if (a !== b) assert.notEqual(addWorkingDays(d1, a), addWorkingDays(d1, b));
      assert.equal(addWorkingDays(addWorkingDays(d1, a), b), addWorkingDays(d1, a + b));
      assert.equal(workingDaysBetween(lo, hi) + workingDaysBetween(hi, addDays(hi, a)), workingDaysBetween(lo, addDays(hi, a)));
    }));
  });

  test('addDays and addMonths round-trip and stay valid', () => {
    fc.assert(fc.property(day, fc.integer({ min: -5000, max: 5000 }), (d, n) => {
      assert.equal(addDays(addDays(d, n), -n), d);
    }));
    fc.assert(fc.property(day, fc.integer({ min: -60, max: 60 }), (d, n) => {
      const r = addMonths(d, n);
      assert.match(r, /^\d{4}-\d{2}-\d{2}$/);
      assert.equal(addDays(r, 0), r); // a real calendar date
      const months = (x: string) => Number(x.slice(0, 4)) * 12 + Number(x.slice(5, 7));
      assert.equal(months(r) - months(d), n);
      const dom = Number(d.slice(8)), rdom = Number(r.slice(8));
      if (dom <= 28) assert.equal(rdom, dom);
      else assert.ok(rdom <= dom && (rdom === dom || addDays(r, 1).slice(8) === '01'));
    }));
  });
});

describe('errors', () => {
  test('years out of any calendar are refused by name, not by a crash deeper in', () => {
    assert.throws(() => bankHolidays(0), RangeError);
    assert.throws(() => bankHolidays(10000), RangeError);
    assert.throws(() => bankHolidays(2020.5), RangeError);
    assert.throws(() => addWorkingDays('9999-12-31', 1), RangeError);
    assert.equal(isWorkingDay('2000-01-04'), true);
    assert.equal(isWorkingDay('2035-12-31'), true);
  });

  test('malformed days and counts', () => {
    for (const bad of ['2023-02-30', '2023-2-3', '20230203', '2023-02-03T00:00:00Z', '2023-13-01', '']) {
      assert.throws(() => isWorkingDay(bad), RangeError, bad);
      assert.throws(() => addDays(bad, 1), RangeError, bad);
    }
    assert.throws(() => addWorkingDays('2023-05-09', -1), RangeError);
    assert.throws(() => addWorkingDays('2023-05-09', 1.5), RangeError);
    assert.throws(() => addWorkingDays('2023-05-09', Number.NaN), RangeError);
    assert.throws(() => addMonths('2023-05-09', 0.5), RangeError);
  });

  test('bankHolidays returns a copy', () => {
    const list = bankHolidays(2024);
    list.pop();
    list[0]!.date = 'x';
    assert.equal(bankHolidays(2024).length, 8);
    assert.equal(bankHolidays(2024)[0]!.date, '2024-01-01');
  });
});
