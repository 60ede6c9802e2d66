// Retention, for proportionality: records about a child
// with no safeguarding signal are kept only for a period (access/retention.ts
// decides which). Records and their history are append-only, and the
// application role has no DELETE on them, so retention gets one narrow door:
//
// - `threadline_retention_purge(record_ids)`, SECURITY DEFINER (it runs with
//   the rights of the role that ran this migration, the tables' owner), the
//   only thing the application role may call to remove append-only rows. It
//   refuses unless the newest audit row was written by the calling transaction,
//   is a 'retention.purge' and names every record it is asked to remove: no
//   purge without its audit row, in the same transaction (written outside any
//   savepoint, as appendAudit in a Repository transaction is). It removes the
//   records (every version given) and what hangs off them: their mentions,
//   those mentions' link history, reviews and decisions, current membership,
//   alerts citing a removed record or about a removed person, and the people
//   nobody else refers to any more. It refuses to remove an alert that was
//   ever medium or above.
// - `refuse_change()` (0001's trigger function, on every append-only table)
//   now lets a DELETE through only while `threadline.retention` is 'on', which
//   the purge function sets for the length of its deletes and sets off again
//   before it returns, and only on the tables the purge empties. UPDATE is
//   always refused; the audit trail, its checkpoints, the linkage models and
//   break-glass grants are always refused.
//
// Why this holds: the application role still has no UPDATE, DELETE or TRUNCATE
// on the append-only tables (0004), so setting the flag itself gets it nothing
// (PostgreSQL refuses the DELETE on privileges before any trigger runs). The
// owner could always set triggers aside; for it the flag keeps the trigger a
// guard against mistakes, not a boundary. EXECUTE on the purge is revoked from
// PUBLIC and granted to the application role only.
import { sql, type Kysely } from 'kysely';
import { APP_ROLE } from './0004-app-role.ts';

/** The append-only tables the purge may remove rows from (and no others). */
export const PURGEABLE = ['record', 'mention', 'mention_link', 'link_review', 'link_decision', 'alert_event'] as const;
/** Tables that refer to a person and that the purge keeps in step itself; any other reference holds the person. */
export const MANAGED_PERSON_REFS = ['person_mention', 'mention_link', 'person_key', 'alert'] as const;
const list = (xs: readonly string[]) => xs.map((x) => `'${x}'`).join(', ');

