// Faults of the embedded database (PGlite in a data directory), with real processes:
// a command run while the server has the directory open, a server killed with
// SIGKILL (its lock left behind), SIGKILL at random points while records arrive,
// and a damaged directory. The SIGKILL test runs on PostgreSQL too (the server
// process is killed; the database server lives on).
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDb, type DbTarget } from '../../src/db/connect.ts';
import { lockFileOf, processStartOf } from '../../src/db/data-dir-lock.ts';
import { Repository } from '../../src/app/repository.ts';
import { dropTestDatabase, engine, operator, testDb, TEST_AGENCIES } from '../helpers/test-db.ts';
import { distinctChildrenBatch, envFor, killHard, postBatch, runCli, startServer, type ServerProcess } from '../helpers/server-process.ts';
import { assertIntactAfterCrash } from '../helpers/crash-checks.ts';

const pgliteOnly = engine === 'postgres' ? 'the embedded database is tested in the PGlite run (without TEST_DATABASE_URL)' : false;
const SLOW = { timeout: 600_000 };

/** A data directory with the test agency and an API key for it, made once and copied for each test (PGlite's first start is slow). */
let template: Promise<{ dir: string; token: string }> | undefined;

async function preparedDataDir(): Promise<{ dir: string; target: DbTarget; token: string }> {
  template ??= (async () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'tl-embedded-template-')), 'data');
    const db = await openDb({ kind: 'pglite', dataDir: dir });
    const repo = new Repository(db);
    await repo.registerAgency(operator, TEST_AGENCIES[0]!);
    const { token } = await repo.createApiKey(operator, 'gp-1');
    await db.close();
    return { dir, token };
  })();
  const { dir: from, token } = await template;
  const dir = join(mkdtempSync(join(tmpdir(), 'tl-embedded-')), 'data');
  cpSync(from, dir, { recursive: true });
  // The audit key lives beside the directory: the copy signs with the same one.
  cpSync(join(from, '..', '.data.audit-key'), join(dir, '..', '.data.audit-key'));
  return { dir, target: { kind: 'pglite', dataDir: dir }, token };
}

after(async () => {
  if (template) removeAll((await template).dir);
});

const removeAll = (dir: string) => { rmSync(join(dir, '..'), { recursive: true, force: true }); };

/** The refusal a command gets while the server holds the directory. */
const SERVER_HOLDS = /the server \(process (\d+)\) is using .+: stop it, or run the command against it/;

test('a second open of a data directory in the same process is refused until the first is closed', { skip: pgliteOnly, timeout: 120_000 }, async () => {
  const { dir, target } = await preparedDataDir();
  try {
    const first = await openDb(target, { holder: 'the first opener' });
    await assert.rejects(openDb(target), /already open in this process \(the first opener\)/);
    await first.close();
    const again = await openDb(target);
    await again.close();
  } finally {
    removeAll(dir);
  }
});

test('a lock naming a process that has ended, or a process id now used by another process, does not block opening', { skip: pgliteOnly, timeout: 120_000 }, async () => {
  const { dir, target } = await preparedDataDir();
  try {
    const ended = spawnSync(process.execPath, ['-e', '0']).pid;
    const lock = (pid: number, started: string | null) => JSON.stringify({ pid, started, host: hostname(), holder: 'the server', token: 'old', at: new Date().toISOString() });
    for (const stale of [lock(ended, null), lock(process.ppid, 'a start time that is not its own')]) {
      writeFileSync(lockFileOf(dir), stale);
      const db = await openDb(target);
      await db.close();
    }
    // The same process id with its own start time: that process holds the directory.
    writeFileSync(lockFileOf(dir), lock(process.ppid, processStartOf(process.ppid)));
    await assert.rejects(openDb(target), new RegExp(`the server \\(process ${process.ppid}\\) is using`));
  } finally {
    removeAll(dir);
  }
});

test('a command run while the server has the data directory open is refused, says what to do, and the server carries on', { skip: pgliteOnly, ...SLOW }, async () => {
  const { dir, target, token } = await preparedDataDir();
  const env = envFor(target);
  let server: ServerProcess | undefined;
  try {
    server = await startServer(env);
    const refused = await runCli(['key', 'create', 'gp-1'], env);
    assert.equal(refused.code, 1, refused.stderr);
    assert.equal(refused.stdout, '', 'no key was made');
    assert.equal(SERVER_HOLDS.exec(refused.stderr)?.[1], String(server.child.pid), refused.stderr);
    assert.match(refused.stderr, /DATABASE_URL/);
    assert.doesNotMatch(refused.stderr, /^\s+at /m, 'no stack trace');
    // The server was not disturbed.
    assert.equal((await postBatch(server.port, token, distinctChildrenBatch(0, 5, 'beside'))).status, 200);
    // Stopped, it gives the directory back.
    server.child.kill('SIGTERM');
    assert.equal(await server.exited, 0);
    server = undefined;
    const afterwards = await runCli(['key', 'create', 'gp-1'], env);
    assert.equal(afterwards.code, 0, afterwards.stderr);
  } finally {
    if (server) await killHard(server);
    removeAll(dir);
  }
});

