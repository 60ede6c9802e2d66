// Rules that read the child's home: a sibling's disclosure speaks for every child there; an adult with a
// police history of violence living there. Each with the context that stops it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { evaluateChild } from './engine.ts';
import { AGENCY_KINDS, CHILD_ID, MOTHER_ID, PARTNER_ID } from './test-records.ts';
import type { EvidenceRecord } from '../household/derive.ts';
import type { AgencyRecord, PersonMention } from '../records/types.ts';

const SIBLING_ID = 4;
const HOME = { lines: ['Flat 3', '40 Birch Road'], postcode: 'N17 9ZZ' };
const ELSEWHERE = { lines: ['9 Far Lane'], postcode: 'M1 1AA' };
const ID: Record<string, number> = { child: CHILD_ID, m: MOTHER_ID, p: PARTNER_ID, sib: SIBLING_ID };
const person = (key: string, role: string, given: string, dob: string, extra: Partial<PersonMention> = {}): PersonMention =>
  ({ key, role, name: { given, family: 'Testchild' }, dob, address: HOME, ...extra } as PersonMention);
const child = (role = 'subject', extra: Partial<PersonMention> = {}) => person('child', role, 'Sam', '2018-01-15', extra);
const sibling = (role = 'sibling', extra: Partial<PersonMention> = {}) => person('sib', role, 'Kim', '2012-06-01', extra);
const partner = (extra: Partial<PersonMention> = {}) => person('p', 'partner-of-parent', 'Rob', '1985-03-03', { name: { given: 'Rob', family: 'Other' }, ...extra });

let n = 0;
function doc(agency: string, kind: string, on: string, people: PersonMention[], body: Record<string, unknown>, narrative?: string): EvidenceRecord {
  n++;
  const ref = `${kind}-h${n}`;
  const document = { format: 'agency-record/1', agency, ref, kind, occurredAt: on, certainty: 'documented', people, body, ...(narrative ? { narrative } : {}) } as AgencyRecord;
  return {
    recordId: 1000 + n, source: `${agency}/${ref}`, agencyId: agency, agencyName: agency, agencyKind: AGENCY_KINDS[agency] ?? 'other',
    kind, occurredOn: on, document, personOf: Object.fromEntries(people.map((p) => [p.key, ID[p.key] ?? null])),
  };
}

const run = (records: EvidenceRecord[]) => evaluateChild(CHILD_ID, records, { agencyKinds: AGENCY_KINDS });
const fired = (records: EvidenceRecord[], rule: string) => run(records).filter((f) => f.rule === rule);

const registration = doc('gp-1', 'demographics', '2022-01-01', [child(), person('m', 'parent', 'Ann', '1990-05-05', { livesWithSubject: 'yes' })], {});

test("a sibling's disclosure, in a record about them that names the child at home, is high for the child, citing the phrase", () => {
  const told = doc('school-1', 'concern', '2023-03-01', [sibling('subject'), child('sibling', { livesWithSubject: 'yes' })],
    { category: 'physical', description: 'Kim disclosed that her stepfather hits her and her brother.' });
  const f = fired([registration, told], 'disclosure-in-home');
  assert.equal(f.length, 1);
  assert.equal(f[0]!.severity, 'high');
  assert.deepEqual(f[0]!.evidence, [told.source]);
  assert.equal(f[0]!.terms![0]!.label, "a sibling's disclosure");
  assert.match(f[0]!.terms![0]!.basis, /disclosed that her stepfather hits her/);
  assert.match(f[0]!.explanation, /Kim Testchild, a child in the same home, disclosed/);
});

test("a concern reported by the sibling themself (reportedBy: child) counts; the child's own too", () => {
  const byKim = doc('school-1', 'concern', '2023-03-01', [sibling('subject'), child('sibling', { livesWithSubject: 'yes' })],
    { category: 'neglect', description: 'Kim came to the office.', reportedBy: 'child' });
  assert.equal(fired([registration, byKim], 'disclosure-in-home')[0]?.terms?.[0]?.basis, 'reportedBy: child');
  const own = doc('school-1', 'concern', '2023-03-01', [child()], { category: 'neglect', description: 'Sam came to the office.', reportedBy: 'child' });
  assert.equal(fired([registration, own], 'disclosure-in-home')[0]?.terms?.[0]?.label, "the child's own disclosure");
});

test("a parent's account of an accident is not a child's disclosure", () => {
  const ed = doc('hosp-1', 'attendance', '2023-03-01', [child()], { setting: 'emergency', complaint: 'head injury', explanation: 'hit by a football' },
    'M reports hit by a football. Neuro obs normal. Discharged.');
  assert.equal(fired([registration, ed], 'disclosure-in-home').length, 0);
});

