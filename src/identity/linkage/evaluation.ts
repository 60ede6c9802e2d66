// Pairwise evaluation of a linkage against a dataset's truth: a pair of
// records is a true pair when both belong to the same person. In link mode
// only pairs from different sources count, on both sides: true pairs are the
// cross-source pairs within a person, and a predicted pair inside one source
// is not a prediction at all (a link-mode model should not make one).
// Ratios with a zero denominator are 0 (no predictions: precision 0).
import type { LinkageDataset } from './datasets.ts';

export interface PairScore { a: string; b: string; weight: number }

export interface PairMetrics {
  precision: number;
  recall: number;
  f1: number;
  tp: number;
  fp: number;
  fn: number;
}

export interface BestF1 {
  f1: number;
  /** the lowest weight predicted at the best cut (predict weight >= threshold); Infinity when there are no pairs */
  threshold: number;
  precision: number;
  recall: number;
}

const ratio = (x: number, y: number) => (y === 0 ? 0 : x / y);
const choose2 = (n: number) => (n * (n - 1)) / 2;

function metrics(tp: number, predicted: number, truePairs: number): PairMetrics {
  const precision = ratio(tp, predicted);
  const recall = ratio(tp, truePairs);
  return {
    precision,
    recall,
    f1: ratio(2 * tp, predicted + truePairs),
    tp,
    fp: predicted - tp,
    fn: truePairs - tp,
  };
}

/** Dense indices for a dataset's records, their true clusters and sources (cached per dataset object). */
interface Index {
  n: number;
  ix: Map<string, number>;
  cluster: Int32Array;
  source: Int32Array;
}
const indexCache = new WeakMap<LinkageDataset, Index>();

function indexOf(ds: LinkageDataset): Index {
  const cached = indexCache.get(ds);
  if (cached) return cached;
  const n = ds.records.length;
  const ix = new Map<string, number>();
  const cluster = new Int32Array(n);
  const source = new Int32Array(n);
  const clusterIds = new Map<string, number>();
  const sourceIds = new Map<string, number>();
  for (let i = 0; i < n; i++) {
    const r = ds.records[i]!;
    if (ix.has(r.id)) throw new Error(`${ds.name}: duplicate record id ${r.id}`);
    ix.set(r.id, i);
    const c = ds.clusterOf.get(r.id);
    if (c === undefined) throw new Error(`${ds.name}: record ${r.id} has no true cluster`);
    let ci = clusterIds.get(c);
    if (ci === undefined) clusterIds.set(c, (ci = clusterIds.size));
    cluster[i] = ci;
    const s = r.source ?? '';
    let si = sourceIds.get(s);
    if (si === undefined) sourceIds.set(s, (si = sourceIds.size));
    source[i] = si;
  }
  const index = { n, ix, cluster, source };
  indexCache.set(ds, index);
  return index;
}

function recordIndex(idx: Index, ds: LinkageDataset, id: string): number {
  const i = idx.ix.get(id);
  if (i === undefined) throw new Error(`${ds.name}: unknown record id ${id}`);
  return i;
}

/**
 * Pairs within groups. `groups` maps a group key to its count per source;
 * dedupe mode counts every pair, link mode only pairs across sources:
 * C(n, 2) - sum over sources of C(n_s, 2).
 */
function pairsWithin(groups: Map<string | number, Map<number, number>>, link: boolean): number {
  let total = 0;
  for (const bySource of groups.values()) {
    let n = 0;
    let same = 0;
    for (const k of bySource.values()) { n += k; same += choose2(k); }
    total += link ? choose2(n) - same : choose2(n);
  }
  return total;
}

function bump(groups: Map<string | number, Map<number, number>>, key: string | number, source: number) {
  let m = groups.get(key);
  if (!m) groups.set(key, (m = new Map()));
  m.set(source, (m.get(source) ?? 0) + 1);
}

/** Number of true pairs: within-cluster pairs (link mode: only those across sources). */
export function truePairCount(ds: LinkageDataset): number {
  const idx = indexOf(ds);
  const groups = new Map<string | number, Map<number, number>>();
  for (let i = 0; i < idx.n; i++) bump(groups, idx.cluster[i]!, idx.source[i]!);
  return pairsWithin(groups, ds.mode === 'link');
}

/** Number of pairs a linker could compare: C(n, 2) in dedupe mode, pairs across sources in link mode. */
export function possiblePairCount(ds: LinkageDataset): number {
  const idx = indexOf(ds);
  const groups = new Map<string | number, Map<number, number>>();
  for (let i = 0; i < idx.n; i++) bump(groups, 0, idx.source[i]!);
  return pairsWithin(groups, ds.mode === 'link');
}

/**
 * The distinct countable pairs among `pairs` (self pairs dropped; in link mode
 * within-source pairs dropped; a pair listed twice, either way round, keeps its
 * highest weight), with whether each is a true pair.
 */
