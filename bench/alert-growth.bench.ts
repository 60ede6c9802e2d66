// `npm run bench:alert-growth`: what one more record about a child costs the
// alerts as the child's history grows (target: under 50 ms with 1,000 records
// held). Writes bench/alert-growth-results.json.
//   SIZES=10,100,1000 REPEATS=9 OLD_REPEATS=3 npm run bench:alert-growth
//
// One child known to services for years (bench/child-history.ts: attendances,
// concerns, missed appointments, a plan with its visits, conferences and core
// groups, the police called to the home), built to each size. Then one more
// record, REPEATS times (the median is quoted), two ways side by side:
// - old: every day of the history run again (what every ingest did before the
//   engine kept state; the same rules and household code as new);
// - new: resumed from the state the last evaluation kept (engine-state.ts).
// Each figure is the median processor time of the step (wall time beside it:
// on a shared machine it includes waiting for a core). Measured twice: the engine alone (the records in memory), and the whole
// ingest of the record through Repository.ingest on PGlite on disk (validation,
// linking, reading the child's evidence, the engine, the state and alerts
// written), where "old" is the same ingest with the child's state removed first.
import { writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Repository } from '../src/app/repository.ts';
import { registerAgencies } from '../src/app/load.ts';
import { evaluateChild, resumeChild, type EvaluateOptions } from '../src/risk/engine.ts';
import type { Firing } from '../src/risk/types.ts';
import { firingKey } from '../src/risk/alerts.ts';
import { benchDb } from './bench-db.ts';
import { asEvidence, CHILD_ID, childHistory, dayAfter, HISTORY_AGENCIES, HISTORY_AGENCY_KINDS, nextRecord } from './child-history.ts';

const env = process.env;
const SIZES = (env.SIZES ?? '10,100,1000').split(',').map(Number);
const REPEATS = Number(env.REPEATS ?? 9);
const OLD_REPEATS = Number(env.OLD_REPEATS ?? 3);
const TARGET_MS = 50;
const here = fileURLToPath(new URL('.', import.meta.url));
const operator = { kind: 'operator' as const, name: 'bench' };
const median = (xs: number[]) => { const s = [...xs].sort((a, b) => a - b); return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2; };
const round = (x: number) => Math.round(x * 10) / 10;
/**
 * The processor time a step took (this process's user and system time, ms) and its wall time. The machine is
 * shared: with other work queued for its two cores, wall time measures the queue as much as the step.
 */
interface Cost { cpu: number; wall: number }
const cpuSince = (c: NodeJS.CpuUsage) => { const d = process.cpuUsage(c); return (d.user + d.system) / 1000; };
const time = <T>(fn: () => T): [T, Cost] => {
  const c = process.cpuUsage();
  const t = performance.now();
  const r = fn();
  return [r, { wall: performance.now() - t, cpu: cpuSince(c) }];
};
const medians = (xs: Cost[]) => ({ cpuMs: round(median(xs.map((x) => x.cpu))), wallMs: round(median(xs.map((x) => x.wall))) });
const keys = (fs: Firing[]) => fs.map(firingKey).join('\n');
const show = (c: { cpuMs: number; wallMs: number }) => `${c.cpuMs} ms (wall ${c.wallMs} ms)`;

/** The engine alone: one more record after a history of n, from scratch and resumed. */
function engineAlone(n: number) {
  const history = asEvidence(childHistory(n, n));
  const opts: EvaluateOptions = { agencyKinds: HISTORY_AGENCY_KINDS };
  const [built, buildMs] = time(() => resumeChild(CHILD_ID, history, opts, null));
  const state = JSON.parse(JSON.stringify(built.state));
  // One more record the day after the history ends, of a different kind each time.
  const more = (k: number) => [...history, ...asEvidence([nextRecord(dayAfter(n), k, n)], 1_000_000 + k)];
  const resumed = [...Array(REPEATS).keys()].map((k) => time(() => resumeChild(CHILD_ID, more(k), opts, state)));
  const scratch = [...Array(OLD_REPEATS).keys()].map((k) => time(() => evaluateChild(CHILD_ID, more(k), opts)));
  // The same firings either way: the resumed ones are the from-scratch ones from the first day run again.
  const identical = scratch.every(([all], k) => keys(all.filter((f) => f.at >= resumed[k]![0].from)) === keys(resumed[k]![0].firings));
  return {
    records: n, firings: built.firings.length, stateKb: round(JSON.stringify(built.state).length / 1024), fromScratchBuild: medians([buildMs]),
    oneMore: { old: medians(scratch.map(([, c]) => c)), new: medians(resumed.map(([, c]) => c)), newDaysRun: median(resumed.map(([r]) => r.daysRun)), identical },
  };
}

