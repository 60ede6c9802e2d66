// What an agency with a limited relationship with a child sees (relationship.ts
// says who has one), who leads the child's case and so may grant the full
// picture, and who is told of access decisions.
//
// A limited view is: the agency's own records about the child; the fact that
// other agencies hold records (how many, of which kinds of agency: never what
// they say, and never a record the sharing policy would hide from this agency
// altogether, since even its existence is withheld); whom to contact (the
// allocated worker, else the lead agency's duty team); and the alerts routed to
// the agency.
import { sql, type Transaction } from 'kysely';
import type { Database } from '../db/schema.ts';
import type { Actor } from '../shared/actor.ts';
import { EVERYONE } from '../shared/relationship.ts';
import { personChronology, type ChronologyEntry } from '../chronology/chronology.ts';
import { decide, type SharingPolicy } from './sharing-policy.ts';

export interface Contact {
  /** the allocated worker (a person), or the lead agency's duty team */
  kind: 'allocated-worker' | 'duty-team';
  name: string;
  agencyId: string;
  agency: string;
}

export interface LimitedView {
  personId: number;
  access: 'limited';
  /** the child's name, date of birth and NHS number as the agency's own records give them */
  name: string;
  dob: string | null;
  nhsNumber: string | null;
  ownRecords: ChronologyEntry[];
  othersHold: { agencyKind: string; records: number }[];
  contact: Contact | null;
  howToSeeMore: string;
}

/**
 * The lead agency of a child's case: the agency of the allocated worker; with none, every children's social
 * care agency (the statutory lead for child protection).
 */
export async function leadAgenciesOf(tx: Transaction<Database>, personId: number): Promise<string[]> {
  const worker = await tx.selectFrom('case_assignment as c').innerJoin('app_user as u', 'u.id', 'c.user_id').select('u.agency_id')
    .where('c.person_id', '=', personId).where('c.role', '=', 'allocated-worker').where('c.to_at', 'is', null).executeTakeFirst();
  if (worker) return [worker.agency_id];
  return (await tx.selectFrom('agency').select('id').where('kind', '=', 'social-care').orderBy('id').execute()).map((a) => a.id);
}

/** Whom to contact about a child: the allocated worker, else the duty team of the lead agency holding the most records about them. */
export async function contactFor(tx: Transaction<Database>, personId: number): Promise<Contact | null> {
  const worker = await tx.selectFrom('case_assignment as c').innerJoin('app_user as u', 'u.id', 'c.user_id').innerJoin('agency as a', 'a.id', 'u.agency_id')
    .select(['u.display_name', 'a.id', 'a.name'])
    .where('c.person_id', '=', personId).where('c.role', '=', 'allocated-worker').where('c.to_at', 'is', null).executeTakeFirst();
  if (worker) return { kind: 'allocated-worker', name: worker.display_name, agencyId: worker.id, agency: worker.name };
  const lead = (await sql<{ id: string; name: string }>`
    select a.id, a.name from agency a
    left join (select r.agency_id, count(*) as n from person_mention pm join mention m on m.id = pm.mention_id join record r on r.id = m.record_id
      where pm.person_id = ${personId} group by r.agency_id) held on held.agency_id = a.id
    where a.kind = 'social-care' order by coalesce(held.n, 0) desc, a.id limit 1`.execute(tx)).rows[0];
  return lead ? { kind: 'duty-team', name: 'Duty team', agencyId: lead.id, agency: lead.name } : null;
}

