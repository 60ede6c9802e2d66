// The incremental linking decision with the shipped model: the hard
// cases, the review band, merges that must not chain, and the explanations.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { AUTO_LINK_WEIGHT, REVIEW_WEIGHT } from './link-plan.ts';
import { mention, plan } from './plan-test-helpers.ts';
import type { LinkRecord } from './linkage/types.ts';

const HOME = { postcode: 'N17 9ZZ', address: 'Flat 3, 40 Birch Road' };

const CASES: [Partial<LinkRecord>, Partial<LinkRecord>, boolean, string][] = [
  [{ given: 'Amy', family: 'Twinning', dob: '2019-02-03', sex: 'female', ...HOME },
    { given: 'Alfie', family: 'Twinning', dob: '2019-02-03', sex: 'male', ...HOME }, false, 'twins stay apart'],
  [{ given: 'Jonathan', family: 'Fatherson', dob: '1961-04-12', sex: 'male', ...HOME },
    { given: 'Jonathan', family: 'Fatherson', dob: '1991-04-12', sex: 'male', ...HOME }, false, 'father and son 30 years apart stay apart'],
  [{ given: 'Tracey', family: 'Connellan', dob: '1981-05-14', sex: 'female', ...HOME },
    { given: 'Tracey', family: 'Barkwell', otherNames: ['Connellan'], dob: '1981-05-14', sex: 'female', ...HOME }, true, 'a surname change after a new partner links'],
  [{ given: 'Peterkin', family: 'Connellan', dob: '2006-03-01', ...HOME },
    { given: 'Peterkin', family: 'Connellan', dob: '2006-01-03', ...HOME }, true, 'a day/month swap links'],
  [{ given: 'Thomas', family: 'Nicklewright', dob: '2012-07-19', postcode: 'E8 1AA' },
    { given: 'Tom', family: 'Nicklewright', dob: '2012-07-19', postcode: 'E8 1AA' }, true, 'a nickname links'],
  [{ given: 'Sam', family: 'Samebirth', dob: '2015-01-01', nhsNumber: '9434765919', ...HOME },
    { given: 'Sam', family: 'Samebirth', dob: '2015-01-01', nhsNumber: '4010232137', ...HOME }, false, 'two different NHS numbers never merge'],
  [{ given: 'Tracey', family: 'Connelly', ...HOME }, { given: 'Steven', family: 'Barker', ...HOME }, false, 'two adults of one household stay apart'],
  [{ given: 'Elizabeth', family: 'Connellan', dob: '1980-02-02', sex: 'female', phone: '07700 900123', ...HOME },
    { given: 'Darren', family: 'Connellan', dob: '1980-02-03', sex: 'male', phone: '07700 900123', ...HOME }, false, 'two adults of one family, born a day apart at one address, stay apart'],
  [{ given: 'Mia', family: 'Hartwell', dob: '2014-03-02', ...HOME }, { given: 'Maia', family: 'Hartwell', dob: '2016-08-11', ...HOME }, false, 'siblings with similar names stay apart'],
  [{ given: 'Tracey', family: 'Connelly', postcode: 'N17 6AA' }, { given: 'Tracy', family: 'CONNELLY', dob: '1981-05-14', postcode: 'n176aa' }, true, 'a spelling variant and a postcode without its space link'],
];

for (const [a, b, same, why] of CASES) {
  test(`hard case: ${why}`, () => {
    const first = mention(a);
    const second = mention(b);
    const p = plan({ 7: [first] }, [second]);
    const assigned = p.assign.get(second.mentionId)!;
    assert.equal('personId' in assigned && assigned.personId === 7, same, `${why}: ${p.reasons.get(second.mentionId)!.why}`);
    assert.ok(p.reasons.get(second.mentionId)!.why.length > 20, 'every decision says why');
  });
}

test('the same agency person id links outright, and says so', () => {
  const a = mention({ given: 'Ann', family: 'Lee', localKey: 'police-1|P-1' });
  const b = mention({ given: 'Anne', family: 'Leigh', localKey: 'police-1|P-1' });
  const p = plan({ 3: [a] }, [b]);
  assert.deepEqual(p.assign.get(b.mentionId), { personId: 3 });
  assert.equal(p.reasons.get(b.mentionId)!.rule, 'local-id');
});

test('two people named in one record are never one person, however alike', () => {
  const a = mention({ given: 'Jo', family: 'Smith', dob: '2010-01-01', recordId: 1 });
  const b = mention({ given: 'Jo', family: 'Smith', dob: '2010-01-01', recordId: 1 });
  const p = plan({}, [a, b]);
  assert.equal(p.newGroups, 2);
});

