// Reading people and chronologies over HTTP: API key required, time order, and an audit row per read.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { FastifyInstance } from 'fastify';
import type { Repository } from '../../app/repository.ts';
import { operator, type TestDb } from '../../../test/helpers/test-db.ts';
import { CHILD, MOTHER, gpAttendance } from '../../../test/helpers/records.ts';
import { testApi } from '../../../test/helpers/test-api.ts';
import type { PersonSummary } from '../../identity/people.ts';
import type { Chronology } from '../../chronology/chronology.ts';

let db: TestDb;
let repo: Repository;
let app: FastifyInstance;
let token: string;
let keyId: string;

before(async () => {
  ({ db, repo, app, token, keyId } = await testApi());
  // Sent out of time order, from two agencies; the hospital record carries an injury.
  const { results } = await repo.ingest(operator, [
    gpAttendance({ ref: 'late', occurredAt: '2021-09-10', body: { setting: 'gp', complaint: 'third: rash', broughtBy: 'm' } }),
    gpAttendance({ ref: 'early', occurredAt: '2021-01-15', body: { setting: 'gp', complaint: 'first: cough', broughtBy: 'm' } }),
    gpAttendance({
      agency: 'hosp-1', ref: 'ed-1', occurredAt: '2021-04-02T23:30:00+01:00',
      body: {
        setting: 'emergency', complaint: 'second: fall', broughtBy: 'm', explanation: 'fell off sofa',
        injuries: [{ type: 'bruise', site: 'forehead', side: 'left', count: 2 }],
      },
    }),
  ]);
  assert.deepEqual(results.map((r) => r.status), ['stored', 'stored', 'stored']);
});

after(async () => {
  await app?.close();
  await db?.drop();
});

const auth = () => ({ authorization: `Bearer ${token}` });
const get = (url: string, headers: Record<string, string> = auth()) => app.inject({ method: 'GET', url, headers });

async function chronologyReads() {
  return db.kysely.selectFrom('audit').selectAll().where('action', '=', 'chronology.read').orderBy('id').execute();
}

async function people(): Promise<PersonSummary[]> {
  const res = await get('/api/people');
  assert.equal(res.statusCode, 200);
  return (res.json() as { people: PersonSummary[] }).people;
}

async function childId(): Promise<number> {
  const child = (await people()).find((p) => p.name === `${CHILD.name.given} ${CHILD.name.family}`);
  assert.ok(child, 'the child is listed');
  return child.id;
}

describe('GET /api/people', () => {
  test('lists people with their mentions', async () => {
    const res = await get('/api/people');
    assert.equal(res.statusCode, 200);
    const body = res.json() as { total: number; people: PersonSummary[] };
    assert.equal(body.total, 2);
    assert.equal(body.people.length, 2);
    const child = body.people.find((p) => p.name === 'Amy Example')!;
    const mother = body.people.find((p) => p.name === 'Beth Example')!;
    assert.ok(child && mother, JSON.stringify(body.people));
    assert.deepEqual([...child.mentions].sort(), ['gp-1/early#child', 'gp-1/late#child', 'hosp-1/ed-1#child']);
    assert.deepEqual(child.agencies, ['gp-1', 'hosp-1']);
    assert.equal(child.dob, CHILD.dob);
    assert.equal(child.subjectOf, 3);
    assert.equal(mother.mentions.length, 3);
    assert.equal(mother.dob, MOTHER.dob);
  });

  test('limit and offset page through people', async () => {
    const first = (await get('/api/people?limit=1')).json() as { total: number; people: PersonSummary[] };
    const second = (await get('/api/people?limit=1&offset=1')).json() as { total: number; people: PersonSummary[] };
    assert.equal(first.total, 2);
    assert.equal(first.people.length, 1);
    assert.equal(second.people.length, 1);
    assert.notEqual(first.people[0]!.id, second.people[0]!.id);
  });

  test('without a key -> 401', async () => {
    const res = await get('/api/people', {});
    assert.equal(res.statusCode, 401);
    assert.equal(res.json().error, 'unauthorised');
    assert.equal((await get('/api/people', { authorization: 'Bearer tl_nope' })).statusCode, 401);
  });
});

describe('GET /api/people/:id/chronology', () => {
  test('entries in the order things happened, with summary, injuries and others', async () => {
    const id = await childId();
    const res = await get(`/api/people/${id}/chronology`);
    assert.equal(res.statusCode, 200);
    const c = res.json() as Chronology;
    assert.equal(c.personId, id);
    assert.equal(c.person.name, 'Amy Example');
    assert.deepEqual(c.entries.map((e) => e.source), ['gp-1/early', 'hosp-1/ed-1', 'gp-1/late']);
    assert.deepEqual(c.entries.map((e) => e.occurredOn), ['2021-01-15', '2021-04-02', '2021-09-10']);
    const [first, second, third] = c.entries;
    assert.match(first!.summary, /first: cough/);
    assert.match(third!.summary, /third: rash/);
    assert.match(second!.summary, /Emergency department attendance: second: fall/);
    assert.equal(second!.agency.id, 'hosp-1');
    assert.equal(second!.agency.name, 'Test hospital');
    assert.deepEqual(second!.injuries, [{ type: 'bruise', site: 'forehead', side: 'left', count: 2 }]);
    assert.deepEqual(first!.injuries, []);
    for (const e of c.entries) {
      assert.equal(e.role, 'subject');
      assert.equal(e.version, 1);
      assert.equal(e.others.length, 1);
      assert.equal(e.others[0]!.name, 'Beth Example');
      assert.equal(e.others[0]!.relationship, 'mother');
      assert.equal(typeof e.others[0]!.personId, 'number');
      assert.notEqual(e.others[0]!.personId, id);
    }
  });

  test('every successful read writes one chronology.read audit row naming the key and the person', async () => {
    const id = await childId();
    const before = await chronologyReads();
    const res = await get(`/api/people/${id}/chronology`);
    assert.equal(res.statusCode, 200);
    const entries = (res.json() as Chronology).entries;
    const added = (await chronologyReads()).slice(before.length);
    assert.equal(added.length, 1);
    const row = added[0]!;
    assert.equal(row.actor, `api-key:${keyId}`);
    assert.equal(row.agency_id, 'gp-1');
    assert.deepEqual(row.person_ids, [id]);
    assert.deepEqual([...row.record_ids].sort((a, b) => a - b), entries.map((e) => e.recordId).sort((a, b) => a - b));
    assert.equal(row.detail.found, true);

    await get(`/api/people/${id}/chronology`);
    assert.equal((await chronologyReads()).length, before.length + 2);
  });

  test('an unknown id -> 404', async () => {
    const res = await get('/api/people/999999/chronology');
    assert.equal(res.statusCode, 404);
    assert.equal(res.json().error, 'not-found');
  });

  test('a non-numeric id -> 404, and nothing is read', async () => {
    const before = (await chronologyReads()).length;
    for (const raw of ['abc', '1e3', '-1', '1.5', '9'.repeat(16), '%27%20or%201%3D1']) {
      const res = await get(`/api/people/${raw}/chronology`);
      assert.equal(res.statusCode, 404, raw);
      assert.equal(res.json().error, 'not-found');
    }
    assert.equal((await chronologyReads()).length, before);
  });

  test('without a key -> 401, and no chronology.read row', async () => {
    const id = await childId();
    const before = (await chronologyReads()).length;
    const res = await get(`/api/people/${id}/chronology`, {});
    assert.equal(res.statusCode, 401);
    assert.equal(res.json().error, 'unauthorised');
    assert.equal((await chronologyReads()).length, before);
  });
});
