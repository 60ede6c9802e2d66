// Neglect (NICE CG89 1.3), faltering growth (NICE NG75) and emotional harm (CG89 1.4, 1.5): each at the edge
// of its condition, with the context that stops it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { evaluateChild } from './engine.ts';
import { ordinal } from './rules/faltering-growth.ts';
import { AGENCY_KINDS, CHILD_ID, rec } from './test-records.ts';
import type { EvidenceRecord } from '../household/derive.ts';
import type { AgencyRecord } from '../records/types.ts';
import { CONSIDER_WEIGHT, distinctTerms, SUSPECT_WEIGHT } from './weigh.ts';

const run = (records: EvidenceRecord[]) => evaluateChild(CHILD_ID, records, { agencyKinds: AGENCY_KINDS });
const fired = (records: EvidenceRecord[], rule: string) => run(records).filter((f) => f.rule === rule);
const last = (records: EvidenceRecord[], rule: string) => fired(records, rule).at(-1);
const sum = (f: { terms?: { weight: number }[] } | undefined) => (f?.terms ?? []).reduce((s, t) => s + t.weight, 0);
/** The weight every firing of a rule leaves standing together, each record and label once (as weighing counts it). */
const standing = (records: EvidenceRecord[], rule: string) => distinctTerms(fired(records, rule)).reduce((s, c) => s + c.term.weight, 0);
const close = (a: number, b: number) => { assert.ok(Math.abs(a - b) < 1e-9, `${a} is not ${b}`); };

// The child is born 2020-01-15.
// `measurement` is contract revision 2's kind; cast until records/types.ts lists it.
const MEASUREMENT = 'measurement' as unknown as AgencyRecord['kind'];
const weighed = (on: string, centile: number, setting = 'health-visiting') =>
  rec('hv-1', MEASUREMENT, on, { setting, weightKg: 5, centiles: { weight: centile } });
const concern = (agency: string, on: string, description: string, extra: Record<string, unknown> = {}) =>
  rec(agency, 'concern', on, { description, ...extra });

test('growth: from a birthweight on the 50th, a fall to the 9th (2 spaces) is faltering; to the 10th it is not', () => {
  const birth = weighed('2020-01-20', 50);
  assert.equal(fired([birth, weighed('2020-07-01', 10)], 'faltering-growth').length, 0);
  const f = last([birth, weighed('2020-07-01', 9)], 'faltering-growth');
  assert.equal(f?.severity, 'medium');
  assert.match(f.explanation, /birthweight on the 50th centile/);
  assert.match(f.terms![0]!.basis, /centiles\.weight: 9th, 2\.0 centile spaces/);
});

test('centiles are named as the charts name them', () => {
  assert.deepEqual([2, 91, 0.4, 13.8, 11, 3, 59.25].map(ordinal), ['2nd', '91st', '0.4th', '13.8th', '11th', '3rd', '59.3rd']);
});

test('growth: above the 91st at birth NG75 asks for 3 spaces; below the 9th, 1', () => {
  assert.equal(fired([weighed('2020-01-20', 95), weighed('2020-07-01', 40)], 'faltering-growth').length, 0, '2.8 spaces from the 95th');
  assert.equal(fired([weighed('2020-01-20', 98), weighed('2020-07-01', 40)], 'faltering-growth').length, 1, '3.4 spaces from the 98th');
  assert.equal(fired([weighed('2020-01-20', 8), weighed('2020-07-01', 2)], 'faltering-growth').length, 0, '0.9 spaces from the 8th');
});

test('growth: below the 2nd centile along their own line is low, however often weighed; the first weight stands for a birthweight not held', () => {
  const small = [weighed('2020-03-01', 1.5), weighed('2020-05-01', 1.4), weighed('2020-07-01', 1.2)];
  const f = last(small, 'faltering-growth');
  assert.equal(f?.severity, 'low');
  assert.match(f.explanation, /first weight on record/);
  close(standing(small, 'faltering-growth'), 0.5);
});

test('growth: a fall to below the 2nd centile meets both of NG75\'s criteria; a small birthweight alone meets none', () => {
  const f = last([weighed('2020-01-20', 50), weighed('2020-07-01', 1.5)], 'faltering-growth');
  assert.deepEqual(f!.terms!.map((t) => t.label), ['weight faltering across centile spaces (NG75)', 'weight below the 2nd centile (NG75)']);
  assert.equal(fired([weighed('2020-01-20', 1.5)], 'faltering-growth').length, 0);
});

