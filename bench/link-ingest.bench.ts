// `npm run bench:link-ingest`: linking new mentions on ingest against everyone
// already known (target: under 10 ms per mention with a million people
// stored, so that linking never holds up a batch). Writes bench/link-ingest-results.json.
//   PEOPLE=1000000 NEW=2000 npm run bench:link-ingest            (PostgreSQL, a scratch database)
//   ENGINE=pglite PEOPLE=50000 NEW=500 npm run bench:link-ingest (embedded, on disk in a temp dir)
//   DATABASE_URL=postgres://… npm run bench:link-ingest          (an EMPTY migrated-or-new database; not dropped)
//
// 1. Setup (not measured): PEOPLE distinct synthetic people (households of
//    1-5, see link-ingest-population.ts) are bulk-loaded with COPY as the rows
//    ingest would have written for one demographics record each: record,
//    mention (with its identity), person, mention_link, person_mention and
//    every person_key. Its time is printed apart.
// 2. Measured: NEW agency records of 1-3 people each through repo.ingest (the
//    one ingest path: validation, versions, storage, linking, audit), one
//    record per call (latency), then NEW other records 100 per call
//    (throughput). About half re-mention seeded people written differently
//    (nickname, typo, day/month swap, postcode style, missing dob or
//    address, another agency); the rest are people nobody has seen. The
//    linker is wrapped to time each link() call.
// 3. Sanity and diagnostics (not measured): whether each re-mention joined the
//    right seeded person, whether any new person was joined to a seeded one,
//    reviews queued, merges (every seeded person is distinct, so any merge of
//    two seeded people is wrong); how many people each mention's keys reach
//    (per blocking rule); the linker's read side and plan re-run per phase;
//    EXPLAIN ANALYZE of its two candidate queries.
// The machine's load average (1, 5 and 15 minutes) is kept at each step
// (machine.loadAverage): on a shared machine the timings mean little without it.
// Seeding skips foreign-key checks with session_replication_role, so the
// database user must be a superuser (postgres on the local server is).
// Env: PEOPLE (default 1000000), NEW (2000), ENGINE (postgres | pglite),
// DATABASE_URL, BENCH_DATABASE_URL (server for the scratch database, default
// postgres://postgres@127.0.0.1:5432/postgres), NAMES=narrow (synth name pools
// only: a worst case for blocking), SEED, EXPLAIN=1 (print query plans).
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import { Repository } from '../src/app/repository.ts';
import type { Actor } from '../src/shared/actor.ts';
import { openDb, type Db, type DbTarget } from '../src/db/connect.ts';
import { createScratchDatabase, dropScratchDatabase } from '../src/db/scratch-database.ts';
import { closestCandidates, differentPairs, membersOf, probabilisticLinker, type Linker } from '../src/identity/linker.ts';
import { planLinks } from '../src/identity/link-plan.ts';
import { peopleWithKeys } from '../src/identity/person-keys.ts';
import { currentModel } from '../src/identity/model-source.ts';
import { linkKeysOf } from '../src/identity/link-keys.ts';
import type { LinkRecord } from '../src/identity/linkage/types.ts';
import { MAX_BLOCK } from '../src/identity/linkage/blocking.ts';
import { validateRecord } from '../src/records/validate.ts';
import type { AgencyRecord } from '../src/records/types.ts';
import { AGENCIES, newRecords, Population, seedRecord, type MentionTruth } from './link-ingest-population.ts';
import { seedPeople } from './link-ingest-seed.ts';

const env = process.env;
const PEOPLE = Number(env.PEOPLE ?? 1_000_000);
const NEW = Number(env.NEW ?? 2000);
const ENGINE = env.ENGINE === 'pglite' ? 'pglite' : 'postgres';
const SEED = Number(env.SEED ?? 20261122);
const NARROW = env.NAMES === 'narrow';
const WARM_UP = 20;
const PG_SERVER = env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const TARGET_MS_PER_MENTION = 10;
const here = fileURLToPath(new URL('.', import.meta.url));
const operator: Actor = { kind: 'operator', name: 'bench' };
const log = (msg: string) => process.stderr.write(`${msg}\n`);
const round = (x: number, d = 2) => (Number.isFinite(x) ? Math.round(x * 10 ** d) / 10 ** d : x);
const secs = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

function percentile(values: number[], p: number): number {
  if (!values.length) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}
