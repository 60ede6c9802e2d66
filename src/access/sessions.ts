// Sign-in sessions. The browser holds a random token in a Secure, HttpOnly,
// SameSite cookie; the database holds only its SHA-256, so a copy of the
// table opens no session. A new session (a new token) is made at every
// sign-in, never reused (no session fixation). Sessions end after a spell of
// idleness and, whatever the activity, after a working day; the most
// sensitive actions also need the person to have proved who they are within
// the last few minutes.
import { createHash, randomBytes } from 'node:crypto';
import type { Transaction } from 'kysely';
import type { Database } from '../db/schema.ts';
import type { Actor } from '../shared/actor.ts';

export const SESSION_LIMITS = {
  /** NCSC and NHS practice for systems holding sensitive data: sign out after 30 minutes unused. */
  idleMs: 30 * 60_000,
  /** however active, sign in again after 12 hours (a long shift) */
  absoluteMs: 12 * 3_600_000,
  /** break-glass and other sensitive actions need a sign-in or re-authentication this recent */
  reauthMs: 5 * 60_000,
};

/** Last-use times are written at most this often, so reading a page is not a write every time. */
const TOUCH_MS = 60_000;

const digest = (token: string) => createHash('sha256').update(token).digest('hex');
const randomToken = () => randomBytes(32).toString('base64url');

export interface Session {
  actor: Extract<Actor, { kind: 'user' }>;
  csrfToken: string;
  authenticatedAt: Date;
}

export async function startSession(tx: Transaction<Database>, userId: number, at: Date): Promise<{ token: string; sessionId: string; csrfToken: string }> {
  const token = randomToken();
  const csrfToken = randomToken();
  const sessionId = digest(token);
  await tx.insertInto('user_session').values({
    id: sessionId, user_id: userId, csrf_token: csrfToken, created_at: at, last_seen_at: at, authenticated_at: at,
  }).execute();
  return { token, sessionId, csrfToken };
}

/** The signed-in user behind a session token, or why there is none (ending a session that has run out). */
export async function resumeSession(tx: Transaction<Database>, token: string, at: Date): Promise<Session | { refused: string }> {
  if (!/^[A-Za-z0-9_-]{43}$/.test(token)) return { refused: 'malformed' };
  const row = await tx.selectFrom('user_session as s').innerJoin('app_user as u', 'u.id', 's.user_id')
    .select(['s.id', 's.csrf_token', 's.created_at', 's.last_seen_at', 's.authenticated_at', 's.ended_at',
      'u.id as user_id', 'u.username', 'u.agency_id', 'u.roles', 'u.disabled_at'])
    .where('s.id', '=', digest(token)).executeTakeFirst();
  if (!row) return { refused: 'unknown' };
  if (row.ended_at) return { refused: 'ended' };
  const why = row.disabled_at ? 'account-disabled'
    : at.getTime() - row.last_seen_at.getTime() > SESSION_LIMITS.idleMs ? 'idle-timeout'
    : at.getTime() - row.created_at.getTime() > SESSION_LIMITS.absoluteMs ? 'absolute-timeout' : null;
  if (why) {
    await endSession(tx, row.id, at, why);
    return { refused: why };
  }
  if (at.getTime() - row.last_seen_at.getTime() > TOUCH_MS) {
    await tx.updateTable('user_session').set({ last_seen_at: at }).where('id', '=', row.id).execute();
  }
  return {
    actor: { kind: 'user', userId: row.user_id, username: row.username, agencyId: row.agency_id, roles: row.roles, sessionId: row.id },
    csrfToken: row.csrf_token,
    authenticatedAt: row.authenticated_at,
  };
}

export async function endSession(tx: Transaction<Database>, sessionId: string, at: Date, why: string): Promise<void> {
  await tx.updateTable('user_session').set({ ended_at: at, ended_why: why }).where('id', '=', sessionId).where('ended_at', 'is', null).execute();
}

export async function markReauthenticated(tx: Transaction<Database>, sessionId: string, at: Date): Promise<void> {
  await tx.updateTable('user_session').set({ authenticated_at: at, last_seen_at: at }).where('id', '=', sessionId).execute();
}

export async function recentlyAuthenticated(tx: Transaction<Database>, sessionId: string, at: Date): Promise<boolean> {
  const row = await tx.selectFrom('user_session').select('authenticated_at').where('id', '=', sessionId).executeTakeFirst();
  return !!row && at.getTime() - row.authenticated_at.getTime() <= SESSION_LIMITS.reauthMs;
}

/** End every session of the account but `keep` (after a password change, a session someone else holds ends). */
export async function endOtherSessions(tx: Transaction<Database>, userId: number, keep: string, at: Date, why: string): Promise<number> {
  const ended = await tx.updateTable('user_session').set({ ended_at: at, ended_why: why })
    .where('user_id', '=', userId).where('id', '!=', keep).where('ended_at', 'is', null).executeTakeFirst();
  return Number(ended.numUpdatedRows);
}
