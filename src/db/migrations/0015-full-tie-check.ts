// Whether an agency has the full relationship with one person
// (shared/relationship.ts says what that is), as a function, so a read asks it
// once per person with plans the server keeps.
//
// Why a function: every read of a child (chronology, household, the child's
// page) asks this about one person. As an inline query the check had to be
// planned on every read, and its four ways to a tie (each a join over the
// person's records, two of them reading the record's JSON) took longer to plan
// than to run: about 1.7 ms a read on PostgreSQL, a quarter of a chronology
// read. PL/pgSQL prepares each statement once per connection and reuses the
// plan, so a check costs its execution only (index probes on the person's few
// records).
//
// The ways are those of relationship.ts's fullTieWays, which lists people for
// many at once (search, my work) and decides limited ties at ingest; a test
// (relationship-check.test.ts) holds the two to the same answer for every
// agency and person, through every way.
import { sql, type Kysely } from 'kysely';

const statements = [
  `create function threadline_full_tie(p_agency text, p_person bigint) returns boolean
    language plpgsql stable set search_path = pg_catalog, public, pg_temp as $$
    begin
      -- A lead-agency practitioner gave the agency the full picture.
      if exists (select 1 from public.agency_grant g where g.agency_id = p_agency and g.person_id = p_person) then
        return true;
      end if;
      -- The agency sent a current record naming the person, and that record did not open a limited tie only.
      if exists (select 1 from public.person_mention pm join public.mention m on m.id = pm.mention_id
          join public.record r on r.id = m.record_id
          where pm.person_id = p_person and r.agency_id = p_agency
            and not exists (select 1 from public.limited_tie lt where lt.agency_id = r.agency_id and lt.ref = r.ref and lt.key = m.key)) then
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
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const s of statements) await sql.raw(s).execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql.raw('drop function threadline_full_tie(text, bigint)').execute(db);
}