const loadNow = () => loadavg().map((x) => round(x, 1));
const mean = (xs: number[]) => xs.reduce((s, x) => s + x, 0) / xs.length;

async function openTarget(): Promise<{ db: Db; label: string; dispose: () => Promise<void> }> {
  let target: DbTarget;
  let remove = async () => {};
  let label: string;
  if (ENGINE === 'pglite') {
    const dir = mkdtempSync(join(tmpdir(), 'tl-link-bench-'));
    target = { kind: 'pglite', dataDir: dir };
    remove = async () => { rmSync(dir, { recursive: true, force: true }); };
    label = `PGlite on disk (${dir})`;
  } else if (env.DATABASE_URL) {
    target = { kind: 'postgres', url: env.DATABASE_URL };
    label = 'PostgreSQL (DATABASE_URL, kept)';
  } else {
    const url = await createScratchDatabase(PG_SERVER);
    target = { kind: 'postgres', url };
    remove = () => dropScratchDatabase(PG_SERVER, url);
    label = `PostgreSQL scratch database ${new URL(url).pathname.slice(1)} (dropped at the end)`;
  }
  const db = await openDb(target);
  return { db, label, dispose: async () => { await db.close(); await remove(); } };
}

interface Call { phase: string; ms: number; mentions: number; cpuMs: number | null }

/** CPU time (user + system, ms) a server backend has used, read from /proc: null when the server is not on this machine. */
function backendCpuMs(pid: number): number | null {
  try {
    // Fields after the command's closing parenthesis: state is the 3rd field, utime the 14th, stime the 15th.
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS;
  } catch {
    return null;
  }
}
const CLOCK_TICKS = 100;
const processCpuMs = () => { const u = process.cpuUsage(); return (u.user + u.system) / 1000; };

async function main() {
  const t0 = performance.now();
  const { db, label, dispose } = await openTarget();
  try {
    await run(db, label);
  } finally {
    await dispose();
    log(`total ${secs(performance.now() - t0)}`);
  }
}

