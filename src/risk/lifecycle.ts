// An alert's life: open -> acknowledged -> actioned -> closed (closing needs a
// reason; any open state may be closed). Each step is an event naming who and
// when. An alert nobody acknowledges in time is escalated to a manager.
import { sql, type Transaction } from 'kysely';
import type { Database } from '../db/schema.ts';
import { AppError, invalid, notFound } from '../shared/errors.ts';
import type { Severity } from './types.ts';

export type AlertStatus = 'open' | 'acknowledged' | 'actioned' | 'closed';
export type AlertStep = 'acknowledge' | 'action' | 'close';

const NEXT: Record<AlertStep, { to: AlertStatus; from: AlertStatus[]; event: 'acknowledged' | 'actioned' | 'closed' }> = {
  acknowledge: { to: 'acknowledged', from: ['open'], event: 'acknowledged' },
  action: { to: 'actioned', from: ['open', 'acknowledged'], event: 'actioned' },
  close: { to: 'closed', from: ['open', 'acknowledged', 'actioned'], event: 'closed' },
};

/**
 * How long an alert may wait for someone to acknowledge it before a manager is
 * told. Working Together (2023) asks for a decision on a referral within one
 * working day; a critical alert cannot wait that long.
 */
export const ESCALATE_AFTER_HOURS: Record<Severity, number | null> = { critical: 1, high: 4, medium: 24, low: null };

export interface AlertView {
  id: number;
  personId: number;
  rule: string;
  severity: Severity;
  status: AlertStatus;
  firstFiredOn: string;
  lastFiredOn: string;
  evidence: string[];
  explanation: string;
  recipients: string[];
  escalatedAt: string | null;
  createdAt: string;
  events: { at: string; kind: string; firingKey: string | null; firedOn: string | null; severity: string | null; evidence: string[] | null; explanation: string | null; ruleSource: string | null; by: string | null; reason: string | null }[];
}

export async function stepAlert(tx: Transaction<Database>, alertId: number, step: AlertStep, by: string, reason: string | undefined, at: Date) {
  const alert = await tx.selectFrom('alert').select(['id', 'status', 'person_id']).where('id', '=', alertId).forUpdate().executeTakeFirst();
  if (!alert) throw notFound(`no alert ${alertId}`);
  const next = NEXT[step];
  if (!next.from.includes(alert.status)) throw new AppError(409, 'conflict', `alert ${alertId} is ${alert.status}: it cannot be ${next.event}`);
  if (step === 'close' && !reason?.trim()) throw invalid('/reason', 'say why the alert is closed');
  await tx.updateTable('alert').set({ status: next.to, updated_at: at }).where('id', '=', alertId).execute();
  await tx.insertInto('alert_event').values({ alert_id: alertId, at, kind: next.event, by, reason: reason?.trim() || null }).execute();
  return { id: alertId, personId: alert.person_id, status: next.to };
}

/** Tell a manager about every open alert past its deadline, once. Returns the alerts escalated. */
export async function escalateOverdue(tx: Transaction<Database>, now: Date): Promise<number[]> {
  const escalated: number[] = [];
  for (const [severity, hours] of Object.entries(ESCALATE_AFTER_HOURS)) {
    if (hours === null) continue;
    const due = new Date(now.getTime() - hours * 3_600_000);
    const rows = (await sql<{ id: number; recipients: string[] }>`
      update alert set escalated_at = ${now}, updated_at = ${now},
        recipients = array(select distinct unnest(recipients || array['manager:duty']::text[]))
      where status = 'open' and escalated_at is null and severity = ${severity} and created_at <= ${due}
      returning id, recipients`.execute(tx)).rows;
    for (const r of rows) {
      await tx.insertInto('alert_event').values({ alert_id: r.id, at: now, kind: 'escalated', by: 'engine',
        reason: `not acknowledged within ${hours} hour${hours === 1 ? '' : 's'} of a ${severity} alert: the duty manager is told` }).execute();
      escalated.push(r.id);
    }
  }
  return escalated;
}

export interface AlertFilter {
  status?: AlertStatus | 'not-closed';
  personId?: number;
  /** only alerts routed to any of these recipients ('agency:<id>', 'user:<id>', 'role:privacy-officer', 'manager:duty') */
  recipients?: readonly string[];
  ids?: number[];
  limit: number;
  offset: number;
}

