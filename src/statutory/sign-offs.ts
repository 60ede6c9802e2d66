// Managers' sign-offs of decisions ending protection, as the process needs
// them: for each child, the decision's `agency/ref` and the day it was signed.
import { sql, type Transaction } from 'kysely';
import type { Database } from '../db/schema.ts';
import { londonDate } from '../records/dates.ts';

export async function signOffsOf(tx: Transaction<Database>, personIds: number[]): Promise<Map<number, Map<string, string>>> {
  const out = new Map<number, Map<string, string>>();
  if (!personIds.length) return out;
  const rows = await tx.selectFrom('case_entry as e').innerJoin('record as r', 'r.id', 'e.record_id')
    .select(['e.person_id', 'e.at', 'r.agency_id', 'r.ref']).where('e.kind', '=', 'sign-off').where('e.person_id', 'in', personIds).execute();
  for (const r of rows) {
    const m = out.get(r.person_id) ?? new Map<string, string>();
    m.set(`${r.agency_id}/${r.ref}`, londonDate(r.at));
    out.set(r.person_id, m);
  }
  return out;
}

/** Who sent one version of a decision, as the server authenticated them. */
export interface Submitter {
  /** the actor's label (user:…, api-key:…, operator:…), or null when nothing records it */
  label: string | null;
  /** the account answerable for it: the signed-in user, or the user the API key is bound to */
  userId: number | null;
}

/**
 * Who sent each version of the decision `agency/ref`: from the version's own columns, or, for a version stored
 * before they existed, from the audit row of the ingest that stored it (the same transaction wrote both).
 */
export async function submittersOf(tx: Transaction<Database>, agencyId: string, ref: string): Promise<Submitter[]> {
  const rows = await sql<{ label: string | null; user_id: number | null }>`
    with versions as (
      select r.id, r.submitted_by, r.submitted_by_user,
        case when r.submitted_by is null then (select a.actor from audit a where a.action = 'records.ingest' and a.record_ids @> array[r.id]
                                               order by a.id limit 1) end as audited
      from record r where r.agency_id = ${agencyId} and r.ref = ${ref}
    )
    select coalesce(v.submitted_by, v.audited) as label,
      coalesce(v.submitted_by_user, (select u.id from app_user u where 'user:' || u.username = v.audited)) as user_id
    from versions v order by v.id`.execute(tx);
  return rows.rows.map((r) => ({ label: r.label, userId: r.user_id === null ? null : Number(r.user_id) }));
}

/** A name as people would read it: compatibility forms folded, accents, punctuation and spacing ignored, any case. */
export const readAsSameName = (a: string, b: string) => {
  const fold = (s: string) => s.normalize('NFKD').replace(/\p{M}+/gu, '').replace(/[^\p{L}\p{N}]+/gu, ' ').trim().toLocaleLowerCase('en-GB');
  return fold(a) !== '' && fold(a) === fold(b);
};

/**
 * Why this manager may not sign off this decision, or null. A second person is decided by accounts, never by
 * the free-text author a document names:
 * - nobody whose account sent any version of the decision signs it off (re-sending it does not make it
 *   someone else's);
 * - a version no account answers for (sent by an agency's system through a key not bound to a user, or loaded
 *   by the operator) leaves Threadline not knowing who wrote it. It is then signed off only by a manager of the
 *   agency that sent it (that agency answers for who keys decisions into its system, and its managers are
 *   the ones who can check), and, as a last guard that can only refuse, not by a manager the document names
 *   as its author however the name is spaced, cased or accented. Deployments that want the guarantee bind
 *   each key to the person sending through it (`key create <agency> --user <username>`).
 */
export function signOffRefusal(
  signer: { userId: number; agencyId: string; names: string[] },
  decision: { agencyId: string; authorName: string | undefined; submitters: Submitter[] },
): string | null {
  if (decision.submitters.some((s) => s.userId === signer.userId)) {
    return 'a second person signs off: you sent this decision (or a version of it)';
  }
  if (decision.submitters.length === 0 || decision.submitters.some((s) => s.userId === null)) {
    if (signer.agencyId !== decision.agencyId) {
      return `this decision was sent by ${decision.agencyId}'s system, not by a person signed in: a manager of ${decision.agencyId} signs it off`;
    }
    const author = decision.authorName;
    if (author && signer.names.some((n) => readAsSameName(n, author))) return 'a second person signs off: the decision names you as its author';
  }
  return null;
}
