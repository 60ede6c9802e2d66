// The attack suite is counted, not estimated: the README states how many named
// attacks `npm test` tries, and this keeps that figure true as cases come and go.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const here = fileURLToPath(new URL('./', import.meta.url));
const readme = fileURLToPath(new URL('../../README.md', import.meta.url));
const NAMED_ATTACK = /\btest\(\s*['"`]attack: /g;

function countAttackCases(): number {
  return readdirSync(here)
    .filter((f) => f.endsWith('.test.ts'))
    .reduce((n, f) => n + (readFileSync(here + f, 'utf8').match(NAMED_ATTACK)?.length ?? 0), 0);
}

test('the attack suite names at least 60 attacks, and the README states how many', () => {
  const count = countAttackCases();
  assert.ok(count >= 60, `the attack suite names ${count} attacks; at least 60 are wanted`);
  const stated = /attack suite[^.]*?\b(\d+) named attacks/i.exec(readFileSync(readme, 'utf8'));
  assert.ok(stated, 'the README states the attack suite\'s size as "attack suite … N named attacks"');
  assert.equal(Number(stated[1]), count, 'the README\'s count of named attacks is the suite\'s');
});
