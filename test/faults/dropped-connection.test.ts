// A dropped PostgreSQL connection: the server's backends are terminated
// (pg_terminate_backend, from a separate connection, only those of the test's
// own database) while idle, in the middle of a read and in the middle of a large
// batch. The server must stay up, the request in flight must fail with 503 (or
// succeed, if it had finished), nothing partial may be stored, and the next
// request must succeed on a fresh connection.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import pg from 'pg';
import type { DbTarget } from '../../src/db/connect.ts';
import { Repository } from '../../src/app/repository.ts';
import { dropTestDatabase, engine, operator, testDb, TEST_AGENCIES } from '../helpers/test-db.ts';
import { distinctChildrenBatch, envFor, killHard, postBatch, startServer, type ServerProcess } from '../helpers/server-process.ts';
import { testApi, signedInUser } from '../helpers/test-api.ts';

const skip = engine === 'postgres' ? false : 'dropped connections are a PostgreSQL fault: run with --postgres (TEST_DATABASE_URL); PGlite has no connection to drop';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const databaseOf = (url: string) => new URL(url).pathname.slice(1);

/** A connection to the server's own database (not the test's), for terminating the test database's backends. */
async function adminClient(): Promise<pg.Client> {
  const c = new pg.Client({ connectionString: process.env.TEST_DATABASE_URL });
  await c.connect();
  return c;
}

/** Terminate every backend connected to `database` except `spare`; how many there were. */
async function terminateBackends(admin: pg.Client, database: string, spare: number[] = []): Promise<number> {
  const r = await admin.query<{ n: number }>(
    `select count(pg_terminate_backend(pid))::int as n from pg_stat_activity
      where datname = $1 and pid <> pg_backend_pid() and not (pid = any($2::int[]))`,
    [database, spare],
  );
  return r.rows[0]!.n;
}

/** Wait until a backend of `database` matches `where` (a condition on pg_stat_activity). */
async function waitForBackend(admin: pg.Client, database: string, where: string, spare: number[] = []): Promise<void> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    const r = await admin.query(`select 1 from pg_stat_activity where datname = $1 and not (pid = any($2::int[])) and ${where}`, [database, spare]);
    if (r.rowCount) return;
    if (Date.now() > deadline) throw new Error(`no backend of ${database} where ${where}`);
    await sleep(20);
  }
}

/** Hold an ACCESS EXCLUSIVE lock on `table` from a connection of its own, so whatever reads it waits there. */
async function lockTable(url: string, table: string): Promise<{ pid: number; release(): Promise<void> }> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  const pid = (await c.query<{ pid: number }>('select pg_backend_pid() as pid')).rows[0]!.pid;
  await c.query('begin');
  await c.query(`lock table ${table} in access exclusive mode`);
  return { pid, release: async () => { await c.query('rollback'); await c.end(); } };
}

async function storedWithPrefix(url: string, prefix: string): Promise<number> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    return (await c.query<{ n: number }>('select count(*)::int as n from record where ref like $1', [`${prefix}%`])).rows[0]!.n;
  } finally {
    await c.end();
  }
}

