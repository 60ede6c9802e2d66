// Children harmed before and then not seen; what a parent tells the police about a child's neglect; a
// conference that decided with too few agencies; whose a conviction is. Each pattern at its edge, with the
// benign counterpart that must not fire.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { evaluateChild } from './engine.ts';
import { AGENCY_KINDS, CHILD_ID, rec } from './test-records.ts';
import { notSeenAt } from './visits.ts';
import type { EvidenceRecord } from '../household/derive.ts';

const run = (records: EvidenceRecord[]) => evaluateChild(CHILD_ID, records, { agencyKinds: AGENCY_KINDS });
const fired = (records: EvidenceRecord[], rule: string) => run(records).filter((f) => f.rule === rule);
const high = (s: string | undefined) => s === 'high' || s === 'critical';

// A revision-1 visit: no `access`, what happened only in the words.
const visit = (on: string, childSeen: boolean, observations: string, childSeenAlone = false) =>
  rec('csc-1', 'visit', on, { purpose: 'statutory', announced: true, childSeen, childSeenAlone, observations }, { people: ['child', 'm'] });
const thresholdMet = (on: string) => rec('csc-1', 'legal-advice', on, { question: 'care-proceedings-threshold', thresholdMet: true }, { people: ['child', 'm'] });
const placedAway = (on: string) => rec('csc-1', 'placement', on, { subject: 'child', change: 'placed-away' });
const returnedHome = (on: string) => rec('csc-1', 'placement', on, { subject: 'child', with: 'm', change: 'returned-home' }, { people: ['child', 'm'] });
const FOUR_YEARS_OLD = '2019-01-10';

test('entry refused in a visit\'s words is a refusal, however the form was filled; no answer is not', () => {
  assert.equal(notSeenAt(visit('2023-05-01', false, 'Father answered but would not let us in.'), CHILD_ID), 'refused');
  assert.equal(notSeenAt(visit('2023-05-01', false, 'No answer at the door.'), CHILD_ID), 'not-seen');
  assert.equal(notSeenAt(visit('2023-05-01', true, 'Mother let me in; child playing in the lounge.'), CHILD_ID), null);
});

test('harmed before, at home, not seen: high with the entry refused; nothing without the harm found, or while the child is placed away', () => {
  const history = [thresholdMet('2021-03-01'), placedAway('2021-03-02'), returnedHome('2022-01-10')];
  const refused = visit('2023-05-01', false, 'Father answered but would not let us in.');
  const f = fired([...history, refused], 'harmed-before-not-seen').at(-1)!;
  assert.ok(high(f.severity), f.explanation);
  assert.deepEqual(f.terms!.map((t) => t.label), ['significant harm found before', 'entry refused']);
  assert.match(f.explanation, /thresholdMet: true/);
  assert.match(f.explanation, /would not let us in/);
  assert.ok(f.contributing!.includes(history[0]!.source), 'the harm found before is a risk factor, never direct evidence');
  // Benign counterparts.
  assert.equal(fired([refused], 'harmed-before-not-seen').length, 0, 'no harm found before: the child-not-seen rules speak of it');
  assert.equal(fired([thresholdMet('2021-03-01'), placedAway('2021-03-02'), refused], 'harmed-before-not-seen').length, 0, 'placed away and not returned: not at home');
  assert.equal(fired([...history, visit('2023-05-01', true, 'Child seen in her bedroom, spoken to alone.', true)], 'harmed-before-not-seen').length, 0, 'seen alone');
  const noReply = fired([...history, visit('2023-05-01', false, 'No answer at the door.')], 'harmed-before-not-seen').at(-1)!;
  assert.equal(noReply.severity, 'medium', 'harm before (LR 2.5) and one visit not seeing the child (LR 1.6): medium');
});

