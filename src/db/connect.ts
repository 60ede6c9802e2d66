// One way to open the database, whichever engine holds it: PGlite (embedded,
// the zero-setup default) or a PostgreSQL server named by a URL. Both get the
// same migrations and the same queries.
import { mkdirSync, realpathSync } from 'node:fs';
import { resolve } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { PgliteDialect } from './pglite-dialect.ts';
import { auditKeyFor } from './audit-key.ts';
import { migrateToLatest } from './migrate.ts';
import type { Database } from './schema.ts';
import { StatisticsKeeper } from './maintenance.ts';
import { lockDataDir, type DataDirLock } from './data-dir-lock.ts';
import { watchForLostConnections } from './connection-loss.ts';
import type { DbTarget } from './target.ts';

export type { DbTarget } from './target.ts';

export interface Db {
  readonly kysely: Kysely<Database>;
  readonly target: DbTarget;
  /** The embedded engine, when that is what we run on (for bulk loads and maintenance). */
  readonly pglite?: PGlite;
  /** The connection pool, when on a PostgreSQL server (for bulk loads such as COPY). */
  readonly pgPool?: pg.Pool;
  /** Keeps the planner's statistics fresh as records arrive. */
  readonly statistics: StatisticsKeeper;
  /** Signs audit checkpoints; kept outside the database (see db/audit-key.ts). Null: none configured. */
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

export interface OpenOptions {
  migrate?: boolean;
  /**
   * Who is opening an embedded data directory, in words for anyone refused while it is open:
   * "the server", "the command `threadline key create`".
   */
  holder?: string;
}

export async function openDb(target: DbTarget, opts: OpenOptions = {}): Promise<Db> {
  let db: Db;
  if (target.kind === 'postgres') {
    const pool = new pg.Pool({ connectionString: target.url, max: 10 });
    watchForLostConnections(pool);
    const kysely = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
    const statistics = new StatisticsKeeper(kysely);
    db = { kysely, target, pgPool: pool, statistics, auditKey: auditKeyFor(target), close: closer(kysely, statistics) };
  } else {
    let lock: DataDirLock | undefined;
    let dataDir: string | undefined;
    const named = 'dataDir' in target ? target.dataDir : 'memory';
    if ('dataDir' in target) {
      mkdirSync(resolve(target.dataDir), { recursive: true });
      // The real path, so ./data and /srv/tl/data (or a symlink to it) take the same lock.
      dataDir = realpathSync(resolve(target.dataDir));
      lock = lockDataDir(dataDir, opts.holder ?? 'a Threadline process', target.dataDir);
    }
    let pglite: PGlite;
    try {
      // relaxedDurability stays off: a commit is acknowledged only once PGlite has written it.
      pglite = await PGlite.create({
        ...(dataDir ? { dataDir } : {}),
        ...('from' in target && target.from ? { loadDataDir: target.from } : {}),
        relaxedDurability: false,
        parsers: { [INT8]: (v: string) => Number(v), [INT8_ARRAY]: parseIdArray, [DATE]: asText },
      });
    } catch (e) {
      lock?.release();
      if (!dataDir) throw e;
      throw new DataDirDamagedError(named, e);
    }
    const kysely = new Kysely<Database>({ dialect: new PgliteDialect(pglite) });
    const statistics = new StatisticsKeeper(kysely);
    const close = closer(kysely, statistics);
    db = {
      kysely, target, pglite, statistics, auditKey: auditKeyFor(target),
      close: async () => {
        try {
          await close();
        } finally {
          lock?.release();
        }
      },
    };
  }
  if (opts.migrate !== false) {
    try {
      await migrateToLatest(db.kysely);
    } catch (e) {
      await db.close().catch(() => {});
      throw e;
    }
  }
  return db;
}

/**
 * PGlite could not start on the directory. PGlite reports this only as "Aborted()" or "failed to initialize"
 * (the server's own log line, such as "could not locate a valid checkpoint record", is not passed on), so the
 * message says what we know: which directory, that it would not open, and what to do.
 */
export class DataDirDamagedError extends Error {
  readonly code = 'data-dir-damaged';
  constructor(dataDir: string, cause: unknown) {
    super(
      `could not open the embedded database in ${dataDir}: the database engine stopped while starting on it ` +
        `(${String((cause as Error)?.message ?? cause).split('. ')[0]}). The directory may be damaged, for example by ` +
        `two processes having used it at once or by a disk fault. Restore it from a backup (keep this copy aside ` +
        `rather than deleting it); starting on an empty directory would start an empty database.`,
      { cause },
    );
  }
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
