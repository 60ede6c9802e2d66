// The working-day clock for any year: the statutory eras of England's bank
// holidays, the proclaimed one-off days, years to come, and records from 1950
// and 2060 going through ingest and the statutory process without a crash.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { addDays, addWorkingDays, bankHolidays, isWorkingDay, workingDaysBetween } from './calendar.ts';
import { easterSunday } from './bank-holidays.ts';
import { operator, testRepository } from '../../test/helpers/test-db.ts';
import type { AgencyRecord } from '../records/types.ts';

const dates = (year: number) => bankHolidays(year).map((h) => h.date);

test('1981: the modern pattern with the royal wedding; Boxing Day on a Saturday gives Monday 28 December', () => {
  assert.deepEqual(dates(1981), [
    '1981-01-01', '1981-04-17', '1981-04-20', '1981-05-04', '1981-05-25', '1981-07-29', '1981-08-31', '1981-12-25', '1981-12-28',
  ]);
  // The clock that crashed on this case's dates: Friday 21 August + 6 working days passes the summer bank holiday (31st).
  assert.equal(addWorkingDays('1981-08-21', 6), '1981-09-01');
  assert.equal(addWorkingDays('1981-07-28', 1), '1981-07-30', 'the royal wedding is not a working day');
  assert.equal(addWorkingDays('1981-08-04', 15), '1981-08-25');
});

test('1950: the Bank Holidays Act 1871 (Whit Monday, the first Monday in August) and no New Year or May Day holiday', () => {
  // Easter Sunday 9 April 1950; Whit Monday 50 days later.
  assert.deepEqual(dates(1950), ['1950-04-07', '1950-04-10', '1950-05-29', '1950-08-07', '1950-12-25', '1950-12-26']);
  assert.equal(isWorkingDay('1950-01-02'), true, 'New Year was not a bank holiday in England until 1974');
  assert.ok(dates(1953).includes('1953-06-02'), 'the Coronation');
});

test('the trial years (1968: Whit Monday and 2 September, as announced), 1971–1977, and the one-off days to 1999', () => {
  assert.deepEqual(dates(1968), ['1968-03-15', '1968-04-12', '1968-04-15', '1968-06-03', '1968-09-02', '1968-12-25', '1968-12-26']);
  assert.ok(!dates(1973).some((d) => d.endsWith('-01-01')), 'no New Year bank holiday before 1974');
  assert.deepEqual(dates(1977), ['1977-01-03', '1977-04-08', '1977-04-11', '1977-05-30', '1977-06-07', '1977-08-29', '1977-12-26', '1977-12-27']);
  assert.ok(dates(1978).includes('1978-05-01'), 'the first early May bank holiday');
  assert.ok(dates(1995).includes('1995-05-08') && !dates(1995).includes('1995-05-01'), 'VE day 50: early May moved to the 8th');
  assert.ok(dates(1999).includes('1999-12-31'), 'the Millennium');
});

test('years to come: Easter from the computus, today\'s statutory pattern', () => {
  // Easter Sunday 18 April 2060 and 28 March 2100 (published Easter tables).
  assert.equal(easterSunday(2060).toISOString().slice(0, 10), '2060-04-18');
  assert.equal(easterSunday(2100).toISOString().slice(0, 10), '2100-03-28');
  assert.deepEqual(dates(2060), ['2060-01-01', '2060-04-16', '2060-04-19', '2060-05-03', '2060-05-31', '2060-08-30', '2060-12-27', '2060-12-28']);
  for (let y = 2036; y <= 2200; y++) {
    const goodFriday = bankHolidays(y).find((h) => h.name === 'Good Friday')!;
    assert.equal(addDays(goodFriday.date, 2), easterSunday(y).toISOString().slice(0, 10), `Easter ${y}`);
    assert.equal(bankHolidays(y).length, 8, `year ${y}`);
  }
});

test('addWorkingDays and workingDaysBetween agree with a day-by-day count in any century', () => {
  const day = fc.integer({ min: 0, max: 365 * 300 }).map((n) => addDays('1850-01-01', n));
  fc.assert(fc.property(day, fc.integer({ min: 0, max: 400 }), (d, n) => {
    let at = d, left = n;
    if (n === 0) while (!isWorkingDay(at)) at = addDays(at, 1);
    while (left > 0) { at = addDays(at, 1); if (isWorkingDay(at)) left--; }
    assert.equal(addWorkingDays(d, n), at);
    if (n > 0) assert.equal(workingDaysBetween(d, at), n);
  }), { numRuns: 300 });
});

function record(ref: string, kind: AgencyRecord['kind'], on: string, dob: string, body: Record<string, unknown>): AgencyRecord {
  return {
    format: 'agency-record/1', agency: 'csc-1', ref, kind, occurredAt: on,
    people: [{ key: 'child', role: 'subject', name: { given: 'Alex', family: `Eraclock${dob.slice(0, 4)}` }, dob }],
    body,
  };
}

for (const [year, dob] of [[1950, '1949-06-01'], [2060, '2059-06-01']] as const) {
  test(`a ${year} section 47 enquiry goes through ingest and the process clocks`, { timeout: 60_000 }, async () => {
    const { db, repo } = await testRepository({ clock: () => new Date(`${year + 1}-06-01T12:00:00Z`) });
    try {
      const strategy = record(`s-${year}`, 'strategy-discussion', `${year}-12-15`, dob, { agencies: ['csc-1', 'police-1'], decision: 'section-47' });
      const outcome = await repo.ingest(operator, [strategy]);
      assert.equal(outcome.results[0]!.status, 'stored', JSON.stringify(outcome.results[0]!.problems));
      const personId = outcome.personIds[0]!;
      const process = await repo.process(operator, personId);
      const conference = process!.deadlines.find((d) => d.step === 'initial-conference')!;
      // 15 working days across Christmas (and, in 2060, New Year's Day).
      assert.equal(conference.due, addWorkingDays(`${year}-12-15`, 15));
      assert.equal(conference.status, 'missed');
      await repo.refreshProcessAlerts(operator);
    } finally {
      await db.drop();
    }
  });
}

test('the 1980s scenario (scenarios/jasmine-beckford.json) goes through ingest, the rules and the process clocks in one batch', { timeout: 180_000 }, async () => {
  const { readFileSync } = await import('node:fs');
  const { ingestInBatches, registerAgencies } = await import('../app/load.ts');
  const scenario = JSON.parse(readFileSync(new URL('../../scenarios/jasmine-beckford.json', import.meta.url), 'utf8')) as import('../records/types.ts').Scenario;
  const { db, repo } = await testRepository({ clock: () => new Date('1985-01-01T00:00:00Z') });
  try {
    await registerAgencies(repo, operator, scenario.agencies);
    const results = await ingestInBatches(repo, operator, scenario.records, { batchSize: scenario.records.length });
    assert.deepEqual(results.filter((r) => r.status === 'refused').map((r) => r.problems), []);
    await repo.refreshProcessAlerts(operator);
    const { people } = await repo.people(operator);
    const processes = await Promise.all(people.map((p) => repo.process(operator, p.id)));
    assert.ok(processes.some((p) => p && p.deadlines.some((d) => d.due.startsWith('198'))), 'deadlines on the 1980s calendar');
  } finally {
    await db.drop();
  }
});
