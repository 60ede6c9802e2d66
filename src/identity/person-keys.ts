// person_key: the keys each person currently holds, one row per (key, person)
// (see link-keys.ts for what a key is). Linking looks candidates up here, an
// index probe per key, rather than reading every mention that carries a key.
// The rows are derived from current mentions and kept in step on link, merge,
// split and new versions.
import { sql, type Transaction } from 'kysely';
import type { Database } from '../db/schema.ts';
import { MAX_BLOCK } from './linkage/blocking.ts';
import type { LinkRecord } from './linkage/types.ts';
import { linkKeysOf } from './link-keys.ts';

/**
 * Which people hold each of these keys. A key held by more than MAX_BLOCK
 * people (everyone born on 1 January 1980 called J) says too little to
 * compare against all of them and is left out, as batch blocking does.
 */
export async function peopleWithKeys(tx: Transaction<Database>, keys: string[]): Promise<Map<string, number[]>> {
  const out = new Map<string, number[]>();
  if (!keys.length) return out;
  const r = await sql<{ key: string; person_id: number }>`
    select k.key, p.person_id from unnest(${keys}::text[]) as k(key)
    cross join lateral (select person_id from person_key where key = k.key limit ${MAX_BLOCK + 1}) as p`.execute(tx);
  for (const row of r.rows) {
    const list = out.get(row.key);
    if (list) list.push(row.person_id);
    else out.set(row.key, [row.person_id]);
  }
  for (const [key, ids] of out) if (ids.length > MAX_BLOCK) out.delete(key);
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

/** Rebuild these people's keys from their current mentions (after some mentions left them). */
export async function refreshPersonKeys(tx: Transaction<Database>, personIds: number[]): Promise<void> {
  if (!personIds.length) return;
  await sql`delete from person_key where person_id = any(${personIds}::bigint[])`.execute(tx);
  const r = await sql<{ person_id: number; local_key: string | null; identity: LinkRecord }>`
    select pm.person_id, m.local_key, m.identity
    from person_mention pm join mention m on m.id = pm.mention_id
    where pm.person_id = any(${personIds}::bigint[])`.execute(tx);
  await addPersonKeys(tx, r.rows.flatMap((row) =>
    linkKeysOf({ identity: row.identity, localKey: row.local_key }).map((key) => ({ key, person_id: row.person_id }))));
}
