// The physical-injury rules read the child's context from the records: mobility, not age; a documented birth
// injury; a birthmark charted as a bruise and corrected; the baby's own scratches; a confirmed bleeding or bone
// disorder. And they find what age-bound rules missed: immersion scalds, patterned bruises at any age,
// fractures without a suitable explanation, an account absent, unsuitable or changing. Each finding's terms
// say what it rests on and what lowered it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { evaluateChild } from './engine.ts';
import { AGENCY_KINDS, bruise, CHILD_ID, rec } from './test-records.ts';
import type { EvidenceRecord } from '../household/derive.ts';
import type { Term } from './types.ts';

const run = (records: EvidenceRecord[]) => evaluateChild(CHILD_ID, records, { agencyKinds: AGENCY_KINDS });
const fired = (records: EvidenceRecord[], rule: string) => run(records).filter((f) => f.rule === rule);
// The child is born 2020-01-15.
const seen = (on: string, injuries: Record<string, unknown>[], narrative?: string, opts: { agency?: string; explanation?: string; setting?: string } = {}) =>
  rec(opts.agency ?? 'gp-1', 'attendance', on, { setting: opts.setting ?? 'gp', complaint: 'injury', injuries, examination: 'complete', ...(opts.explanation ? { explanation: opts.explanation } : {}) },
    narrative ? { extra: { narrative } } : {});
const hv = (on: string, narrative: string, injuries: Record<string, unknown>[] = []) =>
  rec('hv-1', 'visit', on, { purpose: 'health-visiting', announced: true, childSeen: true, childSeenAlone: false, ...(injuries.length ? { injuries } : {}) }, { extra: { narrative } });
const negative = (f: { terms?: Term[] }) => (f.terms ?? []).filter((t) => t.weight < 0);

