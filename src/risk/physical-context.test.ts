// Practitioners' context that lowers or withdraws a physical-injury finding, each with a child where it must
// not: a later correction of a charted bruise, an accident witnessed by someone outside the family, a fracture
// in a mobile child with an account given, a professional's assessment that the injury fits the account, and
// the ordinary knocks of a walking child. Each lowered finding says what lowered it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { evaluateChild, resumeChild } from './engine.ts';
import { AGENCY_KINDS, bruise, CHILD_ID, rec } from './test-records.ts';
import type { EvidenceRecord } from '../household/derive.ts';
import type { Firing } from './types.ts';

const run = (records: EvidenceRecord[]) => evaluateChild(CHILD_ID, records, { agencyKinds: AGENCY_KINDS });
const fired = (records: EvidenceRecord[], rule: string) => run(records).filter((f) => f.rule === rule);
const highest = (fs: Firing[]) => (['critical', 'high', 'medium', 'low'] as const).find((s) => fs.some((f) => f.severity === s)) ?? null;
// The child is born 2020-01-15.
const seen = (on: string, injuries: Record<string, unknown>[], narrative: string | undefined, opts: { agency?: string; explanation?: string } = {}) =>
  rec(opts.agency ?? 'gp-1', 'attendance', on, { setting: 'gp', complaint: 'injury', injuries, examination: 'complete', ...(opts.explanation ? { explanation: opts.explanation } : {}) },
    narrative ? { extra: { narrative } } : {});
const hv = (on: string, narrative: string, injuries: Record<string, unknown>[] = []) =>
  rec('hv-1', 'visit', on, { purpose: 'health-visiting', announced: true, childSeen: true, childSeenAlone: false, ...(injuries.length ? { injuries } : {}) }, { extra: { narrative } });

