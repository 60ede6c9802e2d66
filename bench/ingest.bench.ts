// `npm run bench`: batch ingest of synthetic records through the HTTP batch
// path, on PGlite and (when reachable) PostgreSQL, next to the raw COPY rate
// of the same rows into the same tables; chronology latency; peak memory.
// Each engine runs in its own process. Writes bench/results.json.
//   RECORDS=100000 BATCH=1000 npm run bench
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { cpus, totalmem } from 'node:os';
import { fileURLToPath } from 'node:url';

const records = process.env.RECORDS ?? '100000';
const batch = process.env.BATCH ?? '1000';
const here = fileURLToPath(new URL('.', import.meta.url));

async function postgresReachable(): Promise<boolean> {
  return new Promise((resolve) => {
    const s = connect(5432, '127.0.0.1');
    s.on('connect', () => { s.destroy(); resolve(true); });
    s.on('error', () => { resolve(false); });
  });
}

const engines = ['pglite', ...((await postgresReachable()) ? ['postgres'] : [])];
const results: Record<string, unknown> = {};
for (const engine of engines) {
  process.stderr.write(`\n== ${engine}: ${records} records, batches of ${batch}\n`);
  const r = spawnSync(process.execPath, ['--import', 'tsx', `${here}ingest-engine.ts`, engine, records, batch], {
    stdio: ['ignore', 'pipe', 'inherit'], encoding: 'utf8', maxBuffer: 16 * 1024 * 1024,
  });
  if (r.status !== 0) throw new Error(`${engine} run failed (exit ${r.status})`);
  results[engine] = JSON.parse(r.stdout.trim().split('\n').pop()!);
}

const out = {
  benchmark: 'ingest',
  command: 'npm run bench',
  at: new Date().toISOString(),
  machine: { cpus: cpus().length, cpu: cpus()[0]?.model, memoryGb: Math.round(totalmem() / 2 ** 30), node: process.version },
  targets: { ratioOnPostgres: '>= 0.40', chronologyP95Ms: '< 20' },
  engines: results,
};
writeFileSync(`${here}results.json`, JSON.stringify(out, null, 2) + '\n');

console.log('\nengine    records  ingest rec/s  raw COPY rec/s  ratio  chronology p50/p95 ms  peak RSS MB');
for (const [engine, r] of Object.entries(results) as [string, any][]) {
  console.log(`${engine.padEnd(9)} ${String(r.records).padStart(7)}  ${String(r.ingest.recordsPerSecond).padStart(12)}  ${String(r.raw.recordsPerSecond).padStart(14)}  ${r.ratio.toFixed(2).padStart(5)}  ${`${r.chronology.p50Ms} / ${r.chronology.p95Ms}`.padStart(21)}  ${String(r.peakRssMb).padStart(11)}`);
}
console.log(`\nwritten to bench/results.json`);
