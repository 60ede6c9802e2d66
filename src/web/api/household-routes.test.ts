// GET /api/people/:id/household over a real database: evidence gathered from records about
// the child and from police records at the child's address, as the sharing policy lets the
// reader's agency see them, and one audit row per read.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { FastifyInstance } from 'fastify';
import type { Repository } from '../../app/repository.ts';
import { operator, type TestDb } from '../../../test/helpers/test-db.ts';
import { CHILD, MOTHER, gpAttendance } from '../../../test/helpers/records.ts';
import { testApi } from '../../../test/helpers/test-api.ts';
import type { AgencyRecord, PersonMention } from '../../records/types.ts';
import type { Household } from '../../household/derive.ts';

let db: TestDb;
let repo: Repository;
let app: FastifyInstance;
let token: string; // gp-1's key
let socialCare: string; // csc-1's key
let childId: number;

const PARTNER: PersonMention = {
  key: 'k', role: 'next-of-kin', relationship: 'partner of mother', name: { given: 'Sam', family: 'Partner' },
  address: { lines: ['1 TEST ST'], postcode: 'n11aa' },
};
const police = (ref: string, address: PersonMention['address'], given = 'Pat'): AgencyRecord => ({
  format: 'agency-record/1', agency: 'police-1', ref, kind: 'police-action', occurredAt: '2021-06-01',
  people: [{ key: 's', role: 'alleged-perpetrator', name: { given, family: 'Visitor' }, ...(address ? { address } : {}) }],
  body: { action: 'incident-attended' },
});

before(async () => {
  ({ db, repo, app, token } = await testApi());
  const { results } = await repo.ingest(operator, [
    gpAttendance({ ref: 'hh-1', occurredAt: '2021-01-15', people: [CHILD, { ...MOTHER, livesWithSubject: 'yes' }] }),
    gpAttendance({ agency: 'hosp-1', ref: 'reg-1', occurredAt: '2021-03-01', kind: 'demographics', people: [CHILD, PARTNER], body: { nextOfKin: 'k' } }),
    // The GP refers Amy to social care: what gives social care its relationship with her (a visit alone, about a
    // child the GP knew first, would give it a limited view only).
    gpAttendance({ ref: 'ref-1', occurredAt: '2021-03-15', kind: 'referral', people: [CHILD], body: { to: 'csc-1', reason: 'worried', urgency: 'routine' } }),
    gpAttendance({ agency: 'csc-1', ref: 'v-1', occurredAt: '2021-04-01', kind: 'visit', people: [CHILD, { ...MOTHER, livesWithSubject: 'yes' }],
      body: { purpose: 'statutory', announced: true, childSeen: true, childSeenAlone: false } }),
    // Police at the child's address, without the child in the record.
    police('inc-1', { lines: ['1 Test Street'], postcode: 'N1 1AA' }),
    // Recorded at the address, then corrected: only the current version counts.
    police('inc-2', { lines: ['1 Test Street'], postcode: 'N1 1AA' }, 'Quentin'),
  ]);
  assert.deepEqual(results.map((r) => r.status), ['stored', 'stored', 'stored', 'stored', 'stored', 'stored']);
  const corrected = await repo.ingest(operator, [police('inc-2', { lines: ['9 Far Road'], postcode: 'E1 6AN' }, 'Quentin')]);
  assert.equal(corrected.results[0]!.status, 'new-version');
  socialCare = (await repo.createApiKey(operator, 'csc-1')).token;
  const { people } = await repo.people(operator);
  childId = people.find((p) => p.name === 'Amy Example')!.id;
});

after(async () => {
  await app?.close();
  await db?.drop();
});

const get = (url: string, headers: Record<string, string> = { authorization: `Bearer ${token}` }) => app.inject({ method: 'GET', url, headers });
const reads = () => db.kysely.selectFrom('audit').selectAll().where('action', '=', 'household.read').orderBy('id').execute();