test('a later record correcting a charted bruise as a Mongolian blue spot withdraws what the entry raised, and the finding left on its day says why', () => {
  const charted = hv('2020-05-01', 'Bluish mark lower back ?bruise, mother says it has always been there.', [bruise('back')]);
  const correction = hv('2020-05-03', 'Correction to entry of 1 May: the mark is a Mongolian blue spot present since birth, not bruising.');
  const before = run([charted]);
  assert.equal(highest(before), 'high', 'until the correction, a bruise on the back of a 3-month-old is TEN-4-FACESp positive');
  const after = run([charted, correction]);
  assert.equal(highest(after), 'low', JSON.stringify(after.map((f) => [f.rule, f.severity])));
  const ten4 = after.find((f) => f.rule === 'ten-4-facesp')!;
  assert.equal(ten4.at, '2020-05-01');
  assert.match(ten4.explanation, /Not counted: corrected by a later record \("Correction to entry of 1 May/);
  assert.ok(ten4.terms!.some((t) => t.weight < 0 && t.evidence === correction.source));
  // Resumed from the state kept before the correction arrived, the corrected day is looked at again.
  const kept = resumeChild(CHILD_ID, [charted], { agencyKinds: AGENCY_KINDS }, null).state;
  const resumed = resumeChild(CHILD_ID, [charted, correction], { agencyKinds: AGENCY_KINDS }, kept);
  assert.equal(resumed.from, '2020-05-01');
  assert.deepEqual(resumed.firings.map((f) => [f.rule, f.at, f.severity]), after.map((f) => [f.rule, f.at, f.severity]));
});

test('a later record that only reviews the bruise, or corrects something else, withdraws nothing; a correction never takes back a patterned bruise', () => {
  const charted = hv('2020-05-01', 'Bruise to lower back, mother unsure how.', [bruise('back')]);
  assert.equal(highest(run([charted, hv('2020-05-03', 'Bruise reviewed, fading. Mother reassured.')])), 'high');
  assert.equal(highest(run([charted, hv('2020-05-03', 'Date of birth recorded in error, amended.')])), 'high', 'a correction that says nothing of a birthmark or a bruise');
  const grip = hv('2020-05-01', 'Fingertip marks lower back.', [bruise('back', { patterned: true })]);
  assert.equal(highest(run([grip, hv('2020-05-03', 'Correction: Mongolian blue spot, not a bruise.')])), 'high');
});

test('an accident witnessed by nursery staff, written on its own ("Witnessed by nursery staff."), explains a bruise; witnessed by the mother it does not', () => {
  const staff = seen('2021-09-01', [bruise('cheek')], 'Tripped and hit the table edge. Witnessed by nursery staff.');
  const f = fired([staff], 'ten-4-facesp')[0]!;
  assert.equal(f.severity, 'low');
  assert.match(f.explanation, /independent witness \("Witnessed by nursery staff/);
  const mother = seen('2021-09-01', [bruise('cheek')], 'Tripped and hit the table edge. Witnessed by mother.');
  assert.equal(fired([mother], 'ten-4-facesp')[0]?.severity, 'high');
});

test('a fracture under 18 months: mobile with an account given is to consider (medium, saying why); not yet mobile, no account, or a rib fracture is to suspect', () => {
  const walking = hv('2021-04-01', 'Walking since 12 months.');
  const tibia = (on: string, explanation: string) => seen(on, [{ type: 'fracture', site: 'long-bone' }], 'Spiral fracture distal tibia on x-ray.', { agency: 'hosp-1', explanation });
  const consider = fired([walking, tibia('2021-05-20', 'tripped while running in the garden')], 'nice-cg89-suspect')[0]!;
  assert.equal(consider.severity, 'medium');
  assert.match(consider.explanation, /a fracture in a mobile child under 18 months, with an account given \(recorded as mobile \("Walking since 12 months/);
  assert.match(consider.explanation, /to consider, not to suspect/);
  const baby = hv('2020-06-01', 'Not yet rolling.');
  assert.equal(fired([baby, tibia('2020-06-20', 'leg caught in the cot bars')], 'nice-cg89-suspect')[0]?.severity, 'high', 'a baby not yet mobile: suspect whatever the account');
  assert.equal(fired([walking, tibia('2021-05-20', "don't know")], 'nice-cg89-suspect')[0]?.severity, 'high', 'no account');
  assert.equal(fired([tibia('2021-05-20', 'tripped while running in the garden')], 'nice-cg89-suspect')[0]?.severity, 'high', 'mobility assumed from age alone is not the records showing it');
  const ribs = seen('2021-05-20', [{ type: 'fracture', site: 'ribs' }], undefined, { agency: 'hosp-1', explanation: 'fell off the sofa' });
  assert.equal(fired([walking, ribs], 'nice-cg89-suspect')[0]?.severity, 'high', 'a rib fracture whatever the account');
});

test("a professional's assessment that the injury fits the account lowers a baby's bruise to medium, saying so, never cancels it; gripping, a parent's word or a pattern do not lower", () => {
  const cheek = (narrative: string, extra: Record<string, unknown> = {}) => seen('2020-04-01', [bruise('cheek', extra)], narrative, { agency: 'hosp-1', explanation: 'sibling dropped a toy on her' });
  const lowered = fired([cheek('Small bruise L cheek. Seen by paediatric registrar: injury consistent with the history given.')], 'ten-4-facesp')[0]!;
  assert.equal(lowered.severity, 'medium');
  assert.match(lowered.explanation, /Lowered by: a professional assessed the injury as fitting the account \(hosp-1\/[^:]+: narrative: "[^"]*consistent with the history given/);
  assert.ok(lowered.terms!.some((t) => t.weight > 0), 'never cancelled: the TEN-4-FACESp term stands');
  const gripping = fired([cheek('Bruise L cheek consistent with gripping.')], 'ten-4-facesp')[0]!;
  assert.ok(['high', 'critical'].includes(gripping.severity) && !gripping.terms!.some((t) => t.weight < 0), 'consistent with gripping is not with the account');
  assert.equal(fired([cheek('Mum says the bruise is consistent with the fall.')], 'ten-4-facesp')[0]?.severity, 'high', "the parent's word is the account, not an assessment of it");
  const pattern = fired([cheek('Paediatrician: consistent with the history given.', { patterned: true })], 'ten-4-facesp')[0]!;
  assert.ok(['high', 'critical'].includes(pattern.severity), pattern.severity);
  assert.ok(!pattern.terms!.some((t) => t.weight < 0), 'a patterned bruise is not lowered');
  assert.equal(fired([cheek('Bruise not consistent with the history given.')], 'ten-4-facesp')[0]?.severity, 'high');
  const inTheAccount = seen('2020-04-01', [bruise('cheek')], undefined, { agency: 'hosp-1', explanation: 'rolled off the sofa, consistent with the history' });
  assert.equal(fired([inTheAccount], 'ten-4-facesp')[0]?.severity, 'high', 'the explanation field is the account itself, not an assessment of it');
});

test('NICE CG89: bruising on a baby not yet mobile, assessed as fitting the account, is medium and says so; without the assessment, high', () => {
  const still = hv('2020-08-01', 'Not yet rolling.');
  const shin = (narrative: string) => seen('2020-08-20', [bruise('shin')], narrative, { explanation: 'knocked it on the cot' });
  const lowered = fired([still, shin('Small bruise to shin, in keeping with the mechanism described.')], 'nice-cg89-suspect')[0]!;
  assert.equal(lowered.severity, 'medium');
  assert.match(lowered.explanation, /lowered: a professional assessed it as fitting the account, "[^"]*in keeping with the mechanism described/);
  assert.equal(fired([still, shin('Small bruise to shin.')], 'nice-cg89-suspect')[0]?.severity, 'high');
});

test("a walking child's shin and knee bruises, seen by three services, are childhood's, not a pattern; on a baby not yet mobile, or on the thigh and arm, they are", () => {
  const walking = hv('2022-03-01', 'Walking and running about.');
  const knocks = [seen('2022-03-10', [bruise('shin')], undefined), seen('2022-04-10', [bruise('knee')], undefined, { agency: 'hosp-1' }), hv('2022-05-10', 'Small bruise to forehead.', [bruise('forehead')])];
  assert.equal(fired([walking, ...knocks], 'accumulating-harm').length, 0);
  const brought = [rec('hosp-1', 'attendance', '2022-03-20', { setting: 'emergency', complaint: 'injured shin', injuries: [bruise('shin')], explanation: 'fell off the swing' }), rec('hosp-1', 'attendance', '2022-04-10', { setting: 'emergency', complaint: 'injured knee', injuries: [bruise('knee')], explanation: 'fell down the stairs' }), seen('2022-05-10', [bruise('forehead')], undefined)];
  assert.equal(fired([walking, brought[1]!, brought[2]!], 'accumulating-harm').length, 0, 'one presentation and a knock noticed in passing');
  assert.ok(fired([walking, ...brought, rec('school-1', 'concern', '2022-05-20', { category: 'physical', description: 'Limping again.' })], 'accumulating-harm').length > 0, 'two presentations and a concern are a pattern');
  const elsewhere = [seen('2022-03-10', [bruise('thigh')], undefined), seen('2022-04-10', [bruise('upper-arm')], undefined, { agency: 'hosp-1' }), hv('2022-05-10', 'Small bruise to forearm.', [bruise('forearm')])];
  assert.ok(fired([walking, ...elsewhere], 'accumulating-harm').length > 0);
  const baby = hv('2020-05-01', 'Not yet rolling.');
  const babyKnocks = [seen('2020-05-10', [bruise('shin')], undefined), seen('2020-06-10', [bruise('knee')], undefined, { agency: 'hosp-1' })];
  assert.ok(fired([baby, ...babyKnocks], 'accumulating-harm').length > 0, 'on a baby not yet mobile they are episodes');
});
