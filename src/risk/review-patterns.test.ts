// The patterns the serious case reviews name, each at its edge: the pattern, what is not it, and the context
// that stops it; and how weighing grades each (the rule alone, and with its terms summed in the window).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { evaluateChild } from './engine.ts';
import { AGENCY_KINDS, attendance, bruise, CHILD_ID, rec } from './test-records.ts';
import type { EvidenceRecord } from '../household/derive.ts';

const run = (records: EvidenceRecord[]) => evaluateChild(CHILD_ID, records, { agencyKinds: AGENCY_KINDS });
const fired = (records: EvidenceRecord[], rule: string) => run(records).filter((f) => f.rule === rule);
const last = (records: EvidenceRecord[], rule: string) => fired(records, rule).at(-1);

const visit = (on: string, access: 'inside' | 'doorstep' | 'no-reply' | 'refused', childSeen = access === 'inside', agency = 'csc-1') =>
  rec(agency, 'visit', on, { purpose: 'statutory', announced: false, childSeen, childSeenAlone: false, access });
const plan = (on: string) => rec('csc-1', 'conference', on, { type: 'initial', agenciesPresent: ['csc-1'], agenciesAbsent: [], decision: 'plan', categories: ['neglect'] });
const planEnds = (on: string) => rec('csc-1', 'conference', on, { type: 'review', agenciesPresent: ['csc-1'], agenciesAbsent: [], decision: 'plan-ends' });

test('child not seen: one unseen visit is nothing; two in a row are medium; three high; a visit that sees the child inside ends the run', () => {
  assert.equal(fired([visit('2023-01-01', 'no-reply', false, 'hv-1')], 'child-not-seen').length, 0);
  const two = [visit('2023-01-01', 'no-reply', false, 'hv-1'), visit('2023-01-20', 'doorstep', true, 'hv-1')];
  const f = last(two, 'child-not-seen')!;
  assert.equal(f.severity, 'medium');
  assert.match(f.explanation, /no reply at the door.*seen only on the doorstep/);
  assert.deepEqual(f.terms?.map((t) => t.weight > 0), [true, true]);
  const three = [...two, visit('2023-02-10', 'inside', false, 'hv-1')];
  const f3 = last(three, 'child-not-seen')!;
  assert.equal(f3.severity, 'medium', 'three in a row by the health visitor: LR 1.6³ = 2.5², below high');
  assert.match(f3.explanation, /this rule alone: high/);
  const social = [visit('2023-01-01', 'no-reply'), visit('2023-01-20', 'doorstep', true), visit('2023-02-10', 'inside', false)];
  assert.equal(last(social.slice(0, 2), 'child-not-seen')?.severity, 'medium', 'two by a social worker: open to social care, LR 2.5 × 2 = 5');
  assert.equal(last(social, 'child-not-seen')?.severity, 'high', 'three by a social worker: LR 8');
  const seen = [two[0]!, visit('2023-01-10', 'inside', true, 'hv-1'), two[1]!];
  assert.equal(fired(seen, 'child-not-seen').length, 0, 'the child seen inside between them: not a run');
  const apart = [visit('2023-01-01', 'no-reply', false, 'hv-1'), visit('2023-04-05', 'no-reply', false, 'hv-1')];
  assert.equal(fired(apart, 'child-not-seen').length, 0, 'more than 90 days apart');
});

test('child not seen: entry refused once is enough for a child on a plan; seen by another service since lowers it', () => {
  const p = plan('2023-01-05');
  assert.equal(fired([visit('2023-02-01', 'refused', false, 'hv-1')], 'child-not-seen').length, 0, 'refused once to the health visitor, not known to social care');
  const onPlan = last([p, visit('2023-02-01', 'refused')], 'child-not-seen')!;
  assert.ok(onPlan.terms!.some((t) => t.label === 'not seen while on a child-protection plan'));
  assert.equal(onPlan.severity, 'medium', 'refused (LR 2.5) on a plan (LR 2.5): 6.25, below high');
  const again = [p, visit('2023-02-01', 'refused'), visit('2023-02-08', 'no-reply')];
  assert.equal(last(again, 'child-not-seen')?.severity, 'high', 'and no reply a week later: high');
  const gp = attendance('2023-02-05', [], { agency: 'gp-1' });
  const lowered = last([...again, gp], 'child-not-seen')!;
  assert.match(lowered.explanation, /Lowered by: −0\.66 \(÷1\.6\) seen by another service since/);
  assert.equal(lowered.severity, 'medium');
});

