// The second factor: TOTP (RFC 6238), as any authenticator app generates it.
// A code is accepted for one 30-second step either side of now (clock drift),
// and never twice: the last accepted step is kept with the account.
import { generateSecret, generateSync, generateURI, verifySync } from 'otplib';

export const newTotpSecret = (): string => generateSecret();

export const totpUri = (secret: string, username: string): string => generateURI({ secret, label: username, issuer: 'Threadline' });

/** The code an authenticator shows at this moment (for the demo accounts and tests). */
export const totpNow = (secret: string, at: Date): string => generateSync({ secret, epoch: Math.floor(at.getTime() / 1000) });

/** The time step a code was valid for, or null when it is wrong, stale or already used. */
export function acceptTotp(secret: string, code: string, at: Date, lastStep: number | null): number | null {
  if (!/^\d{6}$/.test(code)) return null;
  try {
    const r = verifySync({
      secret, token: code, epoch: Math.floor(at.getTime() / 1000), epochTolerance: 30,
      ...(lastStep !== null ? { afterTimeStep: lastStep } : {}),
    });
    return r.valid ? ((r as { timeStep?: number }).timeStep ?? null) : null;
  } catch {
    return null;
  }
}
