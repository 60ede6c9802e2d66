// Patterns of harm to a child the system already protects, each with what is not it: an injury on a plan that
// social care records itself; what is seen after a return home from care; a young child left without
// supervision; someone alleged to have harmed the child coming to live with them.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { evaluateChild } from './engine.ts';
import { AGENCY_KINDS, attendance, bruise, CHILD_ID, PARTNER_ID, rec } from './test-records.ts';
import type { EvidenceRecord } from '../household/derive.ts';
import { HIGH_AT, SUSPECT_WEIGHT } from './weigh.ts';

const run = (records: EvidenceRecord[]) => evaluateChild(CHILD_ID, records, { agencyKinds: AGENCY_KINDS });
const fired = (records: EvidenceRecord[], rule: string) => run(records).filter((f) => f.rule === rule);
const last = (records: EvidenceRecord[], rule: string) => fired(records, rule).at(-1);

const plan = (on: string) => rec('csc-1', 'conference', on, { type: 'initial', agenciesPresent: ['csc-1'], agenciesAbsent: [], decision: 'plan', categories: ['physical'] });
const planEnds = (on: string) => rec('csc-1', 'conference', on, { type: 'review', agenciesPresent: ['csc-1'], agenciesAbsent: [], decision: 'plan-ends' });
const concern = (on: string, description: string, agency = 'csc-1', dob?: string) => rec(agency, 'concern', on, { category: 'physical', description }, dob ? { dob } : {});
const visit = (on: string, observations: string, extra: Record<string, unknown> = {}, dob?: string) =>
  rec('csc-1', 'visit', on, { purpose: 'statutory', announced: false, childSeen: true, childSeenAlone: false, access: 'inside', observations, ...extra }, dob ? { dob } : {});
const returnHome = (on: string) => rec('csc-1', 'placement', on, { subject: 'child', with: 'm', change: 'returned-home' }, { people: ['child', 'm'] });
const placedAway = (on: string) => rec('csc-1', 'placement', on, { subject: 'child', change: 'placed-away' });

test('injured on a plan: an injury social care records itself, charted or told in words, is weighed; off a plan, or denied, it is not', () => {
  const onPlan = plan('2023-01-10');
  const told = concern('2023-03-01', "Mother tells the social worker the child burnt her hand on the oven door. Account accepted.");
  const f = last([onPlan, told], 'injured-on-plan')!;
  assert.equal(f.severity, 'medium', 'one "consider" alone');
  assert.deepEqual(f.terms!.map((t) => [t.label, t.evidence]), [['injured while on a child-protection plan', onPlan.source]]);
  assert.match(f.explanation, /burnt/);
  const charted = visit('2023-03-01', 'Child seen at home.', { injuries: [{ type: 'swelling', site: 'forehead', sizeMm: 30 }] });
  assert.equal(fired([onPlan, charted], 'injured-on-plan').length, 1, 'a swelling charted at a statutory visit');
  assert.equal(fired([told], 'injured-on-plan').length, 0, 'no plan');
  assert.equal(fired([onPlan, planEnds('2023-02-01'), told], 'injured-on-plan').length, 0, 'the plan ended before');
  assert.equal(fired([onPlan, concern('2023-03-01', 'No injuries seen. Home conditions improved.')], 'injured-on-plan').length, 0, 'denied in the words');
  assert.equal(fired([onPlan, visit('2023-03-01', 'All well, child playing happily.')], 'injured-on-plan').length, 0, 'a visit with nothing');
  assert.equal(fired([onPlan, attendance('2023-03-01', [], { agency: 'gp-1' })], 'injured-on-plan').length, 0, 'seen for an injury, none charted');
  const review = rec('csc-1', 'conference', '2023-03-01', { type: 'review', agenciesPresent: ['csc-1'], agenciesAbsent: [], decision: 'plan', categories: ['physical'] },
    { extra: { narrative: 'Review conference: concerns remain about the fracture last year.' } });
  assert.equal(fired([onPlan, review], 'injured-on-plan').length, 0, 'a conference recounting the history is not a new injury');
});

