// What the risk engine kept from its last evaluation of each child
// (risk/engine-state.ts): a digest of each day it looked at and what each of
// its firings added, so that the next record about the child costs the days it
// changes rather than the whole history again. Derived data, never evidence:
// every evaluation checks it against the child's records and starts again from
// the earliest day that differs, so a row that is lost, stale or from another
// version of the rules only costs time. The application keeps it in step, so it
// may change and remove rows; it goes with the person (retention's purge).
import { sql, type Kysely } from 'kysely';
import { APP_ROLE } from './0004-app-role.ts';
import { MANAGED_PERSON_REFS } from './0006-retention.ts';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql.raw(`create table alert_state (
      person_id bigint primary key references person(id) on delete cascade,
      -- the state (EngineState) as JSON: version, context digest, days, sign-offs, firing traces
      state jsonb not null,
      -- the last day looked at, and when: for reading the table, not for the engine
      evaluated_through date,
      updated_at timestamptz not null
    )`).execute(db);
  await sql.raw(`grant update, delete on alert_state to ${APP_ROLE}`).execute(db);
  // Retention keeps the state in step (it goes with the person, by the cascade above): a child with a state is
  // not thereby held, as a case assignment or an access grant holds them (migration 0006).
  await sql.raw(`create or replace function threadline_retention_held(person_ids bigint[]) returns setof bigint
    language plpgsql stable set search_path = pg_catalog, public, pg_temp as $$
    declare
      ref record;
    begin
      for ref in
        select c.conrelid::regclass as tbl, a.attname as col
        from pg_constraint c join pg_attribute a on a.attrelid = c.conrelid and a.attnum = c.conkey[1]
        where c.contype = 'f' and c.confrelid = 'public.person'::regclass and cardinality(c.conkey) = 1
          and c.conrelid not in (${[...MANAGED_PERSON_REFS, 'alert_state'].map((t) => `'public.${t}'::regclass`).join(', ')})
      loop
        return query execute format('select distinct %I::bigint from %s where %I = any($1)', ref.col, ref.tbl, ref.col) using person_ids;
      end loop;
    end $$`).execute(db);
  // Police records at a child's home are found by postcode (household.ts childrenEvidence), and so are the
  // children a new police record may concern (risk/affected.ts): without an index both read every mention.
  await sql.raw(`create index mention_postcode on mention (postcode) where postcode is not null`).execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql.raw('drop index mention_postcode').execute(db);
  await sql.raw('drop table alert_state').execute(db);
}
