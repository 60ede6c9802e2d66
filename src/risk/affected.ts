// Whose alerts a change may move. A child's alerts are derived from their
// evidence (household/household.ts childrenEvidence): every current record
// naming them, with the person each of its mentions belongs to, and every
// police record at a postcode of their home. So a change reaches a child who is
// not among the people it touched when
// - a merge or split moves mentions in a record that also names the child (the
//   mother's two records joined: the child's household has one adult fewer);
// - a police record, or a new version of one, is at the child's home without
//   naming the child (police attend homes without recording every child);
// - a merge or split moves mentions in such a police record.
// Refreshing only the people touched left those children's alerts as they were
// until something else about them arrived: alerts that depended on when, and
// in what order, records were evaluated. Everyone found here is looked at again
// (refreshAlerts keeps to those who are children, and a child whose evidence did
// not change costs a comparison of digests).
import { sql, type Transaction } from 'kysely';
import type { Database } from '../db/schema.ts';

export interface Change {
  /** record versions stored, and the earlier versions they replaced */
  recordIds: readonly number[];
  /** people whose mentions changed */
  personIds: readonly number[];
  /** people who took in or gave up mentions other than new ones (merges, splits, unmerges) */
  regrouped: readonly number[];
}

/** Everyone whose alerts the change may have moved, the people it touched first. */
export async function peopleAffected(tx: Transaction<Database>, change: Change): Promise<number[]> {
  const out = new Set(change.personIds);
  const regrouped = [...new Set(change.regrouped)];
  if (regrouped.length) {
    const named = (await sql<{ person_id: number }>`
      select distinct other.person_id
      from person_mention pm join mention m on m.id = pm.mention_id
      join mention m2 on m2.record_id = m.record_id join person_mention other on other.mention_id = m2.id
      where pm.person_id = any(${regrouped}::bigint[])`.execute(tx)).rows;
    for (const r of named) out.add(Number(r.person_id));
  }
  for (const id of await peopleAtPoliceAddresses(tx, change.recordIds, regrouped)) out.add(id);
  return [...out];
}

/**
 * The people who may live at a postcode where one of these records (or a current record naming one of these
 * people) is a police record: anyone whose own mention gives that postcode, and anyone in a placement record
 * giving it (a child's home during a placement is the carer's). A superset of the children whose evidence
 * holds the police record, which also depends on when they first had a home (childrenEvidence).
 */
async function peopleAtPoliceAddresses(tx: Transaction<Database>, recordIds: readonly number[], regrouped: number[]): Promise<number[]> {
  if (!recordIds.length && !regrouped.length) return [];
  const postcodes = (await sql<{ postcode: string }>`
    select distinct m.postcode from record r join agency a on a.id = r.agency_id join mention m on m.record_id = r.id
    where a.kind = 'police' and m.postcode is not null
      -- One set of record ids probed by primary key: written as "r.id = any(…) or r.id in (…)" the OR made
      -- PostgreSQL scan every record (about 2 s a call with a million stored, against 16 ms this way).
      and r.id in (select unnest(${[...recordIds]}::bigint[])
        union select m3.record_id from person_mention pm3 join mention m3 on m3.id = pm3.mention_id where pm3.person_id = any(${regrouped}::bigint[]))`
    .execute(tx)).rows.map((r) => r.postcode);
  if (!postcodes.length) return [];
  const rows = (await sql<{ person_id: number }>`
    select pm.person_id from mention m join person_mention pm on pm.mention_id = m.id
    where m.postcode = any(${postcodes}::text[])
    union
    select pm2.person_id from mention m join record r on r.id = m.record_id and r.kind = 'placement'
    join mention m2 on m2.record_id = r.id join person_mention pm2 on pm2.mention_id = m2.id
    where m.postcode = any(${postcodes}::text[])`.execute(tx)).rows;
  return rows.map((r) => Number(r.person_id));
}