test("injured on a plan: another agency's charted injury is known-child-seen's, and the plan's injuries weigh once in the window", () => {
  const onPlan = plan('2023-01-10');
  const gp = attendance('2023-03-01', [bruise('shin')], { agency: 'gp-1', dob: '2018-01-15' });
  assert.equal(fired([onPlan, gp], 'injured-on-plan').length, 0, 'known-child-seen weighs it');
  assert.ok(fired([onPlan, gp], 'known-child-seen').some((f) => f.terms?.some((t) => t.label === 'injured while on a child-protection plan')));
  // A second injury a fortnight later, told to the social worker: the plan's term is one term, not two.
  const second = concern('2023-03-15', 'Father says he bumped his head on the table and has a bruise.');
  const f = last([onPlan, gp, second], 'injured-on-plan')!;
  assert.match(f.explanation, /\+1\.32 \(×2\.5\) injured while on a child-protection plan \[/);
  assert.equal(f.explanation.split('injured while on a child-protection plan [').length - 1, 1, 'one term for the plan however many injuries');
});

test('harm after a return home: an injury, neglect in words, or a concern within six months of the return carries the return; not before, not long after, not once placed away again', () => {
  const back = returnHome('2023-05-01');
  const bump = visit('2023-05-04', 'Bump on the forehead, parents say he fell against a toy.', { injuries: [{ type: 'swelling', site: 'forehead' }] });
  const f = last([back, bump], 'harm-after-return-home')!;
  assert.equal(f.severity, 'medium');
  assert.deepEqual(f.terms!.map((t) => [t.label, t.evidence]), [['returned home from care', back.source]]);
  assert.ok(f.evidence.includes(bump.source));
  const dirty = visit('2023-06-01', 'Child in a heavily soiled nappy, home very cold.');
  assert.equal(fired([back, dirty], 'harm-after-return-home').length, 1, 'neglect in the words of a visit');
  assert.equal(fired([back, concern('2023-06-01', 'School worried about him.', 'school-1')], 'harm-after-return-home').length, 1, 'a concern about the child');
  assert.equal(fired([back, visit('2023-06-01', 'All well, child happy and clean, home warm.')], 'harm-after-return-home').length, 0, 'a visit with nothing of harm');
  assert.equal(fired([bump], 'harm-after-return-home').length, 0, 'no return home');
  assert.equal(fired([back, visit('2023-12-01', 'Bruise to shin.', { injuries: [bruise('shin')] })], 'harm-after-return-home').length, 0, 'seven months after the return');
  assert.equal(fired([back, placedAway('2023-05-02'), bump], 'harm-after-return-home').length, 0, 'placed away again since');
});

test('harm after a return home: with an injury on a plan and a young child left alone, three "consider" features make high', () => {
  const records = [plan('2023-01-10'), returnHome('2023-05-01'),
    visit('2023-05-04', 'Bump on the forehead.', { injuries: [{ type: 'swelling', site: 'forehead' }] }, '2022-08-01'),
    visit('2023-05-12', 'Unannounced visit: the baby found asleep downstairs on the sofa, unsupervised, both parents out of the room.', {}, '2022-08-01')];
  const f = run(records).filter((x) => x.at === '2023-05-12');
  assert.ok(f.some((x) => x.rule === 'left-unsupervised'));
  assert.ok(f.every((x) => x.severity === 'high'), f.map((x) => `${x.rule} ${x.severity}`).join(', '));
  const without = run(records.slice(1)).filter((x) => x.at === '2023-05-12');
  assert.ok(without.every((x) => x.severity === 'medium'), 'without the plan: the return and the lack of supervision, 2.5 × 2.5, medium');
});

test('left unsupervised: a young child found alone is "consider", half from 5 to 11, nothing from 12; denied, a moment, or unsupervised contact is not it', () => {
  const toddler = '2021-03-01';
  const f = last([visit('2023-06-01', 'Unannounced visit: the children found home alone.', {}, toddler)], 'left-unsupervised')!;
  assert.equal(f.severity, 'medium');
  assert.equal(f.terms![0]!.label, 'a young child left without supervision');
  assert.match(f.explanation, /2 years old\) left without supervision: .*home alone/);
  const eight = last([visit('2023-06-01', 'Children found home alone.', {}, '2015-03-01')], 'left-unsupervised')!;
  assert.equal(eight.severity, 'low', 'an 8-year-old: half the weight');
  assert.equal(eight.terms![0]!.weight, f.terms![0]!.weight / 2);
  assert.equal(fired([visit('2023-06-01', 'Children found home alone.', {}, '2010-03-01')], 'left-unsupervised').length, 0, 'a 13-year-old');
  for (const words of ['The child was not left unsupervised at any point.', 'Left alone for a few minutes while mum answered the door.',
    'Court orders unsupervised contact with father at weekends.', 'Child seen alone in her bedroom.', 'Mother should not be left alone with the baby.']) {
    assert.equal(fired([visit('2023-06-01', words, {}, toddler)], 'left-unsupervised').length, 0, words);
  }
});

