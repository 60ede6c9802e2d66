// Need-to-know: a person exists for a reader only when the reader has a
// legitimate relationship with them. Without one they do not exist ("not
// found", never "forbidden": even their existence is not disclosed).
//
// A full relationship is any of:
// - the reader's agency has sent a current record naming the person and that
//   record did not open a limited relationship only (below), or has received
//   a referral about them, or was invited by the lead agency to a strategy
//   discussion, conference or core group about them (an agency's system, and
//   every record-reading user of that agency);
// - a practitioner of the lead agency granted the agency the full picture
//   (agency_grant: a recorded decision with its reason);
// - the user is in the person's professional network now: allocated worker,
//   core group, lead professional, team manager (case_assignment);
// - the user has a break-glass grant for the person that has not expired.
// Administrators and privacy officers read no one's records by their role:
// they run the system and oversee access, they do not work with children.
//
// Writing must not open reading. Anyone may record a concern about any child,
// but a record naming someone its agency had no relationship with, when other
// agencies already hold records about them, gives that agency a LIMITED
// relationship only (limited_tie, decided when the record arrives): its own
// records, the fact that others hold records and whom to ask, and the alerts
// routed to it. The full picture needs the lead agency's grant or break-glass
// (a reason, a recent sign-in, 4 hours, the privacy officer told). An agency
// that is first to record someone keeps the full relationship, as before.
//
// The rule is SQL, applied inside the queries that read people, so no page or
// route can forget it. Who is reading is a Viewer: the operator's "everyone"
// is a variant of its own, never a null, and anything that is not a Viewer
// makes the SQL builders throw (fail closed) rather than read everyone.
import { sql, type RawBuilder, type Transaction } from 'kysely';
import type { Database } from '../db/schema.ts';
import type { Actor, Role } from './actor.ts';

/** The roles whose holders work with children and so read the records of their agency's relationships. */
export const READING_ROLES: readonly Role[] = ['practitioner', 'manager', 'safeguarding-lead'];

/** A reader bounded by their relationships. */
export interface BoundedViewer {
  kind: 'bounded';
  agencyId: string;
  /** a signed-in user (absent for an agency's system) */
  userId?: number;
  /** whether the agency's own relationships count for this reader */
  agencyWide: boolean;
  at: Date;
}

/** Whoever's relationships bound a read: someone bounded, or the operator at this machine, who sees all. */
export type Viewer = BoundedViewer | { kind: 'everyone'; reason: 'operator' };

/** The operator's viewer: every person, for the command line and the server's own jobs. */
export const EVERYONE: Viewer = Object.freeze({ kind: 'everyone', reason: 'operator' });

export function viewerOf(actor: Actor, at: Date): Viewer {
  switch (actor.kind) {
    case 'operator':
      return EVERYONE;
    case 'agency-system':
      return { kind: 'bounded', agencyId: actor.agencyId, agencyWide: true, at };
    case 'user':
      return { kind: 'bounded', agencyId: actor.agencyId, userId: actor.userId, agencyWide: actor.roles.some((r) => READING_ROLES.includes(r)), at };
  }
}

/**
 * The viewer's bounds, or null for everyone. Anything else (a null or undefined that slipped past the types,
 * a hand-built object) throws: a read with no reader fails rather than showing everyone.
 */
export function boundsOf(v: Viewer): BoundedViewer | null {
  if (v !== null && typeof v === 'object') {
    if (v.kind === 'everyone' && v.reason === 'operator') return null;
    if (v.kind === 'bounded' && typeof v.agencyId === 'string' && v.agencyId !== '' && v.at instanceof Date) return v;
  }
  throw new Error('no viewer: a read must say who is reading (the operator is EVERYONE, never null)');
}

/** The record kinds of the meetings the lead agency convenes, and where each lists the agencies it invited. */
const MEETINGS = sql`('strategy-discussion', 'conference', 'core-group')`;

/**
 * Whether a record, aliased `r` with its mention `m` and person_mention `pm`, gives `agency` the full
 * relationship with the person `pm` names: it sent the record and the record did not open a limited tie
 * only; or the record is a referral to it; or the record is a meeting the lead agency (children's social
 * care, or the agency of the child's allocated worker) held and invited it to. threadline_full_tie (migration
 * 0016) asks the same of one person.
 */
