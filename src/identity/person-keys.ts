// person_key: the identifying keys each person currently holds, one row per
// (key, person). Linking looks candidates up here (an index probe per key)
// rather than reading every mention that carries a key. The rows are derived
// from current mentions and kept in step on link, merge and new versions.
import { sql, type Transaction } from 'kysely';
import type { Database } from '../db/schema.ts';

export interface KeyedMention {
  nhsNumber: string | null;
  nameDobKey: string | null;
  localKey: string | null;
}

/** How each kind of key is written in person_key (refreshPersonKeys spells the same in SQL). */
export const personKey = {
  nhs: (v: string) => `nhs:${v}`,
  local: (v: string) => `local:${v}`,
  nameDob: (v: string) => `nd:${v}`,
};

/** The keys a mention carries, strongest first, in the form person_key stores them. */
export function keysOf(m: KeyedMention): string[] {
  const out: string[] = [];
  if (m.nhsNumber) out.push(personKey.nhs(m.nhsNumber));
  if (m.localKey) out.push(personKey.local(m.localKey));
  if (m.nameDobKey) out.push(personKey.nameDob(m.nameDobKey));
  return out;
}

/** A stored key back as the field it came from. */
export function parsePersonKey(key: string): KeyedMention {
  const value = (prefix: string) => (key.startsWith(prefix) ? key.slice(prefix.length) : null);
  return { nhsNumber: value('nhs:'), localKey: value('local:'), nameDobKey: value('nd:') };
}

/** Which people hold any of these keys. */
export async function peopleWithKeys(tx: Transaction<Database>, keys: string[]): Promise<{ key: string; personId: number }[]> {
  if (!keys.length) return [];
  const r = await sql<{ key: string; personId: number }>`
    select key, person_id as "personId" from person_key where key = any(${keys}::text[])`.execute(tx);
  return r.rows;
}

/** The NHS numbers each of these people holds. */
export async function nhsNumbersOf(tx: Transaction<Database>, personIds: number[]): Promise<Map<number, Set<string>>> {
  const out = new Map<number, Set<string>>();
  if (!personIds.length) return out;
  const r = await sql<{ person_id: number; key: string }>`
    select person_id, key from person_key where person_id = any(${personIds}::bigint[]) and key like ${personKey.nhs('%')}`.execute(tx);
  for (const row of r.rows) {
    const set = out.get(row.person_id) ?? new Set<string>();
    set.add(parsePersonKey(row.key).nhsNumber!);
    out.set(row.person_id, set);
  }
  return out;
}

export async function addPersonKeys(tx: Transaction<Database>, rows: { key: string; person_id: number }[]): Promise<void> {
  if (!rows.length) return;
  await sql`
    insert into person_key (key, person_id)
    select key, person_id from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) as t(key text, person_id bigint)
    on conflict do nothing`.execute(tx);
}

/** After merges: the absorbed people's keys become the survivors'. */
export async function movePersonKeys(tx: Transaction<Database>, merges: { from: number; into: number }[]): Promise<void> {
  if (!merges.length) return;
  const pairs = JSON.stringify(merges);
  await sql`
    insert into person_key (key, person_id)
    select k.key, m.into from person_key k
    join jsonb_to_recordset(${pairs}::jsonb) as m("from" bigint, "into" bigint) on k.person_id = m."from"
    on conflict do nothing`.execute(tx);
  await sql`delete from person_key where person_id = any(${merges.map((m) => m.from)}::bigint[])`.execute(tx);
}

/** Rebuild these people's keys from their current mentions (after some mentions stopped counting). */
export async function refreshPersonKeys(tx: Transaction<Database>, personIds: number[]): Promise<void> {
  if (!personIds.length) return;
  await sql`delete from person_key where person_id = any(${personIds}::bigint[])`.execute(tx);
  await sql`
    insert into person_key (key, person_id)
    select distinct k.key, pm.person_id
    from person_mention pm join mention m on m.id = pm.mention_id
    cross join lateral (values ('nhs:' || m.nhs_number), ('local:' || m.local_key), ('nd:' || m.name_dob_key)) as k(key)
    where pm.person_id = any(${personIds}::bigint[]) and k.key is not null
    on conflict do nothing`.execute(tx);
}
