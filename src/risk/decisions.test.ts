// Decisions that end or decline protection: harm substantiated and no plan made (protection-declined), and a
// closure whose own record leaves the question open (closed-unresolved). Each pattern at its edge, with the
// benign counterpart that must not fire, and how weighing grades it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { evaluateChild } from './engine.ts';
import { AGENCY_KINDS, attendance, bruise, CHILD_ID, rec } from './test-records.ts';
import type { EvidenceRecord } from '../household/derive.ts';
import { protectionDeclined, RECURRENCE_DAYS, SUBSTANTIATED_WEIGHT } from './rules/protection-declined.ts';
import { gapsIn } from './rules/closed-unresolved.ts';
import { read } from './text/test-reading.ts';

const run = (records: EvidenceRecord[]) => evaluateChild(CHILD_ID, records, { agencyKinds: AGENCY_KINDS });
const fired = (records: EvidenceRecord[], rule: string) => run(records).filter((f) => f.rule === rule);
const last = (records: EvidenceRecord[], rule: string) => fired(records, rule).at(-1);

const outcome = (on: string, substantiated: boolean, decision: string, narrative?: string) =>
  rec('csc-1', 'enquiry-outcome', on, { substantiated, decision }, { people: ['child', 'm'], ...(narrative ? { extra: { narrative } } : {}) });
const conference = (on: string, decision: string, dissent?: string) =>
  rec('csc-1', 'conference', on, { type: 'initial', agenciesPresent: ['csc-1', 'hv-1'], agenciesAbsent: [], decision, ...(dissent ? { dissent } : {}) }, { people: ['child', 'm'] });
const concern = (on: string, agency: string, description: string) => rec(agency, 'concern', on, { category: 'physical', description }, { people: ['child', 'm'] });

test('protection declined: a substantiated enquiry and a conference deciding no plan is medium on the day; a concern since makes it high', () => {
  const found = outcome('2023-01-10', true, 'conference');
  const noPlan = conference('2023-01-20', 'no-plan');
  const onDay = last([found, noPlan], 'protection-declined')!;
  assert.equal(onDay.at, '2023-01-20');
  assert.equal(onDay.severity, 'medium', 'the substantiation alone: LR 6, below high');
  assert.deepEqual(onDay.contributing, [found.source], 'a history, not harm seen today');
  const t = onDay.terms!.find((x) => x.label === 'harm substantiated by an enquiry, no child-protection plan made')!;
  assert.equal(t.weight, SUBSTANTIATED_WEIGHT);
  assert.equal(t.evidence, found.source);
  assert.match(t.source, /Hindley/);
  const later = concern('2023-07-01', 'school-1', 'Came into class with several bruises on his arms.');
  const f = last([found, noPlan, later], 'protection-declined')!;
  assert.equal(f.at, '2023-07-01');
  assert.equal(f.severity, 'high', 'LR 6 × 1.6: high');
  assert.ok(f.evidence.includes(later.source));
  assert.match(f.explanation, /substantiated the concerns on 2023-01-10.*decided no plan.*a concern on 2023-07-01/);
});

test('protection declined: an injury since is told, weighed by the physical rules; two agencies the same day are one concern', () => {
  const found = outcome('2023-01-10', true, 'child-in-need');
  const hurt = attendance('2023-03-01', [bruise('shin')], { agency: 'hosp-1' });
  const f = last([found, hurt], 'protection-declined')!;
  assert.ok(f, 'an injury after a substantiated enquiry that ended in a child-in-need plan');
  assert.equal(f.terms!.length, 1, 'only the substantiation: the injury is weighed where it is found');
  const same = [found, concern('2023-03-01', 'school-1', 'many bruises'), concern('2023-03-01', 'hv-1', 'told of many bruises')];
  assert.equal(last(same, 'protection-declined')!.terms!.filter((x) => x.label.startsWith('a concern after')).length, 1);
});

test('protection declined, the benign counterparts: not substantiated, a plan made, a conference not yet held, or more than a year on', () => {
  const later = concern('2023-03-01', 'school-1', 'bruise on the knee');
  assert.equal(fired([outcome('2023-01-10', false, 'no-further-action'), later], 'protection-declined').length, 0, 'not substantiated');
  assert.equal(fired([outcome('2023-01-10', true, 'conference'), conference('2023-01-20', 'plan'), later], 'protection-declined').length, 0, 'a plan was made');
  assert.equal(fired([outcome('2023-01-10', true, 'conference'), later], 'protection-declined').length, 0, 'the conference has not sat');
  const late = concern('2024-02-01', 'school-1', 'bruise on the knee');
  const yearOn = fired([outcome('2023-01-10', true, 'no-further-action'), late], 'protection-declined');
  assert.deepEqual(yearOn.map((f) => f.at), ['2023-01-10'], `told on the day it closed, not for a concern more than ${RECURRENCE_DAYS} days after`);
  const records = [outcome('2023-01-10', true, 'conference'), conference('2023-01-20', 'no-plan'), outcome('2023-02-01', true, 'conference'), conference('2023-02-10', 'plan')];
  assert.equal(protectionDeclined(records, CHILD_ID, '2023-03-01'), null, 'protected since');
});

