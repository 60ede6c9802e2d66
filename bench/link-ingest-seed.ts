// Seeding the link-on-ingest benchmark: the rows ingest would have written for
// each seeded person's demographics record (record, mention with its identity,
// person, mention_link, person_mention, person_key), bulk-loaded with COPY
// instead of going through the ingest path. Setup, not measured.
//
// Ids are given explicitly (person i has record, mention, person and link id
// i), so the identity sequences are moved past them afterwards. Foreign keys
// are not checked during the load (session_replication_role = replica: the
// rows are consistent by construction), and the secondary indexes and
// non-referenced unique constraints of the loaded tables are dropped before
// the load and rebuilt after it from their own definitions (a sorted build is
// far faster than a million random inserts). Then VACUUM (ANALYZE): the state
// autovacuum keeps a long-running database in (planner statistics, and a
// visibility map so that index-only scans of person_key need no heap reads).
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type pg from 'pg';
import type { Db } from '../src/db/connect.ts';
import { linkKeysOf } from '../src/identity/link-keys.ts';
import { identityOf } from '../src/identity/linkage/from-mention.ts';
import { normaliseMention } from '../src/identity/normalise.ts';
import { canonicalJson, sha256Hex } from '../src/records/canonical.ts';
import { occurredDate, occurredInstant } from '../src/records/dates.ts';
import type { AgencyRecord } from '../src/records/types.ts';
import { seedRecord, type Population } from './link-ingest-population.ts';

const SEED_TABLES = ['record', 'mention', 'person', 'mention_link', 'person_mention', 'person_key'] as const;
type SeedTable = (typeof SEED_TABLES)[number];

const COLUMNS: Record<SeedTable, string[]> = {
  record: ['id', 'agency_id', 'ref', 'version', 'kind', 'occurred_at', 'occurred_on', 'recorded_at', 'received_at', 'certainty', 'content_hash', 'document'],
  mention: ['id', 'record_id', 'key', 'role', 'given', 'family', 'given_norm', 'family_norm', 'dob', 'sex', 'nhs_number', 'postcode', 'local_id', 'name_dob_key', 'local_key', 'identity'],
  person: ['id', 'created_at'],
  mention_link: ['id', 'mention_id', 'person_id', 'rule', 'weight', 'evidence', 'decided_by', 'decided_at'],
  person_mention: ['mention_id', 'person_id', 'link_id'],
  person_key: ['key', 'person_id'],
};

/** A value in COPY text format. */
function esc(v: unknown): string {
  if (v === null || v === undefined) return '\\N';
  const s = typeof v === 'object' ? JSON.stringify(v) : String(v);
  return /[\\\t\n\r]/.test(s) ? s.replace(/[\\\t\n\r]/g, (c) => (c === '\\' ? '\\\\' : c === '\t' ? '\\t' : c === '\n' ? '\\n' : '\\r')) : s;
}
const line = (values: unknown[]) => values.map(esc).join('\t') + '\n';

interface SeedRow {
  id: number;
  record: AgencyRecord;
}

/** COPY text for one table, in chunks of about `chunk` people. */
function* tableText(pop: Population, people: number, table: SeedTable, seededAt: string, chunk = 2000): Generator<string> {
  let buf: string[] = [];
  for (let id = 1; id <= people; id++) {
    const needsRecord = table === 'record' || table === 'mention' || table === 'person_key';
    const row: SeedRow | null = needsRecord ? { id, record: seedRecord(pop, pop.people[id - 1]!) } : null;
    switch (table) {
      case 'record': {
        const r = row!.record;
        buf.push(line([id, r.agency, r.ref, 1, r.kind, occurredInstant(r.occurredAt).toISOString(), occurredDate(r.occurredAt),
          seededAt, seededAt, r.certainty ?? null, sha256Hex(canonicalJson(r)), r]));
        break;
      }
      case 'mention': {
        const r = row!.record;
        const m = r.people[0]!;
        const n = normaliseMention(m);
        buf.push(line([id, id, m.key, m.role, m.name.given ?? null, m.name.family ?? null, n.givenNorm, n.familyNorm, n.dob, m.sex ?? null,
          n.nhsNumber, n.postcode, m.localId ?? null, n.nameDobKey, m.localId ? `${r.agency}|${m.localId}` : null, identityOf(r.agency, r.ref, m)]));
        break;
      }
      case 'person':
        buf.push(line([id, seededAt]));
        break;
      case 'mention_link':
        buf.push(line([id, id, id, 'seed', null, { why: 'benchmark seed' }, 'bench:seed', seededAt]));
        break;
      case 'person_mention':
        buf.push(line([id, id, id]));
        break;
      case 'person_key': {
        const r = row!.record;
        const m = r.people[0]!;
        const keys = linkKeysOf({ identity: { ...identityOf(r.agency, r.ref, m), id: String(id) }, localKey: m.localId ? `${r.agency}|${m.localId}` : null });
        for (const key of keys) buf.push(line([key, id]));
        break;
      }
    }
    if (id % chunk === 0) {
      yield buf.join('');
      buf = [];
    }
  }
  if (buf.length) yield buf.join('');
}

interface IndexDef {
  table: string;
  /** a constraint (added back with ALTER TABLE) or a plain index */
  constraint: string | null;
  name: string;
  definition: string;
}