async function run(db: Db, label: string) {
  log(`link-on-ingest benchmark: ${PEOPLE.toLocaleString('en-GB')} people stored, ${NEW} + ${NEW} new records measured; ${label}${NARROW ? '; NAMES=narrow' : ''}`);
  const existing = await sql<{ n: number }>`select count(*)::int as n from record`.execute(db.kysely);
  if (existing.rows[0]!.n > 0) throw new Error('the database already holds records: the benchmark needs an empty one');

  const calls: Call[] = [];
  let phase = 'warm-up';
  const load: Record<string, number[]> = { atStart: loadNow() };
  const inner = probabilisticLinker();
  const timed: Linker = {
    name: inner.name,
    ...(inner.settings ? { settings: inner.settings } : {}),
    async link(tx, mentions, at) {
      // The CPU the linker uses, in this process and in the server backend its transaction runs on: on a
      // shared, busy machine the wall time also counts waiting for a core, and this does not. (The pid query
      // runs before the clock starts: it is counted in the ingest time, not the linker's.)
      const pid = ENGINE === 'postgres' ? (await sql<{ pid: number }>`select pg_backend_pid() as pid`.execute(tx)).rows[0]!.pid : null;
      const cpu0 = processCpuMs();
      const server0 = pid === null ? null : backendCpuMs(pid);
      const t = performance.now();
      try {
        return await inner.link(tx, mentions, at);
      } finally {
        const ms = performance.now() - t;
        const server1 = pid === null ? null : backendCpuMs(pid);
        const serverMs = server0 === null || server1 === null ? null : server1 - server0;
        calls.push({ phase, ms, mentions: mentions.length, cpuMs: pid !== null && serverMs === null ? null : processCpuMs() - cpu0 + (serverMs ?? 0) });
      }
    },
  };
  const repo = new Repository(db, { linker: timed });
  for (const a of AGENCIES) await repo.registerAgency(operator, { id: a.id, kind: a.kind, name: a.name });

  // ---- 1. setup: seed PEOPLE people (not measured) ----
  log(`\n[setup, not measured] seeding ${PEOPLE.toLocaleString('en-GB')} people by COPY (not through ingest)`);
  const tGen = performance.now();
  const pop = new Population(SEED, { narrow: NARROW });
  pop.grow(PEOPLE);
  pop.assignSeedAgencies();
  const generateSeconds = (performance.now() - tGen) / 1000;
  log(`  generated ${pop.people.length.toLocaleString('en-GB')} people in ${pop.households.length.toLocaleString('en-GB')} households in ${generateSeconds.toFixed(1)} s`);
  // The seeded records must be ones ingest would accept.
  const now = new Date();
  for (let i = 0; i < Math.min(PEOPLE, 2000); i++) {
    const v = validateRecord(seedRecord(pop, pop.people[i]!), now);
    if (!v.ok) throw new Error(`seed record ${i + 1} is not valid: ${JSON.stringify(v.problems)}`);
  }
  const seed = await seedPeople(db, pop, PEOPLE, log);
  const seedSeconds = generateSeconds + seed.seconds;
  log(`  seeding took ${seedSeconds.toFixed(1)} s (generate ${generateSeconds.toFixed(1)} s, COPY ${seed.copySeconds.toFixed(1)} s, indexes ${seed.indexSeconds.toFixed(1)} s, VACUUM ANALYZE ${seed.analyseSeconds.toFixed(1)} s)`);
  const blocks = await keyBlockStats(db);

  // ---- 2. measured: new records through repo.ingest ----
  const warm = newRecords(pop, WARM_UP, 'bench-warm', PEOPLE);
  const set1 = newRecords(pop, NEW, 'bench-b1', PEOPLE);
  const set100 = newRecords(pop, NEW, 'bench-b100', PEOPLE);
  for (const r of [...warm.records, ...set1.records, ...set100.records]) {
    const v = validateRecord(r, now);
    if (!v.ok) throw new Error(`generated record ${r.ref} is not valid: ${JSON.stringify(v.problems)}`);
  }

  const ingestAll = async (name: string, records: AgencyRecord[], batch: number) => {
    phase = name;
    const perCall: { ms: number; records: number }[] = [];
    for (let i = 0; i < records.length; i += batch) {
      const items = records.slice(i, i + batch);
      const t = performance.now();
      const out = await repo.ingest(operator, items);
      perCall.push({ ms: performance.now() - t, records: items.length });
      const bad = out.results.find((r) => r.status !== 'stored');
      if (bad) throw new Error(`record ${bad.ref} was ${bad.status}: ${JSON.stringify(bad.problems)}`);
    }
    // Let any statistics refresh the ingest path started finish before the next phase.
    await db.statistics.settled();
    return perCall;
  };

  log(`\n[measured] ingest through repo.ingest (real path, with audit); load average ${loadNow().join(' ')}`);
  load.beforeMeasuring = loadNow();
  await ingestAll('warm-up', warm.records, 1);
  const tB1 = performance.now();
  const b1Calls = await ingestAll('batch1', set1.records, 1);
  log(`  batch size 1: ${NEW} records in ${secs(performance.now() - tB1)}; load average ${loadNow().join(' ')}`);
  load.afterBatch1 = loadNow();
  const tB100 = performance.now();
  const b100Calls = await ingestAll('batch100', set100.records, 100);
  log(`  batch size 100: ${NEW} records in ${secs(performance.now() - tB100)}; load average ${loadNow().join(' ')}`);
  load.afterBatch100 = loadNow();

  const batch1 = summarise(calls.filter((c) => c.phase === 'batch1'), b1Calls);
  const batch100 = summarise(calls.filter((c) => c.phase === 'batch100'), b100Calls);

  // ---- 3. sanity and diagnostics (not measured) ----
  const sanity = await checkLinks(db, pop, [...warm.truth, ...set1.truth, ...set100.truth]);
  const phases = await linkerPhases(db);
  const candidates = await candidateStats(db);
  const plans = await queryPlans(db, candidates.examples);

  const machine = { cpus: cpus().length, cpu: cpus()[0]?.model, memoryGb: Math.round(totalmem() / 2 ** 30), node: process.version, ...(await serverInfo(db)), loadAverage: { note: '1, 5 and 15 minute load averages of the whole (shared) machine', ...load } };
  const out = {
    benchmark: 'link-ingest',
    command: `${PEOPLE === 1_000_000 ? '' : `PEOPLE=${PEOPLE} `}${NEW === 2000 ? '' : `NEW=${NEW} `}${ENGINE === 'pglite' ? 'ENGINE=pglite ' : ''}${NARROW ? 'NAMES=narrow ' : ''}npm run bench:link-ingest`,
    at: new Date().toISOString(),
    target: `linker under ${TARGET_MS_PER_MENTION} ms per mention with a million people stored`,
    engine: ENGINE,
    names: NARROW ? 'narrow (synth pools only)' : 'synth pools + long tail',
    people: PEOPLE,
    seedSeconds: round(seedSeconds, 1),
    seed: { generateSeconds: round(generateSeconds, 1), copySeconds: round(seed.copySeconds, 1), indexSeconds: round(seed.indexSeconds, 1), vacuumAnalyseSeconds: round(seed.analyseSeconds, 1), rows: seed.rows, households: pop.households.length },
    batch1,
    batch100,
    sanity,
    keyBlocks: blocks,
    candidates: candidates.summary,
    linkerPhases: phases,
    queryPlans: plans,
    machine,
  };
  writeFileSync(`${here}link-ingest-results.json`, JSON.stringify(out, null, 2) + '\n');
  printReport(out);
}

