// Fellegi–Sunter, trained as Splink trains it:
// - u (how often a level occurs between two different people) from random
//   pairs, nearly all of which are different people;
// - m (how often it occurs between two records of the same person) by
//   expectation–maximisation over the candidate pairs of each blocking rule,
//   leaving out the comparisons that rule forces to agree;
// - a term-frequency adjustment on exact agreement, so that two "Smith"s
//   count for less than two "Okonkwo"s.
// Every weight is log2(m/u): the score of a pair is their sum plus the prior,
// and each term can be shown to a person.
import type { BlockingRule, CandidatePairs } from './blocking.ts';
import type { Comparison, LinkRecord } from './types.ts';

export interface Model {
  comparisons: Comparison[];
  m: number[][];
  u: number[][];
  /** prior: the probability that two records drawn at random are the same person */
  lambda: number;
  /** per comparison with tfValue: value -> share of records holding it */
  tf: (Map<string, number> | null)[];
}

const FLOOR = 1e-6;
const clamp = (p: number) => Math.min(1 - FLOOR, Math.max(FLOOR, p));

/** Levels of every candidate pair: one row of K signed bytes per pair, -1 = null. */
export function gammas(records: LinkRecord[], cand: CandidatePairs, comparisons: Comparison[]): Int8Array {
  const K = comparisons.length;
  const out = new Int8Array(cand.count * K);
  for (let p = 0; p < cand.count; p++) {
    const a = records[cand.pairs[p * 2]!]!;
    const b = records[cand.pairs[p * 2 + 1]!]!;
    for (let k = 0; k < K; k++) out[p * K + k] = comparisons[k]!.level(a, b) ?? -1;
  }
  return out;
}

/** A small seeded generator (mulberry32), so training is repeatable. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** u from random pairs (between sources when linking). */
export function estimateU(records: LinkRecord[], comparisons: Comparison[], mode: 'dedupe' | 'link', samples = 200_000, seed = 1): number[][] {
  const rand = random(seed);
  const counts = comparisons.map((c) => new Array<number>(c.levels.length).fill(0));
  const n = records.length;
  let drawn = 0;
  for (let tries = 0; drawn < samples && tries < samples * 20; tries++) {
    const a = records[Math.floor(rand() * n)]!;
    const b = records[Math.floor(rand() * n)]!;
    if (a === b || (mode === 'link' && a.source === b.source)) continue;
    drawn++;
    comparisons.forEach((c, k) => {
      const l = c.level(a, b);
      if (l !== null) counts[k]![l]!++;
    });
  }
  // Add one to every level so a level never seen at random keeps a finite weight.
  return counts.map((row) => {
    const total = row.reduce((s, x) => s + x + 1, 0);
    return row.map((x) => clamp((x + 1) / total));
  });
}

/** Initial m: most matches agree exactly; a little weight spread down the levels. */
function initialM(comparisons: Comparison[]): number[][] {
  return comparisons.map((c) => {
    const L = c.levels.length;
    const raw = c.levels.map((_, l) => (l === 0 ? 0.7 : l === L - 1 ? 0.05 : 0.25 / Math.max(1, L - 2)));
    const s = raw.reduce((a, b) => a + b, 0);
    return raw.map((x) => x / s);
  });
}

/**
 * Expectation–maximisation over one set of pairs, estimating m for the
 * comparisons not in `skip` (u stays fixed). Returns m and the share of matches.
 */
function em(g: Int8Array, rows: number[], K: number, comparisons: Comparison[], u: number[][], skip: Set<number>, iterations = 25) {
  let m = initialM(comparisons);
  let lambda = 0.5;
  const post = new Float64Array(rows.length);
  for (let it = 0; it < iterations; it++) {
    const logm = m.map((row) => row.map((x) => Math.log(clamp(x))));
    const logu = u.map((row) => row.map((x) => Math.log(x)));
    let sumP = 0;
    rows.forEach((p, i) => {
      let lm = Math.log(lambda);
      let lu = Math.log(1 - lambda);
      for (let k = 0; k < K; k++) {
        if (skip.has(k)) continue;
        const l = g[p * K + k]!;
        if (l < 0) continue;
        lm += logm[k]![l]!;
        lu += logu[k]![l]!;
      }
      const pm = 1 / (1 + Math.exp(lu - lm));
      post[i] = pm;
      sumP += pm;
    });
    const next = comparisons.map((c) => new Array<number>(c.levels.length).fill(0));
    const totals = new Array<number>(K).fill(0);
    rows.forEach((p, i) => {
      for (let k = 0; k < K; k++) {
        const l = g[p * K + k]!;
        if (l < 0) continue;
        next[k]![l]! += post[i]!;
        totals[k]! += post[i]!;
      }
    });
    const prev = lambda;
    lambda = clamp(sumP / rows.length);
    m = next.map((row, k) => (totals[k]! > 0 ? row.map((x) => clamp(x / totals[k]!)) : m[k]!));
    if (Math.abs(prev - lambda) < 1e-6) break;
  }
  return { m, lambda };
}

