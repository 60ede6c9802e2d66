// Passwords: argon2id (RFC 9106; OWASP's first choice), with the library's
// defaults (19 MiB, 2 passes, 1 lane: OWASP's recommended minimum) so that
// sign-in stays fast on a plain laptop while an offline guess stays costly.
import { hash, verify } from '@node-rs/argon2';
import { invalid } from '../shared/errors.ts';

/** NCSC and NIST SP 800-63B: length over composition rules. */
export const MIN_PASSWORD_LENGTH = 12;

/** `pointer` names the field refused (a new password is '/newPassword' on the change form). */
export function checkPasswordPolicy(password: string, pointer = '/password'): void {
  if (password.length < MIN_PASSWORD_LENGTH) throw invalid(pointer, `a password needs at least ${MIN_PASSWORD_LENGTH} characters`);
  if (password.length > 256) throw invalid(pointer, 'a password can have at most 256 characters');
}

export async function hashPassword(password: string): Promise<string> {
  checkPasswordPolicy(password);
  return hash(password); // argon2id is the library's default algorithm
}

/** A dummy hash to verify against when the account does not exist, so timing does not tell whether it does. */
let dummy: Promise<string> | null = null;

export async function passwordMatches(password: string, stored: string | null): Promise<boolean> {
  dummy ??= hash('threadline-no-such-account');
  try {
    const ok = await verify(stored ?? (await dummy), password);
    return stored !== null && ok;
  } catch {
    return false;
  }
}
