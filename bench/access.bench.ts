// `npm run bench:access`: what the need-to-know check and the audit trail cost
// in read throughput (target: at most 25% fewer reads a second with them on
// than off, so that need-to-know is never the thing turned off for speed). Writes bench/access-results.json.
//   CHILDREN=3000 SAMPLE=200 ROUNDS=4 CONCURRENCY=1 npm run bench:access
//
// Each engine runs in its own process (this file again, with `--engine`): PGlite
// on disk in a temp dir (durable commits, as users run it), then PostgreSQL in
// a scratch database when a server answers on 127.0.0.1:5432.
// 1. Setup (not measured): src/synth's population of CHILDREN children (3
//    years of records), every agency registered with an API key, and every
//    record sent through Repository.ingest as that agency's system, in
//    batches of one agency's records.
// 2. Measured: a seeded sample of SAMPLE children, each
//    read by an agency system that has sent a record naming the child and so has a full relationship.
//      ON  = the product's read: repo.chronology(actor, id) / repo.household(actor, id)
//            (one transaction: the need-to-know check, the query, the
//            hash-chained audit row, and whatever else the Repository adds)
//            Reads' audit rows commit durably, the product's default
//            (audit.ts, ReadAuditCommit); ON ASYNC is the same read with
//            THREADLINE_READ_AUDIT_COMMIT=async, reported beside.
//      OFF = the same query alone, in one transaction:
//            personChronology(tx, id) / householdOf(tx, id)
//    After a warm-up of both, ROUNDS rounds each read the whole sample ON and
//    OFF, the order alternating round by round (ON OFF, OFF ON, ...), so
//    caches and a growing audit table favour neither. CONCURRENCY readers
//    share each pass (default 1: one read at a time). Reads/s = reads /
//    wall-clock time of the passes; cost = 1 - on/off.
// 3. Breakdown (diagnostic, chronology only): OFF plus the need-to-know condition alone (in the chronology query, as the product does it), and OFF
//    plus appendAudit alone (a durable commit), in the same rounds, to show where the cost goes.
// Env: CHILDREN (default 3000), SAMPLE (200), ROUNDS (4), WARM_UP (50),
// CONCURRENCY (1), BATCH (500), SEED, ENGINES (pglite,postgres), BENCH_DATABASE_URL (server
// for the scratch database, default postgres://postgres@127.0.0.1:5432/postgres).
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { fileURLToPath } from 'node:url';
import { sql, type Transaction } from 'kysely';
import { Repository } from '../src/app/repository.ts';
import { actorAgency, type Actor } from '../src/shared/actor.ts';
import { EVERYONE, viewerOf } from '../src/shared/relationship.ts';
import { appendAudit } from '../src/access/audit.ts';
import { personChronology } from '../src/chronology/chronology.ts';
import { householdOf } from '../src/household/household.ts';
import type { Db } from '../src/db/connect.ts';
import type { Database } from '../src/db/schema.ts';
import { benchDb, benchEngines } from './bench-db.ts';
import { generateRecords, synthAgencies, synthPeriod } from '../src/synth/generate.ts';
import { Rng } from '../src/synth/random.ts';
import type { AgencyRecord } from '../src/records/types.ts';

const env = process.env;
const int = (name: string, fallback: number) => {
  const n = env[name] === undefined || env[name] === '' ? fallback : Number(env[name]);
  if (!Number.isInteger(n) || n < 0) throw new Error(`${name} must be a non-negative integer`);
  return n;
};
const CHILDREN = int('CHILDREN', 3000);
const SAMPLE = int('SAMPLE', 200);
const ROUNDS = int('ROUNDS', 4);
const WARM_UP = int('WARM_UP', 50);
const CONCURRENCY = Math.max(1, int('CONCURRENCY', 1));
const BATCH = int('BATCH', 500);
const SEED = int('SEED', 20261205);
const TARGET_COST = 0.25;
const here = fileURLToPath(new URL('.', import.meta.url));
const operator: Actor = { kind: 'operator', name: 'bench' };
const round = (x: number, d = 2) => Math.round(x * 10 ** d) / 10 ** d;

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

