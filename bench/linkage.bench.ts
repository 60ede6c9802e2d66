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
//
// Then `synth` (bench/review-queue.ts): the review queue. A synthetic population
// (src/synth, REVIEW_CHILDREN children, default 1000, over 3 years) goes through
// the product's ingest path in time order, batches of REVIEW_BATCH (100); the
// reviews the linker queues are counted per 1,000 mentions, by kind, against
// the truth, and set beside what one local authority's team would face a day.
//   DATASETS=synth REVIEW_CHILDREN=300 npm run bench:linkage   (the queue alone, quicker)
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { fileURLToPath } from 'node:url';
import { DATASET_NAMES, loadDataset, type DatasetName } from '../src/identity/linkage/datasets.ts';
import {
  bestF1, blockingRecall, evaluateClusters, evaluatePairs, possiblePairCount, truePairCount,
} from '../src/identity/linkage/evaluation.ts';
import { linkDataset } from '../src/identity/linkage/link.ts';
import { measureReviewQueue, MINUTES_PER_REVIEW, type ReviewQueueResult } from './review-queue.ts';

const here = fileURLToPath(new URL('.', import.meta.url));

/** Splink's published numbers on the same data (see research/record-linkage.md in the steering repo). */
const SPLINK_PUBLISHED: Record<DatasetName, { f1: number; note: string }> = {
  fake_1000: { f1: 0.862, note: 'Splink demo, best pairwise F1' },
  febrl4: { f1: 0.9998, note: 'Splink demo, best pairwise F1' },
  febrl3: { f1: 0.9954, note: 'Splink demo, best pairwise F1' },
  historical_50k: { f1: 0.78, note: 'Splink demo, pairwise F1 about 0.76-0.78' },
};

/** The review-queue measurement on the synthetic population: not a public dataset, asked for as `synth`. */
const SYNTH = 'synth';
const asked: string[] | null = process.env.DATASETS?.trim() ? process.env.DATASETS.split(',').map((s) => s.trim()).filter(Boolean) : null;
const selected: DatasetName[] = (() => {
  if (!asked) return [...DATASET_NAMES];
  const unknown = asked.filter((s) => s !== SYNTH && !(DATASET_NAMES as readonly string[]).includes(s));
  if (unknown.length) {
    console.error(`unknown dataset(s) ${unknown.join(', ')}; choose from ${[...DATASET_NAMES, SYNTH].join(', ')}`);
    process.exit(2);
  }
  return DATASET_NAMES.filter((d) => asked.includes(d)); // always in the standard order
})();
const withReviewQueue = !asked || asked.includes(SYNTH);

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

let reviewQueue: ReviewQueueResult | undefined;
if (withReviewQueue) {
  process.stderr.write('\n== synth: the review queue through the ingest path\n');
  reviewQueue = await measureReviewQueue({
    seed: Number(process.env.REVIEW_SEED ?? 20261202), children: Number(process.env.REVIEW_CHILDREN ?? 1000), batch: Number(process.env.REVIEW_BATCH ?? 100),
    log: (msg) => process.stderr.write(`   ${msg}\n`),
  });
}

// A run of some datasets (DATASETS=synth, say) keeps the figures of the others from the last run that measured
// them, so the results file always holds every dataset; header.measuredAt says when each was measured.
const now = new Date().toISOString();
const measured = [...selected, ...(withReviewQueue ? ['reviewQueue'] : [])];
const earlier = readEarlierResults(`${here}linkage-results.json`);
const report = {
  header: {
    benchmark: 'linkage',
    command: 'npm run bench:linkage',
    at: now,
    measuredAt: { ...earlier.measuredAt, ...Object.fromEntries(measured.map((name) => [name, now])) },
    machine: { cpus: cpus().length, cpu: cpus()[0]?.model, memoryGb: Math.round(totalmem() / 2 ** 30), node: process.version },
    datasets: [...selected, ...(withReviewQueue ? [SYNTH] : [])],
    splinkPublished: SPLINK_PUBLISHED,
    metrics:
      'precision/recall/f1: pairwise, of the returned clusters; pair*: of scored pairs with weight >= threshold; ' +
      'bestF1: best pairwise F1 over all thresholds; seconds: linkDataset wall time; reductionRatio: 1 - candidatePairs/possiblePairs; ' +
      'blockingRecall: share of true pairs among candidate pairs (link mode: cross-source pairs only)',
  },
  ...earlier.results,
  ...results,
  ...(reviewQueue ? { reviewQueue } : {}),
};
writeFileSync(`${here}linkage-results.json`, JSON.stringify(report, null, 2) + '\n');

function readEarlierResults(path: string): { results: Record<string, unknown>; measuredAt: Record<string, string> } {
  if (!existsSync(path)) return { results: {}, measuredAt: {} };
  const { header, ...results } = JSON.parse(readFileSync(path, 'utf8')) as { header?: { at?: string; measuredAt?: Record<string, string> } } & Record<string, unknown>;
  const measuredAt = header?.measuredAt ?? Object.fromEntries(Object.keys(results).map((name) => [name, header?.at ?? 'unknown']));
  return { results, measuredAt };
}

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
if (reviewQueue) {
  const q = reviewQueue;
  const a = q.authority;
  console.log(
    `\nreview queue (synthetic population, ${q.children} children, ${q.records} records, ${q.mentions} mentions, through repo.ingest in batches of ${q.batch}; ${q.ingestSeconds} s):\n` +
      `  ${q.reviewsPer1000Mentions} reviews created per 1,000 mentions (${q.reviewsCreated}); ${q.openReviewsPer1000Mentions} still open at the end (${q.reviewsOpenAtEnd}), ` +
      `${q.openPairsOfPeoplePer1000Mentions} per 1,000 as distinct pairs of people (${q.openPairsOfPeople}); ${(q.reviewShareTrulyOnePerson * 100).toFixed(1)}% truly one person\n` +
      `  links: precision ${q.linkPrecision}, recall ${q.linkRecall}\n` +
      Object.entries(q.byKind).sort((x, y) => y[1].reviews - x[1].reviews).map(([k, v]) => `  ${String(v.reviews).padStart(6)}  ${k} (${v.trulyOnePerson} truly one person)`).join('\n') +
      `\n  for ${a.assumptions}: ${a.mentionsPerWorkingDay} mentions, ${a.reviewsPerWorkingDay} reviews (${a.openReviewsPerWorkingDay} left open) a working day: ` +
      `${a.reviewerHoursPerWorkingDay} hours of a reviewer's day at ${MINUTES_PER_REVIEW} minutes each`,
  );
}
console.log(`\nwritten to bench/linkage-results.json`);
