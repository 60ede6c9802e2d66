// `npm run bench:child-page`: how long the server takes to render the child's
// page for the Baby P demo (target: p95 under 100 ms with the full chronology,
// so that a practitioner is not kept waiting for the whole picture). Writes bench/child-page-results.json.
//   READS=300 WARM_UP=30 ENGINES=pglite,postgres npm run bench:child-page
//
// Each engine in its own process (this file again, with `--engine`): PGlite on
// disk in a temp dir (as `npm start` runs it), then PostgreSQL in a scratch
// database when a server answers on 127.0.0.1:5432.
// Setup (not measured): the Baby P scenario through the one ingest path, a
// social worker allocated to Peter, signed in through the Repository.
// Measured: READS requests GET /people/:id through Fastify's inject (the whole
// server path: session, need-to-know, sharing policy, audit rows, the view),
// one at a time, after WARM_UP unmeasured ones. Server time = from the request
// entering Fastify to the last byte of the body leaving it; no network.
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Repository } from '../src/app/repository.ts';
import { totpNow } from '../src/access/totp.ts';
import { SESSION_COOKIE } from '../src/web/http-auth.ts';
import { ingestInBatches, inTimeOrder, registerAgencies } from '../src/app/load.ts';
import type { AgencyRecord, Scenario } from '../src/records/types.ts';
import { readScenario } from '../src/cli/read-input.ts';
import { buildServer } from '../src/web/server.ts';
import { benchDb, benchEngines } from './bench-db.ts';

const env = process.env;
const READS = Number(env.READS ?? 300);
const WARM_UP = Number(env.WARM_UP ?? 30);
const TARGET_P95_MS = 100;
const here = fileURLToPath(new URL('.', import.meta.url));
const operator = { kind: 'operator' as const, name: 'bench' };
const round = (x: number) => Math.round(x * 100) / 100;
const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;

async function runEngine(engine: string) {
  const { db, dispose } = await benchDb(engine, 'tl-child-page-bench-');
  try {
    const repo = new Repository(db);
    const scenario = readScenario(fileURLToPath(new URL('../scenarios/baby-p.json', import.meta.url)));
    await registerAgencies(repo, operator, scenario.agencies);
    await ingestInBatches(repo, operator, inTimeOrder(scenario.records));
    const peter = (await repo.people(operator)).people.find((p) => p.name === 'Peter Connelly')!;
    const password = 'bench social worker password';
    await repo.createUser(operator, { username: 'social.worker', displayName: 'Sam Social Worker', agencyId: 'haringey-csc', roles: ['practitioner'], password });
    const { secret } = await repo.enrolTotp(operator, 'social.worker');
    await repo.assignCase(operator, peter.id, 'social.worker', 'allocated-worker');
    const { token } = await repo.signIn({ username: 'social.worker', password, code: totpNow(secret, new Date()), address: '127.0.0.1' });
    const app = await buildServer(repo, { logger: false });
    const get = () => app.inject({ method: 'GET', url: `/people/${peter.id}`, headers: { cookie: `${SESSION_COOKIE}=${token}` } });

    const first = await get();
    if (first.statusCode !== 200) throw new Error(`GET /people/${peter.id}: ${first.statusCode}`);
    const page = first.body;
    // What the page holds, so the figure is for the full page (every record of the chronology).
    const chronology = (await repo.chronology(operator, peter.id))!;
    const shows = {
      chronologyRecords: chronology.entries.length,
      bytes: Buffer.byteLength(page),
      everyRecordListed: chronology.entries.every((e) => page.includes(e.source)),
      stevenBarker: page.includes('Steven Barker'),
    };
    for (let i = 0; i < WARM_UP; i++) await get();
    const ms: number[] = [];
    for (let i = 0; i < READS; i++) {
      const t = performance.now();
      const res = await get();
      ms.push(performance.now() - t);
      if (res.statusCode !== 200) throw new Error(`status ${res.statusCode}`);
    }
    await app.close();
    ms.sort((a, b) => a - b);
    const p95 = percentile(ms, 95);
    return { engine, reads: READS, p50Ms: round(percentile(ms, 50)), p95Ms: round(p95), maxMs: round(ms.at(-1)!), met: p95 < TARGET_P95_MS, page: shows, peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024) };
  } finally {
    await dispose();
  }
}


async function main() {
  const engines = await benchEngines();
  const results: Record<string, any> = {};
  for (const engine of engines) {
    const r = spawnSync(process.execPath, ['--import', 'tsx', fileURLToPath(import.meta.url), '--engine', engine], { stdio: ['ignore', 'pipe', 'inherit'], encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`${engine} run failed (exit ${r.status})`);
    results[engine] = JSON.parse(r.stdout.trim().split('\n').pop()!);
  }
  const met = Object.values(results).every((r) => r.met);
  const out = {
    benchmark: 'child-page', command: 'npm run bench:child-page', at: new Date().toISOString(),
    machine: { cpus: cpus().length, cpu: cpus()[0]?.model, memoryGb: Math.round(totalmem() / 2 ** 30), node: process.version },
    target: { p95MsUnder: TARGET_P95_MS, met }, engines: results,
  };
  writeFileSync(`${here}child-page-results.json`, JSON.stringify(out, null, 2) + '\n');
  console.log('\nengine    reads   p50 ms   p95 ms   max ms   records  page KB  target');
  for (const [engine, r] of Object.entries(results)) {
    console.log(`${engine.padEnd(9)} ${String(r.reads).padStart(5)}  ${String(r.p50Ms).padStart(7)}  ${String(r.p95Ms).padStart(7)}  ${String(r.maxMs).padStart(7)}  ${String(r.page.chronologyRecords).padStart(8)}  ${String(Math.round(r.page.bytes / 1024)).padStart(7)}  ${r.met ? 'met' : 'MISSED'}`);
    console.log(`${''.padEnd(9)} every chronology record on the page: ${r.page.everyRecordListed}; Steven Barker shown: ${r.page.stevenBarker}`);
  }
  console.log(`\ntarget: p95 < ${TARGET_P95_MS} ms on every engine: ${met ? 'met' : 'NOT met'}\nwritten to bench/child-page-results.json`);
}

if (process.argv[2] === '--engine') process.stdout.write(JSON.stringify(await runEngine(process.argv[3] ?? 'pglite')) + '\n');
else await main();