export async function listAlerts(tx: Transaction<Database>, f: AlertFilter): Promise<{ total: number; alerts: AlertView[] }> {
  let q = tx.selectFrom('alert');
  if (f.status === 'not-closed') q = q.where('status', '<>', 'closed');
  else if (f.status) q = q.where('status', '=', f.status);
  if (f.personId !== undefined) q = q.where('person_id', '=', f.personId);
  if (f.recipients) q = q.where(sql<boolean>`recipients && ${[...f.recipients]}::text[]`);
  if (f.ids) q = q.where('id', 'in', f.ids.length ? f.ids : [-1]);
  const total = Number((await q.select((e) => e.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
  const rows = await q.selectAll()
    .orderBy(sql`case severity when 'critical' then 0 when 'high' then 1 when 'medium' then 2 else 3 end`)
    .orderBy('last_fired_on', 'desc').orderBy('id').limit(f.limit).offset(f.offset).execute();
  const events = rows.length ? await tx.selectFrom('alert_event').selectAll().where('alert_id', 'in', rows.map((r) => r.id)).orderBy('id').execute() : [];
  return {
    total,
    alerts: rows.map((r) => ({
      id: r.id,
      personId: r.person_id,
      rule: r.rule,
      severity: r.severity,
      status: r.status,
      firstFiredOn: String(r.first_fired_on),
      lastFiredOn: String(r.last_fired_on),
      evidence: r.evidence,
      explanation: r.explanation,
      recipients: r.recipients,
      escalatedAt: r.escalated_at ? new Date(r.escalated_at).toISOString() : null,
      createdAt: new Date(r.created_at).toISOString(),
      events: events.filter((e) => e.alert_id === r.id).map((e) => ({
        at: new Date(e.at).toISOString(), kind: e.kind, firingKey: e.firing_key, firedOn: e.fired_on === null ? null : String(e.fired_on), severity: e.severity,
        evidence: e.evidence, explanation: e.explanation, ruleSource: e.rule_source, by: e.by, reason: e.reason,
      })),
    })),
  };
}

/**
 * The firings of these alerts that still stand (standingOf), oldest first: what the engine found, when.
 */
export function standingFirings(alerts: AlertView[]) {
  const out: { alertId: number; personId: number; rule: string; at: string; severity: string; evidence: string[]; explanation: string; ruleSource: string | null }[] = [];
  for (const a of alerts) {
    for (const e of standingOf(a.events, (x) => x.firingKey)) {
      out.push({ alertId: a.id, personId: a.personId, rule: a.rule, at: e.firedOn!, severity: e.severity!, evidence: e.evidence ?? [], explanation: e.explanation ?? '', ruleSource: e.ruleSource });
    }
  }
  return out.sort((x, y) => (x.at < y.at ? -1 : x.at > y.at ? 1 : x.alertId - y.alertId));
}

/**
 * The standing firings of one person's alerts, oldest first, in one query (what a chronology marks on its
 * entries): the same firings standingFirings gives for every alert of theirs, without reading each alert's
 * whole history of events.
 */
export async function standingFiringsOfPerson(tx: Transaction<Database>, personId: number): Promise<{ alertId: number; rule: string; at: string; severity: string; evidence: string[] }[]> {
  // Every fired and withdrawn event, oldest first; the last of each firing decides (cheaper here than asking
  // the database to sort by firing key).
  const rows = (await sql<{ alert_id: number; rule: string; kind: string; firing_key: string; severity: string; fired_on: string; evidence: string[] | null }>`
    select e.alert_id, a.rule, e.kind, e.firing_key, e.severity, e.fired_on::text as fired_on, e.evidence
    from alert a join alert_event e on e.alert_id = a.id
    where a.person_id = ${personId} and e.kind in ('fired', 'withdrawn')
    order by e.alert_id, e.id`.execute(tx)).rows;
  return standingOf(rows, (r) => `${r.alert_id}|${r.firing_key}`)
    .map((r) => ({ alertId: Number(r.alert_id), rule: r.rule, at: r.fired_on, severity: r.severity, evidence: r.evidence ?? [] }))
    .sort((x, y) => (x.at < y.at ? -1 : x.at > y.at ? 1 : x.alertId - y.alertId));
}

/**
 * Of events in the order they happened, each firing's last 'fired' or 'withdrawn' event, where that is
 * 'fired': the firings that stand (the engine fires a withdrawn firing again, same key, when the records
 * support it once more).
 */
function standingOf<E extends { kind: string }>(events: readonly E[], firing: (e: E) => string | null): E[] {
  const last = new Map<string | null, E>();
  for (const e of events) if (e.kind === 'fired' || e.kind === 'withdrawn') last.set(firing(e), e);
  return [...last.values()].filter((e) => e.kind === 'fired');
}