describe('the server and dropped database connections (PostgreSQL)', { skip }, () => {
  let target: DbTarget & { kind: 'postgres' };
  let token: string;
  let server: ServerProcess;
  let admin: pg.Client;

  const alive = () => { assert.ok(server.child.exitCode === null && server.child.signalCode === null, `the server is still running (stderr: ${server.stderr().slice(-1500)})`); };
  const people = () => fetch(`http://127.0.0.1:${server.port}/api/people`, { headers: { authorization: `Bearer ${token}` } });

  before(async () => {
    const db = await testDb();
    target = db.target as DbTarget & { kind: 'postgres' };
    const repo = new Repository(db);
    await repo.registerAgency(operator, TEST_AGENCIES[0]!);
    token = (await repo.createApiKey(operator, 'gp-1')).token;
    await db.close();
    server = await startServer(envFor(target, 'warn'));
    admin = await adminClient();
  });

  after(async () => {
    if (server && server.child.exitCode === null) await killHard(server);
    await admin?.end();
    if (target) await dropTestDatabase(target.url);
  });

  test('connections terminated while idle: the server stays up and the next request succeeds', { timeout: 120_000 }, async () => {
    assert.equal((await people()).status, 200); // the pool now holds an idle connection
    assert.ok((await terminateBackends(admin, databaseOf(target.url))) > 0, 'there were connections to terminate');
    await sleep(500);
    alive();
    assert.equal((await people()).status, 200);
    alive();
  });

  test('connection terminated in the middle of a read: that request gets 503 with Retry-After, the server stays up, the next read succeeds', { timeout: 120_000 }, async () => {
    // The read waits on a lock held elsewhere (on the audit trail, which every read writes to in its own
    // transaction, after reading), so it is certainly in flight when its connection goes.
    const lock = await lockTable(target.url, 'audit');
    try {
      const reading = people();
      await waitForBackend(admin, databaseOf(target.url), `wait_event_type = 'Lock'`, [lock.pid]);
      await terminateBackends(admin, databaseOf(target.url), [lock.pid]);
      const res = await reading;
      assert.equal(res.status, 503);
      assert.ok(Number(res.headers.get('retry-after')) > 0, 'Retry-After says when to try again');
      const body = (await res.json()) as { error: string; message: string };
      assert.equal(body.error, 'database-unavailable');
      assert.match(body.message, /nothing was stored/);
    } finally {
      await lock.release();
    }
    alive();
    assert.equal((await people()).status, 200);
  });

  test('connections terminated in the middle of a large batch: 503 and nothing of it stored (or 200 and all of it), the server stays up, the next batch is stored', { timeout: 300_000 }, async (t) => {
    const items = distinctChildrenBatch(1, 3000, 'dropped');
    const sending = postBatch(server.port, token, items);
    // Once the batch's transaction has been open a moment (past the key check), at a random point within it.
    await waitForBackend(admin, databaseOf(target.url), `xact_start < now() - interval '200 milliseconds' and state <> 'idle'`);
    await sleep(Math.floor(Math.random() * 500));
    await terminateBackends(admin, databaseOf(target.url));
    const res = await sending;
    const stored = await storedWithPrefix(target.url, 'dropped-1-');
    t.diagnostic(`the batch in flight was answered ${res.status}; ${stored} of its ${items.length} records are stored`);
    if (res.status === 200) {
      assert.equal(stored, items.length, 'an acknowledged batch is stored whole');
    } else {
      assert.equal(res.status, 503);
      assert.ok(res.headers.get('retry-after'));
      const body = (await res.json()) as { error: string };
      if (body.error === 'database-unavailable') assert.equal(stored, 0, 'a batch refused with 503 left nothing behind');
      else assert.ok(body.error === 'database-outcome-unknown' && (stored === 0 || stored === items.length), `all or nothing (${stored}/${items.length})`);
    }
    alive();
    const next = distinctChildrenBatch(2, 10, 'dropped');
    const again = await postBatch(server.port, token, next);
    assert.equal(again.status, 200);
    assert.equal(await storedWithPrefix(target.url, 'dropped-2-'), next.length);
    alive();
  });

  test('a page whose connection is terminated mid-read gets a 503 error page with Retry-After, and the next page loads', { timeout: 120_000 }, async () => {
    // In-process this time: a page needs a signed-in session, which the test makes through the sign-in form.
    const api = await testApi();
    try {
      const user = await signedInUser(api, { username: 'page.reader', agencyId: 'gp-1', roles: ['practitioner'] });
      assert.equal((await user.get('/')).statusCode, 200);
      const url = (api.db.target as { url: string }).url;
      const lock = await lockTable(url, 'user_session');
      try {
        const loading = user.get('/');
        await waitForBackend(admin, databaseOf(url), `wait_event_type = 'Lock'`, [lock.pid]);
        await terminateBackends(admin, databaseOf(url), [lock.pid]);
        const res = await loading;
        assert.equal(res.statusCode, 503);
        assert.ok(Number(res.headers['retry-after']) > 0);
        assert.match(String(res.headers['content-type']), /text\/html/);
        assert.match(res.body, /Sorry, the service is unavailable/);
        assert.match(res.body, /Nothing was saved/);
      } finally {
        await lock.release();
      }
      assert.equal((await user.get('/')).statusCode, 200);
    } finally {
      await api.close();
    }
  });
});
