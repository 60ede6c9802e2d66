// Who did it is the server's word, not the caller's; what retention removes is
// the database's decision, not the caller's.
//
// 1. Who sent each record version. `record.submitted_by` (the authenticated
//    actor's label: user:…, api-key:…, operator:…) and `submitted_by_user`
//    (the account: a signed-in user, or the user an API key is bound to) are
//    written by ingest in the same INSERT as the version, from the session or
//    key that authenticated the request, never from the document. A second
//    person's sign-off compares accounts with them, not names typed in the body.
//    Versions stored before this migration are not rewritten (append-only):
//    their sender is read from the 'records.ingest' audit row that names them.
//    `api_key.user_id` binds a key to one named user of its agency.
//
// 2. Audit seals. `audit.seal` holds the server's HMAC over the row's content
//    (access/audit.ts) with the audit key, which is kept outside the database.
//    `audit verify` checks every seal: a row inserted or edited by anyone
//    without the key (the application's database role used directly, SQL
//    injection, a DBA re-hashing the chain after the last checkpoint) does not
//    verify. The purge's own row carries the seal of the actor the server bound
//    for it (below), since SQL cannot sign.
//
// 3. Retention's door checks the rules itself. threadline_retention_purge
//    (0006) trusted its caller to have planned (access/retention.ts) and to
//    have written an honest audit row first. Now:
//    - threadline_retention_facts / threadline_retention_due hold conditions
//      2-6 of the policy and the necessary part of 1 (could be a child); the
//      TypeScript plan pages through threadline_retention_due and only adds
//      its stricter child test (isChild), so plan and purge read one rule.
//    - threadline_retention_refusals says, per record, why the purge would
//      refuse it (not every version, no due child, someone else it names
//      still matters, an alert of medium or above cited it); the plan keeps
//      whatever it lists, the purge refuses the whole call if it lists
//      anything, so nothing is deleted.
//    - the period is never below 6 years, and `at` (the day it is judged
//      from) cannot be in the future by the database's own clock, so a caller
//      can make the purge stricter, never laxer.
//    - the purge writes its own audit row (chained exactly as appendAudit
//      chains), naming the actor the server bound to the transaction in
//      `threadline.actor` (with that binding's seal), the records removed and
//      the counts. A caller's audit row is no longer asked for, and a
//      'retention.purge' row inserted by anyone but the tables' owner (the
//      purge runs as the owner) is refused.
//
// WHAT A FULLY COMPROMISED APPLICATION ROLE CAN STILL DO: everything the
// application can, in anyone's name it likes, because the database cannot
// tell the server from someone holding its credentials: read every table,
// add records and audit rows, set `threadline.actor`, and purge records that
// ARE due under the rules above (early, under a false actor). It cannot
// change or delete an append-only row, purge a record the rules keep, or
// write a purge row of its own. Without the audit key (kept outside the
// database), every audit row it forges or replays, and every purge it runs
// under a forged or replayed binding, fails `audit verify`. With the key
// too (the whole server compromised), only the checkpoint anchor outside the
// database (THREADLINE_AUDIT_ANCHOR) still shows that history was changed.
import { sql, type Kysely } from 'kysely';
import { APP_ROLE } from './0004-app-role.ts';

/** Record kinds that are a safeguarding signal in themselves, whoever sent them (access/retention.ts reads these). */
export const SAFEGUARDING_KINDS = [
  'concern', 'referral', 'strategy-discussion', 'enquiry-outcome', 'conference', 'core-group', 'placement',
  'police-action', 'prosecution-decision', 'legal-advice', 'death',
] as const;
/** The shortest retention period the purge accepts, in years after the last activity. */
export const MINIMUM_RETENTION_YEARS = 6;

const kinds = `array[${SAFEGUARDING_KINDS.map((k) => `'${k}'`).join(', ')}]::text[]`;

