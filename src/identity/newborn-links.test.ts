// Newborns and the unborn: how maternity and pre-birth records name a child
// ("Baby <surname>", "Unborn <surname>", only "unborn child"), and the
// identifier that carries the link to the named child. Synthetic people only.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isPlaceholderGivenName, isUnbornMention, expectedDateAgreement } from './linkage/newborn.ts';
import { mention, plan, placed } from './plan-test-helpers.ts';

const HOME = { postcode: 'N17 9ZZ', address: '12 Larch Road' };

test('placeholder given names are recognised, and a letter that tells twins apart is kept', () => {
  for (const g of ['Baby', 'BABY', 'Baby Boy', 'baby-girl', 'Unborn', 'Infant of', 'Newborn']) assert.ok(isPlaceholderGivenName(g), g);
  for (const g of ['Baby A', 'Twin 2', 'Rowan', 'Babette', '', null]) assert.ok(!isPlaceholderGivenName(g), String(g));
  assert.ok(isUnbornMention(null, 'unborn child'));
  assert.ok(isUnbornMention('Unborn', undefined));
  assert.ok(!isUnbornMention('Rowan', 'son'));
});

test('an expected date is consistent with a birth up to 18 weeks before it and 3 weeks after', () => {
  const unborn = { id: 'u', dob: '2021-03-10', unborn: true };
  assert.equal(expectedDateAgreement(unborn, { id: 'b', dob: '2021-02-20' }), 'consistent');
  assert.equal(expectedDateAgreement(unborn, { id: 'b', dob: '2021-03-29' }), 'consistent');
  assert.equal(expectedDateAgreement(unborn, { id: 'b', dob: '2021-06-20' }), 'inconsistent');
  assert.equal(expectedDateAgreement(unborn, { id: 'b', dob: '2020-10-01' }), 'inconsistent');
  assert.equal(expectedDateAgreement({ id: 'a', dob: '2021-03-10' }, { id: 'b', dob: '2021-02-20' }), null);
});

test('a "Baby <mother\'s surname>" birth record and the named child with the same NHS number are one child, explained', () => {
  const baby = mention({ given: 'Baby', family: 'Quillfeather', dob: '2019-04-02', sex: 'male', nhsNumber: '9434765919', postcode: 'E8 1AA', localKey: 'maternity|M-77' });
  const named = mention({ given: 'Rowan', family: 'Pettigrove', dob: '2019-04-02', sex: 'male', nhsNumber: '9434765919', ...HOME });
  const p = plan({ 1: [baby] }, [named]);
  assert.equal(placed(p, named), 1, p.reasons.get(named.mentionId)!.why);
  assert.equal(p.reasons.get(named.mentionId)!.rule, 'nhs-number');
  assert.match(p.reasons.get(named.mentionId)!.why, /same NHS number/);
});

test('the identifier wins over names that disagree entirely: a new surname and given name under one agency id', () => {
  const before = mention({ given: 'Kestrel', family: 'Ambleside', dob: '2014-08-19', sex: 'female', localKey: 'csc|C-4410' });
  const after = mention({ given: 'Wren', family: 'Holloway-Price', dob: '2014-08-19', sex: 'female', localKey: 'csc|C-4410' });
  const p = plan({ 2: [before] }, [after]);
  assert.equal(placed(p, after), 2, p.reasons.get(after.mentionId)!.why);
  assert.equal(p.reasons.get(after.mentionId)!.rule, 'local-id');
});

test('an unborn child on a pre-birth record links to the named child through the agency\'s own id', () => {
  const unborn = mention({ given: 'Unborn', family: 'Quillfeather', sex: 'male', unborn: true, localKey: 'csc|C-9001', ...HOME });
  const named = mention({ given: 'Rowan', family: 'Pettigrove', dob: '2019-04-02', sex: 'male', localKey: 'csc|C-9001', ...HOME });
  const p = plan({ 3: [unborn] }, [named]);
  assert.equal(placed(p, named), 3, p.reasons.get(named.mentionId)!.why);
});

test('an unborn child\'s expected date: a birth inside the window links by the id, far outside goes to review', () => {
  const unborn = mention({ given: 'Unborn', family: 'Quillfeather', dob: '2019-04-20', unborn: true, localKey: 'csc|C-9002' });
  const inside = mention({ given: 'Rowan', family: 'Quillfeather', dob: '2019-04-02', localKey: 'csc|C-9002' });
  assert.equal(placed(plan({ 4: [unborn] }, [inside]), inside), 4);
  const outside = mention({ given: 'Rowan', family: 'Quillfeather', dob: '2020-01-15', localKey: 'csc|C-9002' });
  const p = plan({ 4: [unborn] }, [outside]);
  assert.equal(placed(p, outside), 'new');
  assert.equal(p.reviews.length, 1);
  assert.match(p.reviews[0]!.why, /expected date/);
});

