// The one path in. Every record, whether from the API, a batch, the CLI or a
// replay, comes through here in two steps: `prepareBatch` (pure: validate,
// hash, normalise; done before any transaction is opened, so no lock waits
// on it) and `writeBatch` inside one database transaction (agency check ->
// version -> store the record and its mentions -> link mentions to people).
// A refused item stores nothing and does not stop the others.
import { sql, type Transaction } from 'kysely';
import type { Database } from '../db/schema.ts';
import { insertRows } from '../db/bulk.ts';
import type { Linker, MentionToLink } from '../identity/linker.ts';
import { identityOf } from '../identity/linkage/from-mention.ts';
import { normaliseMention } from '../identity/normalise.ts';
import { refreshPersonKeys } from '../identity/person-keys.ts';
import { canonicalJson, sha256Hex } from '../records/canonical.ts';
import { occurredDate, occurredInstant } from '../records/dates.ts';
import { pointerTo, problem, type Problem } from '../shared/problems.ts';
import type { AgencyRecord } from '../records/types.ts';
import { validateRecord } from '../records/validate.ts';

export type IngestStatus = 'stored' | 'new-version' | 'duplicate' | 'refused';

export interface IngestResult {
  index: number;
  status: IngestStatus;
  agency?: string;
  ref?: string;
  version?: number;
  recordId?: number;
  problems?: Problem[];
}

export interface IngestOutcome {
  results: IngestResult[];
  /** ids of the record versions this batch stored */
  recordIds: number[];
  /** people whose mentions changed */
  personIds: number[];
  /** ids of the earlier versions the stored ones replaced (their mentions no longer count) */
  replacedRecordIds: number[];
  /** people who took in other people's mentions (merges): every record naming them may name someone else now */
  regrouped: number[];
}

export interface IngestOptions {
  now: Date;
  linker: Linker;
  /** When the sender is an agency system, it may only send that agency's records. */
  onlyAgency?: string | null;
  /**
   * Who sent the batch, as the server authenticated them (never from a document): kept with each version,
   * so that a second person's sign-off compares accounts, not the free-text author a document names.
   */
  submitter?: { label: string; userId: number | null };
}

interface Valid {
  index: number;
  record: AgencyRecord;
  hash: string;
}

interface Accepted extends Valid {
  version: number;
  /** the version this one replaces, when it is stored already */
  supersedes: number | null;
}

export interface PreparedBatch {
  /** refusals are filled in; the rest are decided in writeBatch */
  results: IngestResult[];
  valid: Valid[];
}

/** Everything about a batch that needs no database: validation and content hashes. */
export function prepareBatch(items: unknown[], now: Date): PreparedBatch {
  const results: IngestResult[] = new Array(items.length);
  const valid: Valid[] = [];
  items.forEach((item, index) => {
    const v = validateRecord(item, now);
    if (v.ok) valid.push({ index, record: v.record, hash: sha256Hex(canonicalJson(v.record)) });
    else results[index] = refused(index, item, v.problems);
  });
  return { results, valid };
}

