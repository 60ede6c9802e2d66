// A fresh, migrated database for one test: in-memory PGlite by default, or,
// when TEST_DATABASE_URL names a PostgreSQL server, a new database on it that
// is dropped afterwards. The same suites therefore run on both engines.
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createScratchDatabase, dropScratchDatabase } from '../../src/db/scratch-database.ts';
import { openDb, type Db } from '../../src/db/connect.ts';
import { Repository, type RepositoryOptions } from '../../src/app/repository.ts';
import type { Actor } from '../../src/shared/actor.ts';
import type { ScenarioAgency } from '../../src/records/types.ts';

export const engine = process.env.TEST_DATABASE_URL ? 'postgres' : 'pglite';
export const operator: Actor = { kind: 'operator', name: 'test' };

export interface TestDb extends Db {
  drop(): Promise<void>;
}

// Starting PGlite on an empty directory runs initdb, then the migrations: several seconds of CPU, paid by
// every test database. Each one starts instead from a copy of a database that has just been created and
// migrated, made once and kept in the temp directory under a name that changes with the migrations and the
// PGlite version (so a changed migration makes a new copy). openDb still runs the migrator, which finds
// nothing to do; the migrations themselves still run on every PostgreSQL test database and every data directory.
const DB_DIR = fileURLToPath(new URL('../../src/db/', import.meta.url));
let template: Promise<Blob> | undefined;

function migratedTemplate(): Promise<Blob> {
  template ??= (async () => {
    const hash = createHash('sha256');
    const migrations = join(DB_DIR, 'migrations');
    for (const f of readdirSync(migrations).sort()) hash.update(f).update(readFileSync(join(migrations, f)));
    hash.update(readFileSync(join(DB_DIR, 'migrate.ts')));
    hash.update(readFileSync(fileURLToPath(new URL('../../node_modules/@electric-sql/pglite/package.json', import.meta.url))));
    const file = join(tmpdir(), `threadline-test-db-${hash.digest('hex').slice(0, 16)}.tar`);
    if (existsSync(file)) return new Blob([readFileSync(file)]);
    const db = await openDb({ kind: 'pglite', memory: true });
    const dump = await db.pglite!.dumpDataDir('none');
    await db.close();
    // Written whole, then renamed: a test process starting beside this one reads the old state or the new, never half.
    const partial = `${file}.${process.pid}`;
    writeFileSync(partial, Buffer.from(await dump.arrayBuffer()));
    renameSync(partial, file);
    return dump;
  })();
  return template;
}

export async function testDb(): Promise<TestDb> {
  const server = process.env.TEST_DATABASE_URL;
  if (!server) {
    const db = await openDb({ kind: 'pglite', memory: true, from: await migratedTemplate() });
    return { ...db, close: db.close, drop: db.close };
  }
  const url = await createScratchDatabase(server);
  const db = await openDb({ kind: 'postgres', url });
  return {
    ...db,
    close: db.close,
    drop: async () => {
      await db.close();
      await dropTestDatabase(url);
    },
  };
}

/** Drop a database made by testDb(), by its URL (for tests that close their handle early). */
export function dropTestDatabase(databaseUrl: string): Promise<void> {
  return dropScratchDatabase(process.env.TEST_DATABASE_URL!, databaseUrl);
}

export const TEST_AGENCIES: ScenarioAgency[] = [
  { id: 'gp-1', kind: 'gp', name: 'Test GP practice' },
  { id: 'hosp-1', kind: 'hospital', name: 'Test hospital' },
  { id: 'police-1', kind: 'police', name: 'Test police' },
  { id: 'csc-1', kind: 'social-care', name: "Test children's social care" },
];

/** A fresh database with a repository and the test agencies registered. */
export async function testRepository(opts: RepositoryOptions = {}): Promise<{ db: TestDb; repo: Repository }> {
  const db = await testDb();
  const repo = new Repository(db, opts);
  for (const a of TEST_AGENCIES) await repo.registerAgency(operator, a);
  return { db, repo };
}

/** Row counts of every table that ingest writes: "nothing stored" means these do not change. */
export async function tableCounts(db: Db): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const t of ['record', 'mention', 'person', 'mention_link', 'person_mention', 'person_key'] as const) {
    const r = await db.kysely.selectFrom(t).select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
    out[t] = Number(r.n);
  }
  return out;
}

