// A fresh database for one engine's benchmark run: a scratch database on the
// PostgreSQL server, or the embedded default as users run it (on disk, durable
// commits) in a temporary directory. dispose() closes and removes it.
import { mkdtempSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDb, type Db, type DbTarget } from '../src/db/connect.ts';
import { createScratchDatabase, dropScratchDatabase } from '../src/db/scratch-database.ts';

export const PG_SERVER = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export async function benchDb(engine: string, prefix: string): Promise<{ db: Db; dispose: () => Promise<void> }> {
  let target: DbTarget;
  let remove: () => Promise<void>;
  if (engine === 'postgres') {
    const url = await createScratchDatabase(PG_SERVER);
    target = { kind: 'postgres', url };
    remove = () => dropScratchDatabase(PG_SERVER, url);
  } else {
    const dir = mkdtempSync(join(tmpdir(), prefix));
    target = { kind: 'pglite', dataDir: dir };
    remove = async () => { rmSync(dir, { recursive: true, force: true }); };
  }
  const db = await openDb(target);
  return { db, dispose: async () => { await db.close(); await remove(); } };
}

/** Whether a PostgreSQL server answers at PG_SERVER (a benchmark runs on it only then). */
export async function postgresReachable(): Promise<boolean> {
  const u = new URL(PG_SERVER);
  return new Promise((resolve) => {
    const s = connect(Number(u.port || 5432), u.hostname);
    s.on('connect', () => { s.destroy(); resolve(true); });
    s.on('error', () => { resolve(false); });
  });
}

/** The engines a benchmark runs on: those ENGINES names (default both), PostgreSQL only if it answers. */
export async function benchEngines(wanted = (process.env.ENGINES ?? 'pglite,postgres').split(',').map((e) => e.trim())): Promise<string[]> {
  const engines: string[] = wanted.filter((e) => e === 'pglite');
  if (wanted.includes('postgres')) {
    if (await postgresReachable()) engines.push('postgres');
    else process.stderr.write(`no PostgreSQL at ${PG_SERVER}: PGlite only\n`);
  }
  return engines;
}
