// Checking who someone is: password (argon2id) and a TOTP code, in one step,
// with one answer for every kind of failure (unknown account, wrong password,
// wrong code, disabled, paused) so that neither the words, the status nor the
// time taken tell an attacker which part was wrong, whether the account
// exists, or whether it is paused: the password is hashed in every case.
//
// Throttling, chosen so that guessing stays infeasible but cannot be turned
// against the account holder (a stranger typing a social worker's username
// five times must not stop her signing in):
// - Per account and client address: LOCKOUT.failures wrong answers from one
//   address pause sign-in to that account from that address only, for
//   LOCKOUT.minutes. An attacker locks out themselves, not the holder.
// - Per account, from everywhere: every ACCOUNT_HOLD.failures failures since
//   the account's last success pause it for addresses that have never signed
//   in to it (lately), for a back-off that doubles each time (1, 2, 4 … minutes,
//   at most a day). This bounds guessing spread over many addresses, while the
//   holder, at an address she has signed in from, goes on signing in.
// - Per address, across accounts: the HTTP layer's rate limit
//   (web/sign-in-routes.ts) slows one address guessing many usernames.
// What is left: someone at the holder's own address (one office behind one NAT)
// can pause her there; and during a distributed attack she is held too when
// she signs in from a new place. Both are logged in the audit trail.
// The counters live in the database, so restarting the server resets nothing.
import type { Transaction } from 'kysely';
import type { Database } from '../db/schema.ts';
import { passwordMatches } from './passwords.ts';
import { acceptTotp } from './totp.ts';

/** Per account and client address. */
export const LOCKOUT = { failures: 5, minutes: 15 };

/** Per account, from addresses it has not signed in from in KNOWN_ADDRESS_DAYS: a back-off that doubles. */
export const ACCOUNT_HOLD = { failures: 20, firstMinutes: 1, maxMinutes: 24 * 60 };

/** An address the account signed in from this recently is the holder's, and not held by the account-wide back-off. */
export const KNOWN_ADDRESS_DAYS = 30;

/** Said with every refusal, whatever the reason, so that a paused person knows why their right password fails. */
export const PAUSE_NOTE = '(after several wrong attempts, signing in from here is paused for a while)';

/** What every refused sign-in is told, whatever the reason. */
export const SIGN_IN_REFUSED = `the username, password or security code is not right ${PAUSE_NOTE}`;

export type Refusal = 'no-such-account' | 'disabled' | 'locked-here' | 'account-held' | 'wrong-password' | 'wrong-code' | 'no-second-factor';

export type Verdict =
  | { ok: true; userId: number }
  | { ok: false; why: Refusal; userId?: number; lockedUntil?: Date };

export interface Credentials {
  username: string;
  password: string;
  code: string;
  /** the client's address, as the HTTP layer sees it */
  address: string;
}

const minutes = (n: number) => n * 60_000;

export async function checkCredentials(tx: Transaction<Database>, creds: Credentials, at: Date): Promise<Verdict> {
  const user = await tx.selectFrom('app_user').selectAll().where('username', '=', creds.username.trim().toLowerCase()).forUpdate().executeTakeFirst();
  // The password is always checked (against a dummy when there is no account), so timing says nothing.
  const passwordOk = await passwordMatches(creds.password, user?.password_hash ?? null);
  if (!user) return { ok: false, why: 'no-such-account' };
  if (user.disabled_at) return { ok: false, why: 'disabled', userId: user.id };

  const here = await tx.selectFrom('sign_in_throttle').selectAll()
    .where('user_id', '=', user.id).where('address', '=', creds.address).executeTakeFirst();
  if (here?.locked_until && here.locked_until > at) return { ok: false, why: 'locked-here', userId: user.id, lockedUntil: here.locked_until };
  const known = !!here?.last_success_at && at.getTime() - here.last_success_at.getTime() <= KNOWN_ADDRESS_DAYS * 86_400_000;
  if (!known && user.locked_until && user.locked_until > at) return { ok: false, why: 'account-held', userId: user.id, lockedUntil: user.locked_until };

  const step = passwordOk && user.totp_secret ? acceptTotp(user.totp_secret, creds.code.trim(), at, user.totp_last_step) : null;
  if (passwordOk && step !== null) {
    await tx.updateTable('app_user').set({ failed_sign_ins: 0, locked_until: null, totp_last_step: step }).where('id', '=', user.id).execute();
    await tx.insertInto('sign_in_throttle').values({ user_id: user.id, address: creds.address, failures: 0, locked_until: null, last_success_at: at })
      .onConflict((oc) => oc.columns(['user_id', 'address']).doUpdateSet({ failures: 0, locked_until: null, last_success_at: at })).execute();
    return { ok: true, userId: user.id };
  }

  // Here: the fifth failure pauses this address, and its count starts again.
  const failuresHere = (here?.failures ?? 0) + 1;
  const lockHere = failuresHere >= LOCKOUT.failures;
  const lockedHereUntil = lockHere ? new Date(at.getTime() + minutes(LOCKOUT.minutes)) : null;
  await tx.insertInto('sign_in_throttle').values({ user_id: user.id, address: creds.address, failures: lockHere ? 0 : failuresHere, locked_until: lockedHereUntil, last_success_at: null })
    .onConflict((oc) => oc.columns(['user_id', 'address']).doUpdateSet({ failures: lockHere ? 0 : failuresHere, locked_until: lockedHereUntil })).execute();
  // Everywhere: the n-th multiple of ACCOUNT_HOLD.failures holds unknown addresses for 2^(n-1) minutes (at most a day).
  const failures = user.failed_sign_ins + 1;
  const holds = failures % ACCOUNT_HOLD.failures === 0 ? failures / ACCOUNT_HOLD.failures : 0;
  const heldUntil = holds ? new Date(at.getTime() + minutes(Math.min(ACCOUNT_HOLD.firstMinutes * 2 ** Math.min(holds - 1, 30), ACCOUNT_HOLD.maxMinutes))) : null;
  await tx.updateTable('app_user').set({ failed_sign_ins: failures, ...(heldUntil ? { locked_until: heldUntil } : {}) }).where('id', '=', user.id).execute();

  const why = !passwordOk ? 'wrong-password' : !user.totp_secret ? 'no-second-factor' : 'wrong-code';
  const lockedUntil = lockedHereUntil ?? heldUntil;
  return { ok: false, why, userId: user.id, ...(lockedUntil ? { lockedUntil } : {}) };
}