/** The limited view of a child for an agency (the caller has decided the agency's relationship is limited). */
export async function limitedViewOf(
  tx: Transaction<Database>,
  personId: number,
  viewer: { agencyId: string; agencyKind: string },
  policy: SharingPolicy,
): Promise<LimitedView | null> {
  // Every record is read to count the others'; only the agency's own are returned (and audited as shown).
  const all = await personChronology(tx, personId, EVERYONE);
  if (!all) return null;
  const own = all.entries.filter((e) => e.agency.id === viewer.agencyId)
    // Whom the agency's own records name is theirs to see; which person Threadline linked them to is not.
    .map((e) => ({ ...e, others: e.others.map((o) => ({ ...o, personId: null })), alerts: [] }));
  if (!own.length) return null;
  const held = new Map<string, number>();
  for (const e of all.entries) {
    if (e.agency.id === viewer.agencyId || decide(e, viewer, policy).level === 'hidden') continue;
    held.set(e.agency.kind, (held.get(e.agency.kind) ?? 0) + 1);
  }
  const me = (await sql<{ given: string | null; family: string | null; dob: string | null; nhs_number: string | null }>`
    select m.given, m.family, m.dob, m.nhs_number from person_mention pm join mention m on m.id = pm.mention_id join record r on r.id = m.record_id
    where pm.person_id = ${personId} and r.agency_id = ${viewer.agencyId}
    order by r.occurred_at desc, r.id desc limit 1`.execute(tx)).rows[0];
  const contact = await contactFor(tx, personId);
  const ask = contact ? (contact.kind === 'allocated-worker' ? `${contact.name}, the allocated worker (${contact.agency})` : `the duty team of ${contact.agency}`) : 'your safeguarding lead';
  return {
    personId,
    access: 'limited',
    name: [me?.given, me?.family].filter(Boolean).join(' ') || `person ${personId}`,
    dob: me?.dob ?? null,
    nhsNumber: me?.nhs_number ?? null,
    ownRecords: own,
    othersHold: [...held.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([agencyKind, records]) => ({ agencyKind, records })),
    contact,
    howToSeeMore: `Your agency sees its own records about this child only. To know more, contact ${ask}. A practitioner of the lead agency can give your agency the full picture; in an emergency, use emergency access (break-glass).`,
  };
}

/**
 * Whom a notice about access goes to: every privacy officer except the person acting (their own account, any
 * account signed in through the same organisation identity, or bearing the same name: a person does not
 * oversee themselves). With no such privacy officer, the acting agency's managers (but the actor); with none
 * of those either, the duty manager.
 */
export async function accessOverseers(tx: Transaction<Database>, actor: Actor): Promise<string[]> {
  const me = actor.kind === 'user'
    ? await tx.selectFrom('app_user').select(['id', 'display_name', 'oidc_subject']).where('id', '=', actor.userId).executeTakeFirst()
    : undefined;
  const sameName = (a: string, b: string) => a.replace(/\s+/g, ' ').trim().toLowerCase() === b.replace(/\s+/g, ' ').trim().toLowerCase();
  const isActor = (u: { id: number; display_name: string; oidc_subject: string | null }) => me !== undefined
    && (u.id === me.id || sameName(u.display_name, me.display_name) || (me.oidc_subject !== null && u.oidc_subject === me.oidc_subject));
  const holders = async (role: 'privacy-officer' | 'manager', agencyId?: string) => {
    let q = tx.selectFrom('app_user').select(['id', 'display_name', 'oidc_subject']).where(sql<boolean>`${role} = any(roles)`).where('disabled_at', 'is', null);
    if (agencyId) q = q.where('agency_id', '=', agencyId);
    return (await q.orderBy('id').execute()).filter((u) => !isActor(u)).map((u) => `user:${u.id}`);
  };
  const officers = await holders('privacy-officer');
  if (officers.length) return officers;
  const managers = actor.kind === 'operator' ? [] : await holders('manager', actor.agencyId);
  return managers.length ? managers : ['manager:duty'];
}

interface AlertLike {
  rule: string;
  evidence: string[];
  explanation: string;
  events: { evidence: string[] | null; explanation: string | null }[];
}

/**
 * The alerts routed to an agency with a limited view, as it may see them: that the alert stands, its rule,
 * severity and dates, always; what it rests on only when every record it cites is the agency's own. An alert's
 * explanation weighs everything known about the child (risk/weigh.ts), so it names other agencies' records and
 * what they say: those are withheld, and the reader is told whom to ask.
 */
export function alertsForLimitedView<A extends AlertLike>(alerts: A[], agencyId: string, agencyIds: readonly string[], contact: Contact | null): A[] {
  const others = agencyIds.filter((a) => a !== agencyId);
  const citesOthers = (text: string | null, evidence: string[] | null) =>
    (evidence ?? []).some((e) => !e.startsWith(`${agencyId}/`)) || others.some((a) => (text ?? '').includes(`${a}/`));
  const withheld = `It rests on records other agencies hold, which a limited view does not show${contact ? `: ask ${contact.name} (${contact.agency})` : ''}.`;
  return alerts.map((a) => citesOthers(a.explanation, a.evidence)
    ? {
      ...a,
      evidence: a.evidence.filter((e) => e.startsWith(`${agencyId}/`)),
      explanation: withheld,
      events: a.events.map((e) => (citesOthers(e.explanation, e.evidence) ? { ...e, evidence: (e.evidence ?? []).filter((x) => x.startsWith(`${agencyId}/`)), explanation: e.explanation === null ? null : withheld } : e)),
    }
    : a);
}