test('a lock left by a server killed with SIGKILL does not stop the next start, and the new server holds the directory', { skip: pgliteOnly, ...SLOW }, async () => {
  const { dir, target, token } = await preparedDataDir();
  const env = envFor(target);
  let server: ServerProcess | undefined;
  try {
    server = await startServer(env);
    const items = distinctChildrenBatch(1, 20, 'killed');
    assert.equal((await postBatch(server.port, token, items)).status, 200);
    await killHard(server);
    server = await startServer(env);
    const refused = await runCli(['people'], env);
    assert.equal(SERVER_HOLDS.exec(refused.stderr)?.[1], String(server.child.pid), refused.stderr);
    server.child.kill('SIGTERM');
    await server.exited;
    server = undefined;
    const db = await openDb(target);
    await assertIntactAfterCrash(db, items.map((r) => r.ref), []);
    await db.close();
  } finally {
    if (server) await killHard(server);
    removeAll(dir);
  }
});

test(`SIGKILL at random points while records arrive, with a command run beside the server, leaves a database that reopens with every acknowledged write (${engine})`, SLOW, async () => {
  let target: DbTarget;
  let token: string;
  let cleanup: () => Promise<void>;
  if (engine === 'postgres') {
    const db = await testDb();
    target = db.target;
    const repo = new Repository(db);
    await repo.registerAgency(operator, TEST_AGENCIES[0]!);
    token = (await repo.createApiKey(operator, 'gp-1')).token;
    await db.close();
    const url = (target as { url: string }).url;
    cleanup = () => dropTestDatabase(url);
  } else {
    const prepared = await preparedDataDir();
    ({ target, token } = prepared);
    cleanup = async () => { removeAll(prepared.dir); };
  }
  const env = envFor(target);
  const acknowledged: string[] = [];
  const inFlight: string[][] = [];
  let server: ServerProcess | undefined;
  try {
    for (let round = 0; round < 3; round++) {
      server = await startServer(env);
      const first = distinctChildrenBatch(round * 100, 150, 'random');
      const t0 = Date.now();
      const res = await postBatch(server.port, token, first);
      const took = Date.now() - t0;
      assert.equal(res.status, 200);
      acknowledged.push(...first.map((r) => r.ref));
      // What a user does beside a running server (on PGlite it is refused; on PostgreSQL it may share the database).
      if (round === 0) await runCli(['key', 'create', 'gp-1'], env);
      // Batches one after another, killed at a random moment: mid-batch, between batches, or at the first.
      let stop = false;
      const sending = (async () => {
        for (let b = 1; !stop; b++) {
          const items = distinctChildrenBatch(round * 100 + b, 150, 'random');
          const refs = items.map((r) => r.ref);
          inFlight.push(refs);
          const status = await postBatch(server.port, token, items).then((r) => r.status, () => 'connection lost');
          if (status !== 200) return;
          acknowledged.push(...refs);
        }
      })();
      await new Promise((r) => setTimeout(r, Math.floor(Math.random() * 3 * took)));
      stop = true;
      await killHard(server);
      server = undefined;
      await sending;
    }
    const db = await openDb(target);
    await assertIntactAfterCrash(db, acknowledged, inFlight);
    await db.close();
  } finally {
    if (server) await killHard(server);
    await cleanup();
  }
});

test('a damaged data directory is refused with a message that names it, says it may be damaged and to restore from a backup', { skip: pgliteOnly, timeout: 300_000 }, async () => {
  const { dir, target } = await preparedDataDir();
  const damaged = {
    'its control file overwritten': (d: string) => { writeFileSync(join(d, 'global', 'pg_control'), Buffer.alloc(8192, 0x5a)); },
    'its write-ahead log removed': (d: string) => {
      for (const f of readdirSync(join(d, 'pg_wal'))) if (/^[0-9A-F]{24}$/.test(f)) rmSync(join(d, 'pg_wal', f));
    },
  };
  try {
    for (const [what, damage] of Object.entries(damaged)) {
      const copy = join(dir, '..', what.replace(/\W+/g, '-'));
      cpSync(dir, copy, { recursive: true });
      damage(copy);
      await assert.rejects(openDb({ kind: 'pglite', dataDir: copy }), (e: Error) => {
        assert.match(e.message, new RegExp(`could not open the embedded database in ${copy.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`), what);
        assert.match(e.message, /may be damaged/, what);
        assert.match(e.message, /Restore it from a backup/, what);
        return true;
      });
      // Refused, it is not left locked: the message stays the same the next time.
      await assert.rejects(openDb({ kind: 'pglite', dataDir: copy }), /may be damaged/);
    }
    // The command line says the same, without a stack trace.
    const run = await runCli(['people'], envFor({ kind: 'pglite', dataDir: join(dir, '..', 'its-control-file-overwritten') }));
    assert.equal(run.code, 1);
    assert.match(run.stderr, /could not open the embedded database in .*may be damaged.*Restore it from a backup/s);
    assert.doesNotMatch(run.stderr, /^\s+at /m, 'no stack trace');
    // The original is untouched and opens.
    const db = await openDb(target);
    await db.close();
  } finally {
    removeAll(dir);
  }
});