test('a shared NHS number with a contradicting sex and date of birth is not linked but reviewed; the date alone is linked and reviewed', () => {
  const sister = mention({ given: 'Poppy', family: 'Marchbank', dob: '2012-01-09', sex: 'female', nhsNumber: '4010232137', ...HOME });
  const brother = mention({ given: 'Poppy', family: 'Marchbank', dob: '2016-06-30', sex: 'male', nhsNumber: '4010232137', ...HOME });
  const p = plan({ 5: [sister] }, [brother]);
  assert.equal(placed(p, brother), 'new', p.reasons.get(brother.mentionId)!.why);
  assert.equal(p.reviews.length, 1);
  assert.match(p.reviews[0]!.why, /shares an NHS number/);
  assert.match(p.reviews[0]!.why, /different sex/);

  // The same names and sex, only the date of birth wholly different: the identifier wins (a date typed
  // wrong), and the link goes to a practitioner after the fact, with the reason.
  const datesOnly = mention({ given: 'Poppy', family: 'Marchbank', dob: '2016-06-30', sex: 'female', nhsNumber: '4010232137', ...HOME });
  const q = plan({ 5: [sister] }, [datesOnly]);
  assert.equal(placed(q, datesOnly), 5, q.reasons.get(datesOnly.mentionId)!.why);
  assert.equal(q.reasons.get(datesOnly.mentionId)!.rule, 'nhs-number');
  assert.equal(q.reviews.length, 1);
  assert.equal(q.reviews[0]!.candidateMentionId, sister.mentionId);
  assert.match(q.reviews[0]!.why, /linked by an NHS number and the same names, though the records disagree \(.*dates of birth/);

  // One slip of the pen in the date (a day) is a typing error, not a contradiction: linked.
  const slip = mention({ given: 'Poppy', family: 'Marchbank', dob: '2012-01-08', sex: 'female', nhsNumber: '4010232137', ...HOME });
  assert.equal(placed(plan({ 5: [sister] }, [slip]), slip), 5);
});

test('without an identifier, "Baby <surname>" never joins the mother or an older sibling at the same address', () => {
  const mother = mention({ given: 'Tamsin', family: 'Quillfeather', dob: '1994-11-03', sex: 'female', ...HOME });
  const sibling = mention({ given: 'Ivy', family: 'Quillfeather', dob: '2017-05-21', sex: 'female', ...HOME });
  const baby = mention({ given: 'Baby', family: 'Quillfeather', dob: '2019-04-02', sex: 'female', ...HOME });
  const unborn = mention({ family: 'Quillfeather', unborn: true, ...HOME });
  const p = plan({ 6: [mother], 7: [sibling] }, [baby, unborn]);
  assert.equal(placed(p, baby), 'new', p.reasons.get(baby.mentionId)!.why);
  assert.equal(placed(p, unborn), 'new', p.reasons.get(unborn.mentionId)!.why);
});

test('without an identifier, "Baby <surname>" joins the child later named when the date of birth and home agree', () => {
  const baby = mention({ given: 'Baby', family: 'Quillfeather', dob: '2019-04-02', sex: 'male', ...HOME });
  const named = mention({ given: 'Rowan', family: 'Quillfeather', dob: '2019-04-02', sex: 'male', ...HOME });
  const p = plan({ 8: [baby] }, [named]);
  assert.equal(placed(p, named), 8, p.reasons.get(named.mentionId)!.why);
});

test('a "Baby" record already in a child\'s cluster does not refuse the child\'s later records without a full date of birth', () => {
  const baby = mention({ given: 'Baby', family: 'Quillfeather', dob: '2019-04-02', sex: 'male', nhsNumber: '9434765919', ...HOME });
  const named = mention({ given: 'Rowan', family: 'Quillfeather', dob: '2019-04-02', sex: 'male', nhsNumber: '9434765919', ...HOME });
  const later = mention({ given: 'ROWAN', family: 'QUILLFEATHER', dob: '2019-04', sex: 'male', ...HOME });
  const p = plan({ 9: [baby, named] }, [later]);
  assert.equal(placed(p, later), 9, p.reasons.get(later.mentionId)!.why);
});

test('a "Baby <mother\'s surname>" record in a child\'s cluster is no veto for a later record under the child\'s own surname', () => {
  // Born at the mother's previous address: against the police record the weight is below the veto.
  const baby = mention({ given: 'Baby', family: 'Quillfeather', dob: '2019-04-02', sex: 'male', nhsNumber: '9434765919', postcode: 'E8 1AA', address: '2 Elm Walk' });
  const named = mention({ given: 'Rowan', family: 'Pettigrove', dob: '2019-04-02', sex: 'male', nhsNumber: '9434765919', ...HOME });
  const police = mention({ given: 'ROWAN', family: 'PETTIGROVE', dob: '2019-04-02', ...HOME, localKey: 'police|P-1' });
  const p = plan({ 10: [baby, named] }, [police]);
  assert.equal(placed(p, police), 10, p.reasons.get(police.mentionId)!.why);
});
