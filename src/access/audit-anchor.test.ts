// The checkpoint window is a setting, and the anchor file is read as it was
// written: one signed line per committed checkpoint, a torn last line ignored.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync, appendFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { anchorCheckpoint, checkpointSecondsFromEnv, readAnchor } from './audit-anchor.ts';

test('THREADLINE_AUDIT_CHECKPOINT_SECONDS sets the checkpoint window: 300 by default, from 10 to 86400, anything else refused at start', () => {
  assert.equal(checkpointSecondsFromEnv({}), 300);
  assert.equal(checkpointSecondsFromEnv({ THREADLINE_AUDIT_CHECKPOINT_SECONDS: '30' }), 30);
  assert.equal(checkpointSecondsFromEnv({ THREADLINE_AUDIT_CHECKPOINT_SECONDS: '86400' }), 86_400);
  for (const bad of ['9', '86401', '1.5', 'often', '-60']) {
    assert.throws(() => checkpointSecondsFromEnv({ THREADLINE_AUDIT_CHECKPOINT_SECONDS: bad }), /whole number of seconds from 10 to 86400/, bad);
  }
});

test('the anchor keeps every checkpoint appended, signed; a torn last line (a crash while appending) is not a checkpoint and not an error', () => {
  const dir = mkdtempSync(join(tmpdir(), 'threadline-anchor-'));
  try {
    const file = join(dir, 'anchor.jsonl');
    const key = randomBytes(32);
    assert.deepEqual(readAnchor(file, key), [], 'no file yet: nothing anchored');
    anchorCheckpoint(file, key, { checkpoint: 1, auditId: 10, hash: 'a'.repeat(64), at: '2024-03-01T10:00:00.000Z' });
    anchorCheckpoint(file, key, { checkpoint: 2, auditId: 20, hash: 'b'.repeat(64), at: '2024-03-01T10:05:00.000Z' });
    appendFileSync(file, '{"checkpoint":3,"auditId":3');
    const read = readAnchor(file, key);
    assert.ok(Array.isArray(read));
    assert.deepEqual(read.map((c) => [c.checkpoint, c.auditId]), [[1, 10], [2, 20]]);
    assert.deepEqual(readAnchor(file, randomBytes(32)), { line: 1, reason: 'is not signed by this installation\'s audit key' });
    writeFileSync(file, 'not json\n');
    assert.deepEqual(readAnchor(file, key), { line: 1, reason: 'is not a checkpoint' });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
