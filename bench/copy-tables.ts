// The physical limit for the ingest benchmark: the very rows the ingest path
// wrote, copied into a fresh database of the same schema with one COPY per
// table (a bulk load with no logic in front of it).
import type { Db } from '../src/db/connect.ts';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type pg from 'pg';

/** Tables in foreign-key order, with the rows ingest wrote to them. */
export const INGEST_TABLES = ['agency', 'api_key', 'record', 'mention', 'person', 'mention_link', 'person_mention', 'person_key', 'audit'] as const;

/** Every table's rows as COPY text, read from `db` (not timed). */
export async function dumpTables(db: Db): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for (const table of INGEST_TABLES) {
    if (db.pglite) {
      const r = await db.pglite.query(`copy ${table} to '/dev/blob'`);
      out.set(table, r.blob ? await r.blob.text() : '');
    } else {
      const { to } = await import('pg-copy-streams');
      const client = await poolClient(db);
      try {
        const chunks: Buffer[] = [];
        const stream = client.query(to(`copy ${table} to stdout`));
        for await (const c of stream) chunks.push(c as Buffer);
        out.set(table, Buffer.concat(chunks).toString('utf8'));
      } finally {
        client.release();
      }
    }
  }
  return out;
}

/** Load the dumped rows into `db` with one COPY per table; returns seconds taken. */
export async function loadTables(db: Db, dump: Map<string, string>): Promise<number> {
  const t0 = performance.now();
  if (db.pglite) {
    await db.pglite.transaction(async (tx) => {
      for (const table of INGEST_TABLES) {
        await tx.query(`copy ${table} from '/dev/blob'`, [], { blob: new Blob([dump.get(table)!]) });
      }
    });
  } else {
    const { from } = await import('pg-copy-streams');
    const client = await poolClient(db);
    try {
      await client.query('begin');
      for (const table of INGEST_TABLES) {
        await pipeline(Readable.from([dump.get(table)!]), client.query(from(`copy ${table} from stdin`)));
      }
      await client.query('commit');
    } finally {
      client.release();
    }
  }
  return (performance.now() - t0) / 1000;
}

async function poolClient(db: Db): Promise<pg.PoolClient> {
  if (!db.pgPool) throw new Error('no pg pool on this database');
  return db.pgPool.connect();
}