function summarise(linkCalls: Call[], ingestCalls: { ms: number; records: number }[]) {
  const mentions = linkCalls.reduce((s, c) => s + c.mentions, 0);
  const linkMs = linkCalls.reduce((s, c) => s + c.ms, 0);
  const ingestMs = ingestCalls.reduce((s, c) => s + c.ms, 0);
  const records = ingestCalls.reduce((s, c) => s + c.records, 0);
  const perMention = linkCalls.map((c) => c.ms / c.mentions);
  const perRecord = ingestCalls.map((c) => c.ms / c.records);
  return {
    records,
    calls: ingestCalls.length,
    mentions,
    linkerMsPerMention: {
      mean: round(linkMs / mentions, 3),
      p50: round(percentile(perMention, 50), 3),
      p95: round(percentile(perMention, 95), 3),
      p99: round(percentile(perMention, 99), 3),
      max: round(Math.max(...perMention), 3),
    },
    linkerMsPerCall: { p50: round(percentile(linkCalls.map((c) => c.ms), 50)), p95: round(percentile(linkCalls.map((c) => c.ms), 95)), p99: round(percentile(linkCalls.map((c) => c.ms), 99)) },
    ingestMsPerRecord: { mean: round(ingestMs / records, 3), p50: round(percentile(perRecord, 50), 3), p95: round(percentile(perRecord, 95), 3), p99: round(percentile(perRecord, 99), 3) },
    ingestMsPerCall: { p50: round(percentile(ingestCalls.map((c) => c.ms), 50)), p95: round(percentile(ingestCalls.map((c) => c.ms), 95)) },
    mentionsPerSecond: Math.round(mentions / (ingestMs / 1000)),
    linkerMentionsPerSecond: Math.round(mentions / (linkMs / 1000)),
    linkerShareOfIngest: round(linkMs / ingestMs, 3),
    // CPU, not wall time: this process plus the server backend (PostgreSQL on this machine; PGlite runs in this
    // process). The backend's is counted in 10 ms clock ticks, so only the mean over many calls means anything.
    linkerCpuMsPerMention: linkCalls.every((c) => c.cpuMs !== null) ? round(linkCalls.reduce((sum, c) => sum + c.cpuMs!, 0) / mentions, 3) : null,
  };
}

/** How many people hold each key (per blocking rule): what a new mention's lookup can hit. */
async function keyBlockStats(db: Db) {
  const r = await sql<{ rule: string; keys: number; rows: number; mean: number; p50: number; p99: number; max: number; over: number; rows_over: number }>`
    with k as (select split_part(key, ':', 1) as rule, key, count(*)::int as n from person_key group by key)
    select rule, count(*)::int as keys, sum(n)::bigint::float8 as rows, avg(n)::float8 as mean,
      percentile_disc(0.5) within group (order by n) as p50, percentile_disc(0.99) within group (order by n) as p99,
      max(n) as max, count(*) filter (where n > ${MAX_BLOCK})::int as over, coalesce(sum(n) filter (where n > ${MAX_BLOCK}), 0)::float8 as rows_over
    from k group by rule order by rule`.execute(db.kysely);
  return r.rows.map((x) => ({ rule: x.rule, keys: x.keys, rows: Number(x.rows), meanPeople: round(x.mean, 1), p50: x.p50, p99: x.p99, max: x.max,
    keysOverMaxBlock: x.over, shareOfRowsOverMaxBlock: round(Number(x.rows_over) / Number(x.rows), 3) }));
}

