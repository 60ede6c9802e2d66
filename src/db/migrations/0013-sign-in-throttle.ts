// Failed sign-ins counted per account and client address (access/sign-in.ts), so
// that an attacker's guesses pause sign-in from the attacker's address, not the
// account holder's. Current state the application keeps in step, like the
// account's own counter: the application role may change it.
import { sql, type Kysely } from 'kysely';
import { APP_ROLE } from './0004-app-role.ts';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql.raw(`create table sign_in_throttle (
      user_id bigint not null references app_user(id),
      address text not null,
      -- failures from this address at this account since its last lock or success
      failures integer not null default 0,
      locked_until timestamptz,
      -- the last successful sign-in from this address: an address the account holder uses
      last_success_at timestamptz,
      primary key (user_id, address)
    )`).execute(db);
  await sql.raw(`grant update on sign_in_throttle to ${APP_ROLE}`).execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql.raw('drop table sign_in_throttle').execute(db);
}
