import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DOB_LEVELS, dobLevel, isYearTypo, parseDob } from './dates.ts';

const level = (a: string, b: string): string => {
  const pa = parseDob(a);
  const pb = parseDob(b);
  assert.ok(pa && pb, `${a} / ${b} should parse`);
  return DOB_LEVELS[dobLevel(pa, pb)]!;
};

test('parseDob: YYYY, YYYY-MM, YYYY-MM-DD, YYYYMMDD; 00 is unknown; junk is null', () => {
  assert.deepEqual(parseDob('2006-03-01'), { year: '2006', month: 3, day: 1 });
  assert.deepEqual(parseDob(' 2006-03 '), { year: '2006', month: 3, day: 0 });
  assert.deepEqual(parseDob('1981'), { year: '1981', month: 0, day: 0 });
  assert.deepEqual(parseDob('19151111'), { year: '1915', month: 11, day: 11 });
  assert.deepEqual(parseDob('2006-00-00'), { year: '2006', month: 0, day: 0 });
  assert.equal(parseDob(''), null);
  assert.equal(parseDob(null), null);
  assert.equal(parseDob('01/03/2006'), null);
});

test('the issue\'s dates', () => {
  assert.equal(level('2006-03-01', '2006-03-01'), 'exact');
  assert.equal(level('2006-03-01', '2006-01-03'), 'day and month swapped');
  assert.equal(level('1981-05-14', '1981-05-15'), 'one of year/month/day differs');
  assert.equal(level('1981', '1981-05-14'), 'same year (or partial date consistent)');
  assert.equal(level('2006-03', '2006-03-01'), 'same year (or partial date consistent)');
});

test('one part differs: month, day, or a year slip', () => {
  assert.equal(level('1981-05-14', '1981-06-14'), 'one of year/month/day differs');
  assert.equal(level('1981-05-14', '1983-05-14'), 'one of year/month/day differs');
  assert.equal(level('1981-05-14', '1918-05-14'), 'one of year/month/day differs');
});

test('same year, nothing else', () => {
  assert.equal(level('1981-05-14', '1981-07-02'), 'same year (or partial date consistent)');
  assert.equal(level('1981-05', '1981-07-02'), 'same year (or partial date consistent)');
});

test('a father and son 30 years apart are else, even on the same birthday', () => {
  assert.equal(level('1976-04-12', '2006-09-30'), 'else');
  assert.equal(level('1951-05-14', '1981-05-14'), 'else');
  assert.equal(level('1976-04-12', '2006-04-12'), 'else');
  assert.equal(level('1981', '1982-05-14'), 'else');
});

test('isYearTypo', () => {
  assert.ok(isYearTypo('1981', '1982'));
  assert.ok(isYearTypo('1981', '1918'));
  assert.ok(!isYearTypo('1981', '1981'));
  assert.ok(!isYearTypo('1951', '1981'));
  assert.ok(!isYearTypo('1906', '2006'));
});

test('dobLevel is symmetric', () => {
  const dobs = ['2006-03-01', '2006-01-03', '2006-03', '2006', '1981-05-14', '1918-05-14', '1981-05-15', '1981-14-05', '1981-05-05'];
  for (const a of dobs) for (const b of dobs) {
    assert.equal(dobLevel(parseDob(a)!, parseDob(b)!), dobLevel(parseDob(b)!, parseDob(a)!), `${a} ${b}`);
  }
});
