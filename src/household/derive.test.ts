// deriveHousehold on hand-built evidence: each rule on its own, with the records it must cite.
import { beforeEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { deriveHousehold, type EvidenceRecord, type Household } from './derive.ts';
import { parseHome, sameHome } from './address.ts';
import type { Address, PersonMention, RecordKind } from '../records/types.ts';

const CHILD_ID = 1;
const HOME: Address = { lines: ['1 Test Street', 'London'], postcode: 'N1 1AA' };
const HOME_AS_POLICE_WRITE_IT: Address = { lines: ['1 TEST ST'], postcode: 'n11aa' };
const CARER_HOME: Address = { lines: ['7 Oak Close'], postcode: 'N15 4QQ' };
const NEW_HOME: Address = { lines: ['Flat 3, 40 Birch Road'], postcode: 'N17 9ZZ' };
const ELSEWHERE: Address = { lines: ['9 Far Road'], postcode: 'E1 6AN' };

type Who = Partial<PersonMention> & { key: string; person: number | null; given: string; family?: string };
let nextId = 1;
beforeEach(() => (nextId = 1)); // record ids, and so sources, count from 1 in every test

function rec(on: string, people: Who[], opts: { agency?: string; agencyKind?: string; kind?: RecordKind; body?: Record<string, unknown> } = {}): EvidenceRecord {
  const recordId = nextId++;
  const agency = opts.agency ?? 'gp-1';
  const kind = opts.kind ?? 'attendance';
  return {
    recordId, source: `${agency}/r${recordId}`, agencyId: agency, agencyName: agency, agencyKind: opts.agencyKind ?? 'gp', kind, occurredOn: on,
    document: {
      format: 'agency-record/1', agency, ref: `r${recordId}`, kind, occurredAt: on,
      people: people.map(({ person: _, given, family, ...m }) => ({ role: 'other', ...m, name: { given, family: family ?? 'Example' } })),
      body: opts.body ?? {},
    },
    personOf: Object.fromEntries(people.map((p) => [p.key, p.person])),
  };
}

const child = (address: Address | null = HOME, extra: Partial<Who> = {}): Who =>
  ({ key: 'child', person: CHILD_ID, role: 'subject', given: 'Amy', dob: '2020-02-03', ...(address ? { address } : {}), ...extra });
const mother = (extra: Partial<Who> = {}): Who => ({ key: 'm', person: 2, role: 'parent', relationship: 'mother', given: 'Beth', dob: '1990-07-08', ...extra });
const csc = { agency: 'csc-1', agencyKind: 'social-care' };
const police = { agency: 'police-1', agencyKind: 'police' };

const derive = (records: EvidenceRecord[]) => deriveHousehold({ personId: CHILD_ID, records });
const member = (h: Household, personId: number) => h.members.find((m) => m.personId === personId);
const networkPerson = (h: Household, personId: number) => h.network.find((m) => m.personId === personId);

describe('addresses', () => {
  test('the same home written differently is one home, in standard form', () => {
    const a = parseHome({ lines: ['3/40 Birch Rd', 'Tottenham'], postcode: 'N179ZZ' })!;
    const b = parseHome(NEW_HOME)!;
    assert.deepEqual(a, { postcode: 'N17 9ZZ', number: '40', street: 'birch', flat: '3', text: 'flat 3, 40 birch rd' });
    assert.ok(sameHome(a, b));
    assert.ok(sameHome(a, parseHome({ lines: ['40 BIRCH ROAD'], postcode: 'N17 9ZZ' })), 'a flat left out is not a disagreement');
    assert.ok(!sameHome(a, parseHome({ lines: ['Flat 5, 40 Birch Road'], postcode: 'N17 9ZZ' })), 'another flat');
    assert.ok(!sameHome(a, parseHome({ lines: ['42 Birch Road'], postcode: 'N17 9ZZ' })), 'the house next door');
    assert.ok(!sameHome(a, parseHome({ postcode: 'N17 9ZZ' }), true), 'strict: a postcode alone is a street');
    assert.ok(sameHome(a, parseHome({ postcode: 'N17 9ZZ' })));
  });

  test('homes over time; a lagging agency still writing the old address is not a move back', () => {
    const h = derive([
      rec('2021-01-01', [child(HOME)]),
      rec('2021-03-01', [child(NEW_HOME)], { agency: 'hosp-1' }),
      rec('2021-04-01', [child(HOME_AS_POLICE_WRITE_IT)]),
      rec('2021-05-01', [child(NEW_HOME)], { agency: 'hosp-1' }),
    ]);
    assert.deepEqual(h.addresses.map((a) => [a.address, a.postcode, a.from, a.to]), [
      ['1 test st', 'N1 1AA', '2021-01-01', '2021-03-01'],
      ['flat 3, 40 birch rd', 'N17 9ZZ', '2021-03-01', '2021-05-01'],
    ]);
    assert.deepEqual(h.addresses[1]!.evidence, ['hosp-1/r2', 'hosp-1/r4']);
  });
});

describe('members', () => {
  test('lives-with-subject, also when the child is named in a record about the mother', () => {
    const h = derive([
      rec('2021-01-01', [child(), mother({ livesWithSubject: 'yes' })]),
      rec('2021-02-01', [mother({ role: 'subject' }), child(HOME, { role: 'other', livesWithSubject: 'yes' })]),
    ]);
    const m = member(h, 2)!;
    assert.deepEqual(m.evidence.map((e) => e.why), ['lives-with-subject', 'lives-with-subject']);
    assert.equal(m.from, '2021-01-01');
    assert.equal(m.to, '2021-02-01');
    assert.equal(m.ageAtFrom, 30);
    assert.equal(m.current, true);
    assert.deepEqual(m.relationships, ['mother']);
  });

  test('next of kin: at the home or a partner with no address is household; elsewhere is network', () => {
    const h = derive([
      rec('2021-01-01', [child(), { key: 'k', person: 5, role: 'next-of-kin', relationship: 'partner of mother', given: 'Steve', address: HOME_AS_POLICE_WRITE_IT }],
        { kind: 'demographics', body: { nextOfKin: 'k' } }),
      rec('2021-01-02', [child(), { key: 'k', person: 6, role: 'next-of-kin', relationship: 'father', given: 'Dan' }],
        { kind: 'demographics', agency: 'hosp-1', body: { nextOfKin: 'k' } }),
      rec('2021-01-03', [child(), { key: 'k', person: 7, role: 'next-of-kin', relationship: 'aunt', given: 'Ann', address: ELSEWHERE }],
        { kind: 'demographics', agency: 'hosp-2', body: { nextOfKin: 'k' } }),
    ]);
    assert.equal(member(h, 5)!.evidence[0]!.why, 'next-of-kin');
    assert.match(member(h, 5)!.evidence[0]!.note, /at the child's home/);
    assert.equal(member(h, 6)!.evidence[0]!.why, 'next-of-kin');
    assert.equal(member(h, 7), undefined);
    assert.equal(networkPerson(h, 7)!.evidence[0]!.why, 'next-of-kin');
  });

  test("a next of kin with no address counts only as a parent or partner (not a grandmother, not mother's friend)", () => {
    const nok = (i: number, person: number, relationship: string) => rec(`2021-01-0${i}`,
      [child(), { key: 'k', person, role: 'next-of-kin', relationship, given: `N${i}` }], { kind: 'demographics', agency: `a${i}`, body: { nextOfKin: 'k' } });
    const h = derive([nok(1, 20, 'maternal grandmother'), nok(2, 21, "mother's friend"), nok(3, 22, "mother's boyfriend"), nok(4, 23, 'step-father')]);
    assert.deepEqual(h.members.map((m) => m.personId), [22, 23]);
    assert.deepEqual(h.network.map((m) => m.personId).sort(), [20, 21]);
  });

  test('with no address known for the child, explicit evidence still makes a current member', () => {
    const h = derive([rec('2021-01-01', [child(null), mother({ livesWithSubject: 'yes' })])]);
    assert.deepEqual(h.addresses, []);
    assert.equal(member(h, 2)!.current, true);
  });

  test('placements: the carer is a member for the placement; the child lives with them meanwhile', () => {
    const carer: Who = { key: 'f', person: 3, role: 'family-friend', given: 'Angela', family: 'Godfrey', address: CARER_HOME };
    const h = derive([
      rec('2021-01-01', [child(), mother({ address: HOME })]),
      rec('2021-03-01', [child(), carer], { ...csc, kind: 'placement', body: { subject: 'child', with: 'f', change: 'placed-away' } }),
      rec('2021-03-02', [child(HOME), mother({ address: HOME, livesWithSubject: 'yes' })], police), // stale: the family home
      rec('2021-03-10', [child(CARER_HOME), carer], { ...csc, kind: 'visit' }),
      rec('2021-04-01', [child(), mother({ livesWithSubject: 'yes' })], { ...csc, kind: 'placement', body: { subject: 'child', with: 'm', change: 'returned-home' } }),
      rec('2021-05-01', [child(), mother({ address: HOME })]),
    ]);
    assert.deepEqual(h.addresses.map((a) => [a.address, a.from, a.to, a.placedWith?.name ?? null]), [
      ['1 test st', '2021-01-01', '2021-03-01', null],
      ['7 oak cl', '2021-03-01', '2021-04-01', 'Angela Godfrey'],
      ['1 test st', '2021-04-01', '2021-05-01', null],
    ]);
    const godfrey = member(h, 3)!;
    assert.deepEqual(godfrey.periods, [{ from: '2021-03-01', to: '2021-04-01' }]);
    assert.deepEqual(godfrey.evidence.map((e) => e.why), ['placement', 'same-address']);
    assert.equal(godfrey.current, false);
    assert.equal(godfrey.knownToSocialCare, true);
    const mum = member(h, 2)!;
    assert.deepEqual(mum.periods, [{ from: '2021-01-01', to: '2021-01-01' }, { from: '2021-04-01', to: '2021-05-01' }],
      'not a member while the child was placed away, though an agency still said she lived with them');
    assert.equal(mum.current, true);
  });

  test('a placement with no carer named: the child is away, at an unknown address', () => {
    const h = derive([
      rec('2021-01-01', [child(), mother({ address: HOME })]),
      rec('2021-02-01', [child()], { ...csc, kind: 'placement', body: { subject: 'child', change: 'placed-away' } }),
      rec('2021-02-10', [child(), mother({ address: HOME })], { agency: 'hosp-1' }),
    ]);
    assert.deepEqual(h.addresses.map((a) => [a.address, a.from, a.to, a.placedWith?.name ?? null]), [
      ['1 test st', '2021-01-01', '2021-02-01', null],
      [null, '2021-02-01', '2021-02-10', 'a carer not named'],
    ]);
    assert.equal(member(h, 2)!.current, false, 'the mother is at the family home; the child is not');
  });

  test('household-change: moved in starts, moved out ends; a later sighting at the address does not reopen', () => {
    const bob: Who = { key: 'b', person: 4, role: 'partner-of-parent', relationship: "mother's boyfriend", given: 'Bob', family: 'Other' };
    const h = derive([
      rec('2021-01-01', [child()]),
      rec('2021-02-01', [child(), bob], { ...csc, kind: 'household-change', body: { person: 'b', change: 'moved-in', knownTo: ['police-1'] } }),
      rec('2021-03-01', [child(), { ...bob, address: HOME }]),
      rec('2021-06-01', [child(), bob], { ...csc, kind: 'household-change', body: { person: 'b', change: 'moved-out' } }),
      rec('2021-07-01', [child(), { ...bob, address: HOME }], { agency: 'hosp-1' }),
    ]);
    const b = member(h, 4)!;
    assert.deepEqual(b.periods, [{ from: '2021-02-01', to: '2021-06-01' }]);
    assert.equal(b.current, false);
    assert.deepEqual(b.evidence.map((e) => [e.occurredOn, e.why]), [
      ['2021-02-01', 'household-change'], ['2021-03-01', 'same-address'], ['2021-06-01', 'household-change'], ['2021-07-01', 'same-address'],
    ]);
    assert.match(b.evidence[0]!.note, /moved into.*known to police-1/);
    assert.match(b.evidence[2]!.note, /moved out/);
  });

  test('police at the address: counts without the child in the record, but only at the same house', () => {
    const h = derive([
      rec('2021-01-01', [child()]),
      rec('2021-02-01', [
        { key: 'x', person: 8, role: 'alleged-perpetrator', given: 'Xavier', address: HOME_AS_POLICE_WRITE_IT },
        { key: 'y', person: 9, role: 'other', given: 'Yan', address: { lines: ['5 Test Street'], postcode: 'N1 1AA' } },
        { key: 'z', person: 10, role: 'other', given: 'Zed', address: { postcode: 'N1 1AA' } },
      ], { ...police, kind: 'police-action', body: { action: 'incident-attended' } }),
      rec('2020-06-01', [{ key: 'w', person: 11, role: 'other', given: 'Wes', address: HOME }], { ...police, kind: 'police-action' }),
    ]);
    const x = member(h, 8)!;
    assert.deepEqual(x.evidence.map((e) => [e.source, e.why]), [['police-1/r2', 'police-at-address']]);
    assert.equal(x.knownToSocialCare, false);
    for (const id of [9, 10, 11]) {
      assert.equal(member(h, id), undefined, `person ${id}`);
      assert.equal(networkPerson(h, id), undefined, 'not named with the child: not network either');
    }
  });

  test("livesWithSubject 'no' cancels that record's address evidence", () => {
    const h = derive([
      rec('2021-01-01', [child(), mother({ address: HOME, livesWithSubject: 'no' })]),
      rec('2021-01-02', [child(), { key: 'd', person: 12, role: 'parent', relationship: 'father', given: 'Dad', address: HOME, livesWithSubject: 'no' }]),
      rec('2021-02-01', [child(), { key: 'd', person: 12, role: 'parent', relationship: 'father', given: 'Dad', address: HOME }]),
    ]);
    assert.equal(member(h, 2), undefined);
    assert.equal(networkPerson(h, 2)!.evidence[0]!.why, 'does-not-live-with');
    const dad = member(h, 12)!;
    assert.deepEqual(dad.evidence.map((e) => e.occurredOn), ['2021-02-01']);
    assert.deepEqual(dad.contrary.map((e) => [e.occurredOn, e.why]), [['2021-01-02', 'does-not-live-with']]);
  });
});

describe('known to social care, and the network', () => {
  test("true when a social-care record about the child names them; false with the reason, and a same-name hint", () => {
    const h = derive([
      rec('2021-01-01', [child(), mother({ livesWithSubject: 'yes' }), { key: 'k', person: 5, role: 'partner-of-parent', given: 'Steve', family: 'Barker', address: HOME }]),
      rec('2021-02-01', [child(), mother()], { ...csc, kind: 'visit' }),
      rec('2021-02-02', [child(), { key: 's', person: 13, role: 'partner-of-parent', given: 'Steven', family: 'BARKER' }], { ...csc, kind: 'visit' }),
      rec('2021-03-01', [child(), { key: 'g', person: 14, role: 'relative', relationship: 'grandmother', given: 'Gran' }], police),
    ]);
    const mum = member(h, 2)!;
    assert.equal(mum.knownToSocialCare, true);
    assert.deepEqual(mum.socialCareRecords, ['csc-1/r2']);
    assert.equal(mum.notKnownToSocialCare, undefined);
    const steve = member(h, 5)!;
    assert.equal(steve.knownToSocialCare, false);
    assert.match(steve.notKnownToSocialCare!, /^no children's social care record about Amy Example names Steve Barker/);
    assert.match(steve.notKnownToSocialCare!, /though csc-1\/r3 names "Steven BARKER", who may be the same person$/);
    const gran = networkPerson(h, 14)!;
    assert.deepEqual(gran.relationships, ['grandmother']);
    assert.deepEqual(gran.evidence.map((e) => [e.source, e.why]), [['police-1/r4', 'co-mentioned']]);
    assert.equal(gran.knownToSocialCare, false);
    assert.ok(!h.members.some((m) => m.personId === 14));
  });

  test('with no social-care record about the child at all, the reason says so; unlinked mentions still count', () => {
    const h = derive([rec('2021-01-01', [child(), { key: 'q', person: null, role: 'lodger', given: 'Quin', address: HOME }])]);
    const q = h.members[0]!;
    assert.equal(q.personId, null);
    assert.equal(q.mention, 'gp-1/r1#q');
    assert.equal(q.notKnownToSocialCare, "children's social care has no record about Amy Example");
  });
});