export const statements: string[] = [
  `create or replace function refuse_change() returns trigger language plpgsql as $$
    begin
      -- Retention's door (threadline_retention_purge) only: a DELETE, on the tables it empties, while it runs.
      if tg_op = 'DELETE' and tg_table_name in (${list(PURGEABLE)})
         and current_setting('threadline.retention', true) = 'on' then
        return old;
      end if;
      raise exception '% is append-only: % refused', tg_table_name, tg_op
        using errcode = 'insufficient_privilege';
    end $$`,

  `-- People referred to from outside what retention keeps in step (a case assignment, a break-glass
    -- grant, whatever a later migration adds): found from the foreign keys themselves, so a new table
    -- that refers to a person holds them without this function being changed.
    create function threadline_retention_held(person_ids bigint[]) returns setof bigint
    language plpgsql stable set search_path = pg_catalog, public, pg_temp as $$
    declare
      ref record;
    begin
      for ref in
        select c.conrelid::regclass as tbl, a.attname as col
        from pg_constraint c join pg_attribute a on a.attrelid = c.conrelid and a.attnum = c.conkey[1]
        where c.contype = 'f' and c.confrelid = 'public.person'::regclass and cardinality(c.conkey) = 1
          and c.conrelid not in (${MANAGED_PERSON_REFS.map((t) => `'public.${t}'::regclass`).join(', ')})
      loop
        return query execute format('select distinct %I::bigint from %s where %I = any($1)', ref.col, ref.tbl, ref.col) using person_ids;
      end loop;
    end $$`,

  `-- The people purging these records would leave with nothing: every current mention and every link
    -- in their history is one of these records', and nothing else refers to them. Read-only: retention's
    -- plan asks it what would go, and the purge asks it again before removing exactly those.
    create function threadline_retention_orphans(record_ids bigint[]) returns setof bigint
    language sql stable set search_path = pg_catalog, public, pg_temp as $$
      with gone as (select id from public.mention where record_id = any($1)),
      touched as (
        select pm.person_id from public.person_mention pm where pm.mention_id in (select id from gone)
        union
        select ml.person_id from public.mention_link ml where ml.mention_id in (select id from gone)
      ),
      empty as (
        select t.person_id from touched t
        where not exists (select 1 from public.person_mention pm
                          where pm.person_id = t.person_id and pm.mention_id not in (select id from gone))
          and not exists (select 1 from public.mention_link ml
                          where ml.person_id = t.person_id and ml.mention_id not in (select id from gone))
      )
      select e.person_id from empty e
      where e.person_id not in (select public.threadline_retention_held(array(select person_id from empty)))
      order by 1
    $$`,

  `create function threadline_retention_purge(record_ids bigint[]) returns jsonb
    language plpgsql security definer
    set search_path = pg_catalog, public, pg_temp
    as $$
    declare
      ids bigint[] := array(select distinct x from unnest($1) as x where x is not null order by 1);
      last_audit record;
      gone_mentions bigint[];
      orphans bigint[];
      gone_sources text[];
      gone_alerts bigint[];
      n_records int;
      n_mentions int;
      n_links int;
      n_reviews int;
      n_decisions int;
      n_events int;
    begin
      if cardinality(ids) = 0 then
        return jsonb_build_object('records', 0, 'mentions', 0, 'links', 0, 'reviews', 0, 'decisions', 0,
          'alerts', 0, 'alertEvents', 0, 'people', '[]'::jsonb);
      end if;
      -- No purge without its audit row: the newest one, written by this transaction, naming every record.
      select a.action, a.record_ids, a.xmin = pg_current_xact_id()::xid as ours into last_audit
        from public.audit a order by a.id desc limit 1;
      if not found or not coalesce(last_audit.ours, false) or last_audit.action <> 'retention.purge'
         or not (ids <@ last_audit.record_ids) then
        raise exception 'retention purge refused: this transaction must first audit the purge of exactly these records'
          using errcode = 'insufficient_privilege';
      end if;

      -- The trigger lets these deletes through while this is on; it is off again before returning (an error
      -- aborts the transaction or the caller's savepoint, and a setting made in it goes back with it).
      perform set_config('threadline.retention', 'on', true);
      gone_mentions := array(select m.id from public.mention m where m.record_id = any(ids));
      orphans := array(select public.threadline_retention_orphans(ids));
      -- Records (agency/ref) of which no version stays: alerts citing them cite nothing left.
      gone_sources := array(
        select distinct r.agency_id || '/' || r.ref from public.record r where r.id = any(ids)
          and not exists (select 1 from public.record k where k.agency_id = r.agency_id and k.ref = r.ref and not (k.id = any(ids))));
      gone_alerts := array(
        select al.id from public.alert al
        where al.person_id = any(orphans) or al.evidence && gone_sources
           or exists (select 1 from public.alert_event e where e.alert_id = al.id
                      and (e.evidence && gone_sources or e.contributing && gone_sources)));
      if exists (select 1 from public.alert al where al.id = any(gone_alerts) and al.severity <> 'low')
         or exists (select 1 from public.alert_event e where e.alert_id = any(gone_alerts) and e.kind = 'fired' and e.severity <> 'low') then
        raise exception 'retention purge refused: an alert of medium severity or above rests on these records'
          using errcode = 'insufficient_privilege';
      end if;

      delete from public.alert_event e where e.alert_id = any(gone_alerts);
      get diagnostics n_events = row_count;
      delete from public.alert al where al.id = any(gone_alerts);
      delete from public.person_mention pm where pm.mention_id = any(gone_mentions);
      delete from public.link_decision d
        where d.mention_a = any(gone_mentions) or d.mention_b = any(gone_mentions)
           or d.review_id in (select v.id from public.link_review v
                              where v.mention_id = any(gone_mentions) or v.candidate_mention_id = any(gone_mentions));
      get diagnostics n_decisions = row_count;
      delete from public.link_review v where v.mention_id = any(gone_mentions) or v.candidate_mention_id = any(gone_mentions);
      get diagnostics n_reviews = row_count;
      delete from public.mention_link ml where ml.mention_id = any(gone_mentions);
      get diagnostics n_links = row_count;
      delete from public.mention m where m.id = any(gone_mentions);
      get diagnostics n_mentions = row_count;
      delete from public.record r where r.id = any(ids);
      get diagnostics n_records = row_count;
      delete from public.person_key k where k.person_id = any(orphans);
      delete from public.person p where p.id = any(orphans);
      perform set_config('threadline.retention', 'off', true);
      return jsonb_build_object('records', n_records, 'mentions', n_mentions, 'links', n_links, 'reviews', n_reviews,
        'decisions', n_decisions, 'alerts', cardinality(gone_alerts), 'alertEvents', n_events, 'people', to_jsonb(orphans));
    end $$`,
  `revoke all on function threadline_retention_purge(bigint[]) from public`,
  `grant execute on function threadline_retention_purge(bigint[]) to ${APP_ROLE}`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
}

export async function down(): Promise<void> {
  throw new Error('the retention migration is not reversed: it narrows what may be removed, and the audit trail names what was');
}
