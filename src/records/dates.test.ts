import { test } from 'node:test';
import assert from 'node:assert/strict';
import { londonDate, londonMidnight, occurredDate, occurredInstant } from './dates.ts';

test('London midnight is 00:00 UTC in winter and 23:00 UTC the day before in summer', () => {
  assert.equal(londonMidnight('2024-01-15').toISOString(), '2024-01-15T00:00:00.000Z');
  assert.equal(londonMidnight('2024-07-15').toISOString(), '2024-07-14T23:00:00.000Z');
  // the days the clocks change (31 March and 27 October 2024)
  assert.equal(londonMidnight('2024-03-31').toISOString(), '2024-03-31T00:00:00.000Z');
  assert.equal(londonMidnight('2024-04-01').toISOString(), '2024-03-31T23:00:00.000Z');
  assert.equal(londonMidnight('2024-10-27').toISOString(), '2024-10-26T23:00:00.000Z');
  assert.equal(londonMidnight('2024-10-28').toISOString(), '2024-10-28T00:00:00.000Z');
});

test('the London date of an instant follows British Summer Time', () => {
  assert.equal(londonDate(new Date('2024-07-14T22:59:59Z')), '2024-07-14');
  assert.equal(londonDate(new Date('2024-07-14T23:00:00Z')), '2024-07-15');
  assert.equal(londonDate(new Date('2024-01-14T23:59:59Z')), '2024-01-14');
  assert.equal(londonDate(new Date('2024-03-31T00:59:59Z')), '2024-03-31');
  assert.equal(londonDate(new Date('2024-03-31T23:30:00Z')), '2024-04-01');
  assert.equal(londonDate(new Date('2024-10-27T00:30:00Z')), '2024-10-27');
});

test('every London midnight of a year maps back to its own date', () => {
  for (let d = Date.UTC(2023, 0, 1); d < Date.UTC(2025, 0, 1); d += 86_400_000) {
    const date = new Date(d).toISOString().slice(0, 10);
    assert.equal(londonDate(londonMidnight(date)), date);
    assert.equal(londonDate(new Date(londonMidnight(date).getTime() - 1)), new Date(d - 86_400_000).toISOString().slice(0, 10));
  }
});

test('occurredAt: a date is a London day; a date-time keeps its offset', () => {
  assert.equal(occurredDate('2007-08-03T11:36:00+01:00'), '2007-08-03');
  assert.equal(occurredDate('2007-08-02T23:30:00Z'), '2007-08-03');
  assert.equal(occurredInstant('2007-08-03T11:36:00+01:00').toISOString(), '2007-08-03T10:36:00.000Z');
  assert.equal(occurredInstant('2007-08-03').toISOString(), '2007-08-02T23:00:00.000Z');
});