test("left unsupervised: a neighbour's or caller's report, not yet seen by a professional, is told but not weighed", () => {
  const toddler = '2021-03-01';
  const said = last([concern('2023-06-01', 'Neighbour says the children were left home alone overnight.', 'csc-1', toddler)], 'left-unsupervised')!;
  assert.equal(said.severity, 'low');
  assert.equal(said.terms, undefined);
  assert.match(said.explanation, /reported by neighbour, not yet seen by a professional/);
  const caller = rec('csc-1', 'referral', '2023-06-01', { to: 'csc-1', urgency: 'routine', reason: 'Children heard crying late at night and left alone.', reportedBy: 'anonymous' }, { dob: toddler });
  assert.equal(last([caller], 'left-unsupervised')?.terms, undefined, "the record's reportedBy decides when the words name no reporter");
});

test('someone alleged to have harmed the child comes to live with them: high alone; not someone never accused, not once the police took it no further', () => {
  const accused = rec('police-1', 'police-action', '2023-01-10', { action: 'incident-attended', suspect: 'p', offence: 'assault on a child (disclosed)' },
    { people: ['child', 'p'], overrides: { p: { role: 'alleged-perpetrator', address: { lines: ['9 Far Lane'], postcode: 'M1 1AA' } } } });
  const movesIn = rec('csc-1', 'household-change', '2023-06-01', { person: 'p', change: 'moved-in' }, { people: ['child', 'm', 'p'], overrides: { p: { role: 'other' } } });
  const f = last([accused, movesIn], 'alleged-harmer-joins-home')!;
  assert.ok(f.severity === 'high' || f.explanation.includes('this rule alone: high'), `${f.severity}: ${f.explanation}`);
  assert.equal(f.at, '2023-06-01');
  assert.equal(f.subjectPersonId, PARTNER_ID);
  assert.deepEqual(f.terms!.map((t) => [t.evidence, t.weight]), [[movesIn.source, SUSPECT_WEIGHT]]);
  assert.ok(SUSPECT_WEIGHT >= HIGH_AT);
  assert.ok(f.evidence.includes(accused.source));
  assert.match(f.explanation, new RegExp(`named in ${accused.source}`));
  assert.equal(fired([movesIn], 'alleged-harmer-joins-home').length, 0, 'a new partner never accused');
  // Returned from care to the child's mother, in a record that names the child: the same joining.
  const returns = rec('csc-1', 'placement', '2023-06-01', { subject: 'p', with: 'm', change: 'returned-home' },
    { people: ['p', 'm', 'child'], overrides: { p: { role: 'subject' }, child: { role: 'sibling' } } });
  assert.equal(fired([accused, returns], 'alleged-harmer-joins-home').length, 1, 'returned home to the mother the child lives with');
  const nfa = rec('police-1', 'police-action', '2023-02-01', { action: 'no-further-action', suspect: 'p' }, { people: ['child', 'p'], overrides: { p: { role: 'alleged-perpetrator' } } });
  assert.equal(fired([accused, nfa, movesIn], 'alleged-harmer-joins-home').length, 0, 'the police took it no further');
  const aboutAnother = rec('police-1', 'police-action', '2023-01-10', { action: 'incident-attended', suspect: 'p', offence: 'assault' },
    { people: ['m', 'p'], overrides: { m: { role: 'subject' }, p: { role: 'alleged-perpetrator' } } });
  assert.equal(fired([aboutAnother, movesIn], 'alleged-harmer-joins-home').length, 0, 'an allegation about someone else (violent-adult-in-home weighs a history of violence)');
});
