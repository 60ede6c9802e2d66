// The audit trail: one row per read, write or access decision, written in the
// same transaction as the thing it records (so a failed audit write fails the
// action). Rows are hash-chained: each row's hash covers its content and the
// previous row's hash, so a changed, removed or reordered row breaks the chain.
import { createHmac, timingSafeEqual } from 'node:crypto';
import { sql, type Transaction } from 'kysely';
import { canonicalJson, sha256Hex } from '../records/canonical.ts';
import type { Database } from '../db/schema.ts';
import { actorAgency, actorLabel, type Actor } from './actor.ts';

export const GENESIS_HASH = '0'.repeat(64);

export interface AuditEntry {
  action: string;
  recordIds?: number[];
  personIds?: number[];
  detail?: Record<string, unknown>;
}

type AuditRow = {
  at: Date; actor: string; agencyId: string | null; action: string;
  recordIds: number[]; personIds: number[]; detail: Record<string, unknown>;
};

/** What a row's hash covers besides the previous hash: its content, as canonical JSON. */
const auditContent = (row: AuditRow) => canonicalJson({ ...row, at: row.at.toISOString() });

export function auditHash(prevHash: string, row: AuditRow): string {
  return sha256Hex(prevHash + '\n' + auditContent(row));
}

export async function appendAudit(tx: Transaction<Database>, actor: Actor, at: Date, entry: AuditEntry): Promise<void> {
  await insertAuditRow(tx, actor, at, entry, false);
}

/**
 * How a read's audit row is committed. 'durable' (the default): like every
 * write, the read's transaction waits for its audit row to reach the WAL on
 * disk before the read is answered. 'async' (THREADLINE_READ_AUDIT_COMMIT=async,
 * a deployment's choice): when the read's transaction has written nothing
 * before its audit row, it commits without waiting for the flush (PostgreSQL's
 * synchronous_commit = off, for that transaction only). The row is still
 * written in the read's transaction, so a failed audit write still fails the
 * read; what changes is that a crash of the database server within about 0.6 s
 * (3 x wal_writer_delay) of a read can lose the record of it. WAL is replayed
 * in order and the chain's head is in the same WAL, so such a crash loses only
 * the chain's newest reads, never a row in the middle and never a write's
 * audit row (any writing transaction commits durably and flushes every earlier
 * row with it). bench:access measures both; on this machine 'async' gains
 * about 2 to 3 points of read throughput, which we judged not worth a gap in
 * the record of who read a child's file.
 */
export type ReadAuditCommit = 'async' | 'durable';

export function readAuditCommitFromEnv(env: NodeJS.ProcessEnv = process.env): ReadAuditCommit {
  const v = env.THREADLINE_READ_AUDIT_COMMIT;
  if (v === undefined || v === '' || v === 'durable') return 'durable';
  if (v === 'async') return 'async';
  throw new Error('THREADLINE_READ_AUDIT_COMMIT must be "async" or "durable"');
}

/**
 * The audit row of a read: the last statement of a transaction that reads. If
 * the transaction has written anything before it (it has a transaction id), it
 * commits durably whatever `commit` says, so a write is never acknowledged
 * before it is on disk; nothing may be written after it.
 */
export async function appendReadAudit(tx: Transaction<Database>, actor: Actor, at: Date, entry: AuditEntry, commit: ReadAuditCommit = 'durable'): Promise<void> {
  await insertAuditRow(tx, actor, at, entry, commit === 'async');
}

async function insertAuditRow(tx: Transaction<Database>, actor: Actor, at: Date, entry: AuditEntry, asyncIfReadOnly: boolean): Promise<void> {
  const row = {
    at,
    actor: actorLabel(actor),
    agencyId: actorAgency(actor),
    action: entry.action,
    recordIds: [...new Set(entry.recordIds ?? [])].sort((a, b) => a - b),
    personIds: [...new Set(entry.personIds ?? [])].sort((a, b) => a - b),
    detail: entry.detail ?? {},
  };
  // One statement: move the head on (its row lock holds other appends until this transaction ends) and
  // insert the row. The hash is auditHash's, computed in SQL: sha256 of the previous hash, a newline and the
  // row's canonical JSON, which does not depend on the previous hash.
  // For a read, `commit` first sets synchronous_commit off for this transaction if it has no transaction id
  // yet (has written nothing): the head's update waits on it (an InitPlan, run before the update writes).
  const commit = asyncIfReadOnly
    ? sql`commit_mode as (select set_config('synchronous_commit',
        case when pg_current_xact_id_if_assigned() is null then 'off' else current_setting('synchronous_commit') end, true) as mode),`
    : sql``;
  const gate = asyncIfReadOnly ? sql` where (select mode from commit_mode) is not null` : sql``;
  await sql`
    with ${commit} head as (
      update audit_head set prev_hash = hash,
        hash = encode(sha256(convert_to(hash || ${'\n'} || ${auditContent(row)}, 'UTF8')), 'hex')${gate}
      returning prev_hash, hash)
    insert into audit (at, actor, agency_id, action, record_ids, person_ids, detail, prev_hash, hash)
    select ${row.at}, ${row.actor}, ${row.agencyId}, ${row.action}, ${row.recordIds}::bigint[],
      ${row.personIds}::bigint[], ${JSON.stringify(row.detail)}::jsonb, head.prev_hash, head.hash from head`.execute(tx);
}

