// API keys for agency systems: `tl_<key id>_<secret>`. The key id finds the
// row; only a SHA-256 of the secret is stored (the secret is 256 random bits,
// so a fast hash is enough: there is nothing to guess, unlike a password).
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { sha256Hex } from '../records/canonical.ts';

export interface NewApiKey {
  keyId: string;
  token: string;
  secretHash: string;
}

export function newApiKey(): NewApiKey {
  const keyId = randomBytes(6).toString('hex');
  const secret = randomBytes(32).toString('base64url');
  return { keyId, token: `tl_${keyId}_${secret}`, secretHash: sha256Hex(secret) };
}

export function parseApiKey(token: string): { keyId: string; secret: string } | null {
  const m = /^tl_([0-9a-f]{12})_([A-Za-z0-9_-]{43})$/.exec(token);
  return m ? { keyId: m[1]!, secret: m[2]! } : null;
}

export function secretMatches(secret: string, storedHash: string): boolean {
  const a = Buffer.from(sha256Hex(secret), 'hex');
  const b = Buffer.from(storedHash, 'hex');
  return a.length === b.length && timingSafeEqual(a, b);
}
