// A person changes their own password. The new one is checked first (length, as for a first password;
// not the current one; not containing the username), so a refusal there costs no security code; then the current
// password and a security code, with sign-in's lockout (a stolen session alone cannot change it). Every
// other session of the account ends: whoever else was signed in as this person is signed out.
import type { Transaction } from 'kysely';
import type { Database } from '../db/schema.ts';
import { invalid } from '../shared/errors.ts';
import { checkPasswordPolicy, hashPassword } from './passwords.ts';
import { endOtherSessions, markReauthenticated } from './sessions.ts';
import { checkCredentials, type Verdict } from './sign-in.ts';

export interface PasswordChange {
  currentPassword: string;
  code: string;
  newPassword: string;
}

export type PasswordChangeOutcome = { ok: true; endedSessions: number } | Extract<Verdict, { ok: false }>;

export async function changePassword(
  tx: Transaction<Database>, who: { userId: number; username: string; sessionId: string }, change: PasswordChange, address: string, at: Date,
): Promise<PasswordChangeOutcome> {
  const user = await tx.selectFrom('app_user').select(['password_hash']).where('id', '=', who.userId).executeTakeFirstOrThrow();
  if (user.password_hash === null) throw invalid('/currentPassword', 'you sign in through your organisation\'s account: change your password there');
  checkPasswordPolicy(change.newPassword, '/newPassword');
  if (change.newPassword === change.currentPassword) throw invalid('/newPassword', 'choose a new password that is not the same as your current one');
  // A username of a few letters ('gp') turns up inside ordinary words; only a longer one is a guess worth refusing.
  if (who.username.length >= 4 && change.newPassword.toLowerCase().includes(who.username.toLowerCase())) throw invalid('/newPassword', 'choose a new password that does not contain your username');
  const verdict = await checkCredentials(tx, { username: who.username, password: change.currentPassword, code: change.code, address }, at);
  if (!verdict.ok) return verdict;
  await tx.updateTable('app_user').set({ password_hash: await hashPassword(change.newPassword) }).where('id', '=', who.userId).execute();
  await markReauthenticated(tx, who.sessionId, at);
  return { ok: true, endedSessions: await endOtherSessions(tx, who.userId, who.sessionId, at, 'password-changed') };
}