export const statements: string[] = [
  `alter table record add column submitted_by text`,
  `alter table record add column submitted_by_user bigint references app_user(id)`,
  `alter table api_key add column user_id bigint references app_user(id)`,
  `alter table audit add column seal text`,

  `-- Only the purge (running as the tables' owner) writes 'retention.purge' rows.
   create function audit_purge_rows_from_the_purge() returns trigger language plpgsql as $$
    begin
      if new.action = 'retention.purge'
         and current_user <> (select pg_get_userbyid(c.relowner) from pg_class c where c.oid = 'public.audit'::regclass) then
        raise exception 'a retention.purge audit row is written by threadline_retention_purge itself'
          using errcode = 'insufficient_privilege';
      end if;
      return new;
    end $$`,
  `create trigger audit_purge_rows_from_the_purge before insert on audit
    for each row when (new.action = 'retention.purge') execute function audit_purge_rows_from_the_purge()`,

  `-- What the records say about each person, for retention. Mentions as a professional do not count.
   -- signal: any of the policy's conditions 2-4 (an alert of medium or above ever, on them or anyone their
   -- mentions were ever linked to; a social-care or police record; a safeguarding kind of record, or a
   -- referral to social care, in any version). possible_child: the necessary part of condition 1.
   create function threadline_retention_facts(person_ids bigint[], after bigint)
    returns table (person_id bigint, subject boolean, professional boolean, possible_child boolean, last_activity date, signal boolean)
    language sql stable set search_path = pg_catalog, public, pg_temp as $$
      with named as (
        select pm.person_id, m.role, m.dob, r.agency_id, r.ref, a.kind as agency_kind,
          greatest(r.occurred_on, (r.received_at at time zone 'Europe/London')::date) as active_on
        from public.person_mention pm join public.mention m on m.id = pm.mention_id
        join public.record r on r.id = m.record_id join public.agency a on a.id = r.agency_id
        where case when $1 is null then pm.person_id > $2 else pm.person_id = any($1) end
      ),
      flagged as (
        select n.*,
          n.role <> 'professional' and (
            n.agency_kind in ('social-care', 'police')
            or exists (select 1 from public.record v left join public.agency t on t.id = v.document->'body'->>'to'
                       where v.agency_id = n.agency_id and v.ref = n.ref
                         and (v.kind = any(${kinds}) or (v.kind = 'referral' and t.kind = 'social-care')))
          ) as record_signal
        from named n
      ),
      per_person as (
        select f.person_id,
          bool_or(f.role = 'subject') as subject,
          bool_or(f.role = 'professional') as professional,
          bool_or(f.role in ('parent', 'carer', 'partner-of-parent', 'alleged-perpetrator')) as adult_role,
          max(f.dob) as youngest_dob,
          max(f.active_on) as last_activity,
          bool_or(f.record_signal) as record_signal
        from flagged f group by f.person_id
      )
      select p.person_id, p.subject, p.professional,
        -- isChild (risk/alerts.ts) decides; this is what it needs: a date of birth under 19 years before the
        -- last activity, or none and never named in an adult role
        coalesce(p.youngest_dob >= (extract(year from p.last_activity)::int - 19)::text, not p.adult_role),
        p.last_activity,
        p.record_signal or exists (
          select 1 from public.person_mention pm join public.mention m on m.id = pm.mention_id
          join public.mention_link ml on ml.mention_id = pm.mention_id join public.alert al on al.person_id = ml.person_id
          where pm.person_id = p.person_id and m.role <> 'professional'
            and (al.severity <> 'low' or exists (select 1 from public.alert_event e where e.alert_id = al.id and e.kind = 'fired' and e.severity <> 'low')))
      from per_person p
    $$`,

  `-- The people who may be due as of the cutoff (conditions 2-6 and the necessary part of 1), by id after
   -- \`after\` (or among \`person_ids\`), at most \`lim\`. The plan pages through this; the purge asks it again.
   create function threadline_retention_due(person_ids bigint[], after bigint, cutoff date, lim int)
    returns table (person_id bigint, last_activity date)
    language sql stable set search_path = pg_catalog, public, pg_temp as $$
      with candidates as (
        select f.person_id, f.last_activity from public.threadline_retention_facts($1, $2) f
        where f.subject and not f.professional and f.possible_child and not f.signal and f.last_activity <= $3
      ),
      held as (select public.threadline_retention_held(array(select c.person_id from candidates c)) as person_id)
      select c.person_id, c.last_activity from candidates c
      where c.person_id not in (select h.person_id from held h)
      order by c.person_id limit $4
    $$`,

  `-- Why the purge would refuse each of these records (all its versions go or none), as of the cutoff. Empty: it
   -- may go. The plan keeps what this lists; the purge refuses the whole call if it lists anything.
   create function threadline_retention_refusals(record_ids bigint[], cutoff date)
    returns table (source text, reason text)
    language plpgsql stable set search_path = pg_catalog, public, pg_temp as $$
    declare
      ids bigint[] := array(select distinct x from unnest($1) as x where x is not null);
    begin
      return query
      with sources as (
        select distinct r.agency_id, r.ref, r.agency_id || '/' || r.ref as source from public.record r where r.id = any(ids)
      ),
      current_version as (
        select s.source, (select r.id from public.record r where r.agency_id = s.agency_id and r.ref = s.ref order by r.version desc limit 1) as id
        from sources s
      ),
      named as (
        select c.source, m.id as mention_id, m.role, pm.person_id
        from current_version c join public.mention m on m.record_id = c.id
        left join public.person_mention pm on pm.mention_id = m.id
        where m.role <> 'professional'
      ),
      people as (select array_agg(distinct n.person_id) as ids from named n where n.person_id is not null),
      due as (select d.person_id from people, public.threadline_retention_due(people.ids, null, $2, 2147483647) d),
      facts as (select f.* from people, public.threadline_retention_facts(people.ids, null) f),
      held as (select h as person_id from people, public.threadline_retention_held(people.ids) h)
      select s.source, 'not every version of it is in the purge' from sources s
        where exists (select 1 from public.record r where r.agency_id = s.agency_id and r.ref = s.ref and not (r.id = any(ids)))
      union all
      select c.source, 'it names no child due for removal' from current_version c
        where not exists (select 1 from named n join due d on d.person_id = n.person_id where n.source = c.source)
      union all
      select n.source, 'it names someone not linked to a person' from named n where n.person_id is null
      union all
      select n.source, 'person ' || n.person_id || ': ' || case
          when f.signal then 'has a safeguarding signal'
          when n.person_id in (select person_id from held) then 'held by an assignment or access grant'
          else 'may be a child who is not due' end
        from named n join facts f on f.person_id = n.person_id
        where n.person_id not in (select person_id from due)
          and (f.signal or n.person_id in (select person_id from held) or (f.subject and f.possible_child))
      union all
      select s.source, 'cited by an alert of medium or above' from sources s
        where exists (select 1 from public.alert al where al.severity <> 'low' and s.source = any(al.evidence))
           or exists (select 1 from public.alert_event e where e.kind = 'fired' and e.severity <> 'low'
                      and (s.source = any(e.evidence) or s.source = any(coalesce(e.contributing, '{}'))));
    end $$`,

  `drop function threadline_retention_purge(bigint[])`,

  `create function threadline_retention_purge(record_ids bigint[], years int) returns jsonb
    language plpgsql security definer
    set search_path = pg_catalog, public, pg_temp
    as $$
    declare
      ids bigint[] := array(select distinct x from unnest($1) as x where x is not null order by 1);
      at_ms timestamptz;
      cutoff date;
      bound jsonb;
      refusal record;
      gone_mentions bigint[];
      orphans bigint[];
      touched bigint[];
      gone_sources text[];
      gone_alerts bigint[];
      n_records int := 0;
      n_mentions int := 0;
      n_links int := 0;
      n_reviews int := 0;
      n_decisions int := 0;
      n_events int := 0;
      content text;
      head record;
    begin
      -- The actor the server bound to this transaction (access/audit.ts, bindActor); used once.
      bound := nullif(current_setting('threadline.actor', true), '')::jsonb;
      if bound is null or bound->>'actor' is null then
        raise exception 'retention purge refused: no actor is bound to this transaction'
          using errcode = 'insufficient_privilege';
      end if;
      perform set_config('threadline.actor', '', true);
      -- The moment it is judged from (and the row's time) is the server's, bound with the actor and sealed with it.
      at_ms := date_trunc('milliseconds', (bound->>'at')::timestamptz);
      if years is null or years < ${MINIMUM_RETENTION_YEARS} or years > 100 then
        raise exception 'retention purge refused: the period is a whole number of years from ${MINIMUM_RETENTION_YEARS} to 100, not %', years
          using errcode = 'insufficient_privilege';
      end if;
      if at_ms is null or at_ms > now() + interval '5 minutes' then
        raise exception 'retention purge refused: the day it is judged from is in the future'
          using errcode = 'insufficient_privilege';
      end if;
      cutoff := ((at_ms at time zone 'UTC')::date - make_interval(years => years))::date;
      for refusal in select * from public.threadline_retention_refusals(ids, cutoff) order by 1, 2 limit 1 loop
        raise exception 'retention purge refused: % (%); nothing was removed', refusal.source, refusal.reason
          using errcode = 'insufficient_privilege';
      end loop;

      if cardinality(ids) > 0 then
        -- The trigger lets these deletes through while this is on; it is off again before returning (an error
        -- aborts the transaction or the caller's savepoint, and a setting made in it goes back with it).
        perform set_config('threadline.retention', 'on', true);
        gone_mentions := array(select m.id from public.mention m where m.record_id = any(ids));
        orphans := array(select public.threadline_retention_orphans(ids));
        touched := array(select distinct pm.person_id from public.person_mention pm
                         where pm.mention_id = any(gone_mentions) and not (pm.person_id = any(orphans)) order by 1);
        gone_sources := array(select distinct r.agency_id || '/' || r.ref from public.record r where r.id = any(ids));
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
      else
        orphans := '{}';
        touched := '{}';
        gone_alerts := '{}';
      end if;

      -- Its own audit row, chained as appendAudit chains (access/audit.ts, auditContent): the hash is sha256 of
      -- the previous hash, a newline and the row's canonical JSON (keys sorted, no spaces). Ids and counts only.
      content := '{"action":"retention.purge","actor":' || to_json(bound->>'actor')::text
        || ',"agencyId":' || coalesce(to_json(bound->>'agencyId')::text, 'null')
        || ',"at":' || to_json(to_char(at_ms at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'))::text
        || ',"detail":{"alerts":' || cardinality(gone_alerts) || ',"cutoff":"' || cutoff::text || '","mentions":' || n_mentions
        || ',"people":' || cardinality(orphans) || ',"period":"P' || years || 'Y","records":' || n_records || '}'
        || ',"personIds":' || array_to_json(array(select distinct x from unnest(orphans || touched) x order by 1))::text
        || ',"recordIds":' || array_to_json(ids)::text || '}';
      update public.audit_head set prev_hash = hash,
        hash = encode(sha256(convert_to(hash || E'\\n' || content, 'UTF8')), 'hex')
        returning prev_hash, hash into head;
      insert into public.audit (at, actor, agency_id, action, record_ids, person_ids, detail, prev_hash, hash, seal)
        select at_ms, c->>'actor', c->>'agencyId', 'retention.purge',
          array(select jsonb_array_elements_text(c->'recordIds')::bigint), array(select jsonb_array_elements_text(c->'personIds')::bigint),
          c->'detail', head.prev_hash, head.hash, case when bound->>'seal' is null then null else 'actor:' || (bound->>'seal') end
        from (select content::jsonb as c) x;

      return jsonb_build_object('records', n_records, 'mentions', n_mentions, 'links', n_links, 'reviews', n_reviews,
        'decisions', n_decisions, 'alerts', cardinality(gone_alerts), 'alertEvents', n_events, 'people', to_jsonb(orphans),
        'touched', to_jsonb(touched), 'cutoff', cutoff);
    end $$`,
  `revoke all on function threadline_retention_purge(bigint[], int) from public`,
  `grant execute on function threadline_retention_purge(bigint[], int) to ${APP_ROLE}`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
}

export async function down(): Promise<void> {
  throw new Error('bound actors and retention rules are part of the audit guarantee and are not removed');
}