// ---------------------------------------------------------------- one engine

type Read = (personId: number, actor: Actor) => Promise<unknown>;
interface Timing { reads: number; ms: number; latencies: number[] }
const timing = (): Timing => ({ reads: 0, ms: 0, latencies: [] });

async function runEngine(engine: string): Promise<void> {
  const log = (msg: string) => process.stderr.write(`[${engine}] ${msg}\n`);
  const { db, dispose } = await benchDb(engine, 'tl-access-bench-');
  try {
    process.stdout.write(JSON.stringify(await measure(db, engine, log)) + '\n');
  } finally {
    await dispose();
  }
}

async function measure(db: Db, engine: string, log: (m: string) => void) {
  const repo = new Repository(db, { readAuditCommit: 'durable' });
  // The same, with reads' audit rows committed without waiting for the WAL flush (THREADLINE_READ_AUDIT_COMMIT=async).
  const asyncRead = new Repository(db, { readAuditCommit: 'async' });

  // 1. Setup: the population, through the one ingest path, as the agencies' systems.
  const t0 = performance.now();
  const actors = new Map<string, Actor>();
  for (const agency of synthAgencies({ seed: SEED, children: CHILDREN })) {
    await repo.registerAgency(operator, agency);
    actors.set(agency.id, { kind: 'agency-system', agencyId: agency.id, keyId: (await repo.createApiKey(operator, agency.id)).keyId });
  }
  const pending = new Map<string, AgencyRecord[]>();
  let records = 0;
  const send = async (agency: string) => {
    const list = pending.get(agency)!;
    pending.delete(agency);
    const out = await repo.ingest(actors.get(agency)!, list);
    const refused = out.results.filter((r) => r.status === 'refused').length;
    if (refused) throw new Error(`${refused} records refused by ingest`);
    records += list.length;
    if (Math.floor(records / 5000) !== Math.floor((records - list.length) / 5000)) log(`ingested ${records} records`);
  };
  for (const r of generateRecords({ seed: SEED, children: CHILDREN })) {
    const list = pending.get(r.agency) ?? [];
    list.push(r);
    pending.set(r.agency, list);
    if (list.length >= BATCH) await send(r.agency);
  }
  for (const agency of [...pending.keys()]) await send(agency);
  await db.statistics.settled(); // any planner-statistics refresh ingest started, as in service
  const setupSeconds = (performance.now() - t0) / 1000;
  log(`set up ${records} records in ${setupSeconds.toFixed(1)} s`);

  // The sample: children (someone under 18 at the end of the period), each with an agency that named them
  // with a full relationship (not only a limited one: that reads no chronology).
  const end = synthPeriod({}).end;
  const adultBorn = `${Number(end.slice(0, 4)) - 18}${end.slice(4)}`;
  const children = (await sql<{ id: number }>`
    select distinct pm.person_id as id from person_mention pm join mention m on m.id = pm.mention_id
    where m.dob is not null and length(m.dob) = 10 and m.dob > ${adultBorn} order by 1`.execute(db.kysely)).rows.map((r) => r.id);
  const rng = new Rng(SEED, 0xacce55);
  const chosen = new Set<number>();
  while (chosen.size < Math.min(SAMPLE, children.length)) chosen.add(children[Math.floor(rng.float() * children.length)]!);
  const sample = [...chosen];
  const senders = new Map<number, string[]>();
  for (const r of (await sql<{ person_id: number; agency_id: string }>`
    select distinct pm.person_id, r.agency_id from person_mention pm join mention m on m.id = pm.mention_id
    join record r on r.id = m.record_id where pm.person_id = any(${sample}::bigint[])
      and not exists (select 1 from limited_tie lt where lt.agency_id = r.agency_id and lt.ref = r.ref and lt.key = m.key) order by 1, 2`.execute(db.kysely)).rows) {
    senders.set(r.person_id, [...(senders.get(r.person_id) ?? []), r.agency_id]);
  }
  const reader = new Map(sample.map((id) => [id, actors.get(rng.pick(senders.get(id)!))!]));
  const auditBefore = Number((await sql<{ n: string }>`select count(*) as n from audit`.execute(db.kysely)).rows[0]!.n);

  const tx = <T>(fn: (t: Transaction<Database>) => Promise<T>) => db.kysely.transaction().execute(fn);
  const paths: Record<string, Record<string, Read>> = {
    chronology: {
      on: async (id, actor) => {
        const c = await repo.chronology(actor, id);
        if (!c) throw new Error(`ON chronology refused person ${id} to ${actorAgency(actor)}`);
        return c;
      },
      off: (id) => tx((t) => personChronology(t, id, EVERYONE)),
      'on async': async (id, actor) => asyncRead.chronology(actor, id),
      // Breakdown: each half of the ON overhead alone.
      'off+check': (id, actor) => tx((t) => personChronology(t, id, viewerOf(actor, new Date()))),
      'off+audit': (id, actor) => tx(async (t) => {
        const c = await personChronology(t, id, EVERYONE);
        await appendAudit(t, actor, new Date(), { action: 'bench.chronology', personIds: [id], recordIds: c?.entries.map((e) => e.recordId) ?? [], detail: { found: c !== null } });
        return c;
      }),
    },
    household: {
      on: async (id, actor) => {
        const h = await repo.household(actor, id);
        if (!h) throw new Error(`ON household refused person ${id} to ${actorAgency(actor)}`);
        return h;
      },
      off: (id) => tx((t) => householdOf(t, id)),
      'on async': async (id, actor) => asyncRead.household(actor, id),
    },
  };

  const out: Record<string, unknown> = {};
  for (const [path, modes] of Object.entries(paths)) {
    const names = Object.keys(modes);
    // Warm-up: every mode, on the first WARM_UP of the sample.
    for (const name of names) for (const id of sample.slice(0, WARM_UP)) await modes[name]!(id, reader.get(id)!);
    const t: Record<string, Timing> = Object.fromEntries(names.map((n) => [n, timing()]));
    const tPath = performance.now();
    for (let r = 0; r < ROUNDS; r++) {
      const order = r % 2 === 0 ? names : [...names].reverse();
      for (const name of order) {
        const read = modes[name]!;
        const m = t[name]!;
        // CONCURRENCY readers share the sample; throughput is reads over the wall-clock time of the pass.
        let next = 0;
        const worker = async () => {
          for (let i = next++; i < sample.length; i = next++) {
            const id = sample[i]!;
            const start = performance.now();
            await read(id, reader.get(id)!);
            m.latencies.push(performance.now() - start);
            m.reads++;
          }
        };
        const pass = performance.now();
        await Promise.all(Array.from({ length: CONCURRENCY }, worker));
        m.ms += performance.now() - pass;
      }
    }
    const summary = Object.fromEntries(names.map((n) => {
      const m = t[n]!;
      const sorted = m.latencies.sort((a, b) => a - b);
      return [n, { reads: m.reads, readsPerSecond: round((m.reads * 1000) / m.ms, 1), p50Ms: round(percentile(sorted, 50)), p95Ms: round(percentile(sorted, 95)) }];
    })) as Record<string, { reads: number; readsPerSecond: number; p50Ms: number; p95Ms: number }>;
    const cost = 1 - summary.on!.readsPerSecond / summary.off!.readsPerSecond;
    const asyncCost = 1 - summary['on async']!.readsPerSecond / summary.off!.readsPerSecond;
    out[path] = { ...summary, cost: round(cost * 100, 1), met: cost <= TARGET_COST, asyncCost: round(asyncCost * 100, 1) };
    log(`${path}: ON ${summary.on!.readsPerSecond}/s, OFF ${summary.off!.readsPerSecond}/s, cost ${(cost * 100).toFixed(1)}% (${((performance.now() - tPath) / 1000).toFixed(1)} s)`);
  }

  const count = async (q: ReturnType<typeof sql<{ n: string }>>) => Number((await q.execute(db.kysely)).rows[0]!.n);
  return {
    engine,
    children: CHILDREN,
    records,
    people: await count(sql<{ n: string }>`select count(distinct person_id) as n from person_mention`),
    sampleChildren: sample.length,
    rounds: ROUNDS,
    concurrency: CONCURRENCY,
    setupSeconds: round(setupSeconds, 1),
    auditRowsWritten: await count(sql<{ n: string }>`select count(*) as n from audit`) - auditBefore,
    auditRowsTotal: await count(sql<{ n: string }>`select count(*) as n from audit`),
    paths: out,
    peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
  };
}