test('returned home from care, then not seen: the return and an unseen visit; a visit that saw the child, or placed away again, stops it', () => {
  const home = rec('csc-1', 'placement', '2023-03-01', { subject: 'child', with: 'm', change: 'returned-home' }, { people: ['child', 'm'] });
  const f = last([home, visit('2023-03-10', 'no-reply')], 'returned-home-not-seen')!;
  assert.equal(f.severity, 'medium');
  assert.ok(f.evidence.includes(home.source));
  assert.ok(f.terms!.some((t) => t.label === 'returned home from care'));
  const twice = [home, visit('2023-03-10', 'no-reply'), visit('2023-03-17', 'refused')];
  assert.equal(last(twice, 'returned-home-not-seen')?.severity, 'high', 'return (2.5) × no reply (1.6) × refused (2.5), with the not-seen finding weighed alongside');
  assert.equal(fired([visit('2023-03-10', 'no-reply')], 'returned-home-not-seen').length, 0, 'no return home');
  assert.equal(fired([home, visit('2023-03-05', 'inside'), visit('2023-03-10', 'inside')], 'returned-home-not-seen').length, 0, 'seen at home');
  const away = rec('csc-1', 'placement', '2023-03-05', { subject: 'child', change: 'placed-away' });
  assert.equal(fired([home, away, visit('2023-03-10', 'no-reply')], 'returned-home-not-seen').length, 0, 'placed away again');
  assert.equal(fired([home, visit('2023-09-01', 'no-reply')], 'returned-home-not-seen').length, 0, 'more than six months after the return');
});

test('taken off a plan while concerns continue: one concern medium, three high; a new plan, or nothing after the plan, stops it', () => {
  const p = plan('2023-01-05');
  const ended = planEnds('2023-04-05');
  const concern = (on: string) => rec('school-1', 'concern', on, { description: 'school worried about the family again' });
  assert.equal(last([p, ended, concern('2023-05-01')], 'off-plan-concerns')?.severity, 'medium');
  const three = [p, ended, concern('2023-05-01'), concern('2023-05-20'), attendance('2023-06-01', [bruise('shin')], { agency: 'hosp-1' })];
  const f = last(three, 'off-plan-concerns')!;
  assert.equal(f.severity, 'high');
  assert.match(f.explanation, /plan ended on 2023-04-05/);
  assert.equal(fired([p, concern('2023-05-01')], 'off-plan-concerns').length, 0, 'still on the plan');
  assert.equal(fired([p, ended, plan('2023-04-25'), concern('2023-05-01')], 'off-plan-concerns').length, 0, 'a new plan since');
  assert.equal(fired([p, ended, concern('2023-11-01')], 'off-plan-concerns').length, 0, 'more than six months after');
});

test('withdrawn to home education: high during a section 47 enquiry or on a plan, medium open to social care; nothing once the enquiry closed', () => {
  const withdrawn = (on: string) => rec('school-1', 'education', on, { change: 'withdrawn-home-education', school: 'Birch Primary' });
  const s47 = rec('csc-1', 'strategy-discussion', '2023-02-01', { agencies: ['csc-1', 'police-1'], decision: 'section-47' });
  const f = last([s47, withdrawn('2023-02-10')], 'home-education-withdrawal')!;
  assert.equal(f.severity, 'high');
  assert.match(f.explanation, /section 47 enquiry/);
  assert.equal(last([plan('2023-01-05'), withdrawn('2023-02-10')], 'home-education-withdrawal')?.severity, 'high');
  const nfa = rec('csc-1', 'enquiry-outcome', '2023-02-08', { substantiated: false, decision: 'no-further-action' });
  assert.equal(fired([s47, nfa, withdrawn('2023-02-10')], 'home-education-withdrawal').length, 0, 'the enquiry closed with no further action');
  assert.equal(fired([withdrawn('2023-02-10')], 'home-education-withdrawal').length, 0, 'not known to social care: a parent\'s right');
  const cin = rec('csc-1', 'visit', '2023-02-01', { purpose: 'family-support', announced: true, childSeen: true, childSeenAlone: false, access: 'inside' });
  assert.equal(last([cin, withdrawn('2023-02-10')], 'home-education-withdrawal')?.severity, 'medium', 'open to social care');
});

test('missing education: at once medium; removed from roll only a month on with no enrolment; an enrolment stops it', () => {
  const edu = (on: string, change: string) => rec('school-1', 'education', on, { change });
  assert.equal(last([edu('2023-03-01', 'missing-education')], 'missing-education')?.severity, 'medium');
  assert.equal(fired([edu('2023-03-01', 'missing-education'), edu('2023-03-01', 'enrolled')], 'missing-education').length, 0, 'enrolled the same day');
  const removed = edu('2023-03-01', 'removed-from-roll');
  const later = rec('gp-1', 'attendance', '2023-04-20', { setting: 'gp', complaint: 'cough' });
  assert.equal(fired([removed], 'missing-education').length, 0, 'a removal alone is not yet a concern');
  const f = fired([removed, later], 'missing-education');
  assert.equal(f.length, 1);
  assert.equal(f[0]!.at, '2023-03-31', 'looked at again a month on');
  assert.equal(fired([removed, edu('2023-03-15', 'enrolled'), later], 'missing-education').length, 0, 'a move between schools');
});

