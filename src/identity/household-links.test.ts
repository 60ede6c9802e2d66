// Families as they are recorded: a child under another parent's surname after a
// move, a parent named without a date of birth, a police spelling of a name, a
// child not yet named, all carried by the family member both records name.
// Synthetic people only.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mention, plan, placed } from './plan-test-helpers.ts';

const OLD_HOME = { postcode: 'M14 5ZZ', address: '9 Hazel Grove' };
const NEW_HOME = { postcode: 'BD3 8ZZ', address: 'Flat 2, 61 Cedar Lane' };
const CHILD = 1;
const MOTHER = 2;
const FAMILY = { companions: { [CHILD]: [MOTHER], [MOTHER]: [CHILD] } };

const child = () => mention({ given: 'Oriel', family: 'Brackenbury', dob: '2016-05-09', sex: 'female', ...OLD_HOME });
const mother = (record?: number, home = OLD_HOME) =>
  mention({ given: 'Talitha', family: 'Ndlovu', dob: '1990-02-14', sex: 'female', ...home, localKey: 'csc|P-77', ...(record ? { recordId: record } : {}) });

test('a child under the other parent\'s surname at a new address links through the mother the record names, explained', () => {
  // The child is listed before the mother: the mother, known by her agency id, is placed first all the same.
  const now = mention({ given: 'Oriel', family: 'Ndlovu', dob: '2016-05-09', ...NEW_HOME, recordId: 501 });
  const p = plan({ [CHILD]: [child()], [MOTHER]: [mother()] }, [now, mother(501, NEW_HOME)], undefined, FAMILY);
  assert.equal(placed(p, now), CHILD, p.reasons.get(now.mentionId)!.why);
  assert.match(p.reasons.get(now.mentionId)!.why, new RegExp(`names person ${MOTHER}, whom this person's records name too`));
});

test('the same record without that mother does not link on the given name and date of birth alone', () => {
  const now = mention({ given: 'Oriel', family: 'Ndlovu', dob: '2016-05-09', ...NEW_HOME, recordId: 502 });
  const stranger = mention({ given: 'Imelda', family: 'Ndlovu', dob: '1979-08-30', sex: 'female', ...NEW_HOME, recordId: 502 });
  const p = plan({ [CHILD]: [child()], [MOTHER]: [mother()] }, [now, stranger], undefined, FAMILY);
  assert.equal(placed(p, now), 'new');
});

test('a parent named without a date of birth or address, in a record with their child, is the parent already known', () => {
  const childAgain = mention({ given: 'Oriel', family: 'Brackenbury', dob: '2016-05-09', sex: 'female', localKey: 'gp|C-1', recordId: 503 });
  const named = mention({ given: 'Talitha', family: 'Ndlovu', recordId: 503 });
  const known = { ...child(), localKey: 'gp|C-1' };
  const p = plan({ [CHILD]: [known], [MOTHER]: [mother()] }, [named, childAgain], undefined, FAMILY);
  assert.equal(placed(p, childAgain), CHILD);
  assert.equal(placed(p, named), MOTHER, p.reasons.get(named.mentionId)!.why);
});

test('a police spelling of a partner\'s given name, with no date of birth, links through the child both records name', () => {
  const partner = mention({ given: 'Stephen', family: 'Oakhurst', dob: '1991-10-05', sex: 'male', ...OLD_HOME });
  const childAgain = mention({ given: 'Oriel', family: 'Brackenbury', dob: '2016-05-09', sex: 'female', localKey: 'hv|C-2', recordId: 504 });
  const known = { ...child(), localKey: 'hv|C-2' };
  const spelt = mention({ given: 'Steven', family: 'Oakhurst', sex: 'male', recordId: 504 });
  const p = plan({ [CHILD]: [known], 3: [partner] }, [spelt, childAgain], undefined, { companions: { [CHILD]: [3], 3: [CHILD] } });
  assert.equal(placed(p, spelt), 3, p.reasons.get(spelt.mentionId)!.why);
});

test('a sibling named beside the same mother, with no date of birth, stays apart from the child', () => {
  const sibling = mention({ given: 'Tobias', family: 'Brackenbury', sex: 'female', recordId: 505 });
  const p = plan({ [CHILD]: [child()], [MOTHER]: [mother()] }, [sibling, mother(505)], undefined, FAMILY);
  assert.equal(placed(p, sibling), 'new');
});