async function checkLinks(db: Db, pop: Population, truth: MentionTruth[]) {
  const r = await sql<{ agency_id: string; ref: string; key: string; person_id: number; rule: string }>`
    select r.agency_id, r.ref, m.key, pm.person_id, ml.rule
    from record r join mention m on m.record_id = r.id
    join person_mention pm on pm.mention_id = m.id join mention_link ml on ml.id = pm.link_id
    where r.ref like 'bench-%'`.execute(db.kysely);
  const got = new Map(r.rows.map((x) => [`${x.agency_id}/${x.ref}#${x.key}`, x]));
  const re = truth.filter((t) => t.kind === 're');
  const fresh = truth.filter((t) => t.kind === 'new');
  const of = (t: MentionTruth) => got.get(`${t.agency}/${t.ref}#${t.key}`)!;
  const right = (t: MentionTruth) => of(t).person_id === t.person;
  const byPath: Record<string, { mentions: number; rightPerson: number; share: number; wrongPerson: number; newPerson: number }> = {};
  for (const t of re) {
    const b = (byPath[t.path!] ??= { mentions: 0, rightPerson: 0, share: 0, wrongPerson: 0, newPerson: 0 });
    b.mentions++;
    const pid = of(t).person_id;
    if (pid === t.person) b.rightPerson++;
    else if (pid <= PEOPLE) b.wrongPerson++;
    else b.newPerson++;
  }
  for (const b of Object.values(byPath)) b.share = round(b.rightPerson / b.mentions, 4);
  const byVariation: Record<string, { mentions: number; rightPerson: number; share: number }> = {};
  for (const t of re.filter((x) => x.path === 'fuzzy')) {
    for (const v of t.variations ?? []) {
      const b = (byVariation[v] ??= { mentions: 0, rightPerson: 0, share: 0 });
      b.mentions++;
      if (right(t)) b.rightPerson++;
    }
  }
  for (const b of Object.values(byVariation)) b.share = round(b.rightPerson / b.mentions, 4);
  const rules: Record<string, number> = {};
  for (const t of truth) rules[of(t).rule] = (rules[of(t).rule] ?? 0) + 1;
  const wrongNew = fresh.filter((t) => of(t).person_id <= PEOPLE).length;
  const reviews = await sql<{ n: number }>`select count(*)::int as n from link_review`.execute(db.kysely);
  const merges = await sql<{ from: number; into: number }>`
    select distinct (evidence->>'mergedFrom')::bigint as "from", person_id as "into" from mention_link where rule = 'merge'`.execute(db.kysely);
  const seededPair = merges.rows.filter((m) => Number(m.from) <= PEOPLE && m.into <= PEOPLE);
  const household = (id: number) => pop.people[id - 1]!.household;
  const wrongRe = re.filter((t) => !right(t) && of(t).person_id <= PEOPLE);
  const rightCount = re.filter(right).length;
  return {
    reMentions: re.length,
    reMentionsLinkedToRightPerson: rightCount,
    reMentionShareRight: round(rightCount / re.length, 4),
    reMentionsLinkedToWrongSeededPerson: re.filter((t) => !right(t) && of(t).person_id <= PEOPLE).length,
    reMentionsMadeNewPerson: re.filter((t) => of(t).person_id > PEOPLE).length,
    byPath,
    fuzzyByVariation: byVariation,
    newPeopleMentions: fresh.length,
    newWronglyLinkedToSeeded: wrongNew,
    newShareWronglyLinked: round(wrongNew / fresh.length, 4),
    reviewsQueued: reviews.rows[0]!.n,
    // Every measured mention, warm-up included (the queue holds the reviews of all of them).
    reviewsPer1000Mentions: round((reviews.rows[0]!.n / truth.length) * 1000, 1),
    personsMerged: merges.rows.length,
    mergesOfTwoSeededPeople: seededPair.length,
    mergesOfTwoSeededPeopleOfOneHousehold: seededPair.filter((m) => household(Number(m.from)) === household(m.into)).length,
    reMentionsLinkedToWrongSeededPersonOfSameHousehold: wrongRe.filter((t) => household(of(t).person_id) === household(t.person)).length,
    linkRules: rules,
  };
}