export async function writeBatch(tx: Transaction<Database>, prepared: PreparedBatch, opts: IngestOptions): Promise<IngestOutcome> {
  const results = [...prepared.results];
  const valid = prepared.valid;

  const registered = await registeredAgencies(tx, valid.map((v) => v.record.agency));
  const admitted = valid.filter(({ index, record }) => {
    const p = agencyProblem(record.agency, registered, opts.onlyAgency ?? null);
    if (p) results[index] = refused(index, record, [p]);
    return !p;
  });

  const latest = await latestVersions(tx, admitted.map((a) => a.record));
  const accepted: Accepted[] = [];
  const duplicatesOfNew: { index: number; key: string }[] = [];
  for (const { index, record, hash } of admitted) {
    const key = `${record.agency}\u0000${record.ref}`;
    const prev = latest.get(key);
    if (prev && prev.hash === hash) {
      results[index] = { index, status: 'duplicate', agency: record.agency, ref: record.ref, version: prev.version, ...(prev.id ? { recordId: prev.id } : {}) };
      if (!prev.id) duplicatesOfNew.push({ index, key: `${key}\u0000${prev.version}` });
      continue;
    }
    const version = (prev?.version ?? 0) + 1;
    accepted.push({ index, record, hash, version, supersedes: prev?.id ?? null });
    latest.set(key, { version, hash, id: null });
    results[index] = { index, status: prev ? 'new-version' : 'stored', agency: record.agency, ref: record.ref, version };
  }
  if (accepted.length === 0) return { results, recordIds: [], personIds: [], replacedRecordIds: [], regrouped: [] };

  const recordIds = await storeRecords(tx, accepted, opts.now, opts.submitter ?? null);
  for (const a of accepted) {
    const id = recordIds.get(`${a.record.agency}\u0000${a.record.ref}\u0000${a.version}`)!;
    results[a.index]!.recordId = id;
  }
  for (const d of duplicatesOfNew) results[d.index]!.recordId = recordIds.get(d.key)!;
  // Within one batch a record may arrive in several versions; only the last is current.
  const lastVersion = new Map<string, Accepted>();
  for (const a of accepted) lastVersion.set(`${a.record.agency}\u0000${a.record.ref}`, a);
  const current = new Set([...lastVersion.values()].map((a) => results[a.index]!.recordId!));

  const mentions = await storeMentions(tx, accepted, recordIds);
  const outcome = await opts.linker.link(tx, mentions.filter((m) => current.has(m.recordId)), opts.now);
  const superseded = [...recordIds.values()].filter((id) => !current.has(id))
    .concat(accepted.map((a) => a.supersedes).filter((x): x is number => x !== null));
  const released = await releaseSupersededMentions(tx, superseded);
  // A replaced version's keys (a corrected NHS number, say) must no longer attract links.
  await refreshPersonKeys(tx, released);

  return {
    results,
    recordIds: [...recordIds.values()],
    personIds: [...new Set([...outcome.touchedPersons, ...released])],
    replacedRecordIds: superseded,
    regrouped: outcome.regrouped ?? [],
  };
}

/** Counts per status, as the batch endpoint, the CLI and the audit trail report them. */
export function summariseResults(results: IngestResult[]) {
  const count = (s: IngestStatus) => results.filter((r) => r.status === s).length;
  return { items: results.length, stored: count('stored'), newVersions: count('new-version'), duplicates: count('duplicate'), refused: count('refused') };
}

function refused(index: number, item: unknown, problems: Problem[]): IngestResult {
  const o = (item && typeof item === 'object' ? item : {}) as Record<string, unknown>;
  return {
    index,
    status: 'refused',
    ...(typeof o.agency === 'string' ? { agency: o.agency } : {}),
    ...(typeof o.ref === 'string' ? { ref: o.ref } : {}),
    problems,
  };
}

function agencyProblem(agency: string, registered: Set<string>, onlyAgency: string | null): Problem | null {
  if (onlyAgency !== null && agency !== onlyAgency) {
    return problem(pointerTo('agency'), 'agency-mismatch', `this API key sends for agency '${onlyAgency}', not '${agency}'`);
  }
  if (!registered.has(agency)) {
    return problem(pointerTo('agency'), 'unknown-agency', `agency '${agency}' is not registered`);
  }
  return null;
}

async function registeredAgencies(tx: Transaction<Database>, ids: string[]): Promise<Set<string>> {
  const unique = [...new Set(ids)];
  if (!unique.length) return new Set();
  const rows = await tx.selectFrom('agency').select('id').where('id', 'in', unique).execute();
  return new Set(rows.map((r) => r.id));
}

async function latestVersions(tx: Transaction<Database>, records: AgencyRecord[]) {
  const out = new Map<string, { version: number; hash: string; id: number | null }>();
  if (!records.length) return out;
  const r = await sql<{ agency_id: string; ref: string; version: number; content_hash: string; id: number }>`
    select distinct on (r.agency_id, r.ref) r.agency_id, r.ref, r.version, r.content_hash, r.id
    from record r
    join unnest(${records.map((x) => x.agency)}::text[], ${records.map((x) => x.ref)}::text[]) as k(agency_id, ref)
      on r.agency_id = k.agency_id and r.ref = k.ref
    order by r.agency_id, r.ref, r.version desc`.execute(tx);
  for (const row of r.rows) {
    out.set(`${row.agency_id}\u0000${row.ref}`, { version: row.version, hash: row.content_hash, id: row.id });
  }
  return out;
}

