// The cost of reading agencies' words (src/risk/text): model load once, then per record, uncached and cached.
//   RECORDS=5000 SEED=1 node --import tsx bench/text-signals.bench.ts
//
// The records are written here from templates in practitioners' style (1 to 3 free-text fields of 1 to 4
// sentences each, as ED, health-visiting, school and social-care entries are), with varied names, numbers and
// phrasing so that no two records share their words: every uncached read is a real read. Reported: the model
// load time, and the median and 95th percentile microseconds per record for a first read (uncached) and for a
// read again of the same document (the engine re-asks every day it re-evaluates a child). Wall time and this
// process's CPU time are both given: on a shared machine the wall-time tail is other processes.
import type { AgencyRecord } from '../src/records/types.ts';
import { loadModel, modelLoadMs } from '../src/risk/text/nlp.ts';
import { signalsIn } from '../src/risk/text/signals.ts';

const RECORDS = Number(process.env.RECORDS ?? 5000);
let seed = Number(process.env.SEED ?? 1);
function random(): number {
  // mulberry32: a small seeded generator so the run is repeatable
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)]!;
const n = (lo: number, hi: number): number => lo + Math.floor(random() * (hi - lo + 1));

const SITES = ['left cheek', 'right upper arm', 'forehead', 'shin', 'lower back', 'left ear', 'both thighs', 'chest'];
const WHO = ['Mum', 'Dad', 'Mother', 'Father', 'Grandmother', 'Her brother', 'A neighbour', 'The child'];
const SENTENCES: (() => string)[] = [
  () => `Seen in ED at ${n(8, 23)}:${n(10, 59)} with a ${n(1, 6)}cm bruise to the ${pick(SITES)}.`,
  () => `${pick(WHO)} says he fell off the ${pick(['sofa', 'bed', 'trampoline', 'stairs', 'climbing frame'])} ${n(1, 4)} days ago.`,
  () => `No other injuries seen on full examination, weight ${n(6, 30)}.${n(0, 9)}kg.`,
  () => `HV visit: home warm and tidy, baby ${pick(['feeding well', 'settled', 'crawling', 'alert and content'])}.`,
  () => `${pick(WHO)} doesn't know how the mark on the ${pick(SITES)} happened.`,
  () => `Attendance ${n(70, 99)}% this term; arrives ${pick(['on time', 'late most days', 'hungry on Mondays'])}.`,
  () => `Discussed at the core group on ${n(1, 28)}/${n(1, 12)}, actions agreed with ${pick(['school', 'HV', 'police', 'GP'])}.`,
  () => `Child not seen, ${pick(['asleep upstairs', 'at nursery', 'out with grandmother'])} according to ${pick(['mum', 'dad'])}.`,
  () => `Spoke with ${pick(['Amira', 'Jacob', 'Lena', 'Tom', 'Priya'])} alone, said things at home are ${pick(['fine', 'OK', 'busy'])}.`,
  () => `Mongolian blue spots over the sacrum, documented at the newborn check.`,
  () => `Clotting screen ${pick(['normal', 'requested', 'awaited'])}, skeletal survey ${pick(['normal', 'booked'])}.`,
  () => `Was not brought to the ${pick(['dental', 'eye', 'paediatric', 'audiology'])} appointment on ${n(1, 28)}/${n(1, 12)}.`,
  () => `Police attended a verbal argument at the address, no injuries, ${n(1, 3)} children present.`,
  () => `Referral received from ${pick(['school', 'a neighbour', 'an anonymous caller'])} about ${pick(['dirty clothes', 'shouting', 'the children being left alone'])}.`,
];
const FIELDS = ['complaint', 'explanation', 'observations', 'description', 'reason', 'note'];

function makeRecord(i: number): { source: string; document: AgencyRecord } {
  const body: Record<string, unknown> = {};
  const fields = n(1, 3);
  for (let f = 0; f < fields; f += 1) body[pick(FIELDS)] = Array.from({ length: n(1, 4) }, () => pick(SENTENCES)()).join(' ');
  const document = {
    format: 'agency-record/1', agency: 'bench', ref: `r${i}`, kind: 'attendance', occurredAt: '2026-01-01',
    people: [{ key: 'child', role: 'subject', name: { given: 'Sam', family: `Bench${i}` } }],
    body, narrative: `Record ${i}. ${pick(SENTENCES)()}`,
  } as unknown as AgencyRecord;
  return { source: `bench/r${i}`, document };
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))]!;
}

const records = Array.from({ length: RECORDS }, (_, i) => makeRecord(i));
loadModel();
const warm = makeRecord(-1);
for (let i = 0; i < 200; i += 1) signalsIn({ source: `warm/${i}`, document: structuredClone(warm.document) });
const first: number[] = [];
const firstCpu: number[] = [];
const again: number[] = [];
let signals = 0;
for (const r of records) {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  signals += signalsIn(r).length;
  first.push((performance.now() - t0) * 1000);
  const c = process.cpuUsage(c0);
  firstCpu.push(c.user + c.system);
}
for (const r of records) {
  const t0 = performance.now();
  signalsIn(r);
  again.push((performance.now() - t0) * 1000);
}
first.sort((a, b) => a - b);
firstCpu.sort((a, b) => a - b);
again.sort((a, b) => a - b);
const words = records.reduce((sum, r) => sum + JSON.stringify(r.document.body).split(/\s+/).length + (r.document.narrative ?? '').split(/\s+/).length, 0);
console.log(JSON.stringify({
  records: RECORDS,
  meanWordsPerRecord: Math.round(words / RECORDS),
  signalsPerRecord: +(signals / RECORDS).toFixed(2),
  modelLoadMs: Math.round(modelLoadMs() ?? 0),
  uncachedMicroseconds: { median: Math.round(percentile(first, 0.5)), p95: Math.round(percentile(first, 0.95)) },
  // CPU time of this process (user + system), less disturbed than wall time when the machine is shared
  uncachedCpuMicroseconds: { median: Math.round(percentile(firstCpu, 0.5)), p95: Math.round(percentile(firstCpu, 0.95)) },
  cachedMicroseconds: { median: +percentile(again, 0.5).toFixed(2), p95: +percentile(again, 0.95).toFixed(2) },
}, null, 2));