export function train(
  records: LinkRecord[],
  comparisons: Comparison[],
  cand: CandidatePairs,
  g: Int8Array,
  rules: BlockingRule[],
  mode: 'dedupe' | 'link',
): Model {
  const K = comparisons.length;
  const u = estimateU(records, comparisons, mode);
  const index = new Map(comparisons.map((c, k) => [c.name, k]));
  const sums = comparisons.map((c) => new Array<number>(c.levels.length).fill(0));
  const seen = new Array<number>(K).fill(0);
  rules.forEach((rule, r) => {
    const rows: number[] = [];
    for (let p = 0; p < cand.count; p++) if (cand.rules[p]! & (1 << r)) rows.push(p);
    if (rows.length < 50) return;
    const skip = new Set(rule.uses.map((name) => index.get(name)).filter((k): k is number => k !== undefined));
    const { m } = em(g, rows, K, comparisons, u, skip);
    for (let k = 0; k < K; k++) {
      if (skip.has(k)) continue;
      m[k]!.forEach((x, l) => (sums[k]![l]! += x));
      seen[k]!++;
    }
  });
  const m = sums.map((row, k) => (seen[k] ? row.map((x) => clamp(x / seen[k]!)) : initialM(comparisons)[k]!));

  // The prior: the share of matches among candidate pairs (m and u now fixed), spread over all possible pairs.
  const all = Array.from({ length: cand.count }, (_, p) => p);
  const within = all.length ? em(g, all, K, comparisons, u, new Set(), 1).lambda : FLOOR;
  const lambda = clamp((within * cand.count) / Math.max(1, cand.possiblePairs));

  const tf = comparisons.map((c) => {
    if (!c.tfValue) return null;
    const counts = new Map<string, number>();
    let total = 0;
    for (const r of records) {
      const v = c.tfValue(r);
      if (!v) continue;
      counts.set(v, (counts.get(v) ?? 0) + 1);
      total++;
    }
    const freq = new Map<string, number>();
    for (const [v, n] of counts) freq.set(v, n / total);
    return freq;
  });
  return { comparisons, m, u, lambda, tf };
}

export interface WeightTerm {
  comparison: string;
  level: string;
  weight: number;
}

const log2 = Math.log2;

/** The weight of one comparison at one level for this pair (with the term-frequency adjustment). */
export function termWeight(model: Model, k: number, l: number, a: LinkRecord): number {
  const c = model.comparisons[k]!;
  const base = log2(model.m[k]![l]! / model.u[k]![l]!);
  const freq = model.tf[k];
  if (!freq || l !== (c.tfLevel ?? 0) || !c.tfValue) return base;
  const v = c.tfValue(a);
  const f = v ? freq.get(v) : undefined;
  if (!f) return base;
  // Two records sharing a value agree by chance about as often as the value's share of all records.
  return log2(model.m[k]![l]! / Math.max(f, FLOOR));
}

/** The match weight of a pair from its levels: prior + one term per comparison that has something to say. */
export function matchWeight(model: Model, levels: ArrayLike<number>, a: LinkRecord): number {
  let w = log2(model.lambda / (1 - model.lambda));
  for (let k = 0; k < model.comparisons.length; k++) {
    const l = levels[k]!;
    if (l >= 0) w += termWeight(model, k, l, a);
  }
  return w;
}

/** The same weight, comparison by comparison, for showing why two records were linked. */
export function explainWeight(model: Model, a: LinkRecord, b: LinkRecord): { prior: number; terms: WeightTerm[]; total: number } {
  const prior = log2(model.lambda / (1 - model.lambda));
  const terms: WeightTerm[] = [];
  model.comparisons.forEach((c, k) => {
    const l = c.level(a, b);
    if (l === null) return;
    terms.push({ comparison: c.name, level: c.levels[l]!, weight: termWeight(model, k, l, a) });
  });
  return { prior, terms, total: prior + terms.reduce((s, t) => s + t.weight, 0) };
}

export const probability = (weight: number) => 1 / (1 + 2 ** -weight);
