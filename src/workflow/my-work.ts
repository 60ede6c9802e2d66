// A practitioner's own work: the children allocated to them (case_assignment)
// and the statutory deadlines coming up or missed for those children and for
// their agency's children with a process. The deadlines are the process
// derivation's own (process.ts), worked out for all the children at once: a
// handful of queries whatever their number.
import { sql, type Transaction } from 'kysely';
import type { Database } from '../db/schema.ts';
import { boundsOf, EVERYONE, knownTo, type Viewer } from '../shared/relationship.ts';
import { childrenEvidence } from '../household/household.ts';
import { personCards } from '../identity/find-people.ts';
import { agencyKinds } from '../risk/alerts.ts';
import { addDays, addMonths, addWorkingDays } from '../statutory/calendar.ts';
import { deriveProcess, type Deadline } from '../statutory/process.ts';
import { signOffsOf } from '../statutory/sign-offs.ts';
import type { AssignmentRole } from '../access/users.ts';
import { londonDate } from '../records/dates.ts';

export interface MyCase {
  personId: number;
  role: AssignmentRole;
  /** when the user joined the child's network (ISO date-time) */
  since: string;
  name: string;
  dob: string | null;
}

export interface DueDeadline extends Deadline {
  personId: number;
  childName: string;
  /** the child is allocated to the user (rather than known to their agency) */
  allocated: boolean;
}

/** How far ahead "coming up" looks, in working days. */
export const DUE_WITHIN_WORKING_DAYS = 10;
/** How far back a missed deadline is still shown, in months. */
export const MISSED_WITHIN_MONTHS = 3;
/** Children of the agency (not allocated to the user) looked at, most recently active first. */
export const MAX_AGENCY_CHILDREN = 200;
/** An agency's child counts when a record that starts a process was made about them within this many months. */
const ACTIVE_WITHIN_MONTHS = 12;

export async function casesOf(tx: Transaction<Database>, userId: number): Promise<MyCase[]> {
  const rows = await tx.selectFrom('case_assignment').select(['person_id', 'role', 'from_at'])
    .where('user_id', '=', userId).where('to_at', 'is', null).orderBy('from_at', 'desc').execute();
  const cards = new Map((await personCards(tx, [...new Set(rows.map((r) => r.person_id))], EVERYONE)).map((c) => [c.id, c]));
  return rows.map((r) => ({
    personId: r.person_id, role: r.role, since: new Date(r.from_at).toISOString(),
    name: cards.get(r.person_id)?.name ?? `person ${r.person_id}`, dob: cards.get(r.person_id)?.dob ?? null,
  }));
}

/** Children of the viewer's agency with a record that starts a statutory process, recent ones first. */
async function agencyChildrenWithProcess(tx: Transaction<Database>, viewer: Viewer, asOf: string): Promise<number[]> {
  const rows = (await sql<{ person_id: number }>`
    select pm.person_id from record r join mention m on m.record_id = r.id and m.role = 'subject'
    join person_mention pm on pm.mention_id = m.id
    where r.kind in ('conference', 'strategy-discussion', 'enquiry-outcome', 'referral', 'core-group')
      and r.occurred_on >= ${addMonths(asOf, -ACTIVE_WITHIN_MONTHS)}::date
      and ${knownTo(viewer, 'pm.person_id')}
    group by pm.person_id order by max(r.occurred_on) desc, pm.person_id limit ${MAX_AGENCY_CHILDREN}`.execute(tx)).rows;
  return rows.map((r) => Number(r.person_id));
}

/**
 * Deadlines running and due within DUE_WITHIN_WORKING_DAYS working days, or missed in the last
 * MISSED_WITHIN_MONTHS months, for the user's allocated children and their agency's children with a process.
 */
export async function dueDeadlines(tx: Transaction<Database>, viewer: Viewer, userId: number | undefined, now: Date, withinWorkingDays = DUE_WITHIN_WORKING_DAYS) {
  const asOf = londonDate(now);
  const allocated = userId === undefined ? [] : (await tx.selectFrom('case_assignment').select('person_id').where('user_id', '=', userId).where('to_at', 'is', null).execute()).map((r) => r.person_id);
  // The operator reads every child; a bounded reader their agency's children only if their role reads them.
  const readsAgencyChildren = boundsOf(viewer)?.agencyWide ?? true;
  const ids = [...new Set([...allocated, ...(readsAgencyChildren ? await agencyChildrenWithProcess(tx, viewer, asOf) : [])])];
  // Past the bank-holiday calendar's end (2035) working days cannot be counted: two calendar weeks a working fortnight.
  let horizon: string;
  try {
    horizon = addWorkingDays(asOf, withinWorkingDays);
  } catch {
    horizon = addDays(asOf, Math.ceil(withinWorkingDays * 7 / 5));
  }
  const missedSince = addMonths(asOf, -MISSED_WITHIN_MONTHS);
  const evidence = await childrenEvidence(tx, ids);
  const kinds = await agencyKinds(tx);
  const signOffs = await signOffsOf(tx, ids);
  const names = new Map((await personCards(tx, ids, EVERYONE)).map((c) => [c.id, c.name]));
  const deadlines: DueDeadline[] = [];
  // The records behind the deadlines shown (what the audit names).
  const recordIds = new Set<number>();
  for (const id of ids) {
    const records = evidence.get(id);
    if (!records) continue;
    const p = deriveProcess(records, id, asOf, { agencyKinds: kinds, signOffs: signOffs.get(id) ?? new Map() });
    const shown = p.deadlines.filter((d) => (d.status === 'running' && d.due <= horizon) || (d.status === 'missed' && d.due >= missedSince));
    if (shown.length) for (const r of records) recordIds.add(r.recordId);
    for (const d of shown) deadlines.push({ ...d, personId: id, childName: names.get(id) ?? `person ${id}`, allocated: allocated.includes(id) });
  }
  deadlines.sort((a, b) => (a.due < b.due ? -1 : a.due > b.due ? 1 : a.personId - b.personId));
  return { deadlines, personIds: [...new Set(deadlines.map((d) => d.personId))], recordIds: [...recordIds], childrenLookedAt: ids.length };
}