function fullTieWays(agency: RawBuilder<string>): RawBuilder<boolean>[] {
  const listed = (field: 'agencies' | 'agenciesPresent' | 'agenciesAbsent') => sql`coalesce(r.document->'body'->${sql.lit(field)}, '[]'::jsonb) @> jsonb_build_array(${agency})`;
  return [
    sql<boolean>`(r.agency_id = ${agency} and not exists (select 1 from limited_tie lt where lt.agency_id = r.agency_id and lt.ref = r.ref and lt.key = m.key))`,
    sql<boolean>`(r.kind = 'referral' and r.document->'body'->>'to' = ${agency})`,
    sql<boolean>`(r.kind in ${MEETINGS} and (${listed('agencies')} or ${listed('agenciesPresent')} or ${listed('agenciesAbsent')})
        and (exists (select 1 from agency la where la.id = r.agency_id and la.kind = 'social-care')
          or exists (select 1 from case_assignment ca join app_user au on au.id = ca.user_id
            where ca.person_id = pm.person_id and ca.role = 'allocated-worker' and ca.to_at is null and au.agency_id = r.agency_id)))`,
  ];
}

function recordGivesFullTie(agency: RawBuilder<string>): RawBuilder<boolean> {
  return sql<boolean>`(${sql.join(fullTieWays(agency), sql` or `)})`;
}

/**
 * The people this viewer has a full relationship with, as one query (for lists: search, my work). One
 * person's check is threadline_full_tie instead (mayRead), which must give the same answer
 * (relationship-check.test.ts holds them to it).
 */
function relationships(b: BoundedViewer): RawBuilder<unknown> {
  // Each way to a tie is a branch of its own (not one OR), so each is planned on its own indexes.
  const viaRecord = (way: RawBuilder<boolean>) => sql`
    select pm.person_id from person_mention pm
    join mention m on m.id = pm.mention_id
    join record r on r.id = m.record_id
    where ${way}`;
  const agency = b.agencyWide
    ? sql`select person_id from agency_grant where agency_id = ${b.agencyId}
      union all ${sql.join(fullTieWays(sql<string>`${b.agencyId}::text`).map(viaRecord), sql` union all `)}`
    : null;
  if (b.userId === undefined) return agency ?? sql`select null::bigint as person_id where false`;
  const own = sql`
    select person_id from case_assignment where user_id = ${b.userId} and to_at is null
    union all
    select person_id from access_grant where user_id = ${b.userId} and granted_at <= ${b.at} and expires_at > ${b.at}`;
  return agency ? sql`${own} union all ${agency}` : own;
}

/**
 * A condition on a person id column for a query's WHERE clause: the viewer has a full relationship with the
 * person (always, for everyone).
 */
export function knownTo(v: Viewer, column: string): RawBuilder<boolean> {
  const b = boundsOf(v);
  return b === null ? sql<boolean>`true` : sql<boolean>`${sql.ref(column)} in (${relationships(b)})`;
}

/**
 * A condition, for a query's WHERE clause, that holds only when the viewer has a full relationship with this
 * person: a read that includes it returns nothing otherwise, with no separate check and no extra round trip.
 * It names no column of the query, so the server decides it once for the query, not once a row. The
 * agency's ways are asked of threadline_full_tie (migrations 0015 and 0016: the same ways as fullTieWays,
 * with generic plans kept per connection rather than planned on every read); the user's own ties, cheap
 * probes, come first.
 */
export function mayRead(v: Viewer, personId: number): RawBuilder<boolean> {
  const b = boundsOf(v);
  if (b === null) return sql<boolean>`true`;
  const agency = b.agencyWide ? sql<boolean>`threadline_full_tie(${b.agencyId}::text, ${personId}::bigint)` : sql<boolean>`false`;
  if (b.userId === undefined) return sql<boolean>`(${agency})`;
  return sql<boolean>`(exists (select 1 from case_assignment where user_id = ${b.userId} and to_at is null and person_id = ${personId})
    or exists (select 1 from access_grant where user_id = ${b.userId} and person_id = ${personId} and granted_at <= ${b.at} and expires_at > ${b.at})
    or ${agency})`;
}

