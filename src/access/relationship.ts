// Need-to-know (issue 5, first rule): an agency's system may read about a
// person only when the agency has a legitimate relationship with them: it has
// sent a current record that names them, or it has received a referral about
// them. Without one, the person does not exist for it ("not found", never
// "forbidden": even their existence is not disclosed). Recording a concern
// needs no relationship: writing is always allowed to agencies.
//
// The rule is SQL, applied inside the queries that read people, so no page or
// route can forget it. Users, professional networks, open tasks and
// break-glass extend it in the rest of issue 5.
import { sql, type RawBuilder, type Transaction } from 'kysely';
import type { Database } from '../db/schema.ts';

/** The ids of the people `agencyId` has a relationship with, as a subquery. */
export function peopleKnownTo(agencyId: string): RawBuilder<unknown> {
  return sql`(
    select pm.person_id from person_mention pm
    join mention m on m.id = pm.mention_id
    join record r on r.id = m.record_id
    where r.agency_id = ${agencyId}
       or (r.kind = 'referral' and r.document->'body'->>'to' = ${agencyId})
  )`;
}

/** Whether `agencyId` has a relationship with this person (null agency: an operator, who sees all). */
export async function canSee(tx: Transaction<Database>, agencyId: string | null, personId: number): Promise<boolean> {
  if (agencyId === null) return true;
  const r = await sql<{ ok: boolean }>`select ${personId}::bigint in ${peopleKnownTo(agencyId)} as ok`.execute(tx);
  return r.rows[0]?.ok === true;
}