test('mobility, not age: a crawler\'s shin bruise at 7 months is no finding; "not yet rolling" makes it high; nothing recorded, medium', () => {
  const shin = seen('2020-08-20', [bruise('shin')], undefined, { explanation: 'knocked it on the table' });
  assert.equal(fired([hv('2020-08-01', 'Crawling since 6 months, pulling to stand.'), shin], 'nice-cg89-suspect').length, 0);
  const still = fired([hv('2020-08-01', 'Not yet rolling; feeding well.'), shin], 'nice-cg89-suspect');
  assert.equal(still[0]?.severity, 'high');
  assert.match(still[0].explanation, /not yet mobile \("Not yet rolling/);
  assert.equal(fired([shin], 'nice-cg89-suspect')[0]?.severity, 'medium');
  const stale = fired([hv('2020-05-01', 'Not yet rolling.'), shin], 'nice-cg89-suspect');
  assert.equal(stale[0]?.severity, 'medium', 'a "not yet" statement four months old no longer speaks for the baby');
});

test('a documented birth injury explains a scalp bruise in the first weeks (the finding says so); elsewhere then it lowers; later, or patterned, never', () => {
  const birth = rec('hosp-1', 'attendance', '2020-01-15', { setting: 'inpatient', complaint: 'birth' }, { extra: { narrative: 'Ventouse delivery, cephalhaematoma noted.' } });
  const scalp = seen('2020-02-05', [bruise('scalp')], undefined, { agency: 'hv-1' });
  const explained = fired([birth, scalp], 'ten-4-facesp');
  assert.equal(explained.length, 1);
  assert.equal(explained[0]!.severity, 'low');
  assert.match(explained[0]!.explanation, /Not counted: a documented birth injury \("Ventouse delivery/);
  assert.equal(explained[0]!.terms!.reduce((s, t) => s + t.weight, 0), 0);
  assert.equal(fired([scalp], 'ten-4-facesp')[0]?.severity, 'high', 'without the birth record: high');
  const thigh = fired([birth, seen('2020-02-04', [bruise('thigh')])], 'ten-4-facesp')[0]!;
  assert.equal(thigh.severity, 'medium');
  assert.equal(negative(thigh)[0]?.evidence, birth.source);
  assert.match(thigh.explanation, /Lowered by: a documented birth injury/);
  assert.equal(fired([birth, seen('2020-02-05', [bruise('scalp', { patterned: true })])], 'ten-4-facesp')[0]?.severity, 'high');
  const eightWeeks = fired([birth, seen('2020-03-12', [bruise('ear')])], 'ten-4-facesp')[0]!;
  assert.equal(eightWeeks.severity, 'high', 'birth bruising has faded by 8 weeks: an ear bruise then is not explained by it');
  assert.equal(negative(eightWeeks).length, 0);
});

test('a Mongolian blue spot is not a bruise; its correction is not a new episode, and the entry it corrects stops counting', () => {
  assert.equal(run([hv('2020-03-01', 'Blue-grey mark over sacrum: Mongolian blue spot.', [bruise('back')])]).length, 0);
  const charted = hv('2020-03-01', 'Bruise to lower back noted.', [bruise('back')]);
  const corrected = hv('2020-03-08', 'Correction: entry of 1 March recorded in error, this is a Mongolian blue spot, not a bruise.', [bruise('back')]);
  const ten4 = fired([charted, corrected], 'ten-4-facesp');
  assert.equal(ten4.length, 1, 'the first entry fired on its day; the correction raises nothing');
  assert.equal(ten4[0]!.at, '2020-03-01');
  const later = seen('2020-04-10', [bruise('shin')], undefined, { agency: 'hosp-1' });
  const harm = fired([charted, corrected, later], 'accumulating-harm');
  assert.equal(harm.length, 0, 'the corrected entry is not an episode beside a later injury');
  assert.equal(fired([charted, later], 'accumulating-harm').length, 1, 'uncorrected, the two are a pattern');
});

test('the baby\'s own fingernail scratches are not a finding; other injuries beside them still are', () => {
  const scratch = seen('2020-03-01', [{ type: 'abrasion', site: 'cheek' }], 'Scratches to both cheeks from his own fingernails; nails long.');
  assert.equal(fired([scratch], 'nice-cg89-suspect').length, 0);
  assert.equal(fired([seen('2020-03-01', [{ type: 'abrasion', site: 'cheek' }])], 'nice-cg89-suspect')[0]?.severity, 'high', 'unexplained, a graze on a 6-week-old is suspect');
  const both = fired([seen('2020-03-01', [{ type: 'abrasion', site: 'cheek' }, { type: 'laceration', site: 'frenulum' }], 'Scratches from his own fingernails.')], 'nice-cg89-suspect');
  assert.equal(both[0]?.severity, 'high');
});

test('a bleeding disorder confirmed by haematology lowers bruising, saying so, but never cancels it; a suspected one does not lower', () => {
  const haem = rec('hosp-1', 'attendance', '2021-06-01', { setting: 'outpatient', complaint: 'review' }, { extra: { narrative: 'Haemophilia A confirmed by haematology.' } });
  const cheek = seen('2021-09-01', [bruise('cheek')]);
  const lowered = fired([haem, cheek], 'ten-4-facesp')[0]!;
  assert.equal(lowered.severity, 'medium');
  assert.match(lowered.explanation, /Lowered by: a bleeding disorder confirmed/);
  assert.equal(fired([cheek], 'ten-4-facesp')[0]?.severity, 'high');
  const suspected = rec('gp-1', 'attendance', '2021-06-01', { setting: 'gp', complaint: 'review' }, { extra: { narrative: 'Query bleeding disorder, suspected von Willebrand, to exclude.' } });
  assert.equal(fired([suspected, cheek], 'ten-4-facesp')[0]?.severity, 'high');
  assert.equal(fired([haem, seen('2021-09-01', [bruise('cheek', { patterned: true })])], 'ten-4-facesp')[0]?.severity, 'high', 'a patterned bruise is not lowered');
});

test('osteogenesis imperfecta lowers a fracture, saying so, and never cancels it, even a rib fracture', () => {
  const oi = rec('hosp-1', 'attendance', '2020-05-01', { setting: 'outpatient', complaint: 'review' }, { extra: { narrative: 'Osteogenesis imperfecta type I diagnosed.' } });
  const femur = seen('2020-11-01', [{ type: 'fracture', site: 'thigh' }], undefined, { agency: 'hosp-1', setting: 'emergency' });
  assert.equal(fired([femur], 'nice-cg89-suspect')[0]?.severity, 'high');
  const lowered = fired([oi, femur], 'nice-cg89-suspect')[0]!;
  assert.equal(lowered.severity, 'medium');
  assert.match(lowered.explanation, /lowered: a bone disorder is recorded/);
  const rib = fired([oi, seen('2020-11-01', [{ type: 'fracture', site: 'ribs' }])], 'nice-cg89-suspect')[0]!;
  assert.equal(rib.severity, 'medium', 'lowered, never cancelled');
  assert.equal(negative(rib)[0]?.evidence, oi.source);
});

test('fractures: any age without a suitable explanation; rib fractures and fractures of different ages whatever the account; a witnessed fall is an accident', () => {
  const explained = seen('2025-06-01', [{ type: 'fracture', site: 'forearm' }], undefined, { explanation: 'fell off the trampoline at a friend\'s party' });
  assert.equal(fired([explained], 'nice-cg89-suspect').length, 0, 'a school-age fracture with an account that fits');
  const unexplained = fired([seen('2025-06-01', [{ type: 'fracture', site: 'forearm' }], undefined, { explanation: "doesn't know how it happened" })], 'nice-cg89-suspect');
  assert.equal(unexplained[0]?.severity, 'high');
  assert.ok(unexplained[0].terms!.some((t) => t.source.includes('Hymel')));
  const rib = fired([seen('2022-01-20', [{ type: 'fracture', site: 'ribs' }], undefined, { explanation: 'rolled off the sofa' })], 'nice-cg89-suspect');
  assert.equal(rib[0]?.severity, 'high');
  assert.ok(rib[0].terms!.some((t) => t.source.includes('Kemp') && t.weight > 4));
  const ages = fired([seen('2022-01-20', [{ type: 'fracture', site: 'forearm', ageEstimate: 'acute' }, { type: 'fracture', site: 'shin', ageEstimate: 'healing, 2-3 weeks' }],
    undefined, { explanation: 'fell at nursery' })], 'nice-cg89-suspect');
  assert.match(ages[0]!.explanation, /fractures of different ages/);
  const witnessed = seen('2021-03-01', [{ type: 'fracture', site: 'forearm' }], 'Fell from the climbing frame. Fall witnessed by nursery staff.');
  assert.equal(fired([witnessed], 'nice-cg89-suspect').length, 0, 'under 18 months, a confirmed accidental cause');
});

test('an immersion scald: symmetrical, sock distribution, "don\'t know", brought days later, at 3 years: high or above, with each term', () => {
  const feet = seen('2023-02-01', [{ type: 'scald', site: 'foot', side: 'left' }, { type: 'scald', site: 'foot', side: 'right' }],
    'Symmetrical scalds to both feet in a sock distribution with clear tide lines. Brought two days later.', { agency: 'hosp-1', explanation: "Mother says she doesn't know", setting: 'emergency' });
  const f = fired([feet], 'nice-cg89-suspect')[0]!;
  assert.ok(['high', 'critical'].includes(f.severity), f.severity);
  const labels = f.terms!.map((t) => t.label);
  assert.ok(labels.includes('an immersion scald pattern'));
  assert.ok(labels.includes('no explanation for the injury'));
  assert.ok(labels.includes('delayed presentation'));
  const spill = seen('2023-02-01', [{ type: 'scald', site: 'chest' }], undefined, { explanation: 'pulled a mug of tea off the table' });
  assert.equal(fired([spill], 'nice-cg89-suspect').length, 0, 'a spill scald to the chest with an account that fits');
});

test('patterned bruising at any age: grip marks at 4, written in a school\'s concern, are high; so is a charted patterned bruise at 6', () => {
  const concern = rec('school-1', 'concern', '2024-03-01', { category: 'physical', description: 'Fingertip bruises on both upper arms, like grip marks.' });
  assert.equal(fired([concern], 'nice-cg89-suspect')[0]?.severity, 'high');
  assert.equal(fired([seen('2026-03-01', [bruise('upper-arm', { patterned: true })], undefined, { explanation: 'play fighting' })], 'nice-cg89-suspect')[0]?.severity, 'high');
  assert.equal(fired([seen('2026-03-01', [bruise('upper-arm')], undefined, { explanation: 'play fighting' })], 'nice-cg89-suspect').length, 0);
  const finger = rec('hosp-1', 'attendance', '2026-03-01', { setting: 'emergency', complaint: 'finger injury', injuries: [{ type: 'swelling', site: 'hand' }], explanation: 'trapped in a door' });
  assert.equal(fired([finger], 'nice-cg89-suspect').length, 0, 'an injury to a finger is not a fingertip mark');
  const ear = fired([seen('2026-03-01', [bruise('ear')], undefined, { explanation: 'not sure' })], 'nice-cg89-suspect');
  assert.equal(ear[0]?.severity, 'high', 'an ear bruise at 6 with no explanation (NICE CG89: any age)');
  assert.equal(fired([seen('2026-03-01', [bruise('ear')], undefined, { explanation: 'hit by a ball in PE, seen by the teacher' })], 'nice-cg89-suspect').length, 0);
});

test('an explanation unsuitable for the injury, and an account that changed, written in words', () => {
  const f = fired([seen('2025-05-01', [bruise('shin'), bruise('thigh')], 'Bruising is extensive for the fall described.')], 'nice-cg89-suspect')[0]!;
  assert.match(f.explanation, /explanation does not fit it/);
  const changed = fired([seen('2025-05-01', [bruise('shin')], 'Mother first said he fell; the account changed when asked again.')], 'conflicting-explanations');
  assert.equal(changed.length, 1);
  assert.match(changed[0]!.explanation, /the account changed/);
});

test('one delay reported by the hospital, its referral and the next day\'s strategy discussion is one term, not three', () => {
  const ed = seen('2025-05-01', [{ type: 'fracture', site: 'upper-arm' }], 'Brought two days later.', { agency: 'hosp-1', setting: 'emergency', explanation: 'fell off the bed' });
  const referral = rec('hosp-1', 'referral', '2025-05-01', { to: 'csc-1', reason: 'Fractured arm; brought two days later.', urgency: 'within-24h' });
  const strategy = rec('csc-1', 'strategy-discussion', '2025-05-02', { agencies: ['csc-1', 'hosp-1'], decision: 'section-47' }, { extra: { narrative: 'Fractured arm; brought two days later.' } });
  const firings = fired([ed, referral, strategy], 'nice-cg89-suspect');
  const delays = firings.flatMap((f) => f.terms ?? []).filter((t) => t.label === 'delayed presentation');
  assert.equal(delays.filter((t) => t.weight > 0).length, 1, JSON.stringify(delays));
});

test('TEN-4-FACESp: an accident seen by an independent witness explains a bruise (the finding says so); a parent\'s own account, or a patterned bruise, does not', () => {
  const nursery = seen('2021-09-01', [bruise('cheek')], 'Fell against the table edge at nursery; the fall was witnessed by nursery staff, accident form completed.');
  const explained = fired([nursery], 'ten-4-facesp')[0]!;
  assert.equal(explained.severity, 'low');
  assert.match(explained.explanation, /independent witness/);
  assert.ok(negative(explained).some((t) => t.label.includes('independent witness')));
  const mum = seen('2021-09-01', [bruise('cheek')], 'Mum says she saw him fall against the table.');
  assert.equal(fired([mum], 'ten-4-facesp')[0]?.severity, 'high', "a parent's account is not an independent witness");
  const grip = seen('2021-09-01', [bruise('cheek', { patterned: true })], 'Fell against the table edge at nursery; the fall was witnessed by nursery staff.');
  assert.equal(fired([grip], 'ten-4-facesp')[0]?.severity, 'high', 'a patterned bruise is never explained away');
});
