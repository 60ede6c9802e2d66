// `npm run bench:linkage`: the probabilistic linker (src/identity/linkage/link.ts)
// on public benchmarks with known truth — Splink's fake_1000, FEBRL4 (link
// a↔b), FEBRL3 and Splink's historical_figures_with_errors_50k (dedupe) —
// next to the figures Splink publishes for the same data. Writes
// bench/linkage-results.json.
//   DATASETS=febrl4,febrl3 npm run bench:linkage
//
// Per dataset: `precision`, `recall`, `f1` are pairwise, of the clusters the
// linker returns (its own threshold; every pair inside a cluster counts, so
// transitive links count too); `pair*` are the same on the scored pairs with
// weight >= the linker's threshold; `bestF1` is the best pairwise F1 over all
// thresholds (what Splink's published numbers are). `seconds` is the wall time
// of linkDataset alone (loading and evaluation excluded); `pairsPerSecond` is
// candidate pairs scored per second of it. `reductionRatio` = 1 - candidate
// pairs / possible pairs; `blockingRecall` = the share of true pairs that
// blocking made candidates (the ceiling on recall).
import { writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { fileURLToPath } from 'node:url';
import { DATASET_NAMES, loadDataset, type DatasetName } from '../src/identity/linkage/datasets.ts';
import {
  bestF1, blockingRecall, evaluateClusters, evaluatePairs, possiblePairCount, truePairCount,
} from '../src/identity/linkage/evaluation.ts';
import { linkDataset } from '../src/identity/linkage/link.ts';

const here = fileURLToPath(new URL('.', import.meta.url));

/** Splink's published numbers on the same data (see research/record-linkage.md in the steering repo). */
const SPLINK_PUBLISHED: Record<DatasetName, { f1: number; note: string }> = {
  fake_1000: { f1: 0.862, note: 'Splink demo, best pairwise F1' },
  febrl4: { f1: 0.9998, note: 'Splink demo, best pairwise F1' },
  febrl3: { f1: 0.9954, note: 'Splink demo, best pairwise F1' },
  historical_50k: { f1: 0.78, note: 'Splink demo, pairwise F1 about 0.76-0.78' },
};

const selected: DatasetName[] = (() => {
  const env = process.env.DATASETS?.trim();
  if (!env) return [...DATASET_NAMES];
  const asked = env.split(',').map((s) => s.trim()).filter(Boolean);
  const unknown = asked.filter((s) => !(DATASET_NAMES as readonly string[]).includes(s));
  if (unknown.length) {
    console.error(`unknown dataset(s) ${unknown.join(', ')}; choose from ${DATASET_NAMES.join(', ')}`);
    process.exit(2);
  }
  return DATASET_NAMES.filter((d) => asked.includes(d)); // always in the standard order
})();

const round = (x: number | null, digits = 4) => (x === null || !Number.isFinite(x) ? x : Number(x.toFixed(digits)));

interface DatasetResult {
  records: number;
  truePairs: number;
  precision: number;
  recall: number;
  f1: number;
  bestF1: number;
  bestF1Threshold: number;
  pairPrecision: number;
  pairRecall: number;
  pairF1: number;
  threshold: number;
  clusters: number;
  candidatePairs: number;
  possiblePairs: number;
  seconds: number;
  pairsPerSecond: number;
  reductionRatio: number;
  blockingRecall: number | null;
  splinkPublishedF1: number;
  /** cluster F1 with the safeguarding rules on (likely twins, different generations: the product default) */
  f1WithSafeguards: number;
  precisionWithSafeguards: number;
}

const results: Partial<Record<DatasetName, DatasetResult>> = {};
for (const name of selected) {
  const ds = loadDataset(name);
  const truePairs = truePairCount(ds);
  const possiblePairs = possiblePairCount(ds);
  process.stderr.write(`\n== ${name}: ${ds.records.length} records (${ds.mode}), ${truePairs} true pairs\n`);

  // not an object literal, so a LinkOptions without keepCandidates still type-checks
  // The model as Splink-comparable (no safeguarding vetoes); the product setting is measured below.
  const opts = { mode: ds.mode, keepCandidates: true, safeguards: false };
  const t0 = performance.now();
  const out = linkDataset(ds.records, opts);
  const seconds = (performance.now() - t0) / 1000;
  const extra = out as typeof out & {
    candidates?: [string, string][];
    blocking: { trueRecall?: number };
  };

  const clusterMetrics = evaluateClusters(ds, out.clusters);
  const guarded = evaluateClusters(ds, linkDataset(ds.records, { mode: ds.mode, safeguards: true }).clusters);
  const pairMetrics = evaluatePairs(ds, out.pairs, out.threshold);
  const best = bestF1(ds, out.pairs);

  // blocking recall: from the candidate list; else from the scored pairs when they
  // are exactly the candidates; else whatever the linker reports
  let recallOfBlocking: number | null = null;
  if (extra.candidates) recallOfBlocking = blockingRecall(ds, extra.candidates).recall;
  else if (out.pairs.length === out.candidatePairs) recallOfBlocking = blockingRecall(ds, out.pairs.map((p) => [p.a, p.b] as const)).recall;
  else if (typeof extra.blocking.trueRecall === 'number') recallOfBlocking = extra.blocking.trueRecall;

  if (out.blocking.possiblePairs !== possiblePairs) {
    process.stderr.write(`   note: linkDataset reports ${out.blocking.possiblePairs} possible pairs, the evaluation counts ${possiblePairs}\n`);
  }

  const r: DatasetResult = {
    records: ds.records.length,
    truePairs,
    precision: round(clusterMetrics.precision)!,
    recall: round(clusterMetrics.recall)!,
    f1: round(clusterMetrics.f1)!,
    bestF1: round(best.f1)!,
    bestF1Threshold: round(best.threshold, 3)!,
    pairPrecision: round(pairMetrics.precision)!,
    pairRecall: round(pairMetrics.recall)!,
    pairF1: round(pairMetrics.f1)!,
    threshold: round(out.threshold, 3)!,
    clusters: out.clusters.length,
    candidatePairs: out.candidatePairs,
    possiblePairs,
    seconds: round(seconds, 3)!,
    pairsPerSecond: Math.round(out.candidatePairs / seconds),
    reductionRatio: round(1 - out.candidatePairs / possiblePairs, 6)!,
    blockingRecall: round(recallOfBlocking),
    splinkPublishedF1: SPLINK_PUBLISHED[name].f1,
    f1WithSafeguards: round(guarded.f1)!,
    precisionWithSafeguards: round(guarded.precision)!,
  };
  results[name] = r;
  process.stderr.write(
    `   ${r.seconds}s; clusters P ${r.precision} R ${r.recall} F1 ${r.f1}; pairs F1 ${r.pairF1}, best ${r.bestF1} ` +
      `(Splink ${r.splinkPublishedF1}); ${r.candidatePairs} candidates, blocking recall ${r.blockingRecall}; ` +
      `with safeguards F1 ${r.f1WithSafeguards} P ${r.precisionWithSafeguards}\n`,
  );
}

const report = {
  header: {
    benchmark: 'linkage',
    command: 'npm run bench:linkage',
    at: new Date().toISOString(),
    machine: { cpus: cpus().length, cpu: cpus()[0]?.model, memoryGb: Math.round(totalmem() / 2 ** 30), node: process.version },
    datasets: selected,
    splinkPublished: SPLINK_PUBLISHED,
    metrics:
      'precision/recall/f1: pairwise, of the returned clusters; pair*: of scored pairs with weight >= threshold; ' +
      'bestF1: best pairwise F1 over all thresholds; seconds: linkDataset wall time; reductionRatio: 1 - candidatePairs/possiblePairs; ' +
      'blockingRecall: share of true pairs among candidate pairs (link mode: cross-source pairs only)',
  },
  ...results,
};
writeFileSync(`${here}linkage-results.json`, JSON.stringify(report, null, 2) + '\n');

const col = (s: string | number | null, w: number) => String(s).padStart(w);
console.log(
  `\n${'dataset'.padEnd(15)}${col('records', 8)}${col('P', 8)}${col('R', 8)}${col('F1', 8)}${col('pairF1', 8)}${col('bestF1', 8)}${col('Splink', 8)}` +
    `${col('candidates', 12)}${col('reduction', 11)}${col('blockRec', 9)}${col('seconds', 9)}${col('pairs/s', 10)}`,
);
for (const [name, r] of Object.entries(results) as [DatasetName, DatasetResult][]) {
  console.log(
    `${name.padEnd(15)}${col(r.records, 8)}${col(r.precision, 8)}${col(r.recall, 8)}${col(r.f1, 8)}${col(r.pairF1, 8)}${col(r.bestF1, 8)}` +
      `${col(r.splinkPublishedF1, 8)}${col(r.candidatePairs, 12)}${col(r.reductionRatio, 11)}${col(r.blockingRecall, 9)}${col(r.seconds, 9)}${col(r.pairsPerSecond, 10)}`,
  );
}
console.log(`\nwritten to bench/linkage-results.json`);