test('community concerns closed: raised again after a closure is medium; twice closed and raised again high; taken up, nothing', () => {
  const concern = (on: string, reportedBy: string) => rec('csc-1', 'concern', on, { category: 'neglect', description: 'children left alone at night', reportedBy });
  const nfa = (on: string) => rec('csc-1', 'enquiry-outcome', on, { substantiated: false, decision: 'no-further-action' });
  const a = concern('2023-01-10', 'neighbour');
  assert.equal(fired([a], 'community-concerns-closed').length, 0, 'once');
  assert.equal(fired([a, concern('2023-03-10', 'relative')], 'community-concerns-closed').length, 0, 'twice, the first not closed');
  const once = [a, nfa('2023-01-20'), concern('2023-03-10', 'relative')];
  const f = last(once, 'community-concerns-closed')!;
  assert.equal(f.severity, 'medium');
  assert.match(f.explanation, /a neighbour on 2023-01-10.*a relative on 2023-03-10/);
  const twice = [...once, nfa('2023-03-20'), concern('2023-05-10', 'anonymous')];
  assert.equal(last(twice, 'community-concerns-closed')?.severity, 'high');
  const professional = [rec('school-1', 'concern', '2023-01-10', { description: 'x', reportedBy: 'professional' }), nfa('2023-01-20'), concern('2023-03-10', 'relative')];
  assert.equal(fired(professional, 'community-concerns-closed').length, 0, 'a professional\'s concern is another pattern');
  const heard = [a, nfa('2023-01-20'), rec('csc-1', 'strategy-discussion', '2023-02-01', { agencies: ['csc-1'], decision: 'section-47' }), concern('2023-03-10', 'relative')];
  assert.equal(fired(heard, 'community-concerns-closed').length, 0, 'taken up by a section 47 enquiry');
});

test('from the words: a visit with no access field that says the child was asleep upstairs is not seen; a neighbour named in the words raises a concern', () => {
  const said = (on: string, observations: string) => rec('hv-1', 'visit', on, { purpose: 'health-visiting', announced: true, childSeen: true, childSeenAlone: false, observations });
  const two = [said('2023-01-01', 'Mother said the baby was asleep upstairs.'), said('2023-01-15', 'Spoke to mother at the door; visit rearranged.')];
  const f = last(two, 'child-not-seen')!;
  assert.ok(f, 'two visits whose words say the child was not seen');
  assert.match(f.explanation, /in its words/);
  assert.ok(f.terms!.every((t) => t.basis.includes('observations: "')), 'each term cites the phrase');
  assert.equal(fired([said('2023-01-01', 'Baby seen and well.'), said('2023-01-15', 'Baby seen, settled.')], 'child-not-seen').length, 0);
  const words = (on: string, description: string) => rec('csc-1', 'concern', on, { category: 'neglect', description });
  const nfa = rec('csc-1', 'enquiry-outcome', '2023-01-20', { substantiated: false, decision: 'no-further-action' });
  const g = last([words('2023-01-10', 'Neighbour says the children are hungry.'), nfa, words('2023-03-10', 'Grandmother says the children are hungry and left alone.')], 'community-concerns-closed');
  assert.ok(g, 'raised again by family after a closure, read from the words');
  assert.ok(g.terms!.some((t) => t.basis.startsWith('body.description: "')));
});

test('parental risk factors in accumulating harm are contributing terms: they count towards high, never towards critical', () => {
  const depression = rec('gp-1', 'attendance', '2023-02-20', { setting: 'gp', complaint: 'low mood; treated for depression' },
    { people: ['m', 'child'], overrides: { m: { role: 'subject' }, child: { role: 'other' } } });
  // Not a walking child's shins and knees, which make no episode (accumulating-harm.ts).
  const a = attendance('2023-03-01', [bruise('thigh')]);
  const b = attendance('2023-04-01', [bruise('forearm')], { agency: 'hosp-1' });
  const f = last([depression, a, b], 'accumulating-harm')!;
  const factor = f.terms!.find((t) => t.label === 'parental risk factor: mental ill health')!;
  assert.equal(factor.evidence, depression.source);
  assert.deepEqual(f.contributing, [depression.source]);
  assert.match(f.explanation, /parental risk factor: mental ill health \[[^\]]+\] \(a contributing factor\)/);
});
