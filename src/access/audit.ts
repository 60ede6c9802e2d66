// The audit trail: one row per read, write or access decision, written in the
// same transaction as the thing it records (so a failed audit write fails the
// action). Rows are hash-chained: each row's hash covers its content and the
// previous row's hash, so a changed, removed or reordered row breaks the chain.
// Each row the server writes is also sealed (an HMAC with the audit key, kept
// outside the database): a row forged or edited by someone with database rights
// but not the key fails `audit verify`, even after the last checkpoint.
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { sql, type Transaction } from 'kysely';
import { canonicalJson, sha256Hex } from '../records/canonical.ts';
import type { Database } from '../db/schema.ts';
import { actorAgency, actorLabel, type Actor } from '../shared/actor.ts';
import type { AnchoredCheckpoint, AnchorProblem } from './audit-anchor.ts';

export const GENESIS_HASH = '0'.repeat(64);

export interface AuditEntry {
  action: string;
  recordIds?: number[];
  personIds?: number[];
  detail?: Record<string, unknown>;
}

interface AuditRow {
  at: Date; actor: string; agencyId: string | null; action: string;
  recordIds: number[]; personIds: number[]; detail: Record<string, unknown>;
}

/** What a row's hash covers besides the previous hash: its content, as canonical JSON. */
const auditContent = (row: AuditRow) => canonicalJson({ ...row, at: row.at.toISOString() });

export function auditHash(prevHash: string, row: AuditRow): string {
  return sha256Hex(prevHash + '\n' + auditContent(row));
}

/**
 * Append an audit row in the caller's transaction. With the audit key (the Repository passes db.auditKey) the
 * row is sealed; without it (a PostgreSQL deployment with no THREADLINE_AUDIT_KEY) it is not, and `audit
 * verify` says the trail is unsealed.
 */
export async function appendAudit(tx: Transaction<Database>, actor: Actor, at: Date, entry: AuditEntry, key: Buffer | null = null): Promise<void> {
  await insertAuditRow(tx, actor, at, entry, false, key);
}

// ---- seals ----

const hmac = (key: Buffer, text: string) => createHmac('sha256', key).update(text).digest('hex');
/** A row's seal: a fresh nonce (so no two rows share a seal, and a copied row shows) and the HMAC of nonce and content. */
const rowSeal = (key: Buffer, nonce: string, content: string) => hmac(key, `audit-row\n${nonce}\n${content}`);
/** The seal of an actor bound to a transaction (bindActor): what the purge's own row carries. */
const actorSeal = (key: Buffer, nonce: string, actor: string, agencyId: string | null, at: string) =>
  hmac(key, `audit-actor\n${nonce}\n${actor}\n${agencyId ?? ''}\n${at}`);
const newNonce = () => randomBytes(12).toString('hex');

/**
 * Bind the actor to this transaction for SQL that writes its own audit row (threadline_retention_purge): the
 * transaction-local setting `threadline.actor`, with the actor's seal when there is a key. Anyone able to run
 * SQL as the application can set it too; what they cannot do without the key is seal it, so a purge under a
 * forged (or copied) binding fails `audit verify`.
 */
