// Proportionality and retention: records about a child with no
// safeguarding signal and no involvement of children's social care are kept
// only for a period; this job removes them when it has passed, audited.
//
// THE POLICY
//
// A person is *due* (in scope for removal) as of today when all of these hold:
//  1. They are a child: the subject of a record and under 18 at their newest
//     record, by the same test the risk rules use (isChild in risk/alerts.ts).
//     Adults' records are outside this policy and are never removed by it.
//  2. No alert of medium severity or above was ever raised for them: not now,
//     not in any firing since withdrawn, and not on any person their mentions
//     were ever linked to (a merge later undone must not wash a signal away).
//     Low alerts alone (a first missed appointment, say) are not a signal.
//  3. Children's social care was never involved: no record sent by an agency
//     of kind social-care names them, and no referral to one does (any version).
//  4. No other safeguarding record names them: no concern, referral, strategy
//     discussion, enquiry, conference, core group, placement, police action,
//     prosecution or legal record, no death, and no record from the police at
//     all (police records are also evidence for other children at the same
//     address: household.ts). The record kind is the agency saying "this is a
//     safeguarding matter" even when no rule fired.
//  5. Nothing else holds them: no case assignment, break-glass grant or any
//     later table that refers to the person (found from the foreign keys).
//  6. Their last activity is at least the retention period ago: the newest of
//     the day anything recorded about them happened and the day an agency last
//     sent a record naming them (a record sent today about an old event is as
//     fresh to Threadline as today).
// Mentions as a professional do not count for 2-4: a social worker named on
// other families' records is not "involved with social care".
//
// A record (an agency's ref, every version of it) goes when it names at least
// one due child and it matters to nobody else: every other person it names is
// either due too, a professional, or someone who is not a child and has no
// signal (2-5) themselves; and no alert of medium or above ever cited it.
// So a record that also names a child who is not due is kept (never lose a
// record that matters to another child), and so is one naming a parent with a
// safeguarding history (a police domestic-abuse record, say): the family's
// history is then itself the signal. A due child named in a kept record stays
// as a person with that record only.
//
// THE PERIOD: 6 years after the last activity, by default and at least (RetentionOptions.years;
// the purge itself refuses less).
// Threadline holds copies, for one purpose: joining fragments in time to
// protect a child. Each agency keeps its own record under its own schedule
// (the NHS Records Management Code keeps a child's health record until their
// 25th birthday), so Threadline's copy need not outlive its purpose. Six
// years without a single signal is well past the horizon any risk rule looks
// back over (the longest is a year), it is the usual limitation period in
// English law (Limitation Act 1980), and it is the common retention for
// records of children's services that did not lead to statutory involvement.
// The period ends on the anniversary: a child last active on 10 March 2015 is
// kept on 9 March 2021 and removed from 10 March 2021 (29 February: 1 March).
//
// THE JOB: planRetention says what would go and why; runRetention removes it
// in the caller's transaction, through the one door the migrations open
// (threadline_retention_purge). Conditions 2-6, and what condition 1 needs,
// are SQL (migration 0012): the plan pages through threadline_retention_due
// and keeps whatever threadline_retention_refusals lists, and the purge asks
// both again itself and refuses the whole call if any record fails, so a
// caller (or anyone holding the application's database role) cannot remove a
// record the rules keep. The purge writes ONE audit row 'retention.purge'
// itself, with ids and counts, never a name, naming the actor the server
// bound to the transaction (audit.ts, bindActor). The audit trail itself is
// never removed. `limit` bounds the children looked at per run; `more` says
// to run again.
import { sql, type Transaction } from 'kysely';
import type { Database } from '../db/schema.ts';
import { childrenEvidence } from '../household/household.ts';
import { takeLinkLock } from '../identity/linker.ts';
import { refreshPersonKeys } from '../identity/person-keys.ts';
import { isChild, refreshAlerts } from '../risk/alerts.ts';
import type { Actor } from '../shared/actor.ts';
import { invalid } from '../shared/errors.ts';
import { bindActor } from './audit.ts';
import { MINIMUM_RETENTION_YEARS, SAFEGUARDING_KINDS } from '../db/migrations/0012-bound-actors-and-retention-rules.ts';
import { londonDate } from '../records/dates.ts';

/** The default period, which is also the shortest the purge accepts (migration 0012 holds it in SQL). */
export const DEFAULT_RETENTION_YEARS = MINIMUM_RETENTION_YEARS;
/** Children looked at per run, so that one transaction stays a reasonable size; `more` says to run again. */
export const DEFAULT_RETENTION_LIMIT = 5000;
export { SAFEGUARDING_KINDS };

export interface RetentionOptions {
  /** the retention period in whole years after the last activity (default and least 6) */
  years?: number;
  /** at most this many children looked at in one run (default 5000) */
  limit?: number;
}

