// What every read of a child adds to the query itself, with plans the server
// keeps: the need-to-know check (threadline_full_tie) and the read's audit row
// (threadline_append_audit).
//
// Why: PL/pgSQL prepares a function's statements once per connection, but the
// plan cache still chooses, call by call, between a generic plan and a custom
// plan made for the call's values, and for the check's queries it kept
// choosing the custom one: every check planned them again (about 0.6 ms a
// statement on PGlite, several times what the index probes cost to run). Their
// plans do not depend on the values (a person's few mentions, then their
// records by primary key), so threadline_full_tie asks for the generic plan
// (plan_cache_mode = force_generic_plan, for its own statements only).
//
// threadline_full_tie is otherwise as migration 0015 wrote it, except that it
// asks first about the way most readers have: their agency sent a record
// naming the person. The answer is the same whichever way is asked first (it
// is any of them); relationship-check.test.ts holds it to relationship.ts's
// fullTieWays for every agency and person.
//
// threadline_append_audit is the one statement access/audit.ts ran for each
// audit row (move the chain's head on, insert the row with the hash computed
// from the previous one), as a function, so it is parsed and planned once per
// connection rather than on every read (its statements have one plan whatever
// the values, and the plan cache settles on it by itself). It runs with the
// caller's rights (no security definer): it can do nothing the application
// role could not do with the INSERT it replaces, and the retention purge's
// rows still cannot be written through it (the audit table's trigger refuses
// them to anyone but the table's owner).
import { sql, type Kysely } from 'kysely';

const statements = [
  `create or replace function threadline_full_tie(p_agency text, p_person bigint) returns boolean
    language plpgsql stable
    set search_path = pg_catalog, public, pg_temp
    set plan_cache_mode = force_generic_plan as $$
    begin
      -- The agency sent a current record naming the person, and that record did not open a limited tie only.
      if exists (select 1 from public.person_mention pm join public.mention m on m.id = pm.mention_id
          join public.record r on r.id = m.record_id
          where pm.person_id = p_person and r.agency_id = p_agency
            and not exists (select 1 from public.limited_tie lt where lt.agency_id = r.agency_id and lt.ref = r.ref and lt.key = m.key)) then
        return true;
      end if;
      -- A lead-agency practitioner gave the agency the full picture.
      if exists (select 1 from public.agency_grant g where g.agency_id = p_agency and g.person_id = p_person) then
        return true;
      end if;
      -- A referral about the person was made to the agency.
      if exists (select 1 from public.person_mention pm join public.mention m on m.id = pm.mention_id
          join public.record r on r.id = m.record_id
          where pm.person_id = p_person and r.kind = 'referral' and r.document->'body'->>'to' = p_agency) then
        return true;
      end if;
      -- The lead agency (children's social care, or the agency of the person's allocated worker) invited the
      -- agency to a strategy discussion, conference or core group about the person.
      return exists (select 1 from public.person_mention pm join public.mention m on m.id = pm.mention_id
          join public.record r on r.id = m.record_id
          where pm.person_id = p_person and r.kind in ('strategy-discussion', 'conference', 'core-group')
            and (coalesce(r.document->'body'->'agencies', '[]'::jsonb) @> jsonb_build_array(p_agency)
              or coalesce(r.document->'body'->'agenciesPresent', '[]'::jsonb) @> jsonb_build_array(p_agency)
              or coalesce(r.document->'body'->'agenciesAbsent', '[]'::jsonb) @> jsonb_build_array(p_agency))
            and (exists (select 1 from public.agency la where la.id = r.agency_id and la.kind = 'social-care')
              or exists (select 1 from public.case_assignment ca join public.app_user au on au.id = ca.user_id
                where ca.person_id = p_person and ca.role = 'allocated-worker' and ca.to_at is null and au.agency_id = r.agency_id)));
    end $$`,

  `-- Append one audit row: move the head on (its row lock holds other appends until this transaction ends) and
   -- insert the row, its hash sha256 of the previous hash, a newline and p_content (the row's canonical JSON,
   -- access/audit.ts). p_read_async: a read whose deployment asked for it commits without waiting for the WAL
   -- flush, only if its transaction has written nothing yet (has no transaction id): a write is never
   -- acknowledged before it is on disk. The setting is the transaction's (set_config local), so it outlives
   -- this function; only the settings named in its SET clauses are put back when it returns.
   create function threadline_append_audit(p_at timestamptz, p_actor text, p_agency_id text, p_action text,
      p_record_ids bigint[], p_person_ids bigint[], p_detail jsonb, p_content text, p_seal text, p_read_async boolean)
    returns void language plpgsql
    set search_path = pg_catalog, public, pg_temp as $$
    declare
      head record;
    begin
      if p_read_async and pg_current_xact_id_if_assigned() is null then
        perform set_config('synchronous_commit', 'off', true);
      end if;
      update public.audit_head set prev_hash = hash,
        hash = encode(sha256(convert_to(hash || E'\\n' || p_content, 'UTF8')), 'hex')
        returning prev_hash, hash into strict head;
      insert into public.audit (at, actor, agency_id, action, record_ids, person_ids, detail, prev_hash, hash, seal)
        values (p_at, p_actor, p_agency_id, p_action, p_record_ids, p_person_ids, p_detail, head.prev_hash, head.hash, p_seal);
    end $$`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const s of statements) await sql.raw(s).execute(db);
}

export async function down(): Promise<void> {
  throw new Error('the need-to-know check and the audit append are part of the access guarantee and are not removed');
}
