import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { LinkageDataset } from './datasets.ts';
import {
  bestF1, blockingRecall, evaluateClusters, evaluatePairs, possiblePairCount, truePairCount, type PairScore,
} from './evaluation.ts';

/** A dataset from `id:cluster[:source]` strings. */
function ds(mode: 'dedupe' | 'link', specs: string[]): LinkageDataset {
  const clusterOf = new Map<string, string>();
  const records = specs.map((s) => {
    const [id, cluster, source] = s.split(':') as [string, string, string | undefined];
    clusterOf.set(id, cluster);
    return source === undefined ? { id } : { id, source };
  });
  return { name: 'tiny', mode, records, clusterOf };
}

// A: a1 a2 a3; B: b1 b2; C: c1. True pairs: 3 + 1 = 4.
const dedupe = ds('dedupe', ['a1:A', 'a2:A', 'a3:A', 'b1:B', 'b2:B', 'c1:C']);
const truth: PairScore[] = [
  { a: 'a1', b: 'a2', weight: 9 },
  { a: 'a1', b: 'a3', weight: 8 },
  { a: 'a2', b: 'a3', weight: 7 },
  { a: 'b1', b: 'b2', weight: 6 },
];
const close = (x: number, y: number) => { assert.ok(Math.abs(x - y) < 1e-12, `${x} vs ${y}`); };

test('counts of true and possible pairs', () => {
  assert.equal(truePairCount(dedupe), 4);
  assert.equal(possiblePairCount(dedupe), 15);
});

test('perfect pairs', () => {
  const pairs = [...truth, { a: 'a1', b: 'c1', weight: -3 }, { a: 'b1', b: 'c1', weight: -5 }];
  assert.deepEqual(evaluatePairs(dedupe, pairs, 0), { precision: 1, recall: 1, f1: 1, tp: 4, fp: 0, fn: 0 });
  assert.deepEqual(bestF1(dedupe, pairs), { f1: 1, threshold: 6, precision: 1, recall: 1 });
});

test('one false positive', () => {
  const pairs = [...truth, { a: 'a1', b: 'c1', weight: 2 }];
  const m = evaluatePairs(dedupe, pairs, 0);
  assert.deepEqual([m.tp, m.fp, m.fn], [4, 1, 0]);
  close(m.precision, 0.8);
  close(m.recall, 1);
  close(m.f1, 8 / 9);
  // the sweep finds the cut above the false positive
  assert.deepEqual(bestF1(dedupe, pairs), { f1: 1, threshold: 6, precision: 1, recall: 1 });
  // and a threshold at the false positive includes it
  assert.equal(evaluatePairs(dedupe, pairs, 2).fp, 1);
  assert.equal(evaluatePairs(dedupe, pairs, 2.0001).fp, 0);
});

test('one missed pair', () => {
  const pairs = truth.map((p) => (p.a === 'b1' ? { ...p, weight: -1 } : p));
  const m = evaluatePairs(dedupe, pairs, 0);
  assert.deepEqual([m.tp, m.fp, m.fn], [3, 0, 1]);
  close(m.precision, 1);
  close(m.recall, 0.75);
  close(m.f1, 6 / 7);
  // best is to take all four (the missed pair has the lowest weight)
  assert.deepEqual(bestF1(dedupe, pairs), { f1: 1, threshold: -1, precision: 1, recall: 1 });
  // a pair never returned is missed at any threshold
  const b = bestF1(dedupe, truth.slice(0, 3));
  close(b.f1, 6 / 7);
  assert.equal(b.threshold, 7);
});

test('pairs: duplicates and reversed pairs count once (highest weight), self pairs are ignored, unknown ids throw', () => {
  const pairs = [...truth, { a: 'a2', b: 'a1', weight: -20 }, { a: 'a1', b: 'a2', weight: 9 }, { a: 'c1', b: 'c1', weight: 50 }];
  assert.deepEqual(evaluatePairs(dedupe, pairs, 0), { precision: 1, recall: 1, f1: 1, tp: 4, fp: 0, fn: 0 });
  assert.throws(() => evaluatePairs(dedupe, [{ a: 'a1', b: 'zz', weight: 1 }], 0), /unknown record id zz/);
});

test('bestF1 cuts only between different weights (ties are predicted together)', () => {
  const pairs = [
    { a: 'a1', b: 'a2', weight: 5 },
    { a: 'a1', b: 'c1', weight: 5 },
    { a: 'b1', b: 'b2', weight: 1 },
  ];
  // weight >= 5: tp 1, predicted 2 -> f1 2/6; weight >= 1: tp 2, predicted 3 -> f1 4/7
  const b = bestF1(dedupe, pairs);
  close(b.f1, 4 / 7);
  assert.equal(b.threshold, 1);
  close(b.precision, 2 / 3);
  close(b.recall, 0.5);
  assert.deepEqual(bestF1(dedupe, []), { f1: 0, threshold: Infinity, precision: 0, recall: 0 });
  // agrees with evaluatePairs at the threshold it reports
  close(evaluatePairs(dedupe, pairs, b.threshold).f1, b.f1);
});

