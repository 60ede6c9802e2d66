// A child's process as a reader sees it: the derivation (process.ts) over
// their records as of today, with practitioners' own entries beside it: each
// protective decision's sign-off by a manager, and case supervision.
import type { Transaction } from 'kysely';
import type { Database } from '../db/schema.ts';
import type { EvidenceRecord } from '../household/derive.ts';
import { agencyKinds } from '../risk/alerts.ts';
import { addWorkingDays } from '../statutory/calendar.ts';
import { deriveProcess, type ChildProcess, type ProtectiveDecision } from '../statutory/process.ts';
import { listNotifications, type NotificationView } from './notifications.ts';
import { meetingsOf, type MeetingView } from './meetings.ts';
import { signOffsOf } from '../statutory/sign-offs.ts';
import { londonDate } from '../records/dates.ts';

/** Case supervision at least this often while a child is on a plan (local procedures: commonly monthly). */
export const SUPERVISION_EVERY_WORKING_DAYS = 20;

export interface ChildProcessView extends Omit<ChildProcess, 'decisions'> {
  decisions: (ProtectiveDecision & { signedOff: { by: string; at: string; note: string } | null })[];
  supervision: { last: { by: string; at: string } | null; nextDue: string | null; overdue: boolean };
  /** what each agency in the network was told about the child, and whether it has acknowledged */
  notifications: NotificationView[];
  /** conferences and core groups, with each agency's report, dissent and the actions agreed */
  meetings: MeetingView[];
}

export async function processView(tx: Transaction<Database>, personId: number, records: EvidenceRecord[], now: Date): Promise<ChildProcessView> {
  const asOf = londonDate(now);
  const p = deriveProcess(records, personId, asOf, { agencyKinds: await agencyKinds(tx), signOffs: (await signOffsOf(tx, [personId])).get(personId) ?? new Map() });
  const entries = await tx.selectFrom('case_entry as e').innerJoin('app_user as u', 'u.id', 'e.by_user_id').leftJoin('record as r', 'r.id', 'e.record_id')
    .select(['e.kind', 'e.at', 'e.note', 'u.username', 'r.agency_id', 'r.ref']).where('e.person_id', '=', personId).orderBy('e.at').execute();
  const signOffs = new Map(entries.filter((e) => e.kind === 'sign-off').map((e) => [`${e.agency_id}/${e.ref}`, { by: e.username, at: e.at.toISOString(), note: e.note }]));
  const supervisions = entries.filter((e) => e.kind === 'supervision');
  const last = supervisions.at(-1);
  const onPlan = p.plan && !p.plan.endedOn;
  const from = last ? londonDate(last.at) : p.plan?.since;
  const nextDue = onPlan && from ? addWorkingDays(from, SUPERVISION_EVERY_WORKING_DAYS) : null;
  return {
    ...p,
    decisions: p.decisions.map((d) => ({ ...d, signedOff: signOffs.get(d.source) ?? null })),
    supervision: { last: last ? { by: last.username, at: last.at.toISOString() } : null, nextDue, overdue: nextDue !== null && nextDue < asOf },
    notifications: await listNotifications(tx, { personId, limit: 1000 }),
    meetings: await meetingsOf(tx, personId, asOf),
  };
}