// ---------------------------------------------------------------- the driver


async function main(): Promise<void> {
  const engines = await benchEngines();
  const results: Record<string, any> = {};
  for (const engine of engines) {
    process.stderr.write(`\n== ${engine}: ${CHILDREN} children, sample ${SAMPLE}, ${ROUNDS} rounds\n`);
    const r = spawnSync(process.execPath, ['--import', 'tsx', fileURLToPath(import.meta.url), '--engine', engine], {
      stdio: ['ignore', 'pipe', 'inherit'], encoding: 'utf8', maxBuffer: 16 * 1024 * 1024,
    });
    if (r.status !== 0) throw new Error(`${engine} run failed (exit ${r.status})`);
    results[engine] = JSON.parse(r.stdout.trim().split('\n').pop()!);
  }

  const met = Object.values(results).every((r) => ['chronology', 'household'].every((p) => r.paths[p].met));
  const out = {
    benchmark: 'access',
    command: 'npm run bench:access',
    at: new Date().toISOString(),
    machine: { cpus: cpus().length, cpu: cpus()[0]?.model, memoryGb: Math.round(totalmem() / 2 ** 30), node: process.version },
    target: { costPercentAtMost: TARGET_COST * 100, met },
    engines: results,
  };
  writeFileSync(`${here}access-results.json`, JSON.stringify(out, null, 2) + '\n');

  const pad = (s: unknown, n: number) => String(s).padStart(n);
  console.log('\nengine    path         reads/s on  reads/s off   cost   on p50/p95 ms  off p50/p95 ms  target');
  for (const [engine, r] of Object.entries(results)) {
    for (const path of ['chronology', 'household']) {
      const p = r.paths[path];
      console.log(`${engine.padEnd(9)} ${path.padEnd(11)} ${pad(p.on.readsPerSecond, 11)}  ${pad(p.off.readsPerSecond, 11)}  ${pad(`${p.cost}%`, 6)}  ${pad(`${p.on.p50Ms} / ${p.on.p95Ms}`, 13)}  ${pad(`${p.off.p50Ms} / ${p.off.p95Ms}`, 14)}  ${p.met ? 'met' : 'MISSED'}`);
    }
    const b = r.paths.chronology;
    console.log(`${''.padEnd(9)} breakdown (chronology reads/s): off+check ${b['off+check'].readsPerSecond}, off+audit ${b['off+audit'].readsPerSecond}`);
    console.log(`${''.padEnd(9)} with THREADLINE_READ_AUDIT_COMMIT=async: chronology ${b['on async'].readsPerSecond}/s (cost ${b.asyncCost}%), household ${r.paths.household['on async'].readsPerSecond}/s (cost ${r.paths.household.asyncCost}%)`);
    console.log(`${''.padEnd(9)} ${r.children} children, ${r.records} records, ${r.people} people; ${r.sampleChildren} sampled x ${r.rounds} rounds; ${r.auditRowsWritten} audit rows written`);
  }
  console.log(`\ntarget: cost <= ${TARGET_COST * 100}% on every engine and path: ${met ? 'met' : 'NOT met'}`);
  console.log('written to bench/access-results.json');
}

if (process.argv[2] === '--engine') await runEngine(process.argv[3] ?? 'pglite');
else await main();
