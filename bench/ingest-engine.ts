// One engine's run of the ingest benchmark (a child of bench/ingest.bench.ts,
// so that its peak memory is its own). Prints one JSON object on stdout.
//   node --import tsx bench/ingest-engine.ts <pglite|postgres> <records> <batch> [senders]
// `senders`: how many agency systems send batches at once (each waits for its
// answer before sending the next), as agencies do; default 2.
import type { AddressInfo } from 'node:net';
import { sql } from 'kysely';
import { benchDb } from './bench-db.ts';
import { Repository } from '../src/access/repository.ts';
import type { Actor } from '../src/access/actor.ts';
import { buildServer } from '../src/web/server.ts';
import { generateRecords, synthAgencies } from '../src/synth/generate.ts';
import { Rng } from '../src/synth/random.ts';
import type { AgencyRecord } from '../src/records/types.ts';
import { dumpTables, loadTables } from './copy-tables.ts';

const [engine = 'pglite', recordsArg = '100000', batchArg = '1000', sendersArg = '2'] = process.argv.slice(2);
const N = Number(recordsArg);
const BATCH = Number(batchArg);
const SENDERS = Number(sendersArg);
const SEED = 20261121;
const operator: Actor = { kind: 'operator', name: 'bench' };
const log = (msg: string) => process.stderr.write(`[${engine}] ${msg}\n`);

const freshDb = () => benchDb(engine, 'tl-bench-');

/** Records grouped into batches of one agency each (an API key sends only its own agency's records), in time order. */
function batchesByAgency(records: AgencyRecord[]): { agency: string; body: string; count: number }[] {
  const open = new Map<string, AgencyRecord[]>();
  const out: { agency: string; body: string; count: number }[] = [];
  const flush = (agency: string) => {
    const list = open.get(agency)!;
    out.push({ agency, body: JSON.stringify(list), count: list.length });
    open.delete(agency);
  };
  for (const r of records) {
    const list = open.get(r.agency) ?? [];
    list.push(r);
    open.set(r.agency, list);
    if (list.length >= BATCH) flush(r.agency);
  }
  for (const agency of [...open.keys()]) flush(agency);
  return out;
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

async function main() {
  const t0 = performance.now();
  const records = [...generateRecords({ seed: SEED, children: Math.ceil(N / 8), maxRecords: N })];
  if (records.length < N) throw new Error(`generator gave ${records.length} records, wanted ${N}`);
  log(`generated ${records.length} records in ${((performance.now() - t0) / 1000).toFixed(1)} s`);

  const a = await freshDb();
  const repo = new Repository(a.db);
  const keys = new Map<string, string>();
  for (const agency of synthAgencies({ seed: SEED, children: Math.ceil(N / 8) })) {
    await repo.registerAgency(operator, agency);
    keys.set(agency.id, (await repo.createApiKey(operator, agency.id)).token);
  }
  const batches = batchesByAgency(records);
  const app = await buildServer(repo, { logger: false });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const port = (app.server.address() as AddressInfo).port;

  // 1. The batch path: HTTP batches through the one ingest path.
  let stored = 0;
  let refused = 0;
  const tIngest = performance.now();
  let next = 0;
  const send = async () => {
    for (let i = next++; i < batches.length; i = next++) {
      const b = batches[i]!;
      const res = await fetch(`http://127.0.0.1:${port}/api/records/batch`, {
        method: 'POST',
        headers: { authorization: `Bearer ${keys.get(b.agency)}`, 'content-type': 'application/json' },
        body: b.body,
      });
      if (res.status !== 200) throw new Error(`batch refused: ${res.status} ${await res.text()}`);
      const out = (await res.json()) as { summary: { stored: number; refused: number; newVersions: number } };
      stored += out.summary.stored + out.summary.newVersions;
      refused += out.summary.refused;
    }
  };
  await Promise.all(Array.from({ length: SENDERS }, send));
  const ingestSeconds = (performance.now() - tIngest) / 1000;
  await app.close();
  log(`ingested ${stored} (refused ${refused}) in ${ingestSeconds.toFixed(1)} s`);

  // 2. Chronology latency: 1,000 random people, through the repository (query + audit row, one transaction).
  // Any planner-statistics refresh that ingest started is let finish first, as it would be in service.
  await a.db.statistics.settled();
  const ids = (await sql<{ id: number }>`select distinct person_id as id from person_mention order by 1`.execute(a.db.kysely)).rows.map((r) => r.id);
  const rng = new Rng(SEED, 99);
  const sample = Array.from({ length: 1000 }, () => ids[Math.floor(rng.float() * ids.length)]!);
  for (const id of sample.slice(0, 50)) await repo.chronology(operator, id); // warm-up
  const latencies: number[] = [];
  let entries = 0;
  for (const id of sample) {
    const t = performance.now();
    const c = await repo.chronology(operator, id);
    latencies.push(performance.now() - t);
    entries += c?.entries.length ?? 0;
  }
  latencies.sort((x, y) => x - y);

  // 3. The physical limit: the same rows into a fresh copy of the same tables, one COPY per table.
  const dump = await dumpTables(a.db);
  const people = ids.length;
  await a.dispose();
  const b = await freshDb();
  const rawSeconds = await loadTables(b.db, dump);
  const rows = [...dump.values()].reduce((n, text) => n + (text.match(/\n/g)?.length ?? 0), 0);
  await b.dispose();
  log(`raw COPY of ${rows} rows in ${rawSeconds.toFixed(2)} s`);

  const ingestRate = stored / ingestSeconds;
  const rawRate = records.length / rawSeconds;
  process.stdout.write(JSON.stringify({
    engine,
    records: records.length,
    batchSize: BATCH,
    batches: batches.length,
    senders: SENDERS,
    people,
    ingest: { stored, refused, seconds: round(ingestSeconds), recordsPerSecond: Math.round(ingestRate) },
    raw: { rows, seconds: round(rawSeconds), recordsPerSecond: Math.round(rawRate) },
    ratio: round(ingestRate / rawRate, 3),
    chronology: {
      people: sample.length,
      meanEntries: round(entries / sample.length, 1),
      p50Ms: round(percentile(latencies, 50)),
      p95Ms: round(percentile(latencies, 95)),
      maxMs: round(latencies[latencies.length - 1]!),
    },
    peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
  }) + '\n');
}

const round = (x: number, d = 2) => Math.round(x * 10 ** d) / 10 ** d;

await main();