test('a year of birth that contradicts a brother\'s full date keeps two brothers of one home apart', () => {
  const brother = mention({ given: 'Idris', family: 'Farrow', dob: '2006-05-23', sex: 'male', ...NEW_HOME });
  const younger = mention({ given: 'Cassius', family: 'Farrow', dob: '2011', sex: 'male', ...NEW_HOME });
  const p = plan({ 4: [brother] }, [younger]);
  assert.equal(placed(p, younger), 'new', p.reasons.get(younger.mentionId)!.why);
});

test('a person\'s old address is no veto: a close spelling under the mother\'s surname joins the record at the new home', () => {
  const underFather = mention({ given: 'Oriel', family: 'Brackenbury', dob: '2016-05-09', sex: 'female', ...OLD_HOME });
  const underMother = mention({ given: 'Oriel', family: 'Ndlovu', dob: '2016-05', ...NEW_HOME });
  const spelt = mention({ given: 'Oriell', family: 'Ndlovu', sex: 'female', ...NEW_HOME });
  const p = plan({ 5: [underFather, underMother] }, [spelt]);
  assert.equal(placed(p, spelt), 5, p.reasons.get(spelt.mentionId)!.why);
});

test('an unborn child named by surname only, then "Baby <surname>" at birth, are one child through the mother', () => {
  const unborn = mention({ family: 'Ndlovu', unborn: true });
  const laterPreBirth = mention({ family: 'Ndlovu', unborn: true, recordId: 506 });
  const p1 = plan({ 6: [unborn], [MOTHER]: [mother()] }, [laterPreBirth, mother(506)], undefined, { companions: { 6: [MOTHER], [MOTHER]: [6] }, asOf: '2021-01-10' });
  assert.equal(placed(p1, laterPreBirth), 6, p1.reasons.get(laterPreBirth.mentionId)!.why);
  const baby = mention({ given: 'Baby', family: 'Ndlovu', dob: '2021-03-01', sex: 'female', nhsNumber: '9990001115', ...NEW_HOME, recordId: 507 });
  const p2 = plan({ 6: [unborn], [MOTHER]: [mother()] }, [baby, mother(507)], undefined, { companions: { 6: [MOTHER], [MOTHER]: [6] }, asOf: '2021-03-01' });
  assert.equal(placed(p2, baby), 6, p2.reasons.get(baby.mentionId)!.why);
});

test('a later pregnancy of the same mother is not the child born years before', () => {
  const born = mention({ given: 'Baby', family: 'Ndlovu', dob: '2016-05-09', sex: 'female' });
  const unborn = mention({ family: 'Ndlovu', unborn: true, recordId: 508 });
  const p = plan({ [CHILD]: [born, child()], [MOTHER]: [mother()] }, [unborn, mother(508)], undefined, { ...FAMILY, asOf: '2019-02-01' });
  assert.equal(placed(p, unborn), 'new', p.reasons.get(unborn.mentionId)!.why);
});

test('"Baby <surname>" at birth is not an older sibling\'s "Baby" record of the same mother', () => {
  const olderBaby = mention({ given: 'Baby', family: 'Ndlovu', dob: '2016-05-09', sex: 'female' });
  const newBaby = mention({ given: 'Baby', family: 'Ndlovu', dob: '2019-06-20', sex: 'female', recordId: 509 });
  const p = plan({ [CHILD]: [olderBaby], [MOTHER]: [mother()] }, [newBaby, mother(509)], undefined, FAMILY);
  assert.equal(placed(p, newBaby), 'new');
});

test('the mother recorded at a new address without a date of birth, and again there beside her child, is one mother', () => {
  // Person 7: her name alone at the new address (from an earlier record); person MOTHER: her known records.
  const atNewHome = mention({ given: 'Talitha', family: 'Ndlovu', sex: 'female', ...NEW_HOME });
  const childAgain = mention({ given: 'Oriel', family: 'Brackenbury', dob: '2016-05-09', sex: 'female', localKey: 'ed|C-3', ...NEW_HOME, recordId: 510 });
  const again = mention({ given: 'Talitha', family: 'Ndlovu', sex: 'female', ...NEW_HOME, recordId: 510 });
  const p = plan({ [CHILD]: [{ ...child(), localKey: 'ed|C-3' }], [MOTHER]: [mother()], 7: [atNewHome] }, [again, childAgain], undefined, FAMILY);
  assert.equal(placed(p, childAgain), CHILD);
  assert.equal(placed(p, again), MOTHER, p.reasons.get(again.mentionId)!.why);
  assert.ok(p.merges.some((m) => m.from === 7 && m.into === MOTHER), JSON.stringify(p.merges));
});