test('growth: catch-up while placed away from home after a fall is high; the same rise at home is not catch-up', () => {
  const fall = [weighed('2020-01-20', 50), weighed('2020-07-01', 5)];
  const placed = rec('csc-1', 'placement', '2020-07-10', { subject: 'child', change: 'placed-away' });
  const away = last([...fall, placed, weighed('2020-09-01', 25)], 'faltering-growth');
  assert.equal(away?.severity, 'high');
  assert.ok(away.terms!.some((t) => t.label === 'catch-up growth when fed away from home' && t.weight === SUSPECT_WEIGHT));
  assert.match(away.explanation, /while placed away from home/);
  const home = last([...fall, weighed('2020-09-01', 25)], 'faltering-growth');
  assert.equal(home?.severity, 'medium');
  assert.ok(!home.terms!.some((t) => t.label.startsWith('catch-up')));
});

test('neglect: one "consider" feature is medium; hunger again adds nothing; dirty again is "suspect"; kinds add up to high', () => {
  const hungry1 = concern('school-1', '2023-01-10', 'Sam is always hungry and asking staff for food.');
  const hungry2 = concern('school-1', '2023-02-10', 'Sam was hungry again and was stealing food from other children.');
  const dirty1 = concern('school-1', '2023-03-01', 'Sam came in dirty and smelly.');
  const dirty2 = rec('hv-1', 'visit', '2023-04-01', { purpose: 'health-visiting', announced: true, childSeen: true, childSeenAlone: false, observations: 'Sam was unkempt and smelly.' });
  const dirty3 = concern('school-1', '2023-05-01', 'Sam was dirty again today.');
  assert.equal(last([hungry1], 'neglect-features')?.severity, 'medium', 'one "consider" tells the worker');
  close(sum(last([hungry1, hungry2], 'neglect-features')), CONSIDER_WEIGHT);
  const dirty = [dirty1, dirty2, dirty3];
  close(sum(last(dirty, 'neglect-features')), SUSPECT_WEIGHT);
  assert.equal(last(dirty, 'neglect-features')?.severity, 'high', 'persistently dirty: NICE\'s "suspect"');
  close(standing(dirty, 'neglect-features'), SUSPECT_WEIGHT);
  const both = last([hungry1, hungry2, dirty1, dirty2], 'neglect-features');
  assert.equal(both?.severity, 'high');
  assert.deepEqual(both.evidence.sort(), [hungry1, dirty1, dirty2].map((r) => r.source).sort());
  assert.match(both.explanation, /hunger or food-seeking on 2 days/);
  assert.match(both.explanation, /hungry again and was stealing food/, 'every record is told, though the first carries the weight');
  const threeKinds = [hungry1, concern('school-1', '2023-02-01', 'Sam has untreated tooth decay.'), rec('hv-1', 'visit', '2023-03-01', { purpose: 'health-visiting', announced: true, childSeen: true, childSeenAlone: false, observations: 'The flat was squalid.' })];
  assert.equal(fired(threeKinds.slice(0, 2), 'neglect-features').at(-1)?.severity, 'medium', 'two "consider" kinds');
  assert.equal(fired(threeKinds, 'neglect-features').at(-1)?.severity, 'high', 'three "consider" kinds');
});

test('neglect: words that deny a feature are set aside; records over a year old do not count', () => {
  assert.equal(fired([concern('school-1', '2023-01-10', 'No concerns about hygiene.')], 'neglect-features').length, 0);
  const old = concern('school-1', '2021-01-10', 'Sam is always hungry.');
  const now = concern('school-1', '2023-01-10', 'Sam is always hungry.');
  close(sum(last([old, now], 'neglect-features')), CONSIDER_WEIGHT);
  const aside = last([concern('school-1', '2023-01-05', 'Not hungry today.'), now], 'neglect-features');
  assert.match(aside!.explanation, /Set aside as denied in the text: .*Not hungry today/);
});

