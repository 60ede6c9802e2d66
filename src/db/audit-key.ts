// The key that signs audit checkpoints. It must live outside the database:
// whoever can rewrite the audit table (and recompute every hash after their
// change) must not also hold the key, or the checkpoints prove nothing.
// - THREADLINE_AUDIT_KEY (64 hex characters), for deployments: from a secret store;
// - else, for the embedded database on disk, a key file beside (not inside) the
//   data directory, created on first use, readable by its owner only;
// - else (an in-memory database: tests, replay) a random key for this process.
// A PostgreSQL deployment without THREADLINE_AUDIT_KEY has no key: checkpoints
// are not written, and `audit verify` says so.
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, basename, join, resolve } from 'node:path';
import type { DbTarget } from './target.ts';

export function auditKeyFor(target: DbTarget, env: NodeJS.ProcessEnv = process.env): Buffer | null {
  const fromEnv = env.THREADLINE_AUDIT_KEY;
  if (fromEnv) {
    if (!/^[0-9a-f]{64}$/i.test(fromEnv)) throw new Error('THREADLINE_AUDIT_KEY must be 64 hexadecimal characters (32 bytes)');
    return Buffer.from(fromEnv, 'hex');
  }
  if (target.kind === 'postgres') return null;
  if (!('dataDir' in target)) return randomBytes(32);
  const dir = resolve(target.dataDir);
  const file = join(dirname(dir), `.${basename(dir)}.audit-key`);
  if (!existsSync(file)) writeFileSync(file, randomBytes(32).toString('hex') + '\n', { mode: 0o600, flag: 'wx' });
  return Buffer.from(readFileSync(file, 'utf8').trim(), 'hex');
}