export interface DueChild {
  personId: number;
  /** the newest day anything about them happened or was sent */
  lastActivity: string;
  /** the day the period ended */
  periodEnded: string;
}

export interface PlannedRecord {
  /** `agency/ref` (an identifier, not personal data) */
  source: string;
  /** every version's id */
  recordIds: number[];
  /** the due children it names */
  children: number[];
}

export interface KeptRecord extends PlannedRecord {
  /** why it stays: the people it still matters to, or an alert that cited it */
  why: string[];
}

export interface RetentionPlan {
  /** today, the day the plan is for (UTC) */
  asOf: string;
  /** the period, as an ISO 8601 duration ('P6Y') */
  period: string;
  /** last activity on or before this day is past the period */
  cutoff: string;
  /** the policy in one line, for whoever reads the plan */
  rule: string;
  /** children due (the policy's six conditions hold) */
  children: DueChild[];
  /** records that go, all versions */
  records: PlannedRecord[];
  /** records naming a due child that stay, and why */
  kept: KeptRecord[];
  /** people who are removed entirely (nothing left refers to them) */
  people: number[];
  /** people who lose mentions in the records that go but stay (a parent with other records, say) */
  touched: number[];
  /** the limit was reached: run again for the rest */
  more: boolean;
}

export interface RetentionResult extends Omit<RetentionPlan, 'kept'> {
  kept: number;
  removed: { records: number; mentions: number; links: number; reviews: number; decisions: number; alerts: number; alertEvents: number; people: number };
  /** alerts re-derived for the people who stayed */
  alerts: { fired: number; withdrawn: number };
}

const RULE = 'children with no alert of medium or above, no social-care, police or other safeguarding record and nothing holding them, '
  + 'whose last activity is at least the period ago; a record goes only when no one else it names has a signal or is a child still kept';

// ---- dates (calendar days, UTC) ----

const FULL = /^(\d{4})-(\d{2})-(\d{2})$/;
const pad = (n: number, w = 2) => String(n).padStart(w, '0');
const isRealDate = (y: number, m: number, d: number) => {
  const t = new Date(Date.UTC(y, m - 1, d));
  return t.getUTCFullYear() === y && t.getUTCMonth() === m - 1 && t.getUTCDate() === d;
};

/** The same day `years` years earlier; 29 February becomes 28 February in a common year. */
export function yearsBefore(day: string, years: number): string {
  const [, y, m, d] = FULL.exec(day)!.map(Number) as [number, number, number, number];
  const year = y - years;
  return `${pad(year, 4)}-${pad(m)}-${pad(isRealDate(year, m, d) ? d : d - 1)}`;
}

/** The day the period that started on `day` ends; from 29 February, 1 March in a common year. */
export function periodEnds(day: string, years: number): string {
  const [, y, m, d] = FULL.exec(day)!.map(Number) as [number, number, number, number];
  const year = y + years;
  return isRealDate(year, m, d) ? `${pad(year, 4)}-${pad(m)}-${pad(d)}` : `${pad(year, 4)}-${pad(m + 1)}-01`;
}

function checkOptions(opts: RetentionOptions): { years: number; limit: number } {
  const years = opts.years ?? DEFAULT_RETENTION_YEARS;
  const limit = opts.limit ?? DEFAULT_RETENTION_LIMIT;
  if (!Number.isInteger(years) || years < MINIMUM_RETENTION_YEARS || years > 100) {
    throw invalid('/years', `the retention period is a whole number of years, from ${MINIMUM_RETENTION_YEARS} to 100`);
  }
  if (!Number.isInteger(limit) || limit < 1) throw invalid('/limit', 'the limit is a whole number of children, at least 1');
  return { years, limit };
}

// ---- what the records say about each person ----

interface Facts {
  person_id: number;
  subject: boolean;
  last_activity: string;
  /** any of conditions 2-4 (5 is checked apart: threadline_retention_held) */
  signal: boolean;
}

// Conditions 2-6, and what condition 1 needs, are SQL (migration 0012): the purge asks the same functions
// again before it removes anything, so what the plan says and what the purge allows cannot drift apart.

/** Facts for these people (threadline_retention_facts). */
async function personFacts(tx: Transaction<Database>, ids: number[]): Promise<Facts[]> {
  if (!ids.length) return [];
  const r = await sql<Facts>`
    select person_id, subject, last_activity::text as last_activity, signal
    from threadline_retention_facts(${ids}::bigint[], null) order by person_id`.execute(tx);
  return r.rows.map((x) => ({ ...x, person_id: Number(x.person_id) }));
}

