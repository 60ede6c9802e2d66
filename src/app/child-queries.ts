// The queries behind the child's page that the other reads do not already make:
// the child's professional network in Threadline, the NHS numbers agencies hold
// for the child, which of the people named beside the child a reader may open,
// and every version of one record; and what the page links to. Only the
// Repository calls the queries, inside its transactions, after its own access
// checks; each is one round trip.
import { sql, type Transaction } from 'kysely';
import type { Database } from '../db/schema.ts';
import { boundsOf, mayRead, type Viewer } from '../shared/relationship.ts';
import type { AssignmentRole } from '../access/users.ts';
import type { SharedChronology, SharedEntry } from '../access/sharing-policy.ts';
import type { SharedHousehold } from '../household/household.ts';
import { londonDate } from '../records/dates.ts';

export interface CaseWorker {
  role: AssignmentRole;
  name: string;
  agencyId: string;
  agencyName: string;
  /** YYYY-MM-DD */
  since: string;
}

/** Who is in the child's professional network now (case_assignment), the allocated worker first. */
export async function caseNetwork(tx: Transaction<Database>, personId: number): Promise<CaseWorker[]> {
  const rows = await tx.selectFrom('case_assignment as c')
    .innerJoin('app_user as u', 'u.id', 'c.user_id')
    .innerJoin('agency as a', 'a.id', 'u.agency_id')
    .select(['c.role', 'c.from_at', 'u.display_name', 'u.agency_id', 'a.name as agency_name'])
    .where('c.person_id', '=', personId).where('c.to_at', 'is', null)
    .orderBy(sql`case c.role when 'allocated-worker' then 0 when 'team-manager' then 1 when 'lead-professional' then 2 else 3 end`)
    .orderBy('c.from_at')
    .execute();
  return rows.map((r) => ({ role: r.role, name: r.display_name, agencyId: r.agency_id, agencyName: r.agency_name, since: londonDate(new Date(r.from_at)) }));
}

/** The NHS numbers these records give for this person (most often first). */
export async function nhsNumbersOf(tx: Transaction<Database>, personId: number, recordIds: number[]): Promise<string[]> {
  if (!recordIds.length) return [];
  const rows = (await sql<{ nhs_number: string }>`
    select m.nhs_number from person_mention pm join mention m on m.id = pm.mention_id
    where pm.person_id = ${personId} and m.record_id = any(${recordIds}::bigint[]) and m.nhs_number is not null
    group by m.nhs_number order by count(*) desc, m.nhs_number`.execute(tx)).rows;
  return rows.map((r) => r.nhs_number);
}

/** Which of these people the viewer has a relationship with: one statement, an index probe per person. */
export async function readablePeople(tx: Transaction<Database>, viewer: Viewer, ids: number[]): Promise<number[]> {
  const unique = [...new Set(ids)].filter((id) => Number.isSafeInteger(id));
  if (boundsOf(viewer) === null || !unique.length) return unique;
  const probes = unique.map((id) => sql`select ${id}::bigint as id where ${mayRead(viewer, id)}`);
  const rows = (await sql<{ id: string | number }>`${sql.join(probes, sql` union all `)}`.execute(tx)).rows;
  return rows.map((r) => Number(r.id));
}

export interface RecordVersion {
  recordId: number;
  version: number;
  kind: string;
  occurredAt: string;
  recordedAt: string;
  receivedAt: string;
  certainty: string | null;
  document: Record<string, unknown>;
}

/** Every stored version of the record `agency/ref`, the first first. */
export async function versionsOf(tx: Transaction<Database>, agencyId: string, ref: string): Promise<RecordVersion[]> {
  const rows = await tx.selectFrom('record')
    .select(['id', 'version', 'kind', 'occurred_at', 'recorded_at', 'received_at', 'certainty', 'document'])
    .where('agency_id', '=', agencyId).where('ref', '=', ref).orderBy('version').execute();
  const iso = (t: unknown) => new Date(t as string).toISOString();
  return rows.map((r) => ({
    recordId: Number(r.id), version: r.version, kind: r.kind, occurredAt: String((r.document as { occurredAt?: string }).occurredAt ?? iso(r.occurred_at)),
    recordedAt: iso(r.recorded_at), receivedAt: iso(r.received_at), certainty: r.certainty, document: r.document,
  }));
}

/** Every person id the page may link to: the people named beside the child, their household and network. */
export function mentionedPeople(c: SharedChronology, h: SharedHousehold | null): number[] {
  const ids = new Set<number>();
  for (const e of c.entries) for (const o of e.others) if (o.personId !== null && o.personId !== c.personId) ids.add(o.personId);
  for (const p of [...(h?.members ?? []), ...(h?.network ?? [])]) if (p.personId !== null && p.personId !== c.personId) ids.add(p.personId);
  return [...ids];
}

/** The records of the chronology shown in full (the ones whose facts, such as the NHS number, the reader may see). */
export const fullRecordIds = (c: SharedChronology) => (c.entries as SharedEntry[]).filter((e) => !e.redacted).map((e) => e.recordId);
