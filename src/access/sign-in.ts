// Checking who someone is: password (argon2id) and a TOTP code, in one step,
// with one answer for every kind of failure so that the form does not tell an
// attacker which part was wrong or whether the account exists. Repeated
// failures lock the account for a while (the counter lives in the database,
// so restarting the server does not reset it); the HTTP layer also slows
// each address down (web/sign-in-routes.ts).
import type { Transaction } from 'kysely';
import type { Database } from '../db/schema.ts';
import { passwordMatches } from './passwords.ts';
import { acceptTotp } from './totp.ts';
import { unauthorised, type AppError } from './errors.ts';

export const LOCKOUT = { failures: 5, minutes: 15 };

export type Verdict =
  | { ok: true; userId: number }
  | { ok: false; why: 'no-such-account' | 'disabled' | 'locked' | 'wrong-password' | 'wrong-code' | 'no-second-factor'; userId?: number; lockedUntil?: Date };

/** What a refused person is told: until when the account is locked, or else only `wrong` (never which part). */
export function refusal(v: Extract<Verdict, { ok: false }>, wrong: string): AppError {
  return unauthorised(v.why === 'locked' && v.lockedUntil ? `too many failed attempts: this account is locked until ${v.lockedUntil.toISOString().slice(11, 16)} UTC` : wrong);
}

export async function checkCredentials(
  tx: Transaction<Database>,
  creds: { username: string; password: string; code: string },
  at: Date,
): Promise<Verdict> {
  const user = await tx.selectFrom('app_user').selectAll().where('username', '=', creds.username.trim().toLowerCase()).forUpdate().executeTakeFirst();
  // The password is always checked (against a dummy when there is no account), so timing says nothing.
  const passwordOk = await passwordMatches(creds.password, user?.password_hash ?? null);
  if (!user) return { ok: false, why: 'no-such-account' };
  if (user.disabled_at) return { ok: false, why: 'disabled', userId: user.id };
  if (user.locked_until && user.locked_until > at) return { ok: false, why: 'locked', userId: user.id, lockedUntil: user.locked_until };
  const step = passwordOk && user.totp_secret ? acceptTotp(user.totp_secret, creds.code.trim(), at, user.totp_last_step) : null;
  if (passwordOk && step !== null) {
    await tx.updateTable('app_user').set({ failed_sign_ins: 0, locked_until: null, totp_last_step: step }).where('id', '=', user.id).execute();
    return { ok: true, userId: user.id };
  }
  const failures = user.failed_sign_ins + 1;
  const lock = failures >= LOCKOUT.failures;
  const lockedUntil = lock ? new Date(at.getTime() + LOCKOUT.minutes * 60_000) : null;
  await tx.updateTable('app_user').set({ failed_sign_ins: lock ? 0 : failures, locked_until: lockedUntil }).where('id', '=', user.id).execute();
  const why = !passwordOk ? 'wrong-password' : !user.totp_secret ? 'no-second-factor' : 'wrong-code';
  return { ok: false, why: lock ? 'locked' : why, userId: user.id, ...(lockedUntil ? { lockedUntil } : {}) };
}