/**
 * The people who may be due as of the cutoff (threadline_retention_due: the subject of a record, never a
 * professional, possibly a child, no signal, nothing holding them, last active on or before the cutoff), the
 * first `limit` by id after `after`. isChild then decides who is a child.
 */
async function dueCandidates(tx: Transaction<Database>, cutoff: string, limit: number, after: number): Promise<{ person_id: number; last_activity: string }[]> {
  const r = await sql<{ person_id: number; last_activity: string }>`
    select person_id, last_activity::text as last_activity from threadline_retention_due(null, ${after}, ${cutoff}::date, ${limit})`.execute(tx);
  return r.rows.map((x) => ({ ...x, person_id: Number(x.person_id) }));
}

/** Of these people, those referred to from outside what retention keeps in step (condition 5). */
async function heldPeople(tx: Transaction<Database>, ids: number[]): Promise<Set<number>> {
  if (!ids.length) return new Set();
  const r = await sql<{ id: number }>`select threadline_retention_held(${ids}::bigint[]) as id`.execute(tx);
  return new Set(r.rows.map((x) => Number(x.id)));
}

/** Of these people, the children, by the risk rules' own test on their records. */
async function childrenAmong(tx: Transaction<Database>, ids: number[]): Promise<Set<number>> {
  const children = new Set<number>();
  // `keep` sees each person's records; answering false skips the police-at-address lookup this does not need.
  await childrenEvidence(tx, ids, (id, about) => {
    if (isChild(id, about)) children.add(id);
    return false;
  });
  return children;
}

interface NamedRow {
  record_id: number;
  agency_id: string;
  ref: string;
  version: number;
  role: string | null;
  person_id: number | null;
}

/** Every version of every record naming these people, with who each current mention belongs to. */
async function recordsNaming(tx: Transaction<Database>, personIds: number[]): Promise<Map<string, NamedRow[]>> {
  const out = new Map<string, NamedRow[]>();
  if (!personIds.length) return out;
  const r = await sql<NamedRow>`
    with logical as (
      select distinct r.agency_id, r.ref from person_mention pm
      join mention m on m.id = pm.mention_id join record r on r.id = m.record_id
      where pm.person_id = any(${personIds}::bigint[])
    )
    select r.id as record_id, r.agency_id, r.ref, r.version, m.role, pm.person_id
    from logical l join record r on r.agency_id = l.agency_id and r.ref = l.ref
    left join mention m on m.record_id = r.id
    left join person_mention pm on pm.mention_id = m.id
    order by r.agency_id, r.ref, r.version, m.id`.execute(tx);
  for (const row of r.rows) {
    const source = `${row.agency_id}/${row.ref}`;
    const x = { ...row, record_id: Number(row.record_id), person_id: row.person_id === null ? null : Number(row.person_id) };
    out.set(source, [...(out.get(source) ?? []), x]);
  }
  return out;
}

/** Why the purge would refuse each of these records, by `agency/ref` (threadline_retention_refusals). */
async function refusals(tx: Transaction<Database>, recordIds: number[], cutoff: string): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>();
  if (!recordIds.length) return out;
  const r = await sql<{ source: string; reason: string }>`
    select source, reason from threadline_retention_refusals(${recordIds}::bigint[], ${cutoff}::date) order by 1, 2`.execute(tx);
  for (const x of r.rows) out.set(x.source, [...(out.get(x.source) ?? []), x.reason]);
  return out;
}

