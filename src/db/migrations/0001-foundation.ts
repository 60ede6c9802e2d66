// The foundation tables. Plain SQL so that what runs on PGlite and on a
// PostgreSQL server is exactly the same statement.
import { sql, type Kysely } from 'kysely';

export const statements: string[] = [
  `create table agency (
      id text primary key,
      kind text not null,
      name text not null,
      created_at timestamptz not null default now()
    )`,
  `-- Agency systems authenticate with a key; only a SHA-256 of its secret is kept.
    create table api_key (
      id bigint generated always as identity primary key,
      agency_id text not null references agency(id),
      key_id text not null unique,
      secret_hash text not null,
      label text,
      created_at timestamptz not null,
      revoked_at timestamptz
    )`,
  `-- Every version of every agency record. Append-only (see the trigger below).
    create table record (
      id bigint generated always as identity primary key,
      agency_id text not null references agency(id),
      ref text not null,
      version integer not null check (version >= 1),
      kind text not null,
      occurred_at timestamptz not null,
      occurred_on date not null,
      recorded_at timestamptz not null,
      received_at timestamptz not null,
      certainty text,
      content_hash text not null,
      document jsonb not null,
      unique (agency_id, ref, version)
    )`,
  `create table mention (
      id bigint generated always as identity primary key,
      record_id bigint not null references record(id),
      key text not null,
      role text not null,
      given text,
      family text,
      given_norm text,
      family_norm text,
      dob text,
      sex text,
      nhs_number text,
      postcode text,
      local_id text,
      name_dob_key text,
      local_key text,
      unique (record_id, key)
    )`,
  `create index mention_nhs_number on mention (nhs_number) where nhs_number is not null`,
  `create index mention_name_dob_key on mention (name_dob_key) where name_dob_key is not null`,
  `create index mention_local_key on mention (local_key) where local_key is not null`,
  `create table person (
      id bigint generated always as identity primary key,
      created_at timestamptz not null
    )`,
  `create table mention_link (
      id bigint generated always as identity primary key,
      mention_id bigint not null references mention(id),
      person_id bigint not null references person(id),
      rule text not null,
      weight double precision,
      evidence jsonb not null,
      decided_by text not null,
      decided_at timestamptz not null
    )`,
  `create index mention_link_mention on mention_link (mention_id, id)`,
  `create table person_mention (
      mention_id bigint primary key references mention(id),
      person_id bigint not null references person(id),
      link_id bigint not null references mention_link(id)
    )`,
  `create index person_mention_person on person_mention (person_id)`,
  `create table audit (
      id bigint generated always as identity primary key,
      at timestamptz not null,
      actor text not null,
      agency_id text,
      action text not null,
      record_ids bigint[] not null default '{}',
      person_ids bigint[] not null default '{}',
      detail jsonb not null default '{}',
      prev_hash text not null,
      hash text not null unique
    )`,
  `-- Records and the audit trail are never changed in place: refuse it in the
    -- database itself, whoever asks. (Issue 5 adds role grants on top.)
    create function refuse_change() returns trigger language plpgsql as $$
    begin
      raise exception '% is append-only: % refused', tg_table_name, tg_op
        using errcode = 'insufficient_privilege';
    end $$`,
  `create trigger record_append_only before update or delete on record
      for each row execute function refuse_change()`,
  `create trigger mention_append_only before update or delete on mention
      for each row execute function refuse_change()`,
  `create trigger mention_link_append_only before update or delete on mention_link
      for each row execute function refuse_change()`,
  `create trigger audit_append_only before update or delete on audit
      for each row execute function refuse_change()`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
}

export async function down(): Promise<void> {
  throw new Error('the foundation migration cannot be reversed: records are never deleted');
}
