// The audit trail: one row per read, write or access decision, written in the
// same transaction as the thing it records (so a failed audit write fails the
// action). Rows are hash-chained: each row's hash covers its content and the
// previous row's hash, so a changed, removed or reordered row breaks the chain.
import { sql, type Transaction } from 'kysely';
import { canonicalJson, sha256Hex } from '../records/canonical.ts';
import type { Database } from '../db/schema.ts';
import { actorAgency, actorLabel, type Actor } from './actor.ts';

export const GENESIS_HASH = '0'.repeat(64);
/** Serialises appends so the chain has one order; held until the transaction ends. */
const AUDIT_LOCK = 7_310_001;

export interface AuditEntry {
  action: string;
  recordIds?: number[];
  personIds?: number[];
  detail?: Record<string, unknown>;
}

export function auditHash(prevHash: string, row: {
  at: Date; actor: string; agencyId: string | null; action: string;
  recordIds: number[]; personIds: number[]; detail: Record<string, unknown>;
}): string {
  return sha256Hex(prevHash + '\n' + canonicalJson({ ...row, at: row.at.toISOString() }));
}

export async function appendAudit(tx: Transaction<Database>, actor: Actor, at: Date, entry: AuditEntry): Promise<void> {
  await sql`select pg_advisory_xact_lock(${AUDIT_LOCK})`.execute(tx);
  const last = await tx.selectFrom('audit').select('hash').orderBy('id', 'desc').limit(1).executeTakeFirst();
  const prevHash = last?.hash ?? GENESIS_HASH;
  const row = {
    at,
    actor: actorLabel(actor),
    agencyId: actorAgency(actor),
    action: entry.action,
    recordIds: [...new Set(entry.recordIds ?? [])].sort((a, b) => a - b),
    personIds: [...new Set(entry.personIds ?? [])].sort((a, b) => a - b),
    detail: entry.detail ?? {},
  };
  await sql`
    insert into audit (at, actor, agency_id, action, record_ids, person_ids, detail, prev_hash, hash)
    values (${row.at}, ${row.actor}, ${row.agencyId}, ${row.action}, ${row.recordIds}::bigint[],
      ${row.personIds}::bigint[], ${JSON.stringify(row.detail)}::jsonb, ${prevHash}, ${auditHash(prevHash, row)})`.execute(tx);
}

/** Walk the chain from the start; report the first row whose hash or link does not hold. */
export async function verifyAuditChain(tx: Transaction<Database>): Promise<{ ok: true; rows: number } | { ok: false; rowId: number; reason: string }> {
  const rows = await tx.selectFrom('audit').selectAll().orderBy('id').execute();
  let prev = GENESIS_HASH;
  for (const r of rows) {
    if (r.prev_hash !== prev) return { ok: false, rowId: r.id, reason: 'previous-hash link broken (a row was removed, inserted or reordered)' };
    const expect = auditHash(prev, {
      at: r.at, actor: r.actor, agencyId: r.agency_id, action: r.action,
      recordIds: r.record_ids, personIds: r.person_ids, detail: r.detail,
    });
    if (expect !== r.hash) return { ok: false, rowId: r.id, reason: 'content does not match its hash (the row was changed)' };
    prev = r.hash;
  }
  return { ok: true, rows: rows.length };
}

export interface LookEntry {
  at: string;
  actor: string;
  agency: string | null;
  action: string;
  records: number;
}

/** Every audited action that touched this person, newest first: the "who has looked at this child" view. */
export async function whoHasLooked(tx: Transaction<Database>, personId: number, limit = 1000): Promise<LookEntry[]> {
  const rows = await sql<{ at: Date; actor: string; agency_id: string | null; action: string; records: number }>`
    select at, actor, agency_id, action, cardinality(record_ids) as records from audit
    where person_ids @> array[${personId}]::bigint[]
    order by id desc limit ${limit}`.execute(tx);
  return rows.rows.map((r) => ({ at: new Date(r.at).toISOString(), actor: r.actor, agency: r.agency_id, action: r.action, records: Number(r.records) }));
}