export async function bindActor(tx: Transaction<Database>, actor: Actor, at: Date, key: Buffer | null): Promise<void> {
  const label = actorLabel(actor);
  const agencyId = actorAgency(actor);
  const iso = new Date(Math.floor(at.getTime())).toISOString();
  const nonce = newNonce();
  const binding = { actor: label, agencyId, at: iso, ...(key ? { seal: `${nonce}.${actorSeal(key, nonce, label, agencyId, iso)}` } : {}) };
  await sql`select set_config('threadline.actor', ${JSON.stringify(binding)}, true)`.execute(tx);
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
export async function appendReadAudit(tx: Transaction<Database>, actor: Actor, at: Date, entry: AuditEntry, commit: ReadAuditCommit = 'durable', key: Buffer | null = null): Promise<void> {
  await insertAuditRow(tx, actor, at, entry, commit === 'async', key);
}

async function insertAuditRow(tx: Transaction<Database>, actor: Actor, at: Date, entry: AuditEntry, asyncIfReadOnly: boolean, key: Buffer | null): Promise<void> {
  const row = {
    at,
    actor: actorLabel(actor),
    agencyId: actorAgency(actor),
    action: entry.action,
    recordIds: [...new Set(entry.recordIds ?? [])].sort((a, b) => a - b),
    personIds: [...new Set(entry.personIds ?? [])].sort((a, b) => a - b),
    detail: entry.detail ?? {},
  };
  // One statement: threadline_append_audit (migration 0016) moves the head on (its row lock holds other appends
  // until this transaction ends) and inserts the row, with the hash computed in SQL: auditHash's, sha256 of the
  // previous hash, a newline and the row's canonical JSON, which does not depend on the previous hash. A
  // function, so its plans are kept rather than made again for every read. For a read asked to commit
  // asynchronously, it first sets synchronous_commit off for this transaction if it has written nothing yet.
  const content = auditContent(row);
  const nonce = newNonce();
  const seal = key ? `${nonce}.${rowSeal(key, nonce, content)}` : null;
  await sql`select threadline_append_audit(${row.at}::timestamptz, ${row.actor}::text, ${row.agencyId}::text, ${row.action}::text,
    ${row.recordIds}::bigint[], ${row.personIds}::bigint[], ${JSON.stringify(row.detail)}::jsonb, ${content}::text, ${seal}::text,
    ${asyncIfReadOnly}::boolean)`.execute(tx);
}

// Signed checkpoints. The hash chain alone catches a changed, removed or
// inserted row, but someone able to rewrite the table could recompute every
// hash after their change. A checkpoint signs (row id, hash) with a key kept
// outside the database (audit-key.ts): a rewritten chain no longer matches
// the signed hashes, and the forger cannot sign new ones.
const sign = (key: Buffer, auditId: number, hash: string) => createHmac('sha256', key).update(`${auditId}|${hash}`).digest('hex');

/** Sign the newest audit row, unless it is signed already. Returns the checkpoint written, or null. */
export async function checkpointAudit(tx: Transaction<Database>, key: Buffer, at: Date): Promise<{ checkpoint: number; auditId: number; hash: string; at: string } | null> {
  // Appends wait while the head is locked, so the newest row stays the newest while it is signed.
  await sql`select hash from audit_head for update`.execute(tx);
  const last = await tx.selectFrom('audit').select(['id', 'hash']).orderBy('id', 'desc').limit(1).executeTakeFirst();
  if (!last) return null;
  const signed = await tx.selectFrom('audit_checkpoint').select('audit_id').orderBy('id', 'desc').limit(1).executeTakeFirst();
  if (signed?.audit_id === last.id) return null;
  const c = await tx.insertInto('audit_checkpoint').values({ audit_id: last.id, hash: last.hash, signature: sign(key, last.id, last.hash), at })
    .returning('id').executeTakeFirstOrThrow();
  return { checkpoint: c.id, auditId: last.id, hash: last.hash, at: at.toISOString() };
}

export type AuditVerification =
  | { ok: true; rows: number; checkpoints: number; signed: boolean; sealed: number; anchored: number }
  | { ok: false; rowId: number; reason: string };

type Failure = Extract<AuditVerification, { ok: false }>;
const failure = (rowId: number, reason: string): Failure => ({ ok: false, rowId, reason });
const sameHex = (a: string, b: string) => {
  const x = Buffer.from(a, 'hex');
  const y = Buffer.from(b, 'hex');
  return x.length === y.length && x.length > 0 && timingSafeEqual(x, y);
};

/** Whether a row's seal holds: the server's seal of its content, or (the purge's own row) of the actor it was bound to. */
function sealHolds(key: Buffer, row: AuditRow, seal: string): boolean {
  const actorBound = seal.startsWith('actor:');
  const [nonce, mac] = (actorBound ? seal.slice(6) : seal).split('.');
  if (!nonce || !mac) return false;
  if (actorBound) return row.action === 'retention.purge' && sameHex(mac, actorSeal(key, nonce, row.actor, row.agencyId, row.at.toISOString()));
  return sameHex(mac, rowSeal(key, nonce, auditContent(row)));
}

/**
 * Walk the chain from the start; report the first row whose hash or link does not hold, or (with the key)
 * whose seal does not; then check every checkpoint's signature against the chain, and the database's
 * checkpoints against the anchor outside it (audit-anchor.ts). Without a key the signatures and seals
 * cannot be checked (`signed: false`). Once one row is sealed, every later row must be: the server seals
 * every row it writes while it has the key, so an unsealed row after that was written by someone without it.
 */
export async function verifyAuditChain(tx: Transaction<Database>, key: Buffer | null = null, anchor: AnchoredCheckpoint[] | AnchorProblem | null = null): Promise<AuditVerification> {
  const rows = await tx.selectFrom('audit').selectAll().orderBy('id').execute();
  const hashOf = new Map<number, string>();
  const nonces = new Set<string>();
  let prev = GENESIS_HASH;
  let sealed = 0;
  for (const r of rows) {
    hashOf.set(r.id, r.hash);
    if (r.prev_hash !== prev) return failure(r.id, 'previous-hash link broken (a row was removed, inserted or reordered)');
    const row: AuditRow = { at: r.at, actor: r.actor, agencyId: r.agency_id, action: r.action, recordIds: r.record_ids, personIds: r.person_ids, detail: r.detail };
    if (auditHash(prev, row) !== r.hash) return failure(r.id, 'content does not match its hash (the row was changed)');
    if (key) {
      if (r.seal === null) {
        if (sealed > 0) return failure(r.id, 'the row is not sealed: it was written without the audit key (inserted by someone other than the server)');
      } else {
        const nonce = r.seal.replace(/^actor:/, '').split('.')[0] ?? '';
        if (!sealHolds(key, row, r.seal)) return failure(r.id, 'the row\'s seal does not hold: it was forged or changed by someone without the audit key');
        if (nonces.has(nonce)) return failure(r.id, 'the row\'s seal was copied from another row (a replayed row)');
        nonces.add(nonce);
        sealed++;
      }
    }
    prev = r.hash;
  }
  // The chain's end must be the head: otherwise its newest rows were removed.
  const head = await tx.selectFrom('audit_head').select('hash').executeTakeFirst();
  if (head && head.hash !== prev) return failure(rows.at(-1)?.id ?? 0, 'the newest rows were removed: the chain ends before the recorded head');
  const checkpoints = await tx.selectFrom('audit_checkpoint').selectAll().orderBy('id').execute();
  // The anchor first: it says what the database's checkpoints were, before anyone could delete one.
  if (anchor && !Array.isArray(anchor)) return failure(0, `line ${anchor.line} of the audit anchor ${anchor.reason}`);
  if (anchor) {
    const byId = new Map(checkpoints.map((c) => [c.id, c]));
    for (const a of anchor) {
      const c = byId.get(a.checkpoint);
      if (!c) return failure(a.auditId, `checkpoint ${a.checkpoint} (of row ${a.auditId}) is in the anchor but not in the database: it was deleted`);
      if (c.audit_id !== a.auditId || c.hash !== a.hash) return failure(a.auditId, `checkpoint ${a.checkpoint} in the database differs from the anchor: it was rewritten`);
      if (hashOf.get(a.auditId) !== a.hash) return failure(a.auditId, `the chain no longer matches anchored checkpoint ${a.checkpoint}: rows up to ${a.auditId} were rewritten or removed`);
    }
  }
  for (const c of checkpoints) {
    if (hashOf.get(c.audit_id) !== c.hash) {
      return failure(c.audit_id, `the chain no longer matches checkpoint ${c.id}: rows up to ${c.audit_id} were rewritten or removed`);
    }
    if (key && !sameHex(c.signature, sign(key, c.audit_id, c.hash))) {
      return failure(c.audit_id, `checkpoint ${c.id} is not signed by this installation's audit key: the chain was rewritten`);
    }
  }
  return { ok: true, rows: rows.length, checkpoints: checkpoints.length, signed: key !== null, sealed, anchored: anchor?.length ?? 0 };
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
