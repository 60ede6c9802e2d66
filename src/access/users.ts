// Accounts: who may sign in, for which agency, with which roles; the second
// factor; the professional network (case assignments); break-glass grants.
import { sql, type Transaction } from 'kysely';
import type { Database, Role } from '../db/schema.ts';
import { ROLES } from '../db/migrations/0005-users.ts';
import { invalid, notFound } from '../shared/errors.ts';
import { hashPassword } from './passwords.ts';
import { newTotpSecret, totpUri } from './totp.ts';

export { ROLES };

export interface NewUser {
  username: string;
  displayName: string;
  agencyId: string;
  roles: Role[];
  /** absent for an account that signs in only through OpenID Connect */
  password?: string;
  oidcSubject?: string;
}

export async function createUser(tx: Transaction<Database>, u: NewUser, at: Date): Promise<number> {
  const username = u.username.trim().toLowerCase();
  if (!/^[a-z0-9][a-z0-9._-]{1,63}$/.test(username)) throw invalid('/username', 'a username is 2 to 64 lower-case letters, digits, dots, hyphens or underscores');
  if (!u.displayName.trim()) throw invalid('/displayName', 'give the person\'s name as colleagues know it');
  if (!u.roles.length || u.roles.some((r) => !(ROLES as readonly string[]).includes(r))) throw invalid('/roles', `roles are some of: ${ROLES.join(', ')}`);
  if (!u.password && !u.oidcSubject) throw invalid('/password', 'an account needs a password or an OpenID Connect subject');
  const agency = await tx.selectFrom('agency').select('id').where('id', '=', u.agencyId).executeTakeFirst();
  if (!agency) throw invalid('/agency', `agency '${u.agencyId}' is not registered`);
  const taken = await tx.selectFrom('app_user').select('id').where('username', '=', username).executeTakeFirst();
  if (taken) throw invalid('/username', `the username '${username}' is taken`);
  const row = await tx.insertInto('app_user').values({
    username, display_name: u.displayName.trim(), agency_id: u.agencyId, roles: u.roles,
    password_hash: u.password ? await hashPassword(u.password) : null, totp_secret: null,
    oidc_subject: u.oidcSubject ?? null, created_at: at,
  }).returning('id').executeTakeFirstOrThrow();
  return row.id;
}

export async function userByName(tx: Transaction<Database>, username: string) {
  const u = await tx.selectFrom('app_user').selectAll().where('username', '=', username.trim().toLowerCase()).executeTakeFirst();
  if (!u) throw notFound(`no user '${username}'`);
  return u;
}

/** A new second-factor secret for the account; the person adds the URI to their authenticator app. */
export async function enrolTotp(tx: Transaction<Database>, userId: number): Promise<{ secret: string; uri: string }> {
  const u = await tx.selectFrom('app_user').select('username').where('id', '=', userId).executeTakeFirstOrThrow();
  const secret = newTotpSecret();
  await tx.updateTable('app_user').set({ totp_secret: secret, totp_last_step: null }).where('id', '=', userId).execute();
  return { secret, uri: totpUri(secret, u.username) };
}

export type AssignmentRole = Database['case_assignment']['role'];
export const ASSIGNMENT_ROLES: readonly AssignmentRole[] = ['allocated-worker', 'core-group', 'lead-professional', 'team-manager'];

/** Put a user in a child's professional network (an allocated worker replaces the previous one). */
export async function assignCase(tx: Transaction<Database>, a: { personId: number; userId: number; role: AssignmentRole; by: string }, at: Date): Promise<number> {
  if (!ASSIGNMENT_ROLES.includes(a.role)) throw invalid('/role', `the role is one of: ${ASSIGNMENT_ROLES.join(', ')}`);
  const person = await tx.selectFrom('person').select('id').where('id', '=', a.personId).executeTakeFirst();
  if (!person) throw notFound(`no person ${a.personId}`);
  if (a.role === 'allocated-worker') {
    await tx.updateTable('case_assignment').set({ to_at: at })
      .where('person_id', '=', a.personId).where('role', '=', 'allocated-worker').where('to_at', 'is', null).execute();
  }
  const row = await tx.insertInto('case_assignment').values({ person_id: a.personId, user_id: a.userId, role: a.role, from_at: at, assigned_by: a.by })
    .returning('id').executeTakeFirstOrThrow();
  return row.id;
}

export async function assignedUsers(tx: Transaction<Database>, personId: number, role?: AssignmentRole): Promise<{ userId: number; role: AssignmentRole }[]> {
  let q = tx.selectFrom('case_assignment').select(['user_id', 'role']).where('person_id', '=', personId).where('to_at', 'is', null);
  if (role) q = q.where('role', '=', role);
  return (await q.execute()).map((r) => ({ userId: r.user_id, role: r.role }));
}

/** How long break-glass access lasts: long enough for an out-of-hours emergency, short enough to lapse by the next shift. */
export const BREAK_GLASS_HOURS = 4;

export async function grantBreakGlass(tx: Transaction<Database>, userId: number, personId: number, reason: string, at: Date): Promise<{ grantId: number; expiresAt: Date }> {
  if (reason.trim().length < 10) throw invalid('/reason', 'say why you need to see this child\'s record (at least 10 characters): the privacy officer and the allocated worker are told');
  const person = await tx.selectFrom('person').select('id').where('id', '=', personId).executeTakeFirst();
  if (!person) throw notFound(`no person ${personId}`);
  const expiresAt = new Date(at.getTime() + BREAK_GLASS_HOURS * 3_600_000);
  const row = await tx.insertInto('access_grant').values({ user_id: userId, person_id: personId, reason: reason.trim(), granted_at: at, expires_at: expiresAt })
    .returning('id').executeTakeFirstOrThrow();
  return { grantId: row.id, expiresAt };
}

export async function hasUsers(tx: Transaction<Database>): Promise<boolean> {
  const r = await sql<{ n: number }>`select count(*)::int as n from app_user`.execute(tx);
  return (r.rows[0]?.n ?? 0) > 0;
}
