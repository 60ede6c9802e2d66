// Conferences and core groups as records of their own: the meeting is the
// agency record (`conference` or `core-group`) that social care sends; around
// it Threadline keeps each agency's report, any dissent, and the actions the
// meeting agreed, each with an owner agency and a due date, until done.
// Overdue actions are raised to their owner agency and the allocated worker
// (the hourly refresh), through the alert model, so they escalate like any alert.
import { sql, type Transaction } from 'kysely';
import type { Database } from '../db/schema.ts';
import { invalid, notFound } from '../shared/errors.ts';
import { isWorkingDay } from '../statutory/calendar.ts';
import { londonDate } from '../records/dates.ts';

export interface MeetingView {
  source: string;
  recordId: number;
  kind: 'conference' | 'core-group';
  heldOn: string;
  /** the agencies invited: those present and those absent (the agency-record contract records no one else as invited) */
  invited: string[];
  present: string[];
  absent: string[];
  decision: string | null;
  /** the agency record's own dissent (conferences) and the agencies' own */
  dissent: { agency: string; text: string }[];
  reports: { agency: string; text: string; by: string; at: string }[];
  actions: ActionView[];
}

export interface ActionView {
  id: number;
  owner: string;
  action: string;
  due: string;
  done: { by: string; at: string; note: string } | null;
  status: 'done' | 'overdue' | 'open';
}

/** The meeting record (`agency/ref`, newest version) about this child, or a specific refusal. */
export async function meetingRecord(tx: Transaction<Database>, personId: number, source: string): Promise<{ id: number; kind: string }> {
  const slash = source.indexOf('/');
  const row = (await sql<{ id: number; kind: string }>`
    select r.id, r.kind from record r
    where r.agency_id = ${source.slice(0, slash)} and r.ref = ${source.slice(slash + 1)}
      and exists (select 1 from mention m join person_mention pm on pm.mention_id = m.id where m.record_id = r.id and pm.person_id = ${personId})
    order by r.version desc limit 1`.execute(tx)).rows[0];
  if (!row) throw notFound(`no meeting ${source} about person ${personId}`);
  if (row.kind !== 'conference' && row.kind !== 'core-group') throw invalid('/meeting', `${source} is a ${row.kind}, not a conference or core group`);
  return row;
}

export async function addActions(
  tx: Transaction<Database>,
  m: { personId: number; recordId: number; by: string; actions: { owner: string; action: string; due: string }[] },
  at: Date,
): Promise<number[]> {
  if (!m.actions.length) throw invalid('/actions', 'give at least one action');
  const agencies = new Set((await tx.selectFrom('agency').select('id').execute()).map((a) => a.id));
  m.actions.forEach((a, i) => {
    if (!agencies.has(a.owner)) throw invalid(`/actions/${i}/owner`, `agency '${a.owner}' is not registered`);
    if (!a.action.trim()) throw invalid(`/actions/${i}/action`, 'say what is to be done');
    if (!/^\d{4}-\d{2}-\d{2}$/.test(a.due) || Number.isNaN(Date.parse(`${a.due}T00:00:00Z`))) throw invalid(`/actions/${i}/due`, 'the due date is YYYY-MM-DD');
    if (!isWorkingDay(a.due)) throw invalid(`/actions/${i}/due`, `${a.due} is not a working day in England`);
  });
  const rows = await tx.insertInto('meeting_action').values(m.actions.map((a) => ({
    record_id: m.recordId, person_id: m.personId, owner_agency: a.owner, action: a.action.trim(), due_on: a.due, by: m.by, at,
  }))).returning('id').execute();
  return rows.map((r) => r.id);
}

export async function completeAction(tx: Transaction<Database>, actionId: number, ownerAgency: string | null, by: string, note: string, at: Date): Promise<{ personId: number }> {
  const a = await tx.selectFrom('meeting_action').select(['person_id', 'owner_agency']).where('id', '=', actionId).executeTakeFirst();
  if (!a || (ownerAgency !== null && a.owner_agency !== ownerAgency)) throw notFound(`no action ${actionId} for ${ownerAgency ?? 'you'}`);
  const done = await tx.selectFrom('meeting_action_done').select(['by', 'at']).where('action_id', '=', actionId).executeTakeFirst();
  if (done) throw invalid('/id', `action ${actionId} was done already (${done.by}, ${londonDate(done.at)})`);
  await tx.insertInto('meeting_action_done').values({ action_id: actionId, note: note.trim(), by, at }).execute();
  return { personId: a.person_id };
}