/** Indexes of the seeded tables that nothing references: dropped for the load and rebuilt after it. */
async function rebuildableIndexes(query: (text: string) => Promise<{ rows: any[] }>): Promise<IndexDef[]> {
  const r = await query(`
    select c.relname as "table", con.conname as "constraint", i.relname as name,
      coalesce(pg_get_constraintdef(con.oid), pg_get_indexdef(i.oid)) as definition
    from pg_index x
    join pg_class i on i.oid = x.indexrelid
    join pg_class c on c.oid = x.indrelid
    join pg_namespace ns on ns.oid = c.relnamespace and ns.nspname = current_schema()
    left join pg_constraint con on con.conindid = i.oid and con.conrelid = c.oid and con.contype in ('p', 'u')
    where c.relname = any(array[${SEED_TABLES.map((t) => `'${t}'`).join(',')}])
      and not exists (select 1 from pg_constraint f where f.contype = 'f' and f.conindid = i.oid)
      and (con.contype is distinct from 'p' or c.relname = 'person_key')
    order by 1, 3`);
  return r.rows as IndexDef[];
}

export interface SeedOutcome {
  seconds: number;
  /** of which generating + COPY, rebuilding indexes, VACUUM (ANALYZE) */
  copySeconds: number;
  indexSeconds: number;
  analyseSeconds: number;
  rows: Record<string, number>;
}

/** Load the seeded people's rows into an empty, migrated database. */
export async function seedPeople(db: Db, pop: Population, people: number, log: (msg: string) => void): Promise<SeedOutcome> {
  const seededAt = new Date().toISOString();
  const t0 = performance.now();
  const rows: Record<string, number> = {};
  let copySeconds = 0;
  let indexSeconds = 0;
  let analyseSeconds = 0;

  if (db.pgPool) {
    const { from } = await import('pg-copy-streams');
    const client: pg.PoolClient = await db.pgPool.connect();
    try {
      await client.query(`set session_replication_role = replica`);
      await client.query(`set maintenance_work_mem = '512MB'`);
      const indexes = await rebuildableIndexes((text) => client.query(text));
      await client.query('begin');
      for (const ix of indexes) {
        await client.query(ix.constraint ? `alter table ${ix.table} drop constraint ${ix.constraint}` : `drop index ${ix.name}`);
      }
      for (const table of SEED_TABLES) {
        const t = performance.now();
        let count = 0;
        const counted = Readable.from((function* () {
          for (const text of tableText(pop, people, table, seededAt)) {
            count += text.split('\n').length - 1;
            yield text;
          }
        })());
        await pipeline(counted, client.query(from(`copy ${table} (${COLUMNS[table].join(', ')}) from stdin`)));
        rows[table] = count;
        log(`  ${table}: ${count} rows in ${((performance.now() - t) / 1000).toFixed(1)} s`);
      }
      copySeconds = (performance.now() - t0) / 1000;
      const ti = performance.now();
      for (const ix of indexes) {
        await client.query(ix.constraint ? `alter table ${ix.table} add constraint ${ix.constraint} ${ix.definition}` : ix.definition);
      }
      await setSequences((text) => client.query(text));
      await client.query('commit');
      indexSeconds = (performance.now() - ti) / 1000;
      log(`  rebuilt ${indexes.length} indexes (${indexes.map((i) => i.name).join(', ')}) in ${indexSeconds.toFixed(1)} s`);
      await client.query(`set session_replication_role = origin`);
      const ta = performance.now();
      await client.query(`vacuum (analyze) ${SEED_TABLES.join(', ')}`);
      analyseSeconds = (performance.now() - ta) / 1000;
    } catch (e) {
      await client.query('rollback').catch(() => {});
      throw e;
    } finally {
      client.release();
    }
  } else if (db.pglite) {
    const pglite = db.pglite;
    await pglite.exec(`set session_replication_role = replica`);
    const indexes = await rebuildableIndexes((text) => pglite.query(text));
    await pglite.transaction(async (tx) => {
      for (const ix of indexes) {
        await tx.exec(ix.constraint ? `alter table ${ix.table} drop constraint ${ix.constraint}` : `drop index ${ix.name}`);
      }
      for (const table of SEED_TABLES) {
        const t = performance.now();
        let count = 0;
        // PGlite reads COPY input from a blob: one COPY per ~100,000 rows keeps each blob small.
        let parts: string[] = [];
        let size = 0;
        const flush = async () => {
          if (!parts.length) return;
          await tx.query(`copy ${table} (${COLUMNS[table].join(', ')}) from '/dev/blob'`, [], { blob: new Blob(parts) });
          parts = [];
          size = 0;
        };
        for (const text of tableText(pop, people, table, seededAt)) {
          const n = text.split('\n').length - 1;
          count += n;
          size += n;
          parts.push(text);
          if (size >= 100_000) await flush();
        }
        await flush();
        rows[table] = count;
        log(`  ${table}: ${count} rows in ${((performance.now() - t) / 1000).toFixed(1)} s`);
      }
      copySeconds = (performance.now() - t0) / 1000;
      const ti = performance.now();
      for (const ix of indexes) {
        await tx.exec(ix.constraint ? `alter table ${ix.table} add constraint ${ix.constraint} ${ix.definition}` : ix.definition);
      }
      await setSequences((text) => tx.query(text));
      indexSeconds = (performance.now() - ti) / 1000;
    });
    await pglite.exec(`set session_replication_role = origin`);
    const ta = performance.now();
    await pglite.exec(`vacuum (analyze) ${SEED_TABLES.join(', ')}`);
    analyseSeconds = (performance.now() - ta) / 1000;
  } else {
    throw new Error('no bulk-load connection on this database');
  }
  return { seconds: (performance.now() - t0) / 1000, copySeconds, indexSeconds, analyseSeconds, rows };
}

/** Move each identity sequence past the ids given explicitly. */
async function setSequences(query: (text: string) => Promise<unknown>): Promise<void> {
  for (const table of ['record', 'mention', 'person', 'mention_link']) {
    await query(`select setval(pg_get_serial_sequence('${table}', 'id'), coalesce((select max(id) from ${table}), 0) + 1, false)`);
  }
}