test('no finding when the disclosing child lives elsewhere, is an adult, or the text says they did not disclose', () => {
  const elsewhere = doc('school-1', 'concern', '2023-03-01', [sibling('subject', { address: ELSEWHERE }), child('sibling', { livesWithSubject: 'no', address: HOME })],
    { description: 'Kim disclosed that she is hit at home.' });
  assert.equal(fired([registration, elsewhere], 'disclosure-in-home').length, 0, 'a half-sister at another home');
  const grown = doc('school-1', 'concern', '2023-03-01', [sibling('subject', { dob: '1995-01-01' }), child('sibling', { livesWithSubject: 'yes' })],
    { description: 'Kim disclosed that she was hit as a child.' });
  assert.equal(fired([registration, grown], 'disclosure-in-home').length, 0, 'an adult speaking of her own childhood');
  const denied = doc('school-1', 'concern', '2023-03-01', [sibling('subject'), child('sibling', { livesWithSubject: 'yes' })],
    { description: 'Kim did not disclose anything when asked.' });
  assert.equal(fired([registration, denied], 'disclosure-in-home').length, 0);
});

const moveIn = (on: string) => doc('csc-1', 'household-change', on, [child(), partner()], { person: 'p', change: 'moved-in' });
const arrest = (on: string, offence: string, action = 'arrest', address = HOME) =>
  doc('police-1', 'police-action', on, [partner({ address })], { action, suspect: 'p', offence });

test('an adult arrested for assault who moved into the home this year: high, naming the offence and the move', () => {
  const f = fired([registration, arrest('2022-06-01', 'assault occasioning actual bodily harm', 'arrest', ELSEWHERE), moveIn('2023-01-10')], 'violent-adult-in-home');
  assert.equal(f.length, 1, 'raised when he moves in, though the arrest was earlier and elsewhere');
  assert.equal(f[0]!.severity, 'high');
  assert.equal(f[0]!.subjectPersonId, PARTNER_ID);
  assert.match(f[0]!.terms![0]!.basis, /offence: "assault occasioning actual bodily harm"/);
  assert.match(f[0]!.explanation, /joined the home in the last year/);
});

test('violence by an adult who has lived there over a year is medium; theft, no further action, or an adult not in the home: nothing', () => {
  const long = fired([registration, moveIn('2021-01-10'), arrest('2022-06-01', 'wounding with intent')], 'violent-adult-in-home');
  assert.equal(long.at(-1)?.severity, 'medium');
  assert.equal(fired([registration, moveIn('2023-01-10'), arrest('2023-02-01', 'theft from a shop')], 'violent-adult-in-home').length, 0);
  assert.equal(fired([registration, moveIn('2023-01-10'), arrest('2023-02-01', 'common assault', 'no-further-action')], 'violent-adult-in-home').length, 0);
  assert.equal(fired([registration, arrest('2023-02-01', 'common assault', 'arrest', ELSEWHERE)], 'violent-adult-in-home').length, 0, 'not linked to the home');
});

test('words of violence are about the adult they name, or the suspect: never the victim the record also names', () => {
  const mother = person('m', 'other', 'Ann', '1990-05-05', { livesWithSubject: 'yes' });
  const incident = doc('police-1', 'police-action', '2023-02-01', [mother, partner({ livesWithSubject: 'yes' })],
    { action: 'incident-attended', offence: 'domestic incident' }, 'Domestic incident at the address; Ann had a black eye.');
  const asked = fired([registration, moveIn('2021-01-10'), incident], 'violent-adult-in-home');
  assert.ok(!asked.some((f) => f.subjectPersonId === MOTHER_ID), 'the mother is not the violent adult');
});

test("words of violence about the adult named in a record of the child's home count as the police record does", () => {
  const said = doc('csc-1', 'visit', '2023-02-01', [child(), partner({ livesWithSubject: 'yes' })],
    { purpose: 'statutory', announced: true, childSeen: true, childSeenAlone: false, observations: 'Rob has a history of violence towards former partners.' });
  const f = fired([registration, said], 'violent-adult-in-home');
  assert.equal(f[0]?.severity, 'high');
  assert.match(f[0].terms![0]!.basis, /history of violence/);
});

test("a sibling telling twice is one term; an adult's violent history is one term however many records, and contributing (a risk factor, never critical)", () => {
  const told = (on: string) => doc('school-1', 'concern', on, [sibling('subject'), child('sibling', { livesWithSubject: 'yes' })],
    { category: 'physical', description: 'Kim disclosed that her stepfather hits her.' });
  const f = fired([registration, told('2023-03-01'), told('2023-04-01')], 'disclosure-in-home').at(-1)!;
  assert.equal(f.terms!.length, 1);
  assert.equal(f.evidence.length, 2, 'both records are cited');
  const v = fired([registration, arrest('2022-06-01', 'grievous bodily harm'), arrest('2022-08-01', 'assault'), moveIn('2023-01-10')], 'violent-adult-in-home').at(-1)!;
  assert.deepEqual([...v.contributing!].sort(), [...v.evidence].sort());
  assert.equal(v.severity, 'high');
  assert.equal(v.terms!.filter((t) => t.label.startsWith('an adult in the home')).length, 1, 'one term per adult, however many records of his violence');
});
