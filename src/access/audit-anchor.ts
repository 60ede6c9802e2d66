// Checkpoints of the audit chain, how often and where else they are kept.
//
// THE WINDOW. The server signs the newest audit row every
// THREADLINE_AUDIT_CHECKPOINT_SECONDS (default 300; from 10 to 86400). Rows
// written since the last checkpoint are covered by their seals (audit.ts):
// without the audit key nobody can edit or forge one unnoticed, but someone
// with the database owner's rights can still DELETE the newest rows and move
// the head back, and nothing outside the database remembers them until the next
// checkpoint. The window is that exposure; a shorter one costs one small
// transaction per window.
//
// THE ANCHOR. THREADLINE_AUDIT_ANCHOR names a file outside the database (on
// another volume, a WORM bucket's mount, a log shipper's input) to which every
// checkpoint is appended once it has committed, one signed JSON line each.
// `audit verify` checks the database against it: a checkpoint deleted or
// rewritten in the database, or the rows it covered rewritten, is reported,
// which the database alone cannot show (its owner can delete checkpoint rows;
// they hold nothing but what the database says). The anchor is only as good
// as the place it is kept: whoever can rewrite both the database and the file
// (and holds the key) can rewrite history.
import { createHmac, timingSafeEqual } from 'node:crypto';
import { appendFileSync, existsSync, openSync, fsyncSync, closeSync, readFileSync } from 'node:fs';

export const DEFAULT_CHECKPOINT_SECONDS = 300;
export const MIN_CHECKPOINT_SECONDS = 10;
export const MAX_CHECKPOINT_SECONDS = 86_400;

export function checkpointSecondsFromEnv(env: NodeJS.ProcessEnv = process.env): number {
  const v = env.THREADLINE_AUDIT_CHECKPOINT_SECONDS;
  if (v === undefined || v === '') return DEFAULT_CHECKPOINT_SECONDS;
  const n = Number(v);
  if (!Number.isInteger(n) || n < MIN_CHECKPOINT_SECONDS || n > MAX_CHECKPOINT_SECONDS) {
    throw new Error(`THREADLINE_AUDIT_CHECKPOINT_SECONDS must be a whole number of seconds from ${MIN_CHECKPOINT_SECONDS} to ${MAX_CHECKPOINT_SECONDS}`);
  }
  return n;
}

export function anchorPathFromEnv(env: NodeJS.ProcessEnv = process.env): string | null {
  return env.THREADLINE_AUDIT_ANCHOR || null;
}

export interface AnchoredCheckpoint {
  checkpoint: number;
  auditId: number;
  hash: string;
  at: string;
  /** HMAC with the audit key, so a line added to the file by someone without it shows */
  signature: string | null;
}

const sign = (key: Buffer, c: Omit<AnchoredCheckpoint, 'signature'>) =>
  createHmac('sha256', key).update(`audit-anchor|${c.checkpoint}|${c.auditId}|${c.hash}|${c.at}`).digest('hex');

/** Append one committed checkpoint to the anchor file and wait for it to reach the disk. */
export function anchorCheckpoint(path: string, key: Buffer | null, c: Omit<AnchoredCheckpoint, 'signature'>): void {
  const line: AnchoredCheckpoint = { ...c, signature: key ? sign(key, c) : null };
  appendFileSync(path, JSON.stringify(line) + '\n', { mode: 0o600 });
  const fd = openSync(path, 'r');
  try { fsyncSync(fd); } finally { closeSync(fd); }
}

export interface AnchorProblem { line: number; reason: string }

/** The anchored checkpoints, or the first line that is not one of ours. A missing file is no lines. */
export function readAnchor(path: string, key: Buffer | null): AnchoredCheckpoint[] | AnchorProblem {
  if (!existsSync(path)) return [];
  const out: AnchoredCheckpoint[] = [];
  const file = readFileSync(path, 'utf8');
  const lines = file.split('\n');
  // A crash while appending can leave the last line torn (no newline): that checkpoint was never anchored.
  if (!file.endsWith('\n')) lines.pop();
  for (let i = 0; i < lines.length; i++) {
    const text = lines[i]!;
    if (!text.trim()) continue;
    let c: AnchoredCheckpoint;
    try { c = JSON.parse(text) as AnchoredCheckpoint; } catch { return { line: i + 1, reason: 'is not a checkpoint' }; }
    if (!Number.isInteger(c.checkpoint) || !Number.isInteger(c.auditId) || typeof c.hash !== 'string') return { line: i + 1, reason: 'is not a checkpoint' };
    if (key) {
      const expect = Buffer.from(sign(key, c), 'hex');
      const actual = Buffer.from(typeof c.signature === 'string' ? c.signature : '', 'hex');
      if (expect.length !== actual.length || !timingSafeEqual(expect, actual)) return { line: i + 1, reason: 'is not signed by this installation\'s audit key' };
    }
    out.push(c);
  }
  return out;
}