/** For each measured mention: how many people share a key with it, and how many mentions they hold. */
async function candidateStats(db: Db) {
  const r = await sql<{ id: number; local_key: string | null; identity: LinkRecord; person_id: number }>`
    select m.id, m.local_key, m.identity, pm.person_id from record r join mention m on m.record_id = r.id
    join person_mention pm on pm.mention_id = m.id where r.ref like 'bench-b%' order by m.id`.execute(db.kysely);
  const people: number[] = [];
  const keysPer: number[] = [];
  const rowsRead: number[] = [];
  let largest: { keys: string[]; people: number[] } | null = null;
  const examples: { keys: string[]; people: number[] }[] = [];
  const perRule = new Map<string, number>();
  for (const row of r.rows) {
    const keys = linkKeysOf({ identity: { ...row.identity, id: String(row.id) }, localKey: row.local_key });
    const hits = await sql<{ key: string; person_id: number }>`
      select k.key, p.person_id from unnest(${keys}::text[]) as k(key)
      cross join lateral (select person_id from person_key where key = k.key limit ${MAX_BLOCK + 1}) as p`.execute(db.kysely);
    const byKey = new Map<string, number[]>();
    for (const h of hits.rows) byKey.set(h.key, [...(byKey.get(h.key) ?? []), h.person_id]);
    const kept = [...byKey.values()].filter((ids) => ids.length <= MAX_BLOCK);
    for (const [key, ids] of byKey) {
      if (ids.length > MAX_BLOCK) continue;
      const rule = key.split(':')[0]!;
      perRule.set(rule, (perRule.get(rule) ?? 0) + ids.filter((id) => id !== row.person_id).length);
    }
    // Leave out the mention's own person where only this mention gave it the key.
    const set = new Set(kept.flat());
    set.delete(row.person_id);
    keysPer.push(keys.length);
    rowsRead.push(hits.rows.length);
    people.push(set.size);
    const entry = { keys, people: [...set] };
    if (!largest || set.size > largest.people.length) largest = entry;
    if (examples.length === 0 && set.size > 0 && rowsRead.length > r.rows.length / 2) examples.push(entry);
  }
  if (largest) examples.push(largest);
  return {
    summary: {
      mentions: r.rows.length,
      keysPerMention: round(mean(keysPer), 1),
      personKeyRowsReadPerMention: { mean: round(mean(rowsRead), 1), p95: percentile(rowsRead, 95), max: Math.max(...rowsRead) },
      peoplePerMentionByRule: Object.fromEntries([...perRule].sort((a, b) => b[1] - a[1]).map(([rule, n]) => [rule, round(n / r.rows.length, 1)])),
      candidatePeoplePerMention: { mean: round(mean(people), 1), p50: percentile(people, 50), p95: percentile(people, 95), p99: percentile(people, 99), max: Math.max(...people) },
      note: 'people sharing at least one kept key (a key held by more than MAX_BLOCK people is left out), counted after ingest, the mention\'s own person excluded',
    },
    examples,
  };
}

/**
 * Where a link() call's time goes: its read side and plan re-run, read-only, for
 * up to 500 of the mentions measured one record at a time (after the fact, so
 * their candidates include people created later). The write side is the rest.
 * membersOf is not exported by linker.ts: its query is repeated here.
 */
