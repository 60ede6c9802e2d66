// One domestic incident in the child's home is the domestic-abuse rule's evidence, weighed there once: not
// also the adult's "police history of violence", nor (as a school's notice of it) an observation of the
// child's emotional state. Each with the harmful pattern that must still be raised.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { evaluateChild } from './engine.ts';
import { AGENCY_KINDS, CHILD_ID, MOTHER_ID, PARTNER_ID } from './test-records.ts';
import type { EvidenceRecord } from '../household/derive.ts';
import type { AgencyRecord, PersonMention } from '../records/types.ts';

const HOME = { lines: ['Flat 3', '40 Birch Road'], postcode: 'N17 9ZZ' };
const ELSEWHERE = { lines: ['9 Far Lane'], postcode: 'M1 1AA' };
const EX_ID = 5;
const ID: Record<string, number> = { child: CHILD_ID, m: MOTHER_ID, p: PARTNER_ID, ex: EX_ID };
const person = (key: string, role: string, given: string, dob: string, extra: Partial<PersonMention> = {}): PersonMention =>
  ({ key, role, name: { given, family: 'Testchild' }, dob, address: HOME, ...extra } as PersonMention);
const child = (role = 'subject') => person('child', role, 'Sam', '2016-01-15');
const mother = (role = 'parent', extra: Partial<PersonMention> = {}) => person('m', role, 'Ann', '1990-05-05', { relationship: 'mother', livesWithSubject: 'yes', ...extra });
const partner = (role = 'partner-of-parent', extra: Partial<PersonMention> = {}) =>
  person('p', role, 'Rob', '1985-03-03', { name: { given: 'Rob', family: 'Other' }, relationship: "mother's partner", ...extra });

let n = 0;
function doc(agency: string, kind: string, on: string, people: PersonMention[], body: Record<string, unknown>, narrative?: string): EvidenceRecord {
  n++;
  const ref = `${kind}-d${n}`;
  const document = { format: 'agency-record/1', agency, ref, kind, occurredAt: on, certainty: 'documented', people, body, ...(narrative ? { narrative } : {}) } as AgencyRecord;
  return {
    recordId: 2000 + n, source: `${agency}/${ref}`, agencyId: agency, agencyName: agency, agencyKind: AGENCY_KINDS[agency] ?? 'other',
    kind, occurredOn: on, document, personOf: Object.fromEntries(people.map((p) => [p.key, ID[p.key] ?? null])),
  };
}

const run = (records: EvidenceRecord[]) => evaluateChild(CHILD_ID, records, { agencyKinds: AGENCY_KINDS });
const fired = (records: EvidenceRecord[], rule: string) => run(records).filter((f) => f.rule === rule);
const highOrCritical = (records: EvidenceRecord[]) => run(records).filter((f) => f.severity === 'high' || f.severity === 'critical');

const registration = doc('gp-1', 'demographics', '2022-01-01', [child(), mother(), partner('partner-of-parent', { livesWithSubject: 'yes' })], {});
// The police log of one standard incident at the home, the suspect the mother's partner who lives there; his
// arrest that night names him and the victim, not the child.
const incident = (on: string, offence = 'common assault (domestic)') => doc('police-1', 'police-action', on,
  [child(), mother('parent', { relationship: 'mother; victim' }), partner('alleged-perpetrator', { livesWithSubject: 'yes' })],
  { action: 'incident-attended', suspect: 'p', offence }, 'Domestic incident; one child in the house.');
const arrestAtHome = (on: string) => doc('police-1', 'police-action', on, [partner('alleged-perpetrator'), mother('other', { relationship: 'victim' })],
  { action: 'arrest', suspect: 'p', offence: 'common assault (domestic)' });
const encompass = (on: string, description = 'Operation Encompass notification: police attended a domestic incident at home') =>
  doc('school-1', 'concern', on, [child(), mother()], { category: 'emotional', description });

test('one standard domestic incident with the child there, and the arrest: medium (a notification matter), not the adult\'s "history of violence"', () => {
  const records = [registration, incident('2023-05-01'), arrestAtHome('2023-05-01')];
  assert.equal(fired(records, 'violent-adult-in-home').length, 0, 'the incident in this home is the domestic-abuse rule\'s evidence');
  const da = fired(records, 'domestic-abuse-child-present').at(-1)!;
  assert.equal(da.severity, 'medium');
  assert.deepEqual(highOrCritical(records), []);
});

test("the school's Operation Encompass notice filed as \"emotional\" is the incident again, not the child's emotional state; words of the child's state still count", () => {
  const records = [registration, incident('2023-05-01'), encompass('2023-05-02')];
  assert.equal(fired(records, 'emotional-harm').length, 0);
  assert.deepEqual(highOrCritical(records), []);
  const seen = encompass('2023-05-02', 'Operation Encompass notification received. Sam was withdrawn and tearful in class, flinched when a door banged.');
  const f = fired([registration, incident('2023-05-01'), seen], 'emotional-harm');
  assert.equal(f.length, 1, 'what the school saw of the child is an observation');
  assert.match(f[0]!.terms![0]!.basis, /withdrawn|tearful|flinched/);
  const category = fired([registration, encompass('2023-05-02', 'Sam seems low and has stopped playing with friends.')], 'emotional-harm');
  assert.equal(category[0]?.terms?.[0]?.basis, 'category: emotional', 'a category on a record that is not a notice still counts');
});

test('the harmful pattern still raised: violence against a former partner elsewhere, then joining this home, is high', () => {
  const ex = person('ex', 'other', 'Jo', '1988-01-01', { name: { given: 'Jo', family: 'Before' }, relationship: 'victim (former partner)', address: ELSEWHERE });
  const before = doc('police-1', 'police-action', '2022-06-01', [partner('alleged-perpetrator', { address: ELSEWHERE }), ex],
    { action: 'charge', suspect: 'p', offence: 'assault occasioning actual bodily harm (domestic)' });
  const moveIn = doc('hv-1', 'household-change', '2023-01-10', [child(), mother(), partner()], { person: 'p', change: 'moved-in' }, "Mother's new partner has moved in.");
  const f = fired([doc('gp-1', 'demographics', '2022-01-01', [child(), mother()], {}), before, moveIn], 'violent-adult-in-home');
  assert.equal(f.length, 1);
  assert.equal(f[0]!.severity, 'high');
  assert.match(f[0]!.terms![0]!.basis, /assault occasioning actual bodily harm/);
});