export async function addContribution(
  tx: Transaction<Database>,
  c: { personId: number; recordId: number; agencyId: string; kind: 'report' | 'dissent'; text: string; by: string },
  at: Date,
): Promise<number> {
  if (c.kind !== 'report' && c.kind !== 'dissent') throw invalid('/kind', 'a contribution is a report or a dissent');
  if (!c.text.trim()) throw invalid('/text', 'the report or dissent is empty');
  const row = await tx.insertInto('meeting_contribution').values({
    record_id: c.recordId, person_id: c.personId, agency_id: c.agencyId, kind: c.kind, text: c.text.trim(), by: c.by, at,
  }).returning('id').executeTakeFirstOrThrow();
  return row.id;
}

/** Every conference and core group about the child, with reports, dissent and actions, oldest first. */
export async function meetingsOf(tx: Transaction<Database>, personId: number, asOf: string): Promise<MeetingView[]> {
  const records = (await sql<{ id: number; agency_id: string; ref: string; kind: 'conference' | 'core-group'; occurred_on: string; document: { body: Record<string, unknown> } }>`
    select distinct on (r.agency_id, r.ref) r.id, r.agency_id, r.ref, r.kind, r.occurred_on::text as occurred_on, r.document
    from record r join mention m on m.record_id = r.id join person_mention pm on pm.mention_id = m.id
    where pm.person_id = ${personId} and r.kind in ('conference', 'core-group')
    order by r.agency_id, r.ref, r.version desc`.execute(tx)).rows;
  if (!records.length) return [];
  const ids = records.map((r) => r.id);
  // Entries made against any version of the meeting's record belong to the meeting.
  const versions = (await sql<{ id: number; newest: number }>`
    select v.id, r.id as newest from record r join record v on v.agency_id = r.agency_id and v.ref = r.ref
    where r.id = any(${ids}::bigint[])`.execute(tx)).rows;
  const meetingOf = new Map(versions.map((v) => [Number(v.id), Number(v.newest)]));
  const contributions = await tx.selectFrom('meeting_contribution').selectAll().where('person_id', '=', personId).orderBy('id').execute();
  const actions = await tx.selectFrom('meeting_action as a').leftJoin('meeting_action_done as d', 'd.action_id', 'a.id')
    .select(['a.id', 'a.record_id', 'a.owner_agency', 'a.action', 'a.due_on', 'd.by', 'd.at', 'd.note'])
    .where('a.person_id', '=', personId).orderBy('a.id').execute();
  return records.sort((a, b) => (a.occurred_on < b.occurred_on ? -1 : a.occurred_on > b.occurred_on ? 1 : a.id - b.id)).map((r) => {
    const b = r.document.body;
    const mine = <T extends { record_id: number }>(xs: T[]) => xs.filter((x) => meetingOf.get(Number(x.record_id)) === r.id);
    const own = mine(contributions);
    const present = (b.agenciesPresent as string[] | undefined) ?? [];
    const absent = (b.agenciesAbsent as string[] | undefined) ?? [];
    return {
      source: `${r.agency_id}/${r.ref}`,
      recordId: r.id,
      kind: r.kind,
      heldOn: r.occurred_on,
      invited: [...new Set([...present, ...absent])].sort(),
      present,
      absent,
      decision: typeof b.decision === 'string' ? b.decision : null,
      dissent: [...(typeof b.dissent === 'string' ? [{ agency: r.agency_id, text: b.dissent }] : []),
        ...own.filter((c) => c.kind === 'dissent').map((c) => ({ agency: c.agency_id, text: c.text }))],
      reports: own.filter((c) => c.kind === 'report').map((c) => ({ agency: c.agency_id, text: c.text, by: c.by, at: c.at.toISOString() })),
      actions: mine(actions).map((a) => ({
        id: a.id, owner: a.owner_agency, action: a.action, due: a.due_on,
        done: a.by && a.at ? { by: a.by, at: new Date(a.at).toISOString(), note: a.note ?? '' } : null,
        status: a.by ? 'done' as const : a.due_on < asOf ? 'overdue' as const : 'open' as const,
      })),
    };
  });
}

/** Actions past their due date and not done, for the hourly refresh to raise. */
export async function overdueActions(tx: Transaction<Database>, asOf: string): Promise<{ id: number; personId: number; owner: string; action: string; due: string }[]> {
  const rows = await tx.selectFrom('meeting_action as a').leftJoin('meeting_action_done as d', 'd.action_id', 'a.id')
    .select(['a.id', 'a.person_id', 'a.owner_agency', 'a.action', 'a.due_on']).where('d.id', 'is', null).where('a.due_on', '<', asOf).execute();
  return rows.map((r) => ({ id: r.id, personId: r.person_id, owner: r.owner_agency, action: r.action, due: r.due_on }));
}