test('harmed before: a glimpse with the carers present after visits that did not see the child counts; not for a baby, nor without the unseen visits', () => {
  const history = [thresholdMet('2021-03-01'), returnedHome('2022-01-10')];
  const unseen = [visit('2023-01-10', false, 'Told the child was asleep upstairs.'), visit('2023-03-10', false, 'Admitted to the hall only; child not there.')];
  const glimpse = visit('2023-05-10', true, 'Child sat on the sofa; parents present throughout. Not spoken to alone.');
  const opts = { people: ['child', 'm'], dob: FOUR_YEARS_OLD };
  const at = (r: EvidenceRecord) => rec(r.agencyId, 'visit', r.occurredOn, r.document.body, opts);
  const history4 = history.map((r) => rec(r.agencyId, r.kind as 'legal-advice', r.occurredOn, r.document.body as Record<string, unknown>, opts));
  const f = fired([...history4, ...unseen.map(at), at(glimpse)], 'harmed-before-not-seen').at(-1)!;
  assert.equal(f.at, '2023-05-10');
  assert.ok(high(f.severity), f.explanation);
  assert.ok(f.terms!.some((t) => t.label === 'seen only with the carers present, after visits that did not see the child'));
  assert.equal(fired([...history4, at(glimpse)], 'harmed-before-not-seen').length, 0, 'no unseen visit before it: an ordinary visit');
  const baby = { people: ['child', 'm'], dob: '2022-11-01' };
  const babyRecords = [...history, ...unseen, glimpse].map((r) => rec(r.agencyId, r.kind as 'visit', r.occurredOn, r.document.body as Record<string, unknown>, baby));
  assert.ok(!fired(babyRecords, 'harmed-before-not-seen').some((x) => x.at === '2023-05-10'), 'a baby is not spoken to alone');
});

// A police interview of the father (the suspect of an assault on the mother), in which the child is named as his son.
// He lives elsewhere: his own violence is not in the child's home.
const ELSEWHERE = { lines: ['9 Elm Street'], postcode: 'E1 1AA' };
const interview = (on: string, narrative: string) => rec('police-1', 'police-action', on, { action: 'interview', suspect: 'p', offence: 'assault (domestic)' }, {
  people: ['p', 'child', 'm'],
  overrides: { p: { role: 'alleged-perpetrator', relationship: 'father', address: ELSEWHERE, livesWithSubject: 'no' }, child: { role: 'other', relationship: 'son of suspect' }, m: { role: 'other', relationship: 'mother of the child' } },
  extra: { narrative },
});
/** The same record naming a second child of the family too. */
function withSibling(r: EvidenceRecord): EvidenceRecord {
  const sibling = { key: 'sib', role: 'other' as const, relationship: 'daughter of suspect', name: { given: 'Kim', family: 'Testchild' }, dob: '2012-04-04' };
  return { ...r, document: { ...r.document, people: [...r.document.people, sibling] }, personOf: { ...r.personOf, sib: 99 } };
}
const notBrought = (on: string, agency = 'gp-1') => rec(agency, 'appointment-missed', on, { service: 'child health review', wasNotBrought: true });
const SAYS = 'Suspect states his son is underweight and that the boy\'s mother would not let him see a doctor.';

test('a parent tells the police the child is neglected: the kinds he names weigh as neglect, with the missed appointments of the year', () => {
  // Interviewed about something other than domestic abuse, so that nothing else about the child is weighed.
  const theft = interview('2023-06-01', SAYS);
  theft.document = { ...theft.document, body: { ...theft.document.body, offence: 'theft' } };
  const alone = fired([theft], 'family-reports-neglect').at(-1)!;
  assert.equal(alone.severity, 'medium', 'faltering growth described (LR 2) and kept from a doctor (LR 2.5): medium');
  // Interviewed about an assault on the child's mother, the domestic abuse the child lives with counts too.
  assert.ok(high(fired([interview('2023-06-01', SAYS)], 'family-reports-neglect').at(-1)!.severity));
  assert.deepEqual(alone.terms!.map((t) => t.label).sort(), ['faltering growth described', 'untreated medical or dental need']);
  assert.match(alone.explanation, /said by a parent/);
  const withMissed = fired([notBrought('2023-01-10'), notBrought('2023-03-10', 'hv-1'), interview('2023-06-01', SAYS)], 'family-reports-neglect').at(-1)!;
  assert.ok(high(withMissed.severity), withMissed.explanation);
});

