// People as the system currently resolves them: each with the mentions
// grouped into them, and a display name taken from how agencies write them.
import { sql, type Transaction } from 'kysely';
import type { Database } from '../db/schema.ts';
import { mentionId } from '../records/types.ts';
import { knownTo, type Viewer } from '../shared/relationship.ts';

export interface PersonSummary {
  id: number;
  name: string;
  dob: string | null;
  /** `agency/ref#key` of every current mention */
  mentions: string[];
  agencies: string[];
  /** mentions in which this person is the record's subject */
  subjectOf: number;
}

/** One current mention of a person, as the summaries need it. */
export interface MentionRow {
  person_id: number;
  agency_id: string;
  ref: string;
  key: string;
  given: string | null;
  family: string | null;
  dob: string | null;
  role: string;
}

export async function listPeople(
  tx: Transaction<Database>,
  page: { limit: number; offset: number } = { limit: 1000, offset: 0 },
  visibleTo: Viewer,
): Promise<PersonSummary[]> {
  const r = await sql<MentionRow>`
    with page as (
      select distinct person_id from person_mention
      where ${knownTo(visibleTo, 'person_id')}
      order by person_id limit ${page.limit} offset ${page.offset}
    )
    select pm.person_id, r.agency_id, r.ref, m.key, m.given, m.family, m.dob, m.role
    from page join person_mention pm on pm.person_id = page.person_id
    join mention m on m.id = pm.mention_id
    join record r on r.id = m.record_id
    order by pm.person_id, r.agency_id, r.ref, m.key`.execute(tx);
  return summarisePeople(r.rows);
}

export async function countPeople(tx: Transaction<Database>, visibleTo: Viewer): Promise<number> {
  const r = await sql<{ n: number }>`select count(distinct person_id)::int as n from person_mention
    where ${knownTo(visibleTo, 'person_id')}`.execute(tx);
  return r.rows[0]?.n ?? 0;
}

export function summarisePeople(rows: MentionRow[]): PersonSummary[] {
  const byPerson = new Map<number, MentionRow[]>();
  for (const row of rows) {
    const list = byPerson.get(row.person_id) ?? [];
    list.push(row);
    byPerson.set(row.person_id, list);
  }
  return [...byPerson.entries()].map(([id, list]) => ({
    id,
    name: mostCommon(list.map((x) => [x.given, x.family].filter(Boolean).join(' ')).filter(Boolean)) ?? 'unnamed',
    dob: dateOfBirthOf(list.map((x) => x.dob)),
    mentions: list.map((x) => mentionId(x.agency_id, x.ref, x.key)),
    agencies: [...new Set(list.map((x) => x.agency_id))].sort(),
    subjectOf: list.filter((x) => x.role === 'subject').length,
  }));
}

/**
 * A person's date of birth from their mentions: the most common full date, else the most common partial one
 * (a year and month, or a year). The one reading used wherever a person's age matters (their card, their
 * household, whether they are an adult).
 */
export function dateOfBirthOf(dobs: readonly (string | null | undefined)[]): string | null {
  const known = dobs.filter((d): d is string => !!d);
  return mostCommon(known.filter((d) => d.length === 10)) ?? mostCommon(known) ?? null;
}

/** The most frequent value; ties go to the one seen first. */
export function mostCommon(values: string[]): string | undefined {
  const counts = new Map<string, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  let best: string | undefined;
  for (const [v, n] of counts) if (best === undefined || n > counts.get(best)!) best = v;
  return best;
}
