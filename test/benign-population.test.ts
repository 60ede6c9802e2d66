// The independent benign population of bench:alerts (bench/benign/): its
// records are valid agency records, the same seed gives the same children,
// and an injected pattern lists records the child really has.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { validateRecord } from '../src/records/validate.ts';
import { benignChild, injectedChild } from '../bench/benign/population.ts';
import { PATTERNS } from '../bench/benign/inject.ts';

const NOW = new Date('2030-01-01T00:00:00Z');
const benign = Array.from({ length: 400 }, (_, i) => benignChild(3, i));
const injected = Array.from({ length: PATTERNS.length * 4 }, (_, i) => injectedChild(3, i));

test('every generated record is a valid agency record (revision 2 of the contract)', () => {
  const problems: string[] = [];
  let n = 0;
  for (const c of [...benign, ...injected]) {
    for (const r of c.evidence) {
      n++;
      const v = validateRecord(r.document, NOW);
      if (!v.ok) problems.push(`${r.source} (${r.kind}): ${v.problems.map((p) => `${p.pointer} ${p.message}`).join('; ')}`);
    }
  }
  assert.ok(n > 3000, `expected a few thousand records, got ${n}`);
  assert.deepEqual(problems.slice(0, 5), []);
});

test('the same seed and index give the same child, whatever was generated before', () => {
  const again = benignChild(3, 17);
  assert.deepEqual(again.evidence.map((r) => r.document), benign[17]!.evidence.map((r) => r.document));
  assert.equal(JSON.stringify(injectedChild(3, 5).evidence.map((r) => r.document)), JSON.stringify(injected[5]!.evidence.map((r) => r.document)));
  const other = benignChild(4, 17);
  assert.notDeepEqual(other.evidence.map((r) => r.document), benign[17]!.evidence.map((r) => r.document));
});

test('an injected pattern names records the child has, dated from its first day, for every pattern', () => {
  const seen = new Set<string>();
  for (const c of injected) {
    const k = c.injection!;
    seen.add(k.pattern);
    const sources = new Map(c.evidence.map((r) => [r.source, r.occurredOn]));
    assert.ok(k.records.length > 0, k.pattern);
    for (const s of k.records) {
      assert.ok(sources.has(s), `${k.pattern}: ${s} is not among the child's records`);
      assert.ok(sources.get(s)! >= k.firstDate, `${k.pattern}: ${s} before the first day`);
    }
  }
  assert.deepEqual([...seen].sort(), [...PATTERNS].sort());
});

test('records refs are unique within a child, and the benign children carry no injected record', () => {
  for (const c of benign) {
    const refs = c.evidence.map((r) => r.source);
    assert.equal(new Set(refs).size, refs.length, c.label);
    assert.equal(c.injection, null);
    assert.ok(![...c.mimics.values()].flat().includes('injected'), c.label);
  }
});