test('a parent\'s words are not this pattern when they deny it, are about another child, or are the writer\'s own', () => {
  assert.equal(fired([interview('2023-06-01', 'Suspect says there are no concerns about his son\'s weight.')], 'family-reports-neglect').length, 0, 'denied');
  const sibling = withSibling(interview('2023-06-01', SAYS));
  assert.equal(fired([sibling], 'family-reports-neglect').length, 0, 'another child named: the words may be about either');
  assert.equal(fired([interview('2023-06-01', 'Officers noted the boy looked undernourished.')], 'family-reports-neglect').length, 0, 'the writer\'s own observation: the neglect rule\'s');
  const gp = rec('gp-1', 'attendance', '2023-06-01', { setting: 'gp', complaint: 'poor feeding' }, { people: ['child', 'm'], extra: { narrative: 'Mother says he is losing weight and not feeding well.' } });
  assert.equal(fired([gp], 'family-reports-neglect').length, 0, 'a mother seeking help for her child at the GP is not a report of neglect');
});

const conference = (present: string[], absent: string[]) => rec('csc-1', 'conference', '2023-02-01', { type: 'review', agenciesPresent: present, agenciesAbsent: absent, decision: 'plan' }, { people: ['child', 'm'] });

test('a conference with fewer than three agencies present: high when the police or health are absent; quorate, or no one recorded absent, is nothing', () => {
  const f = fired([conference(['csc-1'], ['police-1', 'hosp-1'])], 'inquorate-conference').at(-1)!;
  assert.equal(f.severity, 'high');
  assert.match(f.explanation, /police-1 \(police\)/);
  assert.equal(fired([conference(['csc-1', 'gp-1'], ['school-1'])], 'inquorate-conference').at(-1)?.severity, 'medium', 'only the school absent');
  assert.equal(fired([conference(['csc-1', 'police-1', 'gp-1'], ['hosp-1'])], 'inquorate-conference').length, 0, 'quorate');
  assert.equal(fired([conference(['csc-1'], [])], 'inquorate-conference').length, 0, 'no agency recorded absent');
});

test('a conviction for injuring a child is violence, and the possessive says whose: not the child the sentence names', () => {
  const home = rec('hv-1', 'visit', '2023-01-05', { purpose: 'health-visiting', announced: true, childSeen: true, childSeenAlone: false, access: 'inside' }, { people: ['child', 'm', 'p'], overrides: { p: { relationship: 'step-father', livesWithSubject: 'yes' } } });
  const noted = rec('csc-1', 'concern', '2023-02-01', { category: 'physical', description: "Records show the step-father's conviction for cruelty to Sam's half-sister in 2015." }, { people: ['child', 'm', 'p'], overrides: { p: { relationship: 'step-father' } } });
  const f = fired([home, noted], 'violent-adult-in-home').at(-1)!;
  assert.equal(f.subjectPersonId, 3);
  assert.match(f.explanation, /conviction for cruelty/);
  const none = rec('csc-1', 'concern', '2023-02-01', { category: 'other', description: 'Step-father has no convictions; convicted of a driving offence in 2019.' }, { people: ['child', 'm', 'p'], overrides: { p: { relationship: 'step-father' } } });
  assert.equal(fired([home, none], 'violent-adult-in-home').length, 0);
});

test('before the birth a visit sees the expectant mother, not the child: the not-seen rules wait for the birth', () => {
  // Harm found about an unborn child (a pre-birth threshold decision), a visit before the birth that did not see
  // "the child", then one after the birth that did not see the baby.
  const born = '2023-03-01';
  const opts = { people: ['child', 'm'], dob: born };
  const threshold = rec('csc-1', 'legal-advice', '2022-12-01', { question: 'care-proceedings-threshold', thresholdMet: true }, opts);
  const visitOn = (on: string) => rec('csc-1', 'visit', on, { purpose: 'statutory', announced: true, childSeen: false, childSeenAlone: false, observations: 'Father answered but would not let us in.' }, opts);
  const before = fired([threshold, visitOn('2023-01-16')], 'harmed-before-not-seen');
  assert.equal(before.length, 0, 'not yet born: nobody to see');
  const after = fired([threshold, visitOn('2023-01-16'), visitOn('2023-04-03')], 'harmed-before-not-seen').at(-1)!;
  assert.equal(after.at, '2023-04-03');
  assert.deepEqual(after.terms!.map((t) => t.label), ['significant harm found before', 'entry refused'], 'the visit before the birth is not counted');
  assert.equal(fired([visitOn('2023-01-10'), visitOn('2023-02-10')], 'child-not-seen').length, 0, 'two pre-birth visits are not a child unseen');
});