test('neglect: not brought alone is the was-not-brought rule\'s; beside hunger it counts, with that rule\'s own terms; faltering growth counts once', () => {
  const dna = (on: string) => rec('gp-1', 'appointment-missed', on, { service: 'immunisation', wasNotBrought: true });
  assert.equal(fired([dna('2023-01-01'), dna('2023-02-01')], 'neglect-features').length, 0);
  const records = [dna('2023-01-01'), dna('2023-02-01'), concern('school-1', '2023-03-01', 'Sam is always hungry.')];
  const f = last(records, 'neglect-features');
  assert.equal(f?.terms?.length, 3);
  const wnb = fired(records, 'was-not-brought').at(-1)!.terms!;
  for (const t of wnb.filter((x) => x.label === 'not brought to an appointment')) {
    assert.ok(f.terms.some((x) => x.label === t.label && x.evidence === t.evidence && x.weight === t.weight), `the same term for ${t.evidence}`);
  }
  const growth = [weighed('2020-01-20', 50), weighed('2020-07-01', 5)];
  const g = last([...growth, concern('hv-1', '2020-07-02', 'Baby seems hungry all the time.')], 'neglect-features');
  const growthTerm = last(growth, 'faltering-growth')!.terms![0]!;
  assert.deepEqual(g!.terms!.find((t) => t.label === growthTerm.label), growthTerm, 'the same term (label and record): weighing counts it once');
  assert.equal(fired(growth, 'neglect-features').length, 0, 'faltering growth alone is the growth rule\'s');
});

test('neglect: not brought to a weight clinic while growth falters is CG89\'s "consider"; to an immunisation it is not', () => {
  const fall = [weighed('2020-01-20', 50), weighed('2020-07-01', 5)];
  const clinic = rec('hosp-1', 'appointment-missed', '2020-07-20', { service: 'paediatric dietitian', wasNotBrought: true });
  const f = last([...fall, clinic], 'neglect-features');
  const t = f!.terms!.find((x) => x.label === 'not brought to follow-up for faltering growth');
  assert.equal(t?.evidence, clinic.source);
  assert.equal(t?.weight, CONSIDER_WEIGHT);
  const jab = rec('hosp-1', 'appointment-missed', '2020-07-20', { service: 'immunisation', wasNotBrought: true });
  assert.ok(!last([...fall, jab], 'neglect-features')!.terms!.some((x) => x.label === 'not brought to follow-up for faltering growth'));
  assert.ok(!(last([weighed('2020-01-20', 50), weighed('2020-07-01', 40), clinic, concern('school-1', '2020-07-21', 'Always hungry.')], 'neglect-features')?.terms ?? [])
    .some((x) => x.label === 'not brought to follow-up for faltering growth'), 'no faltering growth, no such feature');
});

test('emotional harm: one kind medium, however often one agency sees it; both kinds, each seen by two agencies, high', () => {
  const visit = (on: string, observations: string) => rec('hv-1', 'visit', on, { purpose: 'health-visiting', announced: true, childSeen: true, childSeenAlone: false, observations });
  const hv = visit('2023-01-10', 'Sam seemed frightened and withdrawn.');
  const school = concern('school-1', '2023-02-10', 'Sam flinched when his mother raised her hand; withdrawn in class.');
  const hv2 = visit('2023-03-10', 'Sam seemed frightened again.');
  assert.equal(last([hv], 'emotional-harm')?.severity, 'medium');
  close(standing([hv, hv2], 'emotional-harm'), CONSIDER_WEIGHT);
  close(standing([hv, school, hv2], 'emotional-harm'), CONSIDER_WEIGHT * 1.5);
  assert.equal(last([hv, school], 'emotional-harm')?.severity, 'medium');
  const rough1 = visit('2023-04-01', 'Mother shouted at Sam throughout; no warmth.');
  const rough2 = concern('school-1', '2023-04-20', 'Mother was hostile to Sam at pick-up and shouted at him.');
  assert.equal(last([hv, rough1], 'emotional-harm')?.severity, 'medium', 'both kinds, one agency');
  assert.equal(last([hv, school, rough1, rough2], 'emotional-harm')?.severity, 'high');
  const cat = concern('school-1', '2023-05-01', 'Worried about Sam.', { category: 'emotional' });
  assert.equal(last([cat], 'emotional-harm')?.terms?.[0]?.basis, 'category: emotional');
  assert.equal(fired([visit('2023-01-10', 'Sam was not withdrawn.')], 'emotional-harm').length, 0);
});
