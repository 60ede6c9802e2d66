// One way to open the database, whichever engine holds it: PGlite (embedded,
// the zero-setup default) or a PostgreSQL server named by a URL. Both get the
// same migrations and the same queries.
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { PgliteDialect } from './pglite-dialect.ts';
import { auditKeyFor } from '../access/audit-key.ts';
import { migrateToLatest } from './migrate.ts';
import type { Database } from './schema.ts';
import { StatisticsKeeper } from './maintenance.ts';

export type DbTarget =
  | { kind: 'postgres'; url: string }
  | { kind: 'pglite'; dataDir: string }
  | { kind: 'pglite'; memory: true };

export interface Db {
  readonly kysely: Kysely<Database>;
  readonly target: DbTarget;
  /** The embedded engine, when that is what we run on (for bulk loads and maintenance). */
  readonly pglite?: PGlite;
  /** The connection pool, when on a PostgreSQL server (for bulk loads such as COPY). */
  readonly pgPool?: pg.Pool;
  /** Keeps the planner's statistics fresh as records arrive. */
  readonly statistics: StatisticsKeeper;
  /** Signs audit checkpoints; kept outside the database (see access/audit-key.ts). Null: none configured. */
  readonly auditKey: Buffer | null;
  close(): Promise<void>;
}

const INT8 = 20;
const INT8_ARRAY = 1016;
/** A calendar date stays the text 'YYYY-MM-DD': as a JavaScript Date it would shift with the time zone. */
const DATE = 1082;
const asText = (v: string) => v;
const parseIdArray = (v: string) => (v === '{}' ? [] : v.slice(1, -1).split(',').map(Number));

// Ids are bigint in the database; JavaScript numbers hold them exactly up to 2^53.
pg.types.setTypeParser(INT8, Number);
pg.types.setTypeParser(INT8_ARRAY as Parameters<typeof pg.types.setTypeParser>[0], parseIdArray);
pg.types.setTypeParser(DATE, asText);

export async function openDb(target: DbTarget, opts: { migrate?: boolean } = {}): Promise<Db> {
  let db: Db;
  if (target.kind === 'postgres') {
    const pool = new pg.Pool({ connectionString: target.url, max: 10 });
    const kysely = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
    const statistics = new StatisticsKeeper(kysely);
    db = { kysely, target, pgPool: pool, statistics, auditKey: auditKeyFor(target), close: closer(kysely, statistics) };
  } else {
    const dataDir = 'dataDir' in target ? resolve(target.dataDir) : undefined;
    if (dataDir) mkdirSync(dataDir, { recursive: true });
    // relaxedDurability stays off: a commit is acknowledged only once PGlite has written it.
    const pglite = await PGlite.create({
      ...(dataDir ? { dataDir } : {}),
      relaxedDurability: false,
      parsers: { [INT8]: (v: string) => Number(v), [INT8_ARRAY]: parseIdArray, [DATE]: asText },
    });
    const kysely = new Kysely<Database>({ dialect: new PgliteDialect(pglite) });
    const statistics = new StatisticsKeeper(kysely);
    db = { kysely, target, pglite, statistics, auditKey: auditKeyFor(target), close: closer(kysely, statistics) };
  }
  if (opts.migrate !== false) await migrateToLatest(db.kysely);
  return db;
}

/** Closing waits for any statistics refresh under way, then closes the connections. */
function closer(kysely: Kysely<Database>, statistics: StatisticsKeeper): () => Promise<void> {
  return async () => {
    await statistics.settled();
    await kysely.destroy();
  };
}

/** DATABASE_URL selects a PostgreSQL server; otherwise PGlite in DATA_DIR (default ./data). */
export function targetFromEnv(env: NodeJS.ProcessEnv = process.env): DbTarget {
  if (env.DATABASE_URL) return { kind: 'postgres', url: env.DATABASE_URL };
  return { kind: 'pglite', dataDir: env.DATA_DIR ?? './data' };
}