/** What retention would remove today, and why; changes nothing. */
export async function planRetention(tx: Transaction<Database>, now: Date, opts: RetentionOptions = {}): Promise<RetentionPlan> {
  const { years, limit } = checkOptions(opts);
  const asOf = londonDate(now);
  const cutoff = yearsBefore(asOf, years);
  const plan: RetentionPlan = {
    asOf, period: `P${years}Y`, cutoff, rule: RULE, children: [], records: [], kept: [], people: [], touched: [], more: false,
  };

  // 1-6 for the people who may be due, a page at a time (by id) until `limit` are found.
  const due: { person_id: number; last_activity: string }[] = [];
  for (let after = 0; ;) {
    const page = await dueCandidates(tx, cutoff, limit + 1, after);
    const children = await childrenAmong(tx, page.map((c) => c.person_id));
    for (const c of page) {
      if (!children.has(c.person_id)) continue;
      if (due.length === limit) plan.more = true;
      else due.push(c);
    }
    if (plan.more || page.length <= limit) break;
    after = page.at(-1)!.person_id;
  }
  const dueIds = new Set(due.map((c) => c.person_id));
  plan.children = due.map((c) => ({ personId: c.person_id, lastActivity: c.last_activity, periodEnded: periodEnds(c.last_activity, years) }));
  if (!due.length) return plan;

  // Their records, and everyone else those records name.
  const records = await recordsNaming(tx, [...dueIds]);
  const currentRows = (rows: NamedRow[]) => {
    const latest = Math.max(...rows.map((x) => x.version));
    return rows.filter((x) => x.version === latest && x.role !== null);
  };
  const others = [...new Set([...records.values()].flatMap(currentRows)
    .filter((x) => x.role !== 'professional' && x.person_id !== null && !dueIds.has(x.person_id))
    .map((x) => x.person_id!))];
  const otherFacts = new Map((await personFacts(tx, others)).map((f) => [f.person_id, f]));
  const otherHeld = await heldPeople(tx, others);
  const otherChildren = await childrenAmong(tx, others.filter((id) => otherFacts.get(id)?.subject));
  const matters = (id: number): string | null => {
    if (otherChildren.has(id)) return `person ${id}: a child who is not due`;
    if (otherFacts.get(id)?.signal !== false) return `person ${id}: has a safeguarding signal`;
    if (otherHeld.has(id)) return `person ${id}: held by an assignment or access grant`;
    return null;
  };
  // What the purge itself would refuse (migration 0012) is kept, with the purge's reasons: an alert of medium
  // or above that cited it, a version left out, someone it names who still matters by the SQL rule.
  const refused = await refusals(tx, [...records.values()].flat().map((x) => x.record_id), cutoff);

  for (const [source, rows] of records) {
    const current = currentRows(rows);
    const entry: PlannedRecord = {
      source,
      recordIds: [...new Set(rows.map((x) => x.record_id))],
      children: [...new Set(current.filter((x) => x.person_id !== null && dueIds.has(x.person_id)).map((x) => x.person_id!))],
    };
    const why: string[] = [...(refused.get(source) ?? [])];
    for (const x of current) {
      if (x.role === 'professional' || (x.person_id !== null && dueIds.has(x.person_id))) continue;
      const reason = x.person_id === null ? 'names someone not linked to a person' : matters(x.person_id);
      if (reason && !why.includes(reason)) why.push(reason);
    }
    if (why.length) plan.kept.push({ ...entry, why });
    else plan.records.push(entry);
  }

  const going = plan.records.flatMap((r) => r.recordIds);
  if (going.length) {
    const orphans = await sql<{ id: number }>`select threadline_retention_orphans(${going}::bigint[]) as id`.execute(tx);
    plan.people = orphans.rows.map((x) => Number(x.id));
    const removed = new Set(plan.people);
    const goingSources = new Set(plan.records.map((r) => r.source));
    plan.touched = [...new Set([...records].filter(([s]) => goingSources.has(s))
      .flatMap(([, rows]) => rows.map((x) => x.person_id).filter((p): p is number => p !== null && !removed.has(p))))].sort((a, b) => a - b);
  }
  return plan;
}

/**
 * Remove what the plan says, in the caller's transaction: the actor is bound to the transaction (with its
 * seal), then the purge checks every rule again itself, removes the records and writes its own audit row
 * naming that actor; then the people who stayed have their keys and alerts brought in step with what is left.
 */
export async function runRetention(tx: Transaction<Database>, now: Date, actor: Actor, opts: RetentionOptions = {}, key: Buffer | null = null): Promise<RetentionResult> {
  const { years } = checkOptions(opts);
  // Nobody links, merges or splits while this decides and removes (ingest stores records meanwhile, and links after).
  await takeLinkLock(tx);
  const plan = await planRetention(tx, now, opts);
  const recordIds = plan.records.flatMap((r) => r.recordIds).sort((a, b) => a - b);
  await bindActor(tx, actor, now, key);
  // The purge writes the one audit row of the run (ids and counts only, never a name), even when nothing goes.
  const r = await sql<{ r: Omit<RetentionResult['removed'], 'people'> & { people: number[]; touched: number[] } }>`
    select threadline_retention_purge(${recordIds}::bigint[], ${years}::int) as r`.execute(tx);
  const out = r.rows[0]!.r;
  const people = [...out.people].map(Number).sort((a, b) => a - b);
  if (out.records !== recordIds.length || people.join() !== [...plan.people].sort((a, b) => a - b).join()) {
    throw new Error(`retention: the purge removed ${out.records} records and people [${people.join(', ')}], `
      + `not the ${recordIds.length} records and people [${plan.people.join(', ')}] planned; nothing was removed`);
  }
  const removed = { records: out.records, mentions: out.mentions, links: out.links, reviews: out.reviews, decisions: out.decisions,
    alerts: out.alerts, alertEvents: out.alertEvents, people: people.length };
  let alerts = { fired: 0, withdrawn: 0 };
  if (recordIds.length) {
    await refreshPersonKeys(tx, plan.touched);
    alerts = await refreshAlerts(tx, plan.touched, now);
  }
  return { ...plan, kept: plan.kept.length, removed, alerts };
}
