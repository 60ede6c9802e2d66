// Surnames that change or differ, and moves: a child under the mother's,
// father's or a step-parent's surname, at a new address. Synthetic people only.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mention, plan, placed } from './plan-test-helpers.ts';

const OLD_HOME = { postcode: 'M14 5ZZ', address: '9 Hazel Grove' };
const NEW_HOME = { postcode: 'BD3 8ZZ', address: 'Flat 2, 61 Cedar Lane' };

test('the same name and date of birth at a new address is the same child', () => {
  const before = mention({ given: 'Oriel', family: 'Brackenbury', dob: '2016-05-09', sex: 'female', ...OLD_HOME });
  const after = mention({ given: 'Oriel', family: 'Brackenbury', dob: '2016-05-09', ...NEW_HOME });
  assert.equal(placed(plan({ 1: [before] }, [after]), after), 1);
});

test('a child under the mother\'s surname in a record with only a partial date is not vetoed by the father\'s-surname records', () => {
  // The person: the child under the father's surname at two homes. A new record: the mother's surname, month of birth only.
  const a = mention({ given: 'Oriel', family: 'Brackenbury', dob: '2016-05-09', sex: 'female', ...OLD_HOME });
  const b = mention({ given: 'Oriel', family: 'Brackenbury', dob: '2016-05-09', sex: 'female', ...NEW_HOME });
  const c = mention({ given: 'Oriel', family: 'Ndlovu', dob: '2016-05', ...NEW_HOME });
  const p = plan({ 2: [a, b] }, [c]);
  const why = p.reasons.get(c.mentionId)!.why;
  assert.doesNotMatch(why, /clearly someone else/, why);
  assert.equal(placed(p, c), 2, why);
});

test('a new surname at a new address, with only the given name and date of birth agreeing, goes to review rather than being refused', () => {
  const a = mention({ given: 'Oriel', family: 'Brackenbury', dob: '2016-05-09', sex: 'female', ...OLD_HOME });
  const c = mention({ given: 'Oriel', family: 'Ndlovu', dob: '2016-05-09', sex: 'female', ...NEW_HOME });
  const p = plan({ 3: [a] }, [c]);
  assert.ok(placed(p, c) === 3 || p.reviews.some((r) => r.candidateMentionId === a.mentionId), p.reasons.get(c.mentionId)!.why);
});

test('siblings of one surname and home with different given names are still apart', () => {
  const a = mention({ given: 'Oriel', family: 'Brackenbury', dob: '2016-05-09', sex: 'female', ...OLD_HOME });
  const b = mention({ given: 'Tobias', family: 'Brackenbury', dob: '2018-11-30', sex: 'male', ...OLD_HOME });
  assert.equal(placed(plan({ 4: [a] }, [b]), b), 'new');
});
