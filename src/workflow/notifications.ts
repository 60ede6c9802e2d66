// Telling every agency in a child's network (Working Together 2023: agencies
// share information about changes that affect a child's safety), and keeping
// who has acknowledged. The network is every agency that has sent a record
// naming the child or received a referral about them.
import { sql, type Transaction } from 'kysely';
import type { Database } from '../db/schema.ts';

export type NotificationKind = 'allocated-worker' | 'household' | 'meeting-decisions' | 'relationship';

export async function networkAgencies(tx: Transaction<Database>, personId: number): Promise<string[]> {
  const rows = (await sql<{ agency: string }>`
    select distinct r.agency_id as agency from person_mention pm join mention m on m.id = pm.mention_id join record r on r.id = m.record_id
    where pm.person_id = ${personId}
    union
    select distinct r.document->'body'->>'to' from person_mention pm join mention m on m.id = pm.mention_id join record r on r.id = m.record_id
    where pm.person_id = ${personId} and r.kind = 'referral' and exists (select 1 from agency a where a.id = r.document->'body'->>'to')`.execute(tx)).rows;
  return rows.map((r) => r.agency).sort();
}

export async function notify(
  tx: Transaction<Database>,
  n: { personId: number; kind: NotificationKind; about: string; recordId?: number | null; recipients: string[] },
  at: Date,
): Promise<number> {
  const recipients = [...new Set(n.recipients)];
  if (!recipients.length) return 0;
  await tx.insertInto('notification').values(recipients.map((agency) => ({
    person_id: n.personId, kind: n.kind, about: n.about, record_id: n.recordId ?? null, recipient_agency: agency, created_at: at,
  }))).execute();
  return recipients.length;
}

/**
 * Notifications a batch of records occasions: a household change or placement tells every agency in the
 * child's network but the sender; a conference or core group tells each agency that was absent.
 */
export async function notifyFromRecords(tx: Transaction<Database>, recordIds: number[], at: Date): Promise<number> {
  if (!recordIds.length) return 0;
  const rows = (await sql<{ id: number; agency_id: string; kind: string; document: { body: Record<string, unknown> }; person_id: number }>`
    select r.id, r.agency_id, r.kind, r.document, pm.person_id from record r
    join mention m on m.record_id = r.id and m.role = 'subject' join person_mention pm on pm.mention_id = m.id
    where r.id = any(${recordIds}::bigint[]) and r.kind in ('household-change', 'placement', 'conference', 'core-group')`.execute(tx)).rows;
  let sent = 0;
  for (const r of rows) {
    const b = r.document.body;
    if (r.kind === 'household-change' || r.kind === 'placement') {
      const what = r.kind === 'placement' ? `placement: ${String(b.change)}` : `household: someone ${String(b.change)}`;
      sent += await notify(tx, { personId: r.person_id, kind: 'household', about: `${what} (${r.agency_id})`, recordId: r.id,
        recipients: (await networkAgencies(tx, r.person_id)).filter((a) => a !== r.agency_id) }, at);
    } else {
      const absent = ((b.agenciesAbsent as string[] | undefined) ?? []).filter((a) => a !== r.agency_id);
      const decided = r.kind === 'conference' ? `${String(b.type)} conference decided: ${String(b.decision)}` : `core group${(b.actions as string[] | undefined)?.length ? ` agreed actions: ${(b.actions as string[]).join('; ')}` : ''}`;
      const known = (await tx.selectFrom('agency').select('id').where('id', 'in', absent.length ? absent : ['']).execute()).map((a) => a.id);
      sent += await notify(tx, { personId: r.person_id, kind: 'meeting-decisions', about: `absent from the meeting: ${decided}`, recordId: r.id, recipients: known }, at);
    }
  }
  return sent;
}

export interface NotificationView {
  id: number;
  personId: number;
  kind: NotificationKind;
  about: string;
  recipient: string;
  createdAt: string;
  acknowledged: { by: string; at: string } | null;
}

export async function listNotifications(tx: Transaction<Database>, f: { recipient?: string; personId?: number; unacknowledged?: boolean; ids?: number[]; limit: number }): Promise<NotificationView[]> {
  let q = tx.selectFrom('notification as n').leftJoin('notification_ack as k', 'k.notification_id', 'n.id')
    .select(['n.id', 'n.person_id', 'n.kind', 'n.about', 'n.recipient_agency', 'n.created_at', 'k.by', 'k.at']);
  if (f.recipient) q = q.where('n.recipient_agency', '=', f.recipient);
  if (f.personId !== undefined) q = q.where('n.person_id', '=', f.personId);
  if (f.unacknowledged) q = q.where('k.id', 'is', null);
  if (f.ids) q = q.where('n.id', 'in', f.ids.length ? f.ids : [-1]);
  const rows = await q.orderBy('n.id', 'desc').limit(f.limit).execute();
  return rows.map((r) => ({
    id: r.id, personId: r.person_id, kind: r.kind as NotificationKind, about: r.about, recipient: r.recipient_agency,
    createdAt: r.created_at.toISOString(), acknowledged: r.by && r.at ? { by: r.by, at: new Date(r.at).toISOString() } : null,
  }));
}
