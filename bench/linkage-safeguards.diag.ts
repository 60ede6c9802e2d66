// Which safeguard refuses which true pairs: for FEBRL4 and FEBRL3 (or
// DATASETS=…), every candidate pair that is truly one person and that the
// batch safeguards (`datasetSafeguards`) forbid, counted by reason with a few
// examples (EXAMPLES=n), and the pairs of different people they forbid; with
// the cluster F1 with the safeguards off and on. Writes nothing.
//   node --import tsx bench/linkage-safeguards.diag.ts
import { DATASET_NAMES, loadDataset, type DatasetName } from '../src/identity/linkage/datasets.ts';
import { evaluateClusters } from '../src/identity/linkage/evaluation.ts';
import { datasetSafeguards, linkDataset } from '../src/identity/linkage/link.ts';
import type { LinkRecord } from '../src/identity/linkage/types.ts';

const names = (process.env.DATASETS ?? 'febrl4,febrl3').split(',').filter((d): d is DatasetName => (DATASET_NAMES as readonly string[]).includes(d));
const EXAMPLES = Number(process.env.EXAMPLES ?? 4);
const show = (r: LinkRecord) => `${r.given ?? '-'} ${r.family ?? '-'} ${r.dob ?? '-'} ${r.sex ?? ''} ${r.postcode ?? '-'} ${r.address ?? '-'}`;
/** A reason without its particulars (years, dates), so that like counts with like. */
const bucket = (reason: string) => reason
  .replace(/ \(the same identifier.*\)$/, ' [on a shared identifier the records contradict]')
  .replace(/\d+ years/, 'N years');

for (const name of names) {
  const ds = loadDataset(name);
  const byId = new Map(ds.records.map((r) => [r.id, r]));
  const out = linkDataset(ds.records, { mode: ds.mode, safeguards: false, keepCandidates: true });
  const counts = new Map<string, { n: number; heavy: number; examples: string[] }>();
  let trueForbidden = 0;
  let falseForbidden = 0;
  const falseCounts = new Map<string, number>();
  // what linkDataset forbids: each record judged without the values its identifier's other records outvote
  const index = new Map(ds.records.map((r, i) => [r.id, i]));
  const forbidden = datasetSafeguards(ds.records);
  for (const p of out.pairs) {
    const a = byId.get(p.a)!;
    const b = byId.get(p.b)!;
    const reason = forbidden(index.get(p.a)!, index.get(p.b)!);
    if (!reason) continue;
    const same = ds.clusterOf.get(p.a) === ds.clusterOf.get(p.b);
    if (!same) {
      falseForbidden++;
      falseCounts.set(bucket(reason), (falseCounts.get(bucket(reason)) ?? 0) + 1);
      continue;
    }
    trueForbidden++;
    const c = counts.get(bucket(reason)) ?? { n: 0, heavy: 0, examples: [] };
    c.n++;
    if (p.weight >= 0) c.heavy++;
    if (c.examples.length < EXAMPLES) c.examples.push(`w=${p.weight.toFixed(1)}\n        ${show(a)}\n        ${show(b)}`);
    counts.set(bucket(reason), c);
  }
  const off = evaluateClusters(ds, out.clusters);
  const on = evaluateClusters(ds, linkDataset(ds.records, { mode: ds.mode, safeguards: true }).clusters);
  console.log(`\n== ${name}: F1 off ${off.f1.toFixed(4)} on ${on.f1.toFixed(4)} (P ${on.precision.toFixed(4)} R ${on.recall.toFixed(4)})`);
  console.log(`   true candidate pairs forbidden: ${trueForbidden}; non-matching pairs forbidden: ${falseForbidden}`);
  for (const [reason, c] of [...counts].sort((x, y) => y[1].n - x[1].n)) {
    console.log(`  ${c.n} true pairs (${c.heavy} with weight >= 0): ${reason}`);
    for (const e of c.examples) console.log(`      ${e}`);
  }
  console.log('   non-matching pairs forbidden, by reason:');
  for (const [reason, n] of [...falseCounts].sort((x, y) => y[1] - x[1])) console.log(`  ${n}: ${reason}`);
}
