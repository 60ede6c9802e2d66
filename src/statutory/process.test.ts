// The statutory process on England's working days: the edges of each clock,
// across Christmas, Easter and the 2023 coronation holiday; the drift rule.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { AGENCY_KINDS, CHILD_ID, rec, attendance } from '../risk/test-records.ts';
import { evaluateChild } from '../risk/engine.ts';
import { statutoryDrift } from '../risk/rules/statutory-drift.ts';
import { deriveProcess, PROCESS_DEFAULTS } from './process.ts';

const opts = { agencyKinds: AGENCY_KINDS };
const strategy = (on: string) => rec('csc-1', 'strategy-discussion', on, { agencies: ['csc-1', 'police-1'], decision: 'section-47' });
const icpc = (on: string, decision = 'plan') => rec('csc-1', 'conference', on, { type: 'initial', agenciesPresent: ['csc-1'], agenciesAbsent: [], decision, ...(decision === 'plan' ? { categories: ['physical'] } : {}) });
const review = (on: string, decision = 'plan') => rec('csc-1', 'conference', on, { type: 'review', agenciesPresent: ['csc-1'], agenciesAbsent: [], decision });
const coreGroup = (on: string) => rec('csc-1', 'core-group', on, { agenciesPresent: ['csc-1'], agenciesAbsent: [] });
const visit = (on: string, alone = true) => rec('csc-1', 'visit', on, { purpose: 'statutory', announced: true, childSeen: true, childSeenAlone: alone });
const step = (records: ReturnType<typeof rec>[], asOf: string, s: string) =>
  deriveProcess(records, CHILD_ID, asOf, opts).deadlines.filter((d) => d.step === s).map((d) => [d.due, d.status]);

test('initial conference within 15 working days of the strategy discussion, across Christmas 2022 (26, 27 December and 2 January are bank holidays)', () => {
  assert.deepEqual(step([strategy('2022-12-16'), icpc('2023-01-11')], '2023-02-01', 'initial-conference'), [['2023-01-11', 'met']]);
  assert.deepEqual(step([strategy('2022-12-16'), icpc('2023-01-12')], '2023-02-01', 'initial-conference'), [['2023-01-11', 'missed']]);
  assert.deepEqual(step([strategy('2022-12-16')], '2023-01-11', 'initial-conference'), [['2023-01-11', 'running']], 'due today: still running');
});

test('first core group within 10 working days of the plan, across Easter 2023; the coronation holiday in the next clock', () => {
  // Plan on Thursday 6 April 2023: Good Friday 7th and Easter Monday 10th are bank holidays.
  const plan = icpc('2023-04-06');
  assert.deepEqual(step([plan, coreGroup('2023-04-24')], '2023-04-25', 'first-core-group'), [['2023-04-24', 'met']]);
  assert.deepEqual(step([plan, coreGroup('2023-04-25')], '2023-04-26', 'first-core-group'), [['2023-04-24', 'missed']]);
  // The next core group 30 working days after 24 April 2023: 1 May, 8 May (the coronation) and 29 May are bank holidays.
  const next = deriveProcess([plan, coreGroup('2023-04-24')], CHILD_ID, '2023-07-01', opts).deadlines.find((d) => d.step === 'core-group')!;
  assert.equal(next.due, '2023-06-08');
});

test('first review within 3 months of the plan (a leap day), then every 6 months; a plan ends, and its clocks stop, only once a manager signs it off', () => {
  const plan = icpc('2023-11-30');
  assert.deepEqual(step([plan, review('2024-02-29')], '2024-03-01', 'first-review'), [['2024-02-29', 'met']]);
  assert.deepEqual(step([plan, review('2024-02-29')], '2024-09-01', 'review'), [['2024-08-29', 'missed'], ['2025-02-28', 'running']], 'and the next one, still running');
  const ends = review('2024-02-29', 'plan-ends');
  assert.deepEqual(step([plan, ends], '2024-12-01', 'review').map(([, status]) => status), ['missed', 'running'], 'not signed off: the plan and its clocks run on');
  const signed = deriveProcess([plan, ends], CHILD_ID, '2024-12-01', { ...opts, signOffs: new Map([[ends.source, '2024-03-01']]) });
  assert.deepEqual(signed.deadlines.filter((d) => d.step === 'review'), [], 'signed off the next working day: no review after the plan ends');
  assert.equal(signed.plan!.endedOn, '2024-03-01', 'it ends when signed off');
  assert.deepEqual(signed.deadlines.filter((d) => d.step === 'sign-off').map((d) => [d.due, d.status]), [['2024-03-01', 'met']]);
  const late = deriveProcess([plan, ends], CHILD_ID, '2024-12-01', { ...opts, signOffs: new Map([[ends.source, '2024-03-05']]) });
  assert.deepEqual(late.deadlines.filter((d) => d.step === 'sign-off').map((d) => d.status), ['missed'], 'signed off late: the sign-off deadline was missed');
  assert.equal(late.plan!.endedOn, '2024-03-05');
});