test('link mode counts only cross-source pairs, in truth and in predictions', () => {
  // P is in source a twice (a within-source duplicate) and once in b; Q once each; R once each.
  const link = ds('link', ['p1:P:a', 'p2:P:a', 'p3:P:b', 'q1:Q:a', 'q2:Q:b', 'r1:R:a', 'r2:R:b']);
  assert.equal(truePairCount(link), 2 + 1 + 1); // p1-p3, p2-p3, q1-q2, r1-r2 (not p1-p2)
  assert.equal(possiblePairCount(link), 4 * 3);
  const pairs = [
    { a: 'p1', b: 'p3', weight: 4 },
    { a: 'p3', b: 'p2', weight: 4 },
    { a: 'q1', b: 'q2', weight: 4 },
    { a: 'r1', b: 'r2', weight: 4 },
    { a: 'p1', b: 'p2', weight: 9 }, // within source a: not a prediction
    { a: 'q1', b: 'r1', weight: 9 }, // within source a, different people: not a false positive either
  ];
  assert.deepEqual(evaluatePairs(link, pairs, 0), { precision: 1, recall: 1, f1: 1, tp: 4, fp: 0, fn: 0 });
  assert.equal(bestF1(link, pairs).f1, 1);

  // clusters: P all together is perfect (its within-source pair is not counted)
  assert.deepEqual(evaluateClusters(link, [['p1', 'p2', 'p3'], ['q1', 'q2'], ['r1', 'r2']]), {
    precision: 1, recall: 1, f1: 1, tp: 4, fp: 0, fn: 0,
  });
  // a wrong merge {q1, q2, r2}: cross pairs q1-q2 (true), q1-r2 (false); q2-r2 is within b and not counted
  const m = evaluateClusters(link, [['p1', 'p2', 'p3'], ['q1', 'q2', 'r2']]);
  assert.deepEqual([m.tp, m.fp, m.fn], [3, 1, 1]);
  close(m.precision, 0.75);
  close(m.recall, 0.75);
});

test('clusters and pairs agree on a transitive triple', () => {
  const clusters = [['a1', 'a2', 'a3'], ['b1', 'b2'], ['c1']];
  const fromClusters = evaluateClusters(dedupe, clusters);
  assert.deepEqual(fromClusters, { precision: 1, recall: 1, f1: 1, tp: 4, fp: 0, fn: 0 });
  // the same links listed as all their pairs give the same answer
  assert.deepEqual(evaluatePairs(dedupe, truth, 0), fromClusters);
  // only a chain a1-a2-a3 as pairs misses a1-a3, which the cluster (its transitive closure) contains
  const chain = truth.filter((p) => !(p.a === 'a1' && p.b === 'a3'));
  assert.equal(evaluatePairs(dedupe, chain, 0).fn, 1);
  // a wrong merge of c1 into A adds three false pairs; unclustered records are singletons
  const m = evaluateClusters(dedupe, [['a1', 'a2', 'a3', 'c1']]);
  assert.deepEqual([m.tp, m.fp, m.fn], [3, 3, 1]);
  assert.throws(() => evaluateClusters(dedupe, [['a1', 'a2'], ['a2', 'a3']]), /a2 is in predicted clusters/);
});

test('evaluateClusters equals evaluatePairs on all pairs within the clusters (random clusterings, both modes)', () => {
  let seed = 12345;
  const rand = (n: number) => {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    return seed % n;
  };
  for (let round = 0; round < 200; round++) {
    const mode = round % 2 ? 'link' : 'dedupe';
    const n = 2 + rand(25);
    const specs = Array.from({ length: n }, (_, i) => `r${i}:T${rand(6)}${mode === 'link' ? `:${'ab'[rand(2)]}` : ''}`);
    const d = ds(mode, specs);
    // a random clustering: each record in one of k clusters or (k) none
    const k = 1 + rand(6);
    const clusters: string[][] = Array.from({ length: k }, () => []);
    for (let i = 0; i < n; i++) {
      const c = rand(k + 1);
      if (c < k) clusters[c]!.push(`r${i}`);
    }
    const pairs: PairScore[] = [];
    for (const c of clusters) {
      for (let i = 0; i < c.length; i++) for (let j = i + 1; j < c.length; j++) pairs.push({ a: c[i]!, b: c[j]!, weight: 1 });
    }
    assert.deepEqual(evaluateClusters(d, clusters), evaluatePairs(d, pairs, 0), `round ${round}`);
  }
});

test('blockingRecall: share of true pairs among the candidates', () => {
  const r = blockingRecall(dedupe, [['a1', 'a2'], ['a2', 'a1'], ['a3', 'c1'], ['b2', 'b1']]);
  assert.equal(r.truePairsFound, 2);
  close(r.recall, 0.5);
  const link = ds('link', ['p1:P:a', 'p2:P:a', 'p3:P:b']);
  assert.deepEqual(blockingRecall(link, [['p1', 'p2'], ['p1', 'p3']]), { truePairsFound: 1, recall: 0.5 });
});