describe('GET /api/people/:id/household', () => {
  test('members with their evidence, police at the address included, corrected records as corrected', async () => {
    const res = await get(`/api/people/${childId}/household`, { authorization: `Bearer ${socialCare}` });
    assert.equal(res.statusCode, 200);
    const h = res.json() as Household;
    assert.equal(h.personId, childId);
    assert.deepEqual(h.addresses.map((a) => [a.address, a.postcode, a.from]), [['1 test st', 'N1 1AA', '2021-01-15']]);
    const why = (name: string) => h.members.find((m) => m.name === name)?.evidence.map((e) => `${e.source} ${e.why}`);
    assert.deepEqual(why('Beth Example'), ['gp-1/hh-1 lives-with-subject', 'csc-1/v-1 lives-with-subject']);
    assert.deepEqual(why('Sam Partner'), ['hosp-1/reg-1 next-of-kin']);
    assert.deepEqual(why('Pat Visitor'), ['police-1/inc-1 police-at-address']);
    assert.equal(why('Quentin Visitor'), undefined);
    const beth = h.members.find((m) => m.name === 'Beth Example')!;
    assert.equal(beth.knownToSocialCare, true);
    const sam = h.members.find((m) => m.name === 'Sam Partner')!;
    assert.equal(sam.knownToSocialCare, false);
    assert.equal(sam.notKnownToSocialCare, 'no children\'s social care record about Amy Example names Sam Partner');
    assert.equal((h as Household & { withheld: number }).withheld, 0, 'social care sees police records in full');
  });

  test('a record the sharing policy withholds is evidence for no one the reader is shown', async () => {
    // Health sees police records in outline only (no names): the GP is not shown the man at the
    // address from police intelligence, and is told that a record was withheld.
    const h = (await get(`/api/people/${childId}/household`)).json() as Household & { withheld: number };
    assert.deepEqual(h.members.map((m) => m.name).sort(), ['Beth Example', 'Sam Partner']);
    assert.equal(h.withheld, 1);
    assert.ok(!h.recordIds.includes(Number((await db.kysely.selectFrom('record').select('id').where('ref', '=', 'inc-1').executeTakeFirstOrThrow()).id)));
  });

  test('each read writes one household.read audit row naming the child, the people shown and the records read', async () => {
    const before = (await reads()).length;
    const h = (await get(`/api/people/${childId}/household`, { authorization: `Bearer ${socialCare}` })).json() as Household;
    const added = (await reads()).slice(before);
    assert.equal(added.length, 1);
    const row = added[0]!;
    assert.equal(row.agency_id, 'csc-1');
    const people = [childId, ...h.members.map((m) => m.personId!)].sort((a, b) => a - b);
    assert.deepEqual([...row.person_ids].map(Number), people);
    assert.deepEqual([...row.record_ids].map(Number), [...h.recordIds].sort((a, b) => a - b));
    assert.equal(h.recordIds.length, 5, 'four records about the child and the police record at the address');
  });

  test('unknown or malformed id -> 404; no key -> 401', async () => {
    assert.equal((await get('/api/people/999999/household')).statusCode, 404);
    assert.equal((await get('/api/people/abc/household')).statusCode, 404);
    const before = (await reads()).length;
    const res = await get(`/api/people/${childId}/household`, {});
    assert.equal(res.statusCode, 401);
    assert.equal((await reads()).length, before);
  });

  test('the repository returns null for a person who does not exist, and audits the attempt', async () => {
    const before = (await reads()).length;
    assert.equal(await repo.household(operator, 999_999), null);
    const added = (await reads()).slice(before);
    assert.equal(added.length, 1);
    assert.deepEqual(added[0]!.detail, { found: false });
    assert.deepEqual((await reads()).filter((r) => r.agency_id === 'gp-1' && (r.detail as { found: boolean }).found).map((r) => r.detail), [{ found: true, withheld: 1 }]);
  });
});
