// Need-to-know (issue 5): a person exists for a reader only when the reader
// has a legitimate relationship with them. Without one they do not exist
// ("not found", never "forbidden": even their existence is not disclosed).
// Recording a concern needs no relationship: writing needs less than reading.
//
// A relationship is any of:
// - the reader's agency has sent a current record naming the person, or has
//   received a referral about them (an agency's system, and every
//   record-reading user of that agency);
// - the user is in the person's professional network now: allocated worker,
//   core group, lead professional, team manager (case_assignment);
// - the user has a break-glass grant for the person that has not expired.
// Administrators and privacy officers read no one's records by their role:
// they run the system and oversee access, they do not work with children.
//
// The rule is SQL, applied inside the queries that read people, so no page or
// route can forget it.
import { sql, type RawBuilder, type Transaction } from 'kysely';
import type { Database } from '../db/schema.ts';
import type { Actor, Role } from './actor.ts';

/** The roles whose holders work with children and so read the records of their agency's relationships. */
export const READING_ROLES: readonly Role[] = ['practitioner', 'manager', 'safeguarding-lead'];

/** Whoever's relationships bound a read; null is the operator, who sees all. */
export interface Viewer {
  agencyId: string;
  /** a signed-in user (absent for an agency's system) */
  userId?: number;
  /** whether the agency's own relationships count for this reader */
  agencyWide: boolean;
  at: Date;
}

export function viewerOf(actor: Actor, at: Date): Viewer | null {
  switch (actor.kind) {
    case 'operator':
      return null;
    case 'agency-system':
      return { agencyId: actor.agencyId, agencyWide: true, at };
    case 'user':
      return { agencyId: actor.agencyId, userId: actor.userId, agencyWide: actor.roles.some((r) => READING_ROLES.includes(r)), at };
  }
}

/**
 * The agency's tie to a record, for a query where the record is aliased `r`: the agency sent it, or it is a
 * referral to the agency. False for a reader whose role does not read their agency's relationships.
 */
export function agencyTie(v: Viewer): RawBuilder<boolean> {
  if (!v.agencyWide) return sql<boolean>`false`;
  return sql<boolean>`(r.agency_id = ${v.agencyId} or (r.kind = 'referral' and r.document->'body'->>'to' = ${v.agencyId}))`;
}

/** The user's own tie to a person: in their professional network now, or an unexpired break-glass grant. */
export function personalTie(v: Viewer, personId: number): RawBuilder<boolean> {
  if (v.userId === undefined) return sql<boolean>`false`;
  return sql<boolean>`(exists (select 1 from case_assignment where user_id = ${v.userId} and to_at is null and person_id = ${personId})
    or exists (select 1 from access_grant where user_id = ${v.userId} and person_id = ${personId} and granted_at <= ${v.at} and expires_at > ${v.at}))`;
}

/**
 * The people this viewer has a relationship with, as one query: all of them (for lists), or, given a
 * person, only the rows about that person (so a single check probes indexes instead of gathering everyone
 * the agency knows).
 */
function relationships(v: Viewer, personId?: number): RawBuilder<unknown> {
  const only = (column: string) => (personId === undefined ? sql`` : sql`and ${sql.ref(column)} = ${personId}`);
  const agency = sql`
    select pm.person_id from person_mention pm
    join mention m on m.id = pm.mention_id
    join record r on r.id = m.record_id
    where ${agencyTie(v)} ${only('pm.person_id')}`;
  if (v.userId === undefined) return agency;
  const own = sql`
    select person_id from case_assignment where user_id = ${v.userId} and to_at is null ${only('person_id')}
    union all
    select person_id from access_grant where user_id = ${v.userId} and granted_at <= ${v.at} and expires_at > ${v.at} ${only('person_id')}`;
  return v.agencyWide ? sql`${agency} union all ${own}` : own;
}

/** The ids of the people this viewer has a relationship with, as a subquery. */
export function peopleKnownTo(v: Viewer): RawBuilder<unknown> {
  return sql`(${relationships(v)})`;
}

/**
 * A condition, for a query's WHERE clause, that holds only when the viewer has a relationship with this
 * person: a read that includes it returns nothing otherwise, with no separate check and no extra round trip.
 */
export function mayRead(v: Viewer | null, personId: number): RawBuilder<boolean> {
  return v === null ? sql<boolean>`true` : sql<boolean>`exists (${relationships(v, personId)})`;
}

/** Whether the viewer has a relationship with this person (null viewer: the operator, who sees all). */
export async function canSee(tx: Transaction<Database>, v: Viewer | null, personId: number): Promise<boolean> {
  if (v === null) return true;
  const r = await sql<{ ok: boolean }>`select ${mayRead(v, personId)} as ok`.execute(tx);
  return r.rows[0]?.ok === true;
}