test('a pair a practitioner decided are different is never joined again', () => {
  const a = mention({ given: 'Kim', family: 'Oduya', dob: '2011-05-05', postcode: 'E8 1AA' });
  const b = mention({ given: 'Kim', family: 'Oduya', dob: '2011-05-05', postcode: 'E8 1AA' });
  assert.deepEqual(plan({ 4: [a] }, [b]).assign.get(b.mentionId), { personId: 4 });
  const different = new Set([`${a.mentionId}|${b.mentionId}`]);
  const c = { ...b, mentionId: b.mentionId }; // the same mention, re-linked after the decision
  assert.ok('newGroup' in plan({ 4: [a] }, [c], different).assign.get(c.mentionId)!);
});

test('a middling weight goes to review with its terms; a low one does not', () => {
  // Same name, no date of birth, different postcodes: possibly the same person.
  const a = mention({ given: 'Marcus', family: 'Hollingbury', postcode: 'N17 9ZZ' });
  const b = mention({ given: 'Marcus', family: 'Hollingbury', postcode: 'SE1 7PB' });
  const p = plan({ 5: [a] }, [b]);
  const reason = p.reasons.get(b.mentionId)!;
  assert.ok(reason.weight! < AUTO_LINK_WEIGHT && reason.weight! >= REVIEW_WEIGHT, `weight ${reason.weight}`);
  assert.equal(p.reviews.length, 1);
  assert.equal(p.reviews[0]!.candidateMentionId, a.mentionId);
  assert.ok(p.reviews[0]!.terms!.some((t) => t.comparison === 'postcode'));

  const c = mention({ given: 'Marcus', family: 'Hollingbury', dob: '1970-02-02', postcode: 'SE1 7PB', sex: 'male' });
  const d = mention({ given: 'Marcia', family: 'Hollingbury', dob: '1999-09-09', postcode: 'N1 1AA', sex: 'female' });
  assert.equal(plan({ 6: [c] }, [d]).reviews.length, 0);
});

test('one mention linking two people joins them only when no mention of one is apart from the other', () => {
  // Person 1 has the NHS number; person 2 the same name and date of birth without it: one child, joined.
  const a = mention({ given: 'Lily', family: 'Marchbank', dob: '2018-06-01', nhsNumber: '9434765919', postcode: 'E8 1AA' });
  const b = mention({ given: 'Lily', family: 'Marchbank', dob: '2018-06-01', postcode: 'E8 2BB', localKey: 'school-1|S9' });
  const c = mention({ given: 'Lily', family: 'Marchbank', dob: '2018-06-01', nhsNumber: '9434765919', postcode: 'E8 2BB', localKey: 'school-1|S9' });
  const joined = plan({ 1: [a], 2: [b] }, [c]);
  assert.deepEqual(joined.merges.map((m) => [m.from, m.into]), [[2, 1]]);
  assert.deepEqual(joined.assign.get(c.mentionId), { personId: 1 });

  // Person 2 also holds a different NHS number: the school id alone must not chain them into person 1.
  const d = mention({ given: 'Lily', family: 'Marchbank', dob: '2018-06-01', nhsNumber: '4010232137', localKey: 'school-1|S9' });
  const refused = plan({ 1: [a], 2: [b, d] }, [c]);
  assert.equal(refused.merges.length, 0);
  assert.equal(refused.reviews.length, 1);
  assert.match(refused.reviews[0]!.why, /different NHS numbers|cannot be joined/);
});

test('mentions in one batch link to each other in order', () => {
  const a = mention({ given: 'Ola', family: 'Adeyemi', dob: '2016-03-03', postcode: 'N15 4QQ' });
  const b = mention({ given: 'Ola', family: 'Adeyemi', dob: '2016-03-03', postcode: 'N15 4QQ' });
  const p = plan({}, [a, b]);
  assert.equal(p.newGroups, 1);
  assert.deepEqual(p.assign.get(a.mentionId), p.assign.get(b.mentionId));
});

test('a name-only mention matching several different people joins none of them and merges nobody', () => {
  const wrights = ['2013-03-04', '2016-07-08', '2021-11-12'].map((dob, i) =>
    mention({ given: 'Ptolemy', family: 'Wrightson', sex: 'male', dob, postcode: ['N1 1AA', 'E8 2BB', 'SE1 7PB'][i]! }));
  const bare = mention({ given: 'Ptolemy', family: 'Wrightson', sex: 'male' });
  const p = plan({ 1: [wrights[0]!], 2: [wrights[1]!], 3: [wrights[2]!] }, [bare]);
  assert.equal(p.merges.length, 0, 'the three stay three');
  assert.ok('newGroup' in p.assign.get(bare.mentionId)!, p.reasons.get(bare.mentionId)!.why);
  assert.equal(p.reviews.length, 3, `sent for review against each person it matches: ${p.reasons.get(bare.mentionId)!.why}`);
  assert.match(p.reasons.get(bare.mentionId)!.why, /cannot be joined|different people|below/);
});
