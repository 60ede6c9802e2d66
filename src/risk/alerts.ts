// Alerts in the database: the rule engine's firings for a child, kept in step
// with the records on every ingest, routed to the people who must know, and
// escalated when nobody acknowledges them in time.
//
// Reconciling is what makes alerts independent of arrival order: the engine's
// firings are a function of the child's records, and the stored firings are
// made equal to them. A firing no longer supported (a record corrected, two
// children split apart) is withdrawn by an event, never deleted.
import { sql, type Transaction } from 'kysely';
import type { Database } from '../db/schema.ts';
import { childrenEvidence } from '../household/household.ts';
import type { EvidenceRecord } from '../household/derive.ts';
import { eighteenthBirthday, isChildOn } from '../household/adulthood.ts';
import { dateOfBirthOf } from '../identity/people.ts';
import { FROM_THE_START, NOTHING_CHANGED, resumeChild } from './engine.ts';
import { engineStatesOf, forgetEngineState, keepEngineState } from './alert-state.ts';
import { signOffsOf } from '../statutory/sign-offs.ts';
import { allocatedWorker, moreSevere } from './facts.ts';
import type { Firing, Severity } from './types.ts';
import { correctionsOf, type Corrections } from './injury-context.ts';
import { londonDate } from '../records/dates.ts';

export const firingKey = (f: Pick<Firing, 'rule' | 'at' | 'severity' | 'evidence'>) =>
  `${f.rule}|${f.at}|${f.severity}|${[...f.evidence].sort().join(',')}`;

/**
 * What the rules read of a person: their childhood. The records before their 18th birthday (every record
 * when no date of birth is known and they are a child by household/adulthood.ts), and the last day the rules may
 * look to (`until`, or the day before the 18th birthday if sooner). Null when they were never the subject
 * of a record as a child. So alerts raised about a child stand once they grow up (a practice review needs
 * them, and the records still support them), and records about the adult raise no child's alert.
 */
