// The role the application should connect as (issue 5): it may read every
// table and add rows, but it can never change or remove a row of the
// append-only tables (records, mentions, link history and decisions, alert
// events, the audit trail). PostgreSQL itself refuses, whatever the
// application's code does; the triggers of 0001 are a second line that even
// the owner meets. Deployments give a login role membership of it:
//   create role threadline login password '…' in role threadline_app;
import { sql, type Kysely } from 'kysely';

export const APP_ROLE = 'threadline_app';
export const APPEND_ONLY = ['record', 'mention', 'mention_link', 'link_review', 'link_decision', 'link_model', 'alert_event', 'audit'] as const;
/** Current-state tables the application keeps in step (membership, keys, alert status, key revocation). */
const MUTABLE = ['person_mention', 'person_key', 'alert', 'api_key'] as const;

export async function up(db: Kysely<unknown>): Promise<void> {
  // Roles belong to the whole server: create it once, and tolerate another database's migration doing so at the same moment.
  await sql.raw(`do $$ begin
      if not exists (select 1 from pg_roles where rolname = '${APP_ROLE}') then
        create role ${APP_ROLE} nologin;
      end if;
    exception when duplicate_object or unique_violation then null;
    end $$`).execute(db);
  await sql.raw(`grant usage on schema public to ${APP_ROLE}`).execute(db);
  await sql.raw(`grant select, insert on all tables in schema public to ${APP_ROLE}`).execute(db);
  await sql.raw(`grant usage, select on all sequences in schema public to ${APP_ROLE}`).execute(db);
  await sql.raw(`grant update, delete on ${MUTABLE.join(', ')} to ${APP_ROLE}`).execute(db);
  // Tables later migrations create are read-and-add for the application unless a migration grants more.
  await sql.raw(`alter default privileges in schema public grant select, insert on tables to ${APP_ROLE}`).execute(db);
  await sql.raw(`alter default privileges in schema public grant usage, select on sequences to ${APP_ROLE}`).execute(db);
  await sql.raw(`revoke update, delete, truncate on ${APPEND_ONLY.join(', ')} from ${APP_ROLE}`).execute(db);
  // "Who has looked at this child" reads the audit trail by person.
  await sql.raw(`create index audit_person_ids on audit using gin (person_ids)`).execute(db);
}

export async function down(): Promise<void> {
  throw new Error('the application role is part of the audit guarantee and is not removed');
}
