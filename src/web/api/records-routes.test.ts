// The records API over HTTP: who may send, what they may send, and what comes back.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { FastifyInstance } from 'fastify';
import type { Repository } from '../../app/repository.ts';
import { operator, tableCounts, type TestDb } from '../../../test/helpers/test-db.ts';
import { gpAttendance } from '../../../test/helpers/records.ts';
import { testApi } from '../../../test/helpers/test-api.ts';
import { MAX_BATCH_ITEMS } from './records-routes.ts';

let db: TestDb;
let repo: Repository;
let app: FastifyInstance;
let token: string;
let keyId: string;

before(async () => {
  ({ db, repo, app, token, keyId } = await testApi());
});

after(async () => {
  await app?.close();
  await db?.drop();
});

const auth = () => ({ authorization: `Bearer ${token}` });

function post(url: string, payload: unknown, headers: Record<string, string> = auth()) {
  return app.inject({ method: 'POST', url, payload: payload as string, headers });
}

/** Runs `fn` and asserts that no table ingest writes has changed. */
async function assertNothingStored(fn: () => Promise<void>): Promise<void> {
  const before = await tableCounts(db);
  await fn();
  assert.deepEqual(await tableCounts(db), before);
}

async function auditActions(): Promise<{ action: string; detail: Record<string, unknown> }[]> {
  return db.kysely.selectFrom('audit').select(['action', 'detail']).orderBy('id').execute();
}

describe('authentication', () => {
  test('no Authorization header -> 401 unauthorised, nothing stored', async () => {
    await assertNothingStored(async () => {
      const res = await post('/api/records', gpAttendance(), {});
      assert.equal(res.statusCode, 401);
      assert.equal(res.json().error, 'unauthorised');
    });
  });

  test('a token that is not an API key -> 401, nothing stored', async () => {
    await assertNothingStored(async () => {
      for (const header of ['Bearer not-a-key', 'Bearer ', `Basic ${token}`, token]) {
        const res = await post('/api/records', gpAttendance(), { authorization: header });
        assert.equal(res.statusCode, 401, header);
        assert.equal(res.json().error, 'unauthorised');
      }
    });
  });

  test('the scheme name is case-insensitive: "bearer" works like "Bearer"', async () => {
    const res = await post('/api/records', gpAttendance(), { authorization: `bearer ${token}` });
    assert.equal(res.statusCode, 201);
  });

  test('a well-formed key with an unknown key id -> 401, nothing stored', async () => {
    const unknownId = keyId === '000000000000' ? '111111111111' : '000000000000';
    const forged = token.replace(`tl_${keyId}_`, `tl_${unknownId}_`);
    await assertNothingStored(async () => {
      const res = await post('/api/records', gpAttendance(), { authorization: `Bearer ${forged}` });
      assert.equal(res.statusCode, 401);
      assert.equal(res.json().error, 'unauthorised');
    });
  });

  test('the right key id with the wrong secret -> 401, nothing stored', async () => {
    const secret = token.slice(`tl_${keyId}_`.length);
    assert.equal(secret.length, 43);
    const wrong = `tl_${keyId}_${secret.startsWith('A') ? 'B' : 'A'}${secret.slice(1)}`;
    await assertNothingStored(async () => {
      const res = await post('/api/records', gpAttendance(), { authorization: `Bearer ${wrong}` });
      assert.equal(res.statusCode, 401);
      assert.equal(res.json().error, 'unauthorised');
      const batch = await post('/api/records/batch', [gpAttendance()], { authorization: `Bearer ${wrong}` });
      assert.equal(batch.statusCode, 401);
    });
    const refusals = (await auditActions()).filter((a) => a.action === 'api-key.refused');
    assert.ok(refusals.some((a) => a.detail.reason === 'wrong-secret' && a.detail.keyId === keyId));
    assert.ok(refusals.some((a) => a.detail.reason === 'missing'));
    assert.ok(refusals.some((a) => a.detail.reason === 'malformed'));
    assert.ok(refusals.some((a) => a.detail.reason === 'unknown-key'));
    // The audit trail never holds the secret.
    assert.ok(!JSON.stringify(refusals).includes(secret));
  });

  test("a gp-1 key sending hosp-1's record -> 422 agency-mismatch at /agency, nothing stored", async () => {
    await assertNothingStored(async () => {
      const res = await post('/api/records', gpAttendance({ agency: 'hosp-1' }));
      assert.equal(res.statusCode, 422);
      const body = res.json();
      assert.equal(body.status, 'refused');
      assert.ok(body.problems.some((p: { code: string; pointer: string }) => p.code === 'agency-mismatch' && p.pointer === '/agency'),
        JSON.stringify(body.problems));
    });
  });
});