async function linkerPhases(db: Db) {
  const r = await sql<{ id: number; record_id: number; local_key: string | null; identity: LinkRecord }>`
    select m.id, m.record_id, m.local_key, m.identity from record r join mention m on m.record_id = r.id
    where r.ref like 'bench-b1-%' order by m.id limit 500`.execute(db.kysely);
  const t: Record<'keys' | 'peopleWithKeys' | 'membersOf' | 'differentPairs' | 'plan', number[]> = { keys: [], peopleWithKeys: [], membersOf: [], differentPairs: [], plan: [] };
  const members: number[] = [];
  await db.kysely.transaction().execute(async (tx) => {
    const { model } = await currentModel(tx);
    for (const row of r.rows) {
      let s = performance.now();
      const incoming = [{ mentionId: -row.id, recordId: -row.record_id, localKey: row.local_key, identity: { ...row.identity, id: String(-row.id) } }]
        .map((m) => ({ ...m, keys: linkKeysOf(m) }));
      t.keys.push(performance.now() - s);
      s = performance.now();
      const keyHits = await peopleWithKeys(tx, [...new Set(incoming.flatMap((m) => m.keys))]);
      t.peopleWithKeys.push(performance.now() - s);
      s = performance.now();
      const people = await membersOf(tx, closestCandidates(incoming, keyHits));
      t.membersOf.push(performance.now() - s);
      members.push([...people.values()].reduce((n, l) => n + l.length, 0));
      s = performance.now();
      const different = await differentPairs(tx, [...people.values()].flat().flatMap((m) => m.mentionIds));
      t.differentPairs.push(performance.now() - s);
      s = performance.now();
      planLinks({ incoming, people, keyHits, different, model });
      t.plan.push(performance.now() - s);
    }
  });
  const stat = (xs: number[]) => ({ mean: round(mean(xs), 3), p50: round(percentile(xs, 50), 3), p95: round(percentile(xs, 95), 3), p99: round(percentile(xs, 99), 3) });
  return {
    mentions: r.rows.length,
    note: 'ms per single mention, re-run read-only after ingest; the write side (new person, mention_link, person_mention, person_key, reviews) is not included',
    membersCompared: stat(members),
    ...Object.fromEntries(Object.entries(t).map(([k, xs]) => [`${k}Ms`, stat(xs)])),
  };
}

/** EXPLAIN ANALYZE of the linker's two candidate queries, for a typical and the largest candidate set. */
async function queryPlans(db: Db, examples: { keys: string[]; people: number[] }[]) {
  const out: Record<string, unknown>[] = [];
  for (const [i, ex] of examples.entries()) {
    const name = i === 0 && examples.length > 1 ? 'typical' : 'largest';
    const pk = await sql<{ 'QUERY PLAN': string }>`explain (analyze, buffers)
      select k.key, p.person_id from unnest(${ex.keys}::text[]) as k(key)
      cross join lateral (select person_id from person_key where key = k.key limit ${MAX_BLOCK + 1}) as p`.execute(db.kysely);
    const mo = await sql<{ 'QUERY PLAN': string }>`explain (analyze, buffers)
      select pm.person_id, array_agg(m.id order by m.id) as mention_ids, array_agg(m.record_id order by m.id) as record_ids,
        m.local_key, m.identity
      from person_mention pm join mention m on m.id = pm.mention_id
      where pm.person_id = any(${ex.people}::bigint[])
      group by pm.person_id, m.local_key, m.identity
      order by pm.person_id, min(m.id)`.execute(db.kysely);
    const text = (rows: { 'QUERY PLAN': string }[]) => rows.map((x) => x['QUERY PLAN']);
    const ms = (lines: string[]) => Number(/Execution Time: ([\d.]+) ms/.exec(lines.join('\n'))?.[1] ?? NaN);
    const pkPlan = text(pk.rows);
    const moPlan = text(mo.rows);
    if (env.EXPLAIN) log(`\n-- peopleWithKeys (${name}, ${ex.keys.length} keys)\n${pkPlan.join('\n')}\n-- membersOf (${name}, ${ex.people.length} people)\n${moPlan.join('\n')}`);
    out.push({ example: name, keys: ex.keys.length, candidatePeople: ex.people.length, peopleWithKeysMs: ms(pkPlan), membersOfMs: ms(moPlan), membersOfPlan: moPlan.slice(0, 12) });
  }
  return out;
}

async function serverInfo(db: Db) {
  const r = await sql<{ version: string; shared_buffers: string }>`select version() as version, current_setting('shared_buffers') as shared_buffers`.execute(db.kysely);
  return { server: r.rows[0]!.version.split(' on ')[0], sharedBuffers: r.rows[0]!.shared_buffers };
}