// Signed checkpoints. The hash chain alone catches a changed, removed or
// inserted row, but someone able to rewrite the table could recompute every
// hash after their change. A checkpoint signs (row id, hash) with a key kept
// outside the database (audit-key.ts): a rewritten chain no longer matches
// the signed hashes, and the forger cannot sign new ones.
const sign = (key: Buffer, auditId: number, hash: string) => createHmac('sha256', key).update(`${auditId}|${hash}`).digest('hex');

/** Sign the newest audit row, unless it is signed already. Returns the row signed, or null. */
export async function checkpointAudit(tx: Transaction<Database>, key: Buffer, at: Date): Promise<number | null> {
  // Appends wait while the head is locked, so the newest row stays the newest while it is signed.
  await sql`select hash from audit_head for update`.execute(tx);
  const last = await tx.selectFrom('audit').select(['id', 'hash']).orderBy('id', 'desc').limit(1).executeTakeFirst();
  if (!last) return null;
  const signed = await tx.selectFrom('audit_checkpoint').select('audit_id').orderBy('id', 'desc').limit(1).executeTakeFirst();
  if (signed?.audit_id === last.id) return null;
  await tx.insertInto('audit_checkpoint').values({ audit_id: last.id, hash: last.hash, signature: sign(key, last.id, last.hash), at }).execute();
  return last.id;
}

export type AuditVerification =
  | { ok: true; rows: number; checkpoints: number; signed: boolean }
  | { ok: false; rowId: number; reason: string };

/**
 * Walk the chain from the start; report the first row whose hash or link does
 * not hold, then check every checkpoint's signature against the chain. Without
 * a key the signatures cannot be checked (`signed: false`).
 */
export async function verifyAuditChain(tx: Transaction<Database>, key: Buffer | null = null): Promise<AuditVerification> {
  const rows = await tx.selectFrom('audit').selectAll().orderBy('id').execute();
  const hashOf = new Map<number, string>();
  let prev = GENESIS_HASH;
  for (const r of rows) {
    hashOf.set(r.id, r.hash);
    if (r.prev_hash !== prev) return { ok: false, rowId: r.id, reason: 'previous-hash link broken (a row was removed, inserted or reordered)' };
    const expect = auditHash(prev, {
      at: r.at, actor: r.actor, agencyId: r.agency_id, action: r.action,
      recordIds: r.record_ids, personIds: r.person_ids, detail: r.detail,
    });
    if (expect !== r.hash) return { ok: false, rowId: r.id, reason: 'content does not match its hash (the row was changed)' };
    prev = r.hash;
  }
  // The chain's end must be the head: otherwise its newest rows were removed.
  const head = await tx.selectFrom('audit_head').select('hash').executeTakeFirst();
  if (head && head.hash !== prev) {
    return { ok: false, rowId: rows.at(-1)?.id ?? 0, reason: 'the newest rows were removed: the chain ends before the recorded head' };
  }
  const checkpoints = await tx.selectFrom('audit_checkpoint').selectAll().orderBy('id').execute();
  for (const c of checkpoints) {
    if (hashOf.get(c.audit_id) !== c.hash) {
      return { ok: false, rowId: c.audit_id, reason: `the chain no longer matches checkpoint ${c.id}: rows up to ${c.audit_id} were rewritten or removed` };
    }
    if (key) {
      const expect = Buffer.from(sign(key, c.audit_id, c.hash), 'hex');
      const actual = Buffer.from(c.signature, 'hex');
      if (expect.length !== actual.length || !timingSafeEqual(expect, actual)) {
        return { ok: false, rowId: c.audit_id, reason: `checkpoint ${c.id} is not signed by this installation's audit key: the chain was rewritten` };
      }
    }
  }
  return { ok: true, rows: rows.length, checkpoints: checkpoints.length, signed: key !== null };
}

export interface LookEntry {
  at: string;
  actor: string;
  agency: string | null;
  action: string;
  records: number;
  /** the reason the person gave, where the action needs one (break-glass, closing an alert) */
  reason: string | null;
}

/** Every audited action that touched this person, newest first: the "who has looked at this child" view. */
export async function whoHasLooked(tx: Transaction<Database>, personId: number, limit = 1000): Promise<LookEntry[]> {
  const rows = await sql<{ at: Date; actor: string; agency_id: string | null; action: string; records: number; reason: string | null }>`
    select at, actor, agency_id, action, cardinality(record_ids) as records, detail->>'reason' as reason from audit
    where person_ids @> array[${personId}]::bigint[]
    order by id desc limit ${limit}`.execute(tx);
  return rows.rows.map((r) => ({ at: new Date(r.at).toISOString(), actor: r.actor, agency: r.agency_id, action: r.action, records: Number(r.records), reason: r.reason ?? null }));
}
