// The "who has looked" page's rows in words: what each audited action was, who (a person by username, an
// agency's system by its key, Threadline itself), and the reason given for break-glass or closing an alert.
import type { LookEntry } from '../access/audit.ts';
import { formatDateTime } from './work-common.ts';

/** The actions that name a child, as a privacy officer would say them. Any other is shown as recorded. */
const WHAT: Record<string, string> = {
  'child.page': "Opened the child's page",
  'child.facts': "Opened the child's page",
  'chronology.read': 'Read the chronology',
  'household.read': 'Read the household',
  'process.read': 'Read the child protection process',
  'record.versions': 'Opened a source record and its versions',
  'alerts.list': 'Read alerts',
  'notifications.list': 'Read notifications',
  'people.search': 'Found the child in a search',
  'people.cards': 'Saw the child in a list',
  'people.list': 'Listed people',
  'cases.mine': 'Saw the child in their own work',
  'deadlines.due': "Saw the child's deadlines in their own work",
  'break-glass': 'Emergency access (break-glass)',
  'records.ingest': 'Sent records',
  'case.assign': 'Changed the professional network',
  'case.supervision': 'Recorded supervision',
  'decision.sign-off': 'Signed off a decision',
  'alert.acknowledge': 'Acknowledged an alert',
  'alert.action': 'Marked an alert as actioned',
  'alert.close': 'Closed an alert',
  'meeting.actions': "Added a meeting's actions",
  'meeting.action-done': 'Completed a meeting action',
  'meeting.report': 'Added a report to a meeting',
  'meeting.dissent': 'Recorded dissent at a meeting',
  'notification.acknowledge': 'Acknowledged a notification',
  'audit.who-has-looked': 'Looked at who has looked',
  'chronology.review-export': 'Exported the chronology for a practice review',
  'subject-access.export': 'Made a subject-access export',
  'person.history': "Read the record's link history",
  'person.split': 'Split a wrongly joined record',
  'person.unmerge': 'Undid a merge',
  'review.same': 'Confirmed two records are the same person',
  'review.different': 'Confirmed two records are different people',
};

/** `user:sue.sw` → sue.sw; an agency system and the operator say what they are. */
export function whoLabel(actor: string): string {
  const [kind, ...rest] = actor.split(':');
  const name = rest.join(':');
  if (kind === 'user') return name;
  if (kind === 'api-key') return `An agency's system (key ${name})`;
  if (kind === 'operator') return `Threadline (${name})`;
  return actor;
}

export interface LookRow { when: string; who: string; agency: string; what: string; breakGlass: boolean; reason: string | null; records: number }

export const lookRows = (looks: LookEntry[]): LookRow[] => looks.map((l) => ({
  when: formatDateTime(l.at), who: whoLabel(l.actor), agency: l.agency ?? '', what: WHAT[l.action] ?? l.action,
  breakGlass: l.action === 'break-glass', reason: l.reason, records: l.records,
}));