function printReport(o: any) {
  const line = (label: string, a: unknown, b: unknown) => { console.log(`${label.padEnd(34)}${String(a).padStart(14)}${String(b).padStart(14)}`); };
  console.log(`\nlink on ingest: ${o.engine}, ${o.people.toLocaleString('en-GB')} people stored (seeded by COPY in ${o.seedSeconds} s, not measured)`);
  console.log(`target: linker < ${TARGET_MS_PER_MENTION} ms per mention\n`);
  line('', 'batch 1', 'batch 100');
  line('records / mentions', `${o.batch1.records} / ${o.batch1.mentions}`, `${o.batch100.records} / ${o.batch100.mentions}`);
  for (const k of ['mean', 'p50', 'p95', 'p99'] as const) line(`linker ms per mention, ${k}`, o.batch1.linkerMsPerMention[k], o.batch100.linkerMsPerMention[k]);
  line('linker CPU ms per mention, mean', o.batch1.linkerCpuMsPerMention, o.batch100.linkerCpuMsPerMention);
  line('linker ms per call, p50 / p95', `${o.batch1.linkerMsPerCall.p50} / ${o.batch1.linkerMsPerCall.p95}`, `${o.batch100.linkerMsPerCall.p50} / ${o.batch100.linkerMsPerCall.p95}`);
  line('ingest ms per record, p50', o.batch1.ingestMsPerRecord.p50, o.batch100.ingestMsPerRecord.p50);
  line('ingest ms per record, p95', o.batch1.ingestMsPerRecord.p95, o.batch100.ingestMsPerRecord.p95);
  line('mentions per second (ingest)', o.batch1.mentionsPerSecond, o.batch100.mentionsPerSecond);
  line('linker share of ingest time', o.batch1.linkerShareOfIngest, o.batch100.linkerShareOfIngest);
  const s = o.sanity;
  console.log(`\nsanity: re-mentions joined to the right seeded person ${s.reMentionsLinkedToRightPerson}/${s.reMentions} (${(s.reMentionShareRight * 100).toFixed(1)}%), to a wrong seeded person ${s.reMentionsLinkedToWrongSeededPerson}, made a new person ${s.reMentionsMadeNewPerson}`);
  for (const [path, b] of Object.entries(s.byPath) as [string, any][]) console.log(`  ${path.padEnd(9)} ${b.rightPerson}/${b.mentions} right (${(b.share * 100).toFixed(1)}%), wrong person ${b.wrongPerson}, new person ${b.newPerson}`);
  console.log(`  wrong seeded person of the same household: ${s.reMentionsLinkedToWrongSeededPersonOfSameHousehold}/${s.reMentionsLinkedToWrongSeededPerson}`);
  console.log(`new people wrongly joined to a seeded person: ${s.newWronglyLinkedToSeeded}/${s.newPeopleMentions} (${(s.newShareWronglyLinked * 100).toFixed(2)}%); reviews queued ${s.reviewsQueued} (${s.reviewsPer1000Mentions} per 1,000 mentions: this population re-mentions half its people with deliberate variations)`);
  console.log(`people merged: ${s.personsMerged}, of which two seeded (distinct) people ${s.mergesOfTwoSeededPeople} (${s.mergesOfTwoSeededPeopleOfOneHousehold} of one household)`);
  const c = o.candidates;
  console.log(`candidates per mention: ${c.keysPerMention} keys, ${c.personKeyRowsReadPerMention.mean} person_key rows read, ${c.candidatePeoplePerMention.mean} people (p95 ${c.candidatePeoplePerMention.p95}, max ${c.candidatePeoplePerMention.max})`);
  console.log(`  by rule (people per mention): ${Object.entries(c.peoplePerMentionByRule).map(([k, v]) => `${k} ${v}`).join(', ')}`);
  const ph = o.linkerPhases;
  console.log(`linker phases (read-only re-run, ${ph.mentions} mentions, ms mean / p95): keys ${ph.keysMs.mean} / ${ph.keysMs.p95}, peopleWithKeys ${ph.peopleWithKeysMs.mean} / ${ph.peopleWithKeysMs.p95}, membersOf ${ph.membersOfMs.mean} / ${ph.membersOfMs.p95}, differentPairs ${ph.differentPairsMs.mean} / ${ph.differentPairsMs.p95}, planLinks ${ph.planMs.mean} / ${ph.planMs.p95} (members compared ${ph.membersCompared.mean} / ${ph.membersCompared.p95})`);
  for (const p of o.queryPlans) console.log(`  ${p.example}: peopleWithKeys ${p.peopleWithKeysMs} ms (${p.keys} keys), membersOf ${p.membersOfMs} ms (${p.candidatePeople} people)`);
  const l = o.machine.loadAverage;
  console.log(`machine load average (1/5/15 min): at start ${l.atStart.join(' ')}, before measuring ${l.beforeMeasuring.join(' ')}, after batch 1 ${l.afterBatch1.join(' ')}, after batch 100 ${l.afterBatch100.join(' ')} (${o.machine.cpus} cpus)`);
  console.log(`\nwritten to bench/link-ingest-results.json`);
}

await main();
