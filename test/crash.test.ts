// Crash safety: the server is killed with SIGKILL in the middle of a large
// batch, then the data is reopened. Every batch the server acknowledged must
// be there in full; the batch in flight must be there entirely or not at all;
// no record may be present without its mentions or its audit row.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDb, type DbTarget } from '../src/db/connect.ts';
import { Repository } from '../src/app/repository.ts';
import { dropTestDatabase, engine, operator, testDb, TEST_AGENCIES } from './helpers/test-db.ts';
import { distinctChildrenBatch, envFor, postBatch, startServer } from './helpers/server-process.ts';
import { assertIntactAfterCrash } from './helpers/crash-checks.ts';

const BATCH = 2000;

test(`SIGKILL in the middle of a batch loses no acknowledged record and leaves no partial one (${engine})`, { timeout: 600_000 }, async () => {
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
    cleanup = async () => { rmSync(dir, { recursive: true, force: true }); };
  }

  // Set up the agency and a key, then hand the database to the server process.
  let db = await openDb(target);
  const repo = new Repository(db);
  await repo.registerAgency(operator, TEST_AGENCIES[0]!);
  const { token } = await repo.createApiKey(operator, 'gp-1');
  await db.close();

  const env = envFor(target);
  const acknowledged: string[] = [];
  const inFlight: string[][] = [];
  try {
    // Two rounds: test/faults/embedded-database.test.ts kills at random points as well, so the suite's kills
    // number more than this test's three rounds did, for less time.
    for (let round = 0; round < 2; round++) {
      const server = await startServer(env);
      const { port } = server;
      // Two acknowledged batches, timing the second to know how long one takes.
      let took = 0;
      for (let b = 0; b < 2; b++) {
        const items = distinctChildrenBatch(round * 10 + b, BATCH);
        const t0 = Date.now();
        const res = await postBatch(port, token, items);
        took = Date.now() - t0;
        assert.equal(res.status, 200);
        const body = (await res.json()) as { summary: { stored: number } };
        assert.equal(body.summary.stored, BATCH);
        acknowledged.push(...items.map((x) => x.ref));
      }
      // A third batch, killed part-way through.
      const items = distinctChildrenBatch(round * 10 + 9, BATCH);
      inFlight.push(items.map((x) => x.ref));
      const pending = postBatch(port, token, items).then((r) => r.status, () => 'connection lost');
      await new Promise((r) => setTimeout(r, Math.max(20, Math.floor(took * (0.3 + 0.4 * Math.random())))));
      server.child.kill('SIGKILL');
      const outcome = await pending;
      if (outcome === 200) acknowledged.push(...items.map((x) => x.ref)); // it finished before the kill: it must be there too
      await server.exited;
    }

    // Reopen after the last kill and check.
    db = await openDb(target);
    await assertIntactAfterCrash(db, acknowledged, inFlight);
    await db.close();
  } finally {
    await cleanup();
  }
});