test('statutory visits every 20 working days by default, and the child seen alone every 40; a death stops every clock', () => {
  assert.equal(PROCESS_DEFAULTS.visitEveryWorkingDays, 20);
  const plan = icpc('2023-01-02'); // a bank holiday: the clock counts from the next working day
  assert.deepEqual(step([plan, visit('2023-01-30')], '2023-02-01', 'visit')[0], ['2023-01-30', 'met']);
  assert.deepEqual(step([plan, visit('2023-01-31')], '2023-02-01', 'visit')[0], ['2023-01-30', 'missed']);
  const notAlone = [plan, visit('2023-01-20', false), visit('2023-02-15', false)];
  assert.deepEqual(step(notAlone, '2023-03-10', 'seen-alone')[0], ['2023-02-27', 'missed']);
  const died = rec('police-1', 'death', '2023-01-20', { subject: 'child' });
  assert.deepEqual(deriveProcess([plan, died], CHILD_ID, '2023-06-01', opts).deadlines.filter((d) => d.due >= '2023-01-20' && !d.metBy), []);
});

test('a new injury on a plan needs a core group or review within 10 working days', () => {
  const plan = icpc('2023-03-01');
  const hurt = attendance('2023-03-06', [{ type: 'bruise', site: 'cheek' }], { agency: 'hosp-1' });
  assert.deepEqual(step([plan, hurt, coreGroup('2023-03-20')], '2023-04-01', 'replan-after-injury'), [['2023-03-20', 'met']]);
  assert.deepEqual(step([plan, hurt, coreGroup('2023-03-21')], '2023-04-01', 'replan-after-injury'), [['2023-03-20', 'missed']]);
});

test('decisions that end protection are listed for sign-off: a return home, a plan ending, no proceedings', () => {
  const records = [icpc('2023-01-10'), rec('csc-1', 'placement', '2023-02-01', { subject: 'child', change: 'returned-home' }),
    review('2023-04-10', 'plan-ends'), rec('csc-1', 'legal-advice', '2023-05-01', { question: 'care-proceedings-threshold', thresholdMet: false })];
  assert.deepEqual(deriveProcess(records, CHILD_ID, '2023-06-01', opts).decisions.map((d) => [d.on, d.what]), [
    ['2023-04-10', 'the child-protection plan ends'],
    ['2023-02-01', 'the child returns home'],
    ['2023-05-01', 'the threshold for care proceedings is not met: no proceedings'],
  ]);
});

test('drift: near 2 working days before (low), raised on the day after a deadline with no record that day; medium, then high on the third miss running', () => {
  const plan = icpc('2023-03-01');
  const firings = evaluateChild(CHILD_ID, [plan, rec('hv-1', 'visit', '2023-09-01', { purpose: 'health-visiting', announced: true, childSeen: true, childSeenAlone: false })], { agencyKinds: AGENCY_KINDS, rules: [statutoryDrift] });
  const coreGroups = firings.filter((f) => f.explanation.includes('hold a core group'));
  // Near first: 2 working days before the first core group is due (15 March 2023), a low alert.
  assert.deepEqual([coreGroups[0]!.at, coreGroups[0]!.severity], ['2023-03-13', 'low']);
  assert.match(coreGroups[0]!.explanation, /is due by 2023-03-15/);
  // Then missed, and every 30 working days from the day it was due (Easter, 1 and 8 May, 29 May).
  assert.deepEqual(coreGroups.filter((f) => f.severity !== 'low').slice(0, 3).map((f) => [f.at, f.severity]), [['2023-03-16', 'medium'], ['2023-04-29', 'medium'], ['2023-06-15', 'high']]);
  assert.ok(firings.every((f) => f.evidence.includes(plan.source)));
  assert.equal(evaluateChild(CHILD_ID, [plan, coreGroup('2023-03-15')], { agencyKinds: AGENCY_KINDS, rules: [statutoryDrift] }).length, 0, 'nothing after the last record is raised');
});