describe('POST /api/records', () => {
  test('stored, then duplicate, then new-version', async () => {
    const record = gpAttendance();
    const first = await post('/api/records', record);
    assert.equal(first.statusCode, 201);
    const r1 = first.json();
    assert.equal(r1.status, 'stored');
    assert.equal(r1.version, 1);
    assert.equal(typeof r1.recordId, 'number');
    assert.equal(r1.agency, 'gp-1');
    assert.equal(r1.ref, record.ref);

    await assertNothingStored(async () => {
      const again = await post('/api/records', record);
      assert.equal(again.statusCode, 200);
      const r2 = again.json();
      assert.equal(r2.status, 'duplicate');
      assert.equal(r2.version, 1);
      assert.equal(r2.recordId, r1.recordId);
    });

    const changed = await post('/api/records', { ...record, body: { ...record.body, complaint: 'wheeze' } });
    assert.equal(changed.statusCode, 201);
    const r3 = changed.json();
    assert.equal(r3.status, 'new-version');
    assert.equal(r3.version, 2);
    assert.notEqual(r3.recordId, r1.recordId);

    const versions = await db.kysely.selectFrom('record').select(['version']).where('ref', '=', record.ref).orderBy('version').execute();
    assert.deepEqual(versions.map((v) => v.version), [1, 2]);
  });

  test('an invalid record -> 422 with problems, nothing stored', async () => {
    await assertNothingStored(async () => {
      const { people: _people, ...noPeople } = gpAttendance();
      const res = await post('/api/records', { ...noPeople, kind: 'nonsense' });
      assert.equal(res.statusCode, 422);
      const body = res.json();
      assert.equal(body.status, 'refused');
      assert.ok(Array.isArray(body.problems) && body.problems.length >= 2, JSON.stringify(body));
      assert.ok(body.problems.some((p: { pointer: string; code: string }) => p.pointer === '/people' && p.code === 'required'));
      assert.ok(body.problems.some((p: { pointer: string }) => p.pointer === '/kind'));
    });
  });

  test('malformed JSON -> 400 malformed-body, nothing stored', async () => {
    await assertNothingStored(async () => {
      const res = await post('/api/records', '{"format": "agency-record/1", "agency": ', { ...auth(), 'content-type': 'application/json' });
      assert.equal(res.statusCode, 400);
      assert.equal(res.json().error, 'malformed-body');
    });
  });

  test('an array sent to the single endpoint -> 422, nothing stored', async () => {
    await assertNothingStored(async () => {
      const res = await post('/api/records', [gpAttendance()]);
      assert.equal(res.statusCode, 422);
      const body = res.json();
      assert.ok(body.problems.some((p: { code: string }) => p.code === 'not-one-record'));
    });
  });

  test('a body over the 1 MiB limit -> 413 body-too-large, nothing stored', async () => {
    await assertNothingStored(async () => {
      const big = JSON.stringify(gpAttendance({ narrative: 'x'.repeat(1024 * 1024 + 10) }));
      const res = await post('/api/records', big, { ...auth(), 'content-type': 'application/json' });
      assert.equal(res.statusCode, 413);
      assert.equal(res.json().error, 'body-too-large');
    });
  });

  test('text/plain -> 415, nothing stored', async () => {
    await assertNothingStored(async () => {
      const res = await post('/api/records', JSON.stringify(gpAttendance()), { ...auth(), 'content-type': 'text/plain' });
      assert.equal(res.statusCode, 415);
      assert.equal(res.json().error, 'unsupported-media-type');
    });
  });
});