const RECORD_TYPES = {
  agency_id: 'text', ref: 'text', version: 'int', kind: 'text', occurred_at: 'timestamptz', occurred_on: 'date',
  recorded_at: 'timestamptz', received_at: 'timestamptz', certainty: 'text', content_hash: 'text', document: 'jsonb',
  submitted_by: 'text', submitted_by_user: 'bigint',
} as const;

async function storeRecords(tx: Transaction<Database>, accepted: Accepted[], now: Date, submitter: IngestOptions['submitter'] | null): Promise<Map<string, number>> {
  const rows = await insertRows(tx, 'record', accepted.map(({ record, hash, version }) => ({
    agency_id: record.agency,
    ref: record.ref,
    version,
    kind: record.kind,
    occurred_at: occurredInstant(record.occurredAt),
    occurred_on: occurredDate(record.occurredAt),
    recorded_at: record.recordedAt ?? now,
    received_at: now,
    certainty: record.certainty ?? null,
    content_hash: hash,
    document: record,
    submitted_by: submitter?.label ?? null,
    submitted_by_user: submitter?.userId ?? null,
  })), RECORD_TYPES, ['id', 'agency_id', 'ref', 'version']);
  return new Map(rows.map((r) => [`${r.agency_id}\u0000${r.ref}\u0000${r.version}`, r.id as number]));
}

const MENTION_TYPES = {
  record_id: 'bigint', key: 'text', role: 'text', given: 'text', family: 'text', given_norm: 'text',
  family_norm: 'text', dob: 'text', sex: 'text', nhs_number: 'text', postcode: 'text', local_id: 'text',
  name_dob_key: 'text', local_key: 'text', identity: 'jsonb',
} as const;

async function storeMentions(tx: Transaction<Database>, accepted: Accepted[], recordIds: Map<string, number>): Promise<MentionToLink[]> {
  const rows = accepted.flatMap(({ record, version }) => {
    const recordId = recordIds.get(`${record.agency}\u0000${record.ref}\u0000${version}`)!;
    return record.people.map((m) => {
      const n = normaliseMention(m);
      return {
        record_id: recordId, key: m.key, role: m.role, given: m.name.given ?? null, family: m.name.family ?? null,
        given_norm: n.givenNorm, family_norm: n.familyNorm, dob: n.dob, sex: m.sex ?? null, nhs_number: n.nhsNumber,
        postcode: n.postcode, local_id: m.localId ?? null, name_dob_key: n.nameDobKey,
        local_key: m.localId ? `${record.agency}|${m.localId}` : null,
        identity: identityOf(record.agency, record.ref, m),
      };
    });
  });
  const stored = await insertRows(tx, 'mention', rows, MENTION_TYPES, ['id', 'record_id', 'local_key', 'identity', 'role']);
  // Link in a stable order (record, then position in people) so results never depend on RETURNING order.
  stored.sort((a, b) => a.id - b.id);
  return stored.map((s) => ({ mentionId: s.id, recordId: s.record_id, localKey: s.local_key, identity: { ...s.identity, id: String(s.id) }, role: s.role }));
}

/** Mentions of a replaced version stay stored (history) but no longer count towards anyone. */
async function releaseSupersededMentions(tx: Transaction<Database>, recordIds: number[]): Promise<number[]> {
  if (!recordIds.length) return [];
  const r = await sql<{ person_id: number }>`
    delete from person_mention pm using mention m
    where m.id = pm.mention_id and m.record_id = any(${recordIds}::bigint[])
    returning pm.person_id`.execute(tx);
  return [...new Set(r.rows.map((x) => x.person_id))];
}
