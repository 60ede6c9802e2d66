// The head of the audit chain in a row of its own. Appending an
// audit row becomes one statement: the head row is updated (its row lock
// serialises appends, as the advisory lock did) and the new row is inserted
// with the hash computed in SQL from the previous one. The head also lets
// `audit verify` notice the newest rows being removed (the chain's last hash
// no longer matches the head), which the chain alone cannot show.
import { sql, type Kysely } from 'kysely';
import { APP_ROLE } from './0004-app-role.ts';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql.raw(`create table audit_head (
      one boolean primary key default true check (one),
      prev_hash text not null,
      hash text not null
    )`).execute(db);
  await sql.raw(`insert into audit_head (prev_hash, hash)
      select coalesce((select prev_hash from audit order by id desc limit 1), repeat('0', 64)),
             coalesce((select hash from audit order by id desc limit 1), repeat('0', 64))`).execute(db);
  await sql.raw(`grant update on audit_head to ${APP_ROLE}`).execute(db);
}

export async function down(): Promise<void> {
  throw new Error('the audit head is part of the audit guarantee and is not removed');
}
