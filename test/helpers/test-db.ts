// A fresh, migrated database for one test: in-memory PGlite by default, or,
// when TEST_DATABASE_URL names a PostgreSQL server, a new database on it that
// is dropped afterwards. The same suites therefore run on both engines.
import { createScratchDatabase, dropScratchDatabase } from '../../src/db/scratch-database.ts';
import { openDb, type Db } from '../../src/db/connect.ts';
import { Repository, type RepositoryOptions } from '../../src/access/repository.ts';
import type { Actor } from '../../src/access/actor.ts';
import type { ScenarioAgency } from '../../src/records/types.ts';

export const engine = process.env.TEST_DATABASE_URL ? 'postgres' : 'pglite';
export const operator: Actor = { kind: 'operator', name: 'test' };

export interface TestDb extends Db {
  drop(): Promise<void>;
}

export async function testDb(): Promise<TestDb> {
  const server = process.env.TEST_DATABASE_URL;
  if (!server) {
    const db = await openDb({ kind: 'pglite', memory: true });
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