export function childhoodOf(personId: number, records: EvidenceRecord[], until: string): { records: EvidenceRecord[]; until: string } | null {
  const isSubject = (r: EvidenceRecord) => r.document.people.some((p) => r.personOf[p.key] === personId && p.role === 'subject');
  const own = records.flatMap((r) => r.document.people.filter((p) => r.personOf[p.key] === personId));
  const person = { dob: dateOfBirthOf(own.map((p) => p.dob)), roles: [...new Set(own.map((p) => p.role))], relationships: own.flatMap((p) => p.relationship ?? []) };
  const adultFrom = eighteenthBirthday(person.dob);
  if (adultFrom === null) return isChildOn(person, until) ? { records, until } : null;
  const young = records.filter((r) => r.occurredOn < adultFrom);
  if (!young.some(isSubject)) return null;
  const lastChildDay = new Date(Date.parse(`${adultFrom}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
  return { records: young, until: until < lastChildDay ? until : lastChildDay };
}

/**
 * A child now, by their records (retention's test, access/retention.ts): their childhood (childhoodOf) holds
 * every one of their records, so they were the subject of one and are still under 18 at the newest.
 */
export function isChild(personId: number, records: EvidenceRecord[]): boolean {
  const newest = records.reduce((m, r) => (r.occurredOn > m ? r.occurredOn : m), '');
  return childhoodOf(personId, records, newest)?.records.length === records.length;
}

/** Who is told: the allocated social worker, and every agency in the child's network. */
export function recipientsOf(records: EvidenceRecord[]): string[] {
  const worker = allocatedWorker(records);
  return [...(worker ? [`worker:${worker}`] : []), ...[...new Set(records.map((r) => r.agencyId))].sort().map((a) => `agency:${a}`)];
}

export async function agencyKinds(tx: Transaction<Database>): Promise<Record<string, string>> {
  const rows = await tx.selectFrom('agency').select(['id', 'kind']).execute();
  return Object.fromEntries(rows.map((r) => [r.id, r.kind]));
}

/**
 * Children whose process has clocks that can run out with nothing recorded: those a conference or strategy
 * discussion named (the daily refresh looks at them again as of today).
 */
export async function childrenWithProcess(tx: Transaction<Database>): Promise<number[]> {
  const rows = (await sql<{ person_id: number }>`
    select distinct pm.person_id from record r join mention m on m.record_id = r.id and m.role = 'subject'
    join person_mention pm on pm.mention_id = m.id
    where r.kind in ('conference', 'strategy-discussion')`.execute(tx)).rows;
  return rows.map((r) => Number(r.person_id));
}

/** Re-run the rules for these people (those who are children) and bring their stored alerts in step. */
export async function refreshAlerts(tx: Transaction<Database>, personIds: number[], at: Date): Promise<{ fired: number; withdrawn: number }> {
  const totals = { fired: 0, withdrawn: 0 };
  if (!personIds.length) return totals;
  const kinds = await agencyKinds(tx);
  const stored = await standingFiringsOf(tx, personIds);
  // Only possible children's records are read (a mother is in every record of her children).
  const today = londonDate(at);
  const candidates = await possibleChildren(tx, personIds);
  const evidence = await childrenEvidence(tx, candidates, (id, about) => childhoodOf(id, about, today) !== null);
  const signOffs = await signOffsOf(tx, candidates);
  const states = await engineStatesOf(tx, candidates);
  for (const personId of personIds) {
    const all = evidence.get(personId);
    const childhood = all ? childhoodOf(personId, all, today) : null;
    const current = stored.get(personId) ?? [];
    if (!childhood && states.has(personId)) await forgetEngineState(tx, personId);
    // People with alerts who are no longer children with records (merged away, split) have their firings withdrawn.
    if (!childhood && !current.length) continue;
    // Evaluated up to the refresh's own day (or the 18th birthday), so a deadline missed with nothing recorded since is raised too.
    const opts = childhood && { agencyKinds: kinds, until: childhood.until, signOffs: signOffs.get(personId) ?? new Map<string, string>() };
    let run = childhood && opts ? resumeChild(personId, childhood.records, opts, states.get(personId) ?? null) : null;
    // The firings the state keeps must be the ones stored (written together, in one transaction); when they are
    // not (alerts from before the state was kept), everything is looked at again.
    if (run && run.from !== FROM_THE_START && current.filter((c) => c.fired_on < run!.from).length !== run.kept) {
      run = resumeChild(personId, childhood!.records, opts!, null);
    }
    if (run && run.from !== NOTHING_CHANGED) await keepEngineState(tx, personId, run.state, at);
    // Only firings from the first day looked at again can have changed.
    const from = run?.from ?? FROM_THE_START;
    const firings = run?.firings ?? [];
    const reconsidered = current.filter((c) => c.fired_on >= from);
    const storedKeys = new Set(reconsidered.map((c) => c.firing_key));
    if (firings.length === reconsidered.length && firings.every((f) => storedKeys.has(firingKey(f)))) continue;
    const r = await reconcile(tx, personId, firings, reconsidered, all ? recipientsOf(all) : [], at, all ? correctionsOf(all, personId) : new Map());
    totals.fired += r.fired;
    totals.withdrawn += r.withdrawn;
  }
  return totals;
}

/**
 * Alerts about access or agreed actions rather than about the child's records (break-glass, a limited
 * relationship opened by writing, an action a meeting agreed that is overdue). They share the alert lifecycle
 * (acknowledge, action, close, escalation) but no rule derives them, so reconciling never withdraws them.
 */
export const NOTICE_RULES = ['break-glass', 'limited-relationship', 'action-overdue'] as const;

export async function raiseNotice(
  tx: Transaction<Database>,
  personId: number,
  n: { rule: (typeof NOTICE_RULES)[number]; key: string; severity: Severity; explanation: string; source: string; recipients: string[] },
  at: Date,
): Promise<number | null> {
  const key = `${n.rule}|${n.key}`;
  // Once per occasion: the same break-glass grant or overdue action is not raised twice.
  const raised = await tx.selectFrom('alert_event').select('id').where('firing_key', '=', key).where('kind', '=', 'fired').executeTakeFirst();
  if (raised) return null;
  const firing: Firing = {
    rule: n.rule, ruleVersion: 1, ruleSource: n.source, personId, at: londonDate(at),
    severity: n.severity, evidence: [], explanation: n.explanation,
  };
  const alertId = await openAlertFor(tx, personId, firing, n.recipients, at);
  await tx.insertInto('alert_event').values({
    alert_id: alertId, at, kind: 'fired', fired_on: firing.at, severity: firing.severity, evidence: [], explanation: firing.explanation,
    rule_version: 1, rule_source: n.source, firing_key: key,
  } as never).execute();
  await restate(tx, alertId, n.recipients, at);
  return alertId;
}

interface StoredFiring {
  alert_id: number;
  firing_key: string;
  severity: Severity;
  fired_on: string;
}

/**
 * Of these people, those who may have been children in their records, decided from their mention rows
 * alone: the subject of some record, and either never named as a parent, carer or partner, or the subject
 * of a record in a year they could have been under 18 by that mention's date of birth. childhoodOf then
 * decides on the records themselves.
 */
async function possibleChildren(tx: Transaction<Database>, personIds: number[]): Promise<number[]> {
  const rows = (await sql<{ person_id: number }>`
    select pm.person_id from person_mention pm join mention m on m.id = pm.mention_id join record r on r.id = m.record_id
    where pm.person_id = any(${personIds}::bigint[])
    group by pm.person_id
    having (bool_or(m.role = 'subject') and not bool_or(m.role in ('parent', 'carer', 'partner-of-parent')))
      or bool_or(m.role = 'subject' and case when m.dob ~ '^\\d{4}' then left(m.dob, 4)::int + 18 >= extract(year from r.occurred_on) else false end)`.execute(tx)).rows;
  return rows.map((r) => Number(r.person_id));
}

/**
 * The firings standing (fired, not withdrawn) for each of these people, in one query: of each alert's events
 * for a firing, the last says whether it stands (a child known for years has hundreds of firings in one
 * alert, so each is not checked against every later event).
 */
async function standingFiringsOf(tx: Transaction<Database>, personIds: number[]): Promise<Map<number, StoredFiring[]>> {
  const rows = (await sql<StoredFiring & { person_id: number; kind: string }>`
    select * from (
      select distinct on (e.alert_id, e.firing_key) a.person_id, e.alert_id, e.firing_key, e.kind, e.severity, e.fired_on::text as fired_on
      from alert a join alert_event e on e.alert_id = a.id
      where a.person_id = any(${personIds}::bigint[]) and e.kind in ('fired', 'withdrawn') and a.rule <> all(${[...NOTICE_RULES]}::text[])
      order by e.alert_id, e.firing_key, e.id desc
    ) last where last.kind = 'fired'`.execute(tx)).rows;
  const out = new Map<number, StoredFiring[]>();
  for (const r of rows) {
    const id = Number(r.person_id);
    const list = out.get(id);
    if (list) list.push(r);
    else out.set(id, [r]);
  }
  return out;
}

/**
 * Why a stored firing is withdrawn, in words: a record it cites corrected by a later one (a bruise charted that
 * was a birthmark), or, in general, the records as they now stand (a record amended, children split).
 */
export function withdrawalReason(firingKey: string, corrections: Corrections): string {
  const cited = firingKey.split('|')[3]?.split(',').filter(Boolean) ?? [];
  const corrected = cited.flatMap((source) => { const c = corrections.get(source); return c ? [`${source} was corrected by ${c.source} (${c.field}: "${c.phrase}")`] : []; });
  return corrected.length ? `withdrawn by a correction: ${corrected.join('; ')}; what it raised no longer stands` : 'the records no longer support this firing';
}

async function reconcile(tx: Transaction<Database>, personId: number, firings: Firing[], current: StoredFiring[], recipients: string[], at: Date, corrections: Corrections) {
  const wanted = new Map(firings.map((f) => [firingKey(f), f]));
  const stored = new Set(current.map((c) => c.firing_key));
  const touched = new Set<number>();
  let withdrawn = 0;
  for (const c of current) {
    if (wanted.has(c.firing_key)) continue;
    await tx.insertInto('alert_event').values({ alert_id: c.alert_id, at, kind: 'withdrawn', firing_key: c.firing_key, by: 'engine', reason: withdrawalReason(c.firing_key, corrections) }).execute();
    touched.add(c.alert_id);
    withdrawn++;
  }
  let fired = 0;
  for (const [key, f] of wanted) {
    if (stored.has(key)) continue;
    const alertId = await openAlertFor(tx, personId, f, recipients, at);
    await tx.insertInto('alert_event').values({
      alert_id: alertId, at, kind: 'fired', fired_on: f.at, severity: f.severity, evidence: f.evidence, explanation: f.explanation,
      rule_version: f.ruleVersion, rule_source: f.ruleSource, contributing: f.contributing ?? null, firing_key: key,
    } as never).execute();
    touched.add(alertId);
    fired++;
  }
  for (const id of touched) await restate(tx, id, recipients, at);
  return { fired, withdrawn };
}

async function openAlertFor(tx: Transaction<Database>, personId: number, f: Firing, recipients: string[], at: Date): Promise<number> {
  const open = await tx.selectFrom('alert').select('id').where('person_id', '=', personId).where('rule', '=', f.rule)
    .where('status', '<>', 'closed').executeTakeFirst();
  if (open) return open.id;
  const row = await tx.insertInto('alert').values({
    person_id: personId, rule: f.rule, severity: f.severity, status: 'open', first_fired_on: f.at, last_fired_on: f.at,
    evidence: f.evidence, explanation: f.explanation, recipients, created_at: at, updated_at: at,
  }).returning('id').executeTakeFirstOrThrow();
  return row.id;
}

/** The alert's current state from its firings still standing: highest severity, all evidence, latest explanation. */
async function restate(tx: Transaction<Database>, alertId: number, recipients: string[], at: Date): Promise<void> {
  const standing = (await sql<{ severity: Severity; evidence: string[]; explanation: string; fired_on: string }>`
    select severity, evidence, explanation, fired_on from (
      select distinct on (e.firing_key) e.id, e.kind, e.severity, e.evidence, e.explanation, e.fired_on::text as fired_on from alert_event e
      where e.alert_id = ${alertId} and e.kind in ('fired', 'withdrawn')
      order by e.firing_key, e.id desc
    ) last where last.kind = 'fired'
    order by fired_on, id`.execute(tx)).rows;
  const alert = await tx.selectFrom('alert').select(['status', 'recipients']).where('id', '=', alertId).executeTakeFirstOrThrow();
  if (!standing.length) {
    if (alert.status !== 'closed') {
      await tx.updateTable('alert').set({ status: 'closed', updated_at: at }).where('id', '=', alertId).execute();
      await tx.insertInto('alert_event').values({ alert_id: alertId, at, kind: 'closed', by: 'engine', reason: 'every firing was withdrawn: the records no longer support the alert' }).execute();
    }
    return;
  }
  const severity = standing.reduce<Severity>((s, f) => (moreSevere(f.severity, s) ? f.severity : s), 'low');
  const last = standing[standing.length - 1]!;
  await tx.updateTable('alert').set({
    severity,
    first_fired_on: standing[0]!.fired_on,
    last_fired_on: last.fired_on,
    evidence: [...new Set(standing.flatMap((f) => f.evidence))],
    explanation: last.explanation,
    recipients: [...new Set([...alert.recipients, ...recipients])],
    updated_at: at,
  }).where('id', '=', alertId).execute();
}
