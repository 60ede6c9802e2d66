// Crash safety: the server is killed with SIGKILL in the middle of a large
// batch, then the data is reopened. Every batch the server acknowledged must
// be there in full; the batch in flight must be there entirely or not at all;
// no record may be present without its mentions or its audit row.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import { openDb, type DbTarget } from '../src/db/connect.ts';
import { Repository } from '../src/access/repository.ts';
import { gpAttendance } from './helpers/records.ts';
import { dropTestDatabase, engine, operator, testDb, TEST_AGENCIES } from './helpers/test-db.ts';

const root = fileURLToPath(new URL('../', import.meta.url));
const BATCH = 2000;

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

async function startServer(env: NodeJS.ProcessEnv, port: number): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['bin/threadline.js', 'serve', '--port', String(port)], {
    cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'],
  });
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('server did not start')), 60_000);
    child.stdout!.on('data', (d: Buffer) => {
      if (d.toString().includes('is running')) {
        clearTimeout(timer);
        resolve();
      }
    });
    child.on('exit', (code) => reject(new Error(`server exited ${code}`)));
  });
  return child;
}

/** 0 -> "a", 25 -> "z", 26 -> "ba": a number written in letters. */
const letters = (x: number): string => (x >= 26 ? letters(Math.floor(x / 26)) : '') + String.fromCharCode(97 + (x % 26));

function batch(round: number, n: number) {
  return Array.from({ length: n }, (_, i) => {
    const r = gpAttendance({ ref: `crash-${round}-${i}` });
    // distinct children (names are compared by their letters only, so no digits) so linking does real work
    const dob = new Date(Date.UTC(2010, 0, 1 + (i % 997))).toISOString().slice(0, 10);
    r.people[0] = { ...r.people[0]!, nhsNumber: undefined as unknown as string, dob, name: { given: `Kid${letters(i % 997)}`, family: `Round${letters(round)}` } };
    delete (r.people[0] as { nhsNumber?: string }).nhsNumber;
    return r;
  });
}

async function post(port: number, token: string, items: unknown[]): Promise<Response> {
  return fetch(`http://127.0.0.1:${port}/api/records/batch`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify(items),
  });
}

test(`SIGKILL in the middle of a batch loses no acknowledged record and leaves no partial one (${engine})`, { timeout: 300_000 }, async () => {
  let target: DbTarget;
  let cleanup: () => Promise<void>;
  if (engine === 'postgres') {
    const db = await testDb();
    target = db.target;
    await db.close();
    const url = (target as { url: string }).url;
    cleanup = () => dropTestDatabase(url);
  } else {
    const dir = mkdtempSync(join(tmpdir(), 'tl-crash-'));
    target = { kind: 'pglite', dataDir: dir };
    cleanup = async () => rmSync(dir, { recursive: true, force: true });
  }

  // Set up the agency and a key, then hand the database to the server process.
  let db = await openDb(target);
  let repo = new Repository(db);
  await repo.registerAgency(operator, TEST_AGENCIES[0]!);
  const { token } = await repo.createApiKey(operator, 'gp-1');
  await db.close();

  const env = { ...process.env, LOG_LEVEL: 'silent' } as NodeJS.ProcessEnv;
  delete env.DATABASE_URL;
  delete env.DATA_DIR;
  if (target.kind === 'postgres') env.DATABASE_URL = target.url;
  else env.DATA_DIR = (target as { dataDir: string }).dataDir;

  const acknowledged: string[] = [];
  const inFlight: string[][] = [];
  try {
    for (let round = 0; round < 3; round++) {
      const port = await freePort();
      const server = await startServer(env, port);
      // Two acknowledged batches, timing the second to know how long one takes.
      let took = 0;
      for (let b = 0; b < 2; b++) {
        const items = batch(round * 10 + b, BATCH);
        const t0 = Date.now();
        const res = await post(port, token, items);
        took = Date.now() - t0;
        assert.equal(res.status, 200);
        const body = (await res.json()) as { summary: { stored: number } };
        assert.equal(body.summary.stored, BATCH);
        acknowledged.push(...items.map((x) => x.ref));
      }
      // A third batch, killed part-way through.
      const items = batch(round * 10 + 9, BATCH);
      inFlight.push(items.map((x) => x.ref));
      const exited = new Promise((r) => server.once('exit', r));
      const pending = post(port, token, items).then((r) => r.status, () => 'connection lost');
      await new Promise((r) => setTimeout(r, Math.max(20, Math.floor(took * (0.3 + 0.4 * Math.random())))));
      server.kill('SIGKILL');
      const outcome = await pending;
      if (outcome === 200) acknowledged.push(...items.map((x) => x.ref)); // it finished before the kill: it must be there too
      await exited;
    }

    // Reopen after the last kill and check.
    db = await openDb(target);
    repo = new Repository(db);
    const refs = new Set((await db.kysely.selectFrom('record').select('ref').execute()).map((r) => r.ref));
    const missing = acknowledged.filter((r) => !refs.has(r));
    assert.deepEqual(missing, [], 'every acknowledged record is present');
    for (const flight of inFlight) {
      const present = flight.filter((r) => refs.has(r)).length;
      assert.ok(present === 0 || present === flight.length, `an interrupted batch is all or nothing (found ${present}/${flight.length})`);
    }
    const partial = await sql<{ n: number }>`
      select count(*)::int as n from record r
      where (select count(*) from mention m where m.record_id = r.id) <> jsonb_array_length(r.document->'people')
         or exists (select 1 from mention m where m.record_id = r.id and not exists (select 1 from person_mention pm where pm.mention_id = m.id))`.execute(db.kysely);
    assert.equal(partial.rows[0]!.n, 0, 'no record is missing mentions or links');
    const unaudited = await sql<{ n: number }>`
      select count(*)::int as n from record r where not exists (select 1 from audit a where r.id = any(a.record_ids))`.execute(db.kysely);
    assert.equal(unaudited.rows[0]!.n, 0, 'every stored record has its audit row');
    assert.equal((await repo.verifyAudit(operator)).ok, true);
    await db.close();
  } finally {
    await cleanup();
  }
});