/** The whole ingest of one more record through the repository, on PGlite on disk. */
async function throughIngest(sizes: number[]) {
  const { db, dispose } = await benchDb('pglite', 'tl-alert-growth-');
  let clock = new Date('2011-01-01T00:00:00Z');
  const repo = new Repository(db, { clock: () => clock });
  const at = (day: string) => (clock = new Date(`${day}T12:00:00Z`));
  try {
    await registerAgencies(repo, operator, HISTORY_AGENCIES);
    const out = [];
    for (const n of sizes) {
      const history = childHistory(n, n);
      const buildStart = performance.now();
      for (let i = 0; i < history.length; i += 50) {
        const batch = history.slice(i, i + 50);
        at(batch.at(-1)!.occurredAt);
        await repo.ingest(operator, batch);
      }
      const buildMs = performance.now() - buildStart;
      const child = await db.kysely.selectFrom('mention as m').innerJoin('person_mention as pm', 'pm.mention_id', 'm.id')
        .select('pm.person_id').where('m.nhs_number', '=', history[0]!.people[0]!.nhsNumber!).executeTakeFirstOrThrow();
      const ingestOne = async (k: number, dropState: boolean): Promise<Cost> => {
        const record = nextRecord(dayAfter(n), k, n);
        at(record.occurredAt);
        if (dropState) await db.kysely.deleteFrom('alert_state').where('person_id', '=', child.person_id).execute();
        const c = process.cpuUsage();
        const t = performance.now();
        await repo.ingest(operator, [record]);
        return { wall: performance.now() - t, cpu: cpuSince(c) };
      };
      const newCost: Cost[] = [];
      const oldCost: Cost[] = [];
      for (let k = 0; k < REPEATS; k++) newCost.push(await ingestOne(k, false));
      for (let k = REPEATS; k < REPEATS + OLD_REPEATS; k++) oldCost.push(await ingestOne(k, true));
      // Back to the state kept: the next size's child is another family in the same database.
      const state = await db.kysely.selectFrom('alert_state').select('state').where('person_id', '=', child.person_id).executeTakeFirst();
      out.push({
        records: n, buildThroughIngestMs: Math.round(buildMs), stateKb: state ? round(JSON.stringify(state.state).length / 1024) : null,
        oneMore: { old: medians(oldCost), new: medians(newCost) },
      });
    }
    return out;
  } finally {
    await dispose();
  }
}

async function main() {
  console.log(`one more record about a child, by the size of their history (median of ${REPEATS} new, ${OLD_REPEATS} old)`);
  engineAlone(30); // warm-up (not reported): the first evaluations run before the JIT has compiled the rules
  const engine = [];
  for (const n of SIZES) {
    const r = engineAlone(n);
    engine.push(r);
    console.log(`engine alone, ${n} records held: old ${show(r.oneMore.old)}, new ${show(r.oneMore.new)} (${r.oneMore.newDaysRun} day(s) run; ${r.firings} firings; state ${r.stateKb} KB; identical: ${r.oneMore.identical})`);
  }
  const ingest = await throughIngest(SIZES);
  for (const r of ingest) console.log(`whole ingest, ${r.records} records held: old ${show(r.oneMore.old)}, new ${show(r.oneMore.new)} (state ${r.stateKb} KB)`);
  const at1000 = engine.find((r) => r.records === 1000);
  const met = at1000 ? at1000.oneMore.new.cpuMs < TARGET_MS : null;
  const [first, lastE, firstI, lastI] = [engine[0]!, engine.at(-1)!, ingest[0]!, ingest.at(-1)!];
  const ratio = (a: number, b: number) => round(a / b);
  const growth = {
    engineNew: ratio(lastE.oneMore.new.cpuMs, first.oneMore.new.cpuMs), engineOld: ratio(lastE.oneMore.old.cpuMs, first.oneMore.old.cpuMs),
    ingestNew: ratio(lastI.oneMore.new.cpuMs, firstI.oneMore.new.cpuMs), ingestOld: ratio(lastI.oneMore.old.cpuMs, firstI.oneMore.old.cpuMs),
  };
  const out = {
    benchmark: 'alert-growth', command: 'npm run bench:alert-growth', at: new Date().toISOString(),
    machine: { cpus: cpus().length, cpu: cpus()[0]?.model.split(' ').slice(0, 2).join(' '), memoryGb: Math.round(totalmem() / 2 ** 30), node: process.version, loadAverageAtEnd: round(loadavg()[0]!) },
    target: { oneMoreAt1000RecordsMsUnder: TARGET_MS, measuredOn: 'the engine alone, processor time (median)', met },
    repeats: { new: REPEATS, old: OLD_REPEATS },
    growth: { from: SIZES[0], to: SIZES.at(-1), ...growth },
    engine, ingest,
  };
  writeFileSync(`${here}alert-growth-results.json`, JSON.stringify(out, null, 2) + '\n');
  console.log(`growth from ${SIZES[0]} to ${SIZES.at(-1)} records (processor time): engine new ×${growth.engineNew}, old ×${growth.engineOld}; whole ingest new ×${growth.ingestNew}, old ×${growth.ingestOld}`);
  console.log(`target: one more record at 1,000 records under ${TARGET_MS} ms (engine alone, processor time): ${met === null ? 'not measured' : met ? 'met' : 'NOT met'}\nwritten to bench/alert-growth-results.json`);
}

await main();