/** Whether the viewer has a full relationship with this person (everyone: always). */
export async function canSee(tx: Transaction<Database>, v: Viewer, personId: number): Promise<boolean> {
  const b = boundsOf(v);
  if (b === null) return true;
  const r = await sql<{ ok: boolean }>`select ${mayRead(b, personId)} as ok`.execute(tx);
  return r.rows[0]?.ok === true;
}

/** How far a viewer may see a person: all of it, a limited view (their agency's own records and whom to ask), or not at all. */
export type RelationshipLevel = 'full' | 'limited' | 'none';

export async function relationshipLevel(tx: Transaction<Database>, v: Viewer, personId: number): Promise<RelationshipLevel> {
  const b = boundsOf(v);
  if (b === null) return 'full';
  const limited = b.agencyWide ? sql`exists (select 1 from person_mention pm join mention m on m.id = pm.mention_id join record r on r.id = m.record_id
    where pm.person_id = ${personId} and r.agency_id = ${b.agencyId})` : sql`false`;
  const r = await sql<{ full: boolean; limited: boolean }>`select ${mayRead(b, personId)} as full, ${limited} as limited`.execute(tx);
  return r.rows[0]?.full ? 'full' : r.rows[0]?.limited ? 'limited' : 'none';
}

/**
 * Decide, as records arrive (in the transaction that stores them, after linking), which of them open only a
 * limited relationship: each new person slot (agency, ref, person key: not in an earlier version of the
 * record) naming someone its agency had no full relationship with, when another agency's record naming them
 * came first. Within a batch, what came first is what was stored first. Returns each new limited tie (agency
 * and person), for the privacy officer to be told.
 */
export async function markLimitedTies(tx: Transaction<Database>, recordIds: number[], at: Date): Promise<{ agencyId: string; personId: number }[]> {
  if (!recordIds.length) return [];
  const rows = await sql<{ agency_id: string; person_id: number }>`
    with fresh as (
      select m.id as mention_id, r.agency_id, r.ref, m.key, pm.person_id
      from record r join mention m on m.record_id = r.id join person_mention pm on pm.mention_id = m.id
      where r.id = any(${recordIds}::bigint[])
        and not exists (select 1 from limited_tie lt where lt.agency_id = r.agency_id and lt.ref = r.ref and lt.key = m.key)
        and not exists (select 1 from record r0 join mention m0 on m0.record_id = r0.id
          where r0.agency_id = r.agency_id and r0.ref = r.ref and r0.version < r.version and m0.key = m.key)
    ),
    firsts as (select agency_id, person_id, min(mention_id) as first_mention from fresh group by agency_id, person_id),
    limited as (
      select g.agency_id, g.person_id from firsts g
      where exists (select 1 from person_mention pm join mention m on m.id = pm.mention_id join record r on r.id = m.record_id
          where pm.person_id = g.person_id and r.agency_id <> g.agency_id and m.id < g.first_mention)
        and not exists (select 1 from person_mention pm join mention m on m.id = pm.mention_id join record r on r.id = m.record_id
          where pm.person_id = g.person_id and m.id not in (select mention_id from fresh) and ${recordGivesFullTie(sql<string>`g.agency_id`)})
        and not exists (select 1 from agency_grant ag where ag.agency_id = g.agency_id and ag.person_id = g.person_id)
    ),
    inserted as (
      insert into limited_tie (agency_id, ref, key, person_id, at)
      select f.agency_id, f.ref, f.key, f.person_id, ${at} from fresh f join limited l on l.agency_id = f.agency_id and l.person_id = f.person_id
      on conflict (agency_id, ref, key) do nothing
      returning agency_id, person_id
    )
    select distinct agency_id, person_id from inserted order by person_id, agency_id`.execute(tx);
  return rows.rows.map((r) => ({ agencyId: r.agency_id, personId: Number(r.person_id) }));
}