test('a child-in-need plan: seen by social care every 30 working days by default, until protection replaces it or an enquiry ends it', () => {
  assert.equal(PROCESS_DEFAULTS.cinVisitEveryWorkingDays, 30);
  const cin = rec('csc-1', 'enquiry-outcome', '2023-03-01', { substantiated: false, decision: 'child-in-need' });
  // 30 working days from Wednesday 1 March 2023, across Easter (7 and 10 April): Friday 14 April.
  const seen = (on: string, childSeen = true) => rec('csc-1', 'visit', on, { purpose: 'family-support', announced: true, childSeen, childSeenAlone: false });
  assert.deepEqual(step([cin, seen('2023-04-14')], '2023-04-20', 'first-cin-visit'), [['2023-04-14', 'met']]);
  assert.deepEqual(step([cin, seen('2023-04-17')], '2023-04-20', 'first-cin-visit'), [['2023-04-14', 'missed']]);
  assert.deepEqual(step([cin, seen('2023-04-14', false)], '2023-04-20', 'first-cin-visit'), [['2023-04-14', 'missed']], 'a visit without seeing the child does not count');
  const hv = rec('hv-1', 'visit', '2023-04-14', { purpose: 'health-visiting', announced: true, childSeen: true, childSeenAlone: false });
  assert.deepEqual(step([cin, hv], '2023-04-20', 'first-cin-visit'), [['2023-04-14', 'missed']], 'the health visitor\'s visit is not social care\'s');
  const p = deriveProcess([cin, seen('2023-04-14')], CHILD_ID, '2023-04-20', opts);
  assert.deepEqual(p.cinPlan, { since: '2023-03-01', source: cin.source, endedOn: null, endedBy: null });
  assert.deepEqual(p.deadlines.filter((d) => d.step === 'cin-visit').map((d) => [d.due, d.status]), [['2023-05-31', 'running']], 'the next clock runs from the visit (1, 8 and 29 May are bank holidays)');

  // Protection replaces it: no child-in-need clock after the initial conference decides a plan.
  const replaced = deriveProcess([cin, icpc('2023-03-20')], CHILD_ID, '2023-09-01', opts);
  assert.equal(replaced.cinPlan!.endedOn, '2023-03-20');
  assert.deepEqual(replaced.deadlines.filter((d) => d.step.includes('cin-visit')), []);
  const closed = rec('csc-1', 'enquiry-outcome', '2023-05-02', { substantiated: false, decision: 'no-further-action' });
  assert.deepEqual(step([cin, seen('2023-04-14'), closed], '2023-09-01', 'cin-visit'), [], 'ended by no further action');
});

test('drift raises a child-in-need visit missed', () => {
  const cin = rec('csc-1', 'enquiry-outcome', '2023-03-01', { substantiated: false, decision: 'child-in-need' });
  const later = rec('gp-1', 'attendance', '2023-05-01', { setting: 'gp', complaint: 'cough' });
  const firings = evaluateChild(CHILD_ID, [cin, later], { agencyKinds: AGENCY_KINDS, rules: [statutoryDrift] });
  assert.deepEqual(firings.filter((f) => f.severity !== 'low').map((f) => [f.at, f.severity]), [['2023-04-15', 'medium']]);
  assert.match(firings.at(-1)!.explanation, /child-in-need plan/);
});

test('a statutory visit with no reply at the door or entry refused does not meet the visiting clock; a doorstep visit does', () => {
  const plan = icpc('2023-01-03');
  const tried = (on: string, access: string) => rec('csc-1', 'visit', on, { purpose: 'statutory', announced: false, childSeen: access === 'doorstep', childSeenAlone: false, access });
  // 20 working days after Tuesday 3 January 2023: 31 January.
  assert.deepEqual(step([plan, tried('2023-01-30', 'no-reply')], '2023-02-01', 'visit')[0], ['2023-01-31', 'missed']);
  assert.deepEqual(step([plan, tried('2023-01-30', 'refused')], '2023-02-01', 'visit')[0], ['2023-01-31', 'missed']);
  assert.deepEqual(step([plan, tried('2023-01-30', 'doorstep')], '2023-02-01', 'visit')[0], ['2023-01-31', 'met']);
});