describe('POST /api/records/batch', () => {
  test('a JSON array [good, bad, good] -> 200, per-item results and a summary', async () => {
    const counts = await tableCounts(db);
    const good1 = gpAttendance();
    const good2 = gpAttendance({ occurredAt: '2021-06-01' });
    const bad = { ...gpAttendance(), occurredAt: 'yesterday' };
    const res = await post('/api/records/batch', [good1, bad, good2]);
    assert.equal(res.statusCode, 200);
    const { summary, results } = res.json();
    assert.deepEqual(results.map((r: { status: string }) => r.status), ['stored', 'refused', 'stored']);
    assert.deepEqual(results.map((r: { index: number }) => r.index), [0, 1, 2]);
    assert.equal(results[0].ref, good1.ref);
    assert.equal(results[2].ref, good2.ref);
    assert.ok(results[1].problems.some((p: { pointer: string }) => p.pointer === '/occurredAt'));
    assert.deepEqual(summary, { items: 3, stored: 2, newVersions: 0, duplicates: 0, refused: 1 });
    assert.equal((await tableCounts(db)).record, counts.record! + 2);
  });

  test('NDJSON with a line that is not JSON: that item is refused not-json, the others stored', async () => {
    const counts = await tableCounts(db);
    const a = gpAttendance();
    const b = gpAttendance();
    const text = `${JSON.stringify(a)}\n{"format": "agency-record/1",\n${JSON.stringify(b)}\n`;
    const res = await post('/api/records/batch', text, { ...auth(), 'content-type': 'application/x-ndjson' });
    assert.equal(res.statusCode, 200);
    const { summary, results } = res.json();
    assert.deepEqual(results.map((r: { status: string }) => r.status), ['stored', 'refused', 'stored']);
    assert.equal(results[1].problems[0].code, 'not-json');
    assert.match(results[1].problems[0].message, /line 2/);
    assert.equal(summary.stored, 2);
    assert.equal(summary.refused, 1);
    assert.equal((await tableCounts(db)).record, counts.record! + 2);
  });

  test(`more than ${MAX_BATCH_ITEMS} items -> 413, nothing stored`, async () => {
    await assertNothingStored(async () => {
      const items = Array.from({ length: MAX_BATCH_ITEMS + 1 }, () => ({}));
      const res = await post('/api/records/batch', items);
      assert.equal(res.statusCode, 413);
      assert.equal(res.json().error, 'batch-too-large');
      const nd = await post('/api/records/batch', items.map(() => '{}').join('\n'), { ...auth(), 'content-type': 'application/x-ndjson' });
      assert.equal(nd.statusCode, 413);
    });
  });

  test('application/ndjson is accepted as well as application/x-ndjson', async () => {
    const res = await post('/api/records/batch', JSON.stringify(gpAttendance()), { ...auth(), 'content-type': 'application/ndjson; charset=utf-8' });
    assert.equal(res.statusCode, 200);
    assert.equal(res.json().summary.stored, 1);
  });

  test('an object (not an array) -> 422 not-a-batch', async () => {
    await assertNothingStored(async () => {
      const res = await post('/api/records/batch', gpAttendance());
      assert.equal(res.statusCode, 422);
      assert.ok(res.json().problems.some((p: { code: string }) => p.code === 'not-a-batch'));
    });
  });

  test('a JSON string (application/json) is not read as NDJSON -> 422 not-a-batch', async () => {
    await assertNothingStored(async () => {
      const res = await post('/api/records/batch', JSON.stringify(JSON.stringify(gpAttendance())), { ...auth(), 'content-type': 'application/json' });
      assert.equal(res.statusCode, 422);
      assert.ok(res.json().problems.some((p: { code: string }) => p.code === 'not-a-batch'));
    });
  });

  test('text/plain -> 415, nothing stored', async () => {
    await assertNothingStored(async () => {
      const res = await post('/api/records/batch', JSON.stringify(gpAttendance()), { ...auth(), 'content-type': 'text/plain' });
      assert.equal(res.statusCode, 415);
      assert.equal(res.json().error, 'unsupported-media-type');
    });
  });
});
