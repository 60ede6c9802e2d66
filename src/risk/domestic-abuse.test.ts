// Domestic abuse in the child's home with the child named: the incident, its notification, repeats, and the
// benign counterparts (an argument with no abuse, a denial, a record that does not name the child).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { evaluateChild } from './engine.ts';
import { AGENCY_KINDS, CHILD_ID, rec } from './test-records.ts';
import type { EvidenceRecord } from '../household/derive.ts';

const run = (records: EvidenceRecord[]) => evaluateChild(CHILD_ID, records, { agencyKinds: AGENCY_KINDS });
const fired = (records: EvidenceRecord[], rule: string) => run(records).filter((f) => f.rule === rule);
const last = (records: EvidenceRecord[], rule: string) => fired(records, rule).at(-1);
const RULE = 'domestic-abuse-child-present';

// The suspect is a former partner who does not live there (the violent-adult rule's pattern is another).
const police = (on: string, offence: string, narrative?: string, people = ['child', 'm', 'p']) =>
  rec('police-1', 'police-action', on, { action: 'incident-attended', suspect: 'p', offence }, { people, ...(narrative ? { extra: { narrative } } : {}),
    overrides: { child: { role: 'subject' }, p: { role: 'alleged-perpetrator', relationship: 'former partner of mother', livesWithSubject: 'no', address: { lines: ['2 Elm Street'], postcode: 'N8 1ZZ' } } } });
const notify = (on: string, reason: string) => rec('police-1', 'referral', on, { to: 'csc-1', reason, urgency: 'routine' }, { people: ['child', 'm'] });

test('domestic abuse with the child named: one incident (the log and the next day\'s notification) is medium, a contributing "consider"', () => {
  const incident = police('2023-05-01', 'assault (domestic)');
  const note = notify('2023-05-02', 'Child coming to notice: domestic incident at the home, baby present.');
  const f = last([incident, note], RULE)!;
  assert.equal(f.severity, 'medium');
  assert.equal(f.terms!.length, 1, 'one incident, not two records');
  assert.equal(f.terms![0]!.label, 'parental risk factor: domestic abuse', 'the label the toxic-trio factor carries, so the same record counts once');
  assert.equal(f.terms![0]!.basis, 'offence: "assault (domestic)"');
  assert.deepEqual(f.contributing, [incident.source, note.source]);
});

test('domestic abuse: a second standard incident within the year is a repeat, still medium (below the MARAC escalation criterion)', () => {
  const first = police('2023-01-10', 'common assault', 'Domestic violence reported by neighbours; child in the flat.');
  const second = police('2023-06-10', 'domestic abuse: threats');
  const f = last([first, second], RULE)!;
  assert.equal(f.terms!.length, 2);
  assert.match(f.explanation, /2 incidents in a year/);
  assert.equal(f.severity, 'medium', 'two standard incidents: one and a half "consider" (LR 3.95), below high');
  assert.ok(!f.terms!.some((t) => t.label.includes('or more incidents')), 'no escalation term at two');
});

test('domestic abuse: three incidents in 12 months (MARAC "potential escalation") are high, a contributing factor citing the third', () => {
  const records = [police('2023-01-10', 'common assault (domestic)'), police('2023-04-02', 'harassment (domestic)'), police('2023-09-20', 'criminal damage (domestic)')];
  const f = last(records, RULE)!;
  assert.equal(f.severity, 'high');
  const escalation = f.terms!.find((t) => t.label === 'domestic abuse: 3 or more incidents in 12 months')!;
  assert.equal(escalation.evidence, records[2]!.source);
  assert.match(escalation.source, /MARAC/);
  assert.deepEqual([...f.contributing!].sort(), records.map((r) => r.source).sort(), 'contributing: never critical on its own');
  assert.match(f.explanation, /3 incidents in a year, the MARAC criterion of potential escalation/);
  const spread = [police('2022-01-10', 'common assault (domestic)'), police('2022-09-02', 'harassment (domestic)'), police('2023-03-20', 'criminal damage (domestic)')];
  assert.equal(last(spread, RULE)!.severity, 'medium', 'three incidents over more than a year: two in the last 12 months');
});

test('domestic abuse: one incident with a high-risk feature in the offence field (DASH: injury, strangulation, weapon) is high; a common assault is not', () => {
  const strangled = police('2023-05-01', 'assault occasioning actual bodily harm (domestic), non-fatal strangulation');
  const f = last([strangled], RULE)!;
  assert.equal(f.severity, 'high');
  assert.equal(f.terms!.find((t) => t.label === 'domestic abuse with a high-risk feature')?.basis, 'offence: "assault occasioning actual bodily harm (domestic), non-fatal strangulation"');
  assert.equal(last([police('2023-05-01', 'common assault (domestic)')], RULE)!.severity, 'medium');
});

test('domestic abuse, the benign counterparts: an argument with no abuse, a denial, or a record that does not name the child', () => {
  assert.equal(fired([police('2023-05-01', 'breach of the peace', 'Verbal argument between parents over money, no offences disclosed, children asleep upstairs.')], RULE).length, 0);
  assert.equal(fired([notify('2023-05-01', 'Concern about school attendance. No domestic abuse disclosed.')], RULE).length, 0, 'denied');
  assert.equal(fired([police('2023-05-01', 'domestic abuse', undefined, ['m', 'p'])], RULE).length, 0, 'the child not named in the record');
  const past = rec('csc-1', 'concern', '2023-05-01', { category: 'neglect', description: 'Father has a conviction for domestic violence against a former partner.' }, { people: ['child', 'm'] });
  assert.equal(fired([past], RULE).length, 0, 'an adult\'s history is not an incident in this home');
  assert.equal(fired([rec('police-1', 'police-action', '2023-05-01', { action: 'no-further-action', offence: 'domestic abuse' }, { people: ['child', 'm'] })], RULE).length, 0, 'no further action on the allegation');
});