test('closed unresolved: a closure on a parent\'s word, without the child visited, with an adult unchecked; each cites its phrase', () => {
  const word = outcome('2023-04-01', false, 'no-further-action', 'Assessment after the police notification. Mum says she has ended the relationship. Case closed.');
  const f = last([word], 'closed-unresolved')!;
  assert.equal(f.severity, 'medium');
  assert.deepEqual(f.terms!.map((t) => t.label), ["decided on a parent's word that the risk has gone"]);
  assert.match(f.terms![0]!.basis, /narrative: "Mum says she has ended the relationship/);
  assert.deepEqual(f.contributing, [word.source]);
  const open = outcome('2023-04-01', false, 'no-further-action', 'Planned home visit was cancelled. No further action. The identity of the new boyfriend is unknown.');
  const g = last([open], 'closed-unresolved')!;
  assert.deepEqual(g.terms!.map((t) => t.label).sort(), ['decided with an adult in the household not identified or checked', 'decided without the child visited or seen']);
  assert.equal(g.severity, 'medium', 'two "consider" features alone: 6.25, below high');
  const dissent = conference('2023-04-01', 'no-plan', 'The health visitor disagreed and asked for a plan.');
  assert.deepEqual(gapsIn(dissent).map((x) => x.label), ["decided against a professional's recorded dissent"]);
});

test('closed unresolved weighs with what stands about the child: after a suspect injury, a closure without a visit is high', () => {
  const injury = attendance('2023-03-25', [bruise('ear')], { agency: 'hosp-1', explanation: 'fell off the sofa', dob: '2021-06-01' });
  const close = outcome('2023-04-01', false, 'no-further-action', 'No further action; the home visit was not made.');
  const f = last([injury, close], 'closed-unresolved')!;
  assert.equal(f.severity, 'high', 'a TEN-4-FACESp bruise (LR 7.4) and a closure without a visit (LR 2.5), the closure being contributing: high, not critical');
});

test('closed unresolved, the benign counterparts: the child seen and the facts checked, a professional\'s confirmation, denied phrases, or no closure', () => {
  assert.equal(fired([outcome('2023-04-01', false, 'no-further-action', 'Visited: children seen and spoken to at home, happy and settled. Partner checked with police: nothing known. Case closed.')], 'closed-unresolved').length, 0);
  assert.equal(fired([outcome('2023-04-01', false, 'no-further-action', 'Police confirmed he has moved out and is bailed to another address. Case closed.')], 'closed-unresolved').length, 0, 'checked by a professional, not a parent\'s word');
  assert.equal(fired([outcome('2023-04-01', false, 'conference', 'Mum says the relationship is over; conference to be convened.')], 'closed-unresolved').length, 0, 'not a closure');
  assert.equal(fired([conference('2023-04-01', 'plan', 'Police would have preferred a higher category.')], 'closed-unresolved').length, 0, 'a plan made is not protection declined');
});

test('decision words: what a closure left open, read with negation and attribution', () => {
  const codes = (t: string) => read(t).filter((s) => !s.negated).map((s) => `${s.code}${s.attribution ? `:${s.attribution}` : ''}`);
  assert.ok(codes('Mother says the relationship is over.').includes('risk-said-gone:parent'));
  assert.ok(codes('Dad reports his partner has moved out of the flat.').includes('risk-said-gone:parent'));
  assert.ok(!codes('The relationship is not over.').some((c) => c.startsWith('risk-said-gone')));
  assert.ok(!codes('Grandmother worried mother is not coping since the separation.').some((c) => c.startsWith('risk-said-gone')));
  assert.ok(codes('Home visit cancelled by the manager.').includes('not-visited'));
  assert.ok(codes('Closed without a home visit.').includes('not-visited'));
  assert.ok(!codes('Home visit completed, children seen.').includes('not-visited'));
  assert.ok(codes("Mother's partner not identified or checked.").includes('adult-unchecked'));
  assert.ok(codes('No checks on the boyfriend were made.').includes('adult-unchecked'));
  assert.ok(!codes('Police checks completed on the partner: nothing known.').includes('adult-unchecked'));
  assert.ok(!codes("Mother's partner has moved in; works locally.").includes('adult-unchecked'));
});