function distinctPairs(ds: LinkageDataset, pairs: Iterable<{ a: string; b: string; weight?: number }>): { weight: Float64Array; isTrue: Uint8Array; count: number } {
  const idx = indexOf(ds);
  const link = ds.mode === 'link';
  const at = new Map<number, number>();
  let weight = new Float64Array(1024);
  let isTrue = new Uint8Array(1024);
  let count = 0;
  for (const p of pairs) {
    let i = recordIndex(idx, ds, p.a);
    let j = recordIndex(idx, ds, p.b);
    if (i === j) continue;
    if (link && idx.source[i] === idx.source[j]) continue;
    if (i > j) [i, j] = [j, i];
    const key = i * idx.n + j;
    const w = p.weight ?? Infinity;
    const seen = at.get(key);
    if (seen !== undefined) {
      if (w > weight[seen]!) weight[seen] = w;
      continue;
    }
    if (count === weight.length) {
      const w2 = new Float64Array(count * 2); w2.set(weight); weight = w2;
      const t2 = new Uint8Array(count * 2); t2.set(isTrue); isTrue = t2;
    }
    at.set(key, count);
    weight[count] = w;
    isTrue[count] = idx.cluster[i] === idx.cluster[j] ? 1 : 0;
    count++;
  }
  return { weight, isTrue, count };
}

/** Pairwise precision/recall/F1 of predicting every pair with weight >= threshold. */
export function evaluatePairs(ds: LinkageDataset, pairs: PairScore[], threshold: number): PairMetrics {
  const { weight, isTrue, count } = distinctPairs(ds, pairs);
  let tp = 0;
  let predicted = 0;
  for (let k = 0; k < count; k++) {
    if (weight[k]! >= threshold) { predicted++; tp += isTrue[k]!; }
  }
  return metrics(tp, predicted, truePairCount(ds));
}

/**
 * The best pairwise F1 over all thresholds: sort the distinct pairs by weight
 * once (highest first) and sweep, scoring each cut between different weights
 * (tied weights are predicted together).
 */
export function bestF1(ds: LinkageDataset, pairs: PairScore[]): BestF1 {
  const { weight, isTrue, count } = distinctPairs(ds, pairs);
  const truePairs = truePairCount(ds);
  const order = new Uint32Array(count);
  for (let k = 0; k < count; k++) order[k] = k;
  order.sort((x, y) => weight[y]! - weight[x]! || x - y);
  let best: BestF1 = { f1: 0, threshold: Infinity, precision: 0, recall: 0 };
  let tp = 0;
  for (let k = 0; k < count; k++) {
    const p = order[k]!;
    tp += isTrue[p]!;
    const w = weight[p]!;
    if (k + 1 < count && weight[order[k + 1]!] === w) continue; // cut only between different weights
    const predicted = k + 1;
    const f1 = ratio(2 * tp, predicted + truePairs);
    if (f1 > best.f1) best = { f1, threshold: w, precision: ratio(tp, predicted), recall: ratio(tp, truePairs) };
  }
  return best;
}

/**
 * Pairwise precision/recall/F1 of a clustering, without listing its pairs.
 * Every pair inside a predicted cluster is a predicted pair; records in no
 * cluster are singletons. With n_ij the records of predicted cluster i that
 * belong to true cluster j: tp = sum C(n_ij, 2), predicted = sum_i C(n_i, 2),
 * true = sum_j C(n_j, 2). In link mode each count is of cross-source pairs
 * only: C(n, 2) minus the same-source C(n_s, 2), per group.
 */
export function evaluateClusters(ds: LinkageDataset, clusters: string[][]): PairMetrics {
  const idx = indexOf(ds);
  const link = ds.mode === 'link';
  const placed = new Int32Array(idx.n).fill(-1);
  const predicted = new Map<string | number, Map<number, number>>();
  const both = new Map<string | number, Map<number, number>>();
  clusters.forEach((members, c) => {
    for (const id of members) {
      const i = recordIndex(idx, ds, id);
      if (placed[i] === c) continue; // listed twice in one cluster
      if (placed[i] !== -1) throw new Error(`${ds.name}: record ${id} is in predicted clusters ${placed[i]} and ${c}`);
      placed[i] = c;
      const s = idx.source[i]!;
      bump(predicted, c, s);
      // key (predicted cluster, true cluster) as one number (true cluster indices are < n)
      bump(both, c * idx.n + idx.cluster[i]!, s);
    }
  });
  return metrics(pairsWithin(both, link), pairsWithin(predicted, link), truePairCount(ds));
}

/**
 * Blocking recall: the share of true pairs among the candidate pairs (pairs
 * listed twice count once; in link mode within-source candidates are ignored).
 */
export function blockingRecall(ds: LinkageDataset, candidates: Iterable<readonly [string, string]>): { truePairsFound: number; recall: number } {
  const mapped = (function* () { for (const [a, b] of candidates) yield { a, b }; })();
  const { isTrue, count } = distinctPairs(ds, mapped);
  let found = 0;
  for (let k = 0; k < count; k++) found += isTrue[k]!;
  return { truePairsFound: found, recall: ratio(found, truePairCount(ds)) };
}
