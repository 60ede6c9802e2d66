// A shared identifier whose records disagree in the date of birth: which
// wins (see the top of link-plan.ts), the review after the fact, and how one
// mistyped date is kept from refusing the rest of the person's records.
// Synthetic people only.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mention, plan, placed } from './plan-test-helpers.ts';

const HOME = { postcode: 'LS7 2QQ', address: '18 Fenwick Grove' };
const NHS = '4010232137';
const CHILD = { given: 'Lowen', family: 'Treharne', sex: 'male', ...HOME };

test('the same NHS number, names and sex with a wholly different date of birth: linked, explained, and reviewed', () => {
  // The mother's date of birth written into the child's field.
  const child = mention({ ...CHILD, dob: '2016-09-14', nhsNumber: NHS });
  const wrongField = mention({ ...CHILD, dob: '1989-02-27', nhsNumber: NHS, localKey: 'police|P-310' });
  const p = plan({ 21: [child] }, [wrongField]);
  assert.equal(placed(p, wrongField), 21, p.reasons.get(wrongField.mentionId)!.why);
  assert.match(p.reasons.get(wrongField.mentionId)!.why, /same NHS number .*dates of birth .*linked, and sent to a practitioner/);
  assert.equal(p.reviews.length, 1);
  assert.equal(p.reviews[0]!.candidateMentionId, child.mentionId);
  assert.match(p.reviews[0]!.why, /linked by an NHS number and the same names, though the records disagree \(.*dates of birth \(1989-02-27, 2016-09-14\)/);
  assert.ok(p.reviews[0]!.terms!.length > 0, 'the review shows the match term by term');
});

test('a later record agreeing with the identifier\'s dates raises no new doubt', () => {
  const child = mention({ ...CHILD, dob: '2016-09-14', nhsNumber: NHS });
  const wrongField = mention({ ...CHILD, dob: '1989-02-27', nhsNumber: NHS });
  const school = mention({ ...CHILD, dob: '2016-09-14', nhsNumber: NHS, localKey: 'school|S-88' });
  const p = plan({ 22: [child, wrongField] }, [school]);
  assert.equal(placed(p, school), 22);
  assert.equal(p.reviews.length, 0, JSON.stringify(p.reviews));
});

test('the same NHS number with another given name as well as another date, or another sex: apart, and reviewed', () => {
  const child = mention({ ...CHILD, dob: '2016-09-14', nhsNumber: NHS });
  const brother = mention({ ...CHILD, given: 'Jago', dob: '2013-05-02', nhsNumber: NHS });
  const p = plan({ 23: [child] }, [brother]);
  assert.equal(placed(p, brother), 'new');
  assert.match(p.reviews[0]!.why, /shares an NHS number with another person but was not joined/);
  const sister = mention({ ...CHILD, sex: 'female', dob: '2013-05-02', nhsNumber: NHS });
  assert.equal(placed(plan({ 23: [child] }, [sister]), sister), 'new');
});

test('one date of birth outvoted by the identifier\'s other records does not refuse the child\'s later records', () => {
  // Three records of the child carry the NHS number; one has a date a generation earlier. A later record
  // without the NHS number agrees with the other two: it joins, where the wrong date alone would refuse it.
  const gp = mention({ ...CHILD, dob: '2016-09-14', nhsNumber: NHS, localKey: 'gp|G-1' });
  const school = mention({ ...CHILD, dob: '2016-09-14', nhsNumber: NHS, localKey: 'school|S-88' });
  const wrongField = mention({ ...CHILD, dob: '1989-02-27', nhsNumber: NHS, localKey: 'police|P-310' });
  const health = mention({ ...CHILD, dob: '2016-09-14', localKey: 'health-visiting|H-5' });
  const p = plan({ 24: [gp, school, wrongField] }, [health]);
  assert.equal(placed(p, health), 24, p.reasons.get(health.mentionId)!.why);
  // With two records only, which date is wrong is a guess: the conflict goes to a practitioner instead.
  const q = plan({ 25: [gp, wrongField] }, [health]);
  assert.equal(placed(q, health), 'new', q.reasons.get(health.mentionId)!.why);
  assert.ok(q.reviews.some((r) => r.why.includes('matches this person strongly')), JSON.stringify(q.reviews));
});

test('a father of one name on the outvoted side stays apart from his son\'s person', () => {
  // The son's NHS number copied into one record of the father: that record joins the son (one review),
  // but the father's own records are still refused by the son's, whose dates agree with one another.
  const gp = mention({ ...CHILD, dob: '2016-09-14', nhsNumber: NHS, localKey: 'gp|G-1' });
  const school = mention({ ...CHILD, dob: '2016-09-14', nhsNumber: NHS, localKey: 'school|S-88' });
  const copied = mention({ ...CHILD, dob: '1984-06-03', nhsNumber: NHS, localKey: 'housing|T-9' });
  const father = mention({ ...CHILD, dob: '1984-06-03', localKey: 'police|P-77' });
  const p = plan({ 26: [gp, school, copied] }, [father]);
  assert.equal(placed(p, father), 'new', p.reasons.get(father.mentionId)!.why);
});

test('a father with no date of birth, the same surname and address, stays apart from his son', () => {
  const son = mention({ given: 'Corin', family: 'Ashcombe', dob: '2015-03-03', sex: 'male', nhsNumber: NHS, ...HOME });
  const father = mention({ given: 'Darren', family: 'Ashcombe', sex: 'male', ...HOME });
  const p = plan({ 27: [son] }, [father]);
  assert.equal(placed(p, father), 'new', p.reasons.get(father.mentionId)!.why);
  // and the son's later record is not refused because of him
  const laterSon = mention({ given: 'Corin', family: 'Ashcombe', dob: '2015-03-03', sex: 'male', ...HOME });
  assert.equal(placed(plan({ 27: [son] }, [father, laterSon]), laterSon), 27);
});
