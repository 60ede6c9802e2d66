import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync, mkdtempSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { replay, withoutTruth, type ReplayReport } from './replay.ts';
import { evaluate } from './evaluate.ts';
import type { Scenario } from '../records/types.ts';
import { testDb } from '../../test/helpers/test-db.ts';

const root = fileURLToPath(new URL('../../', import.meta.url));
const scenarioPath = join(root, 'scenarios/baby-p.json');
const scenario = JSON.parse(readFileSync(scenarioPath, 'utf8')) as Scenario;

let report: ReplayReport;

test('Baby P replay ingests all 33 records and groups the child across agencies', { timeout: 120_000 }, async () => {
  const db = await testDb();
  try {
    report = await replay(withoutTruth(scenario), { db });
  } finally {
    await db.drop();
  }
  assert.equal(report.scenario, 'baby-p');
  assert.equal(report.ingest.records, 33);
  assert.deepEqual(report.ingest.refused, []);
  assert.equal(report.ingest.stored, 33);
  assert.deepEqual(report.alerts, []);

  // every mention of the scenario appears exactly once
  const all = scenario.records.flatMap((r) => r.people.map((p) => `${r.agency}/${r.ref}#${p.key}`)).sort();
  assert.deepEqual(report.people.flatMap((p) => p.mentions).sort(), all);

  // GP, both hospitals, the clinic, health visiting and social care: one person
  const peter = report.people.find((p) => p.mentions.includes('gp-1/reg-0001#child'))!;
  for (const m of ['whittington/ed-20061211#child', 'north-mid/ed-20070409#child', 'st-anns/clinic-20070801#child',
    'hv-1/v-0001#child', 'haringey-csc/cp-0001#child', 'haringey-csc/v-0003#child']) {
    assert.ok(peter.mentions.includes(m), `${m} is Peter`);
  }
  const chron = report.chronology.find((c) => c.person === peter.id)!;
  const dates = chron.entries.map((e) => e.occurredOn);
  assert.deepEqual(dates, [...dates].sort(), 'chronology is in time order');
  assert.ok(chron.entries.some((e) => e.source === 'gp-1/c-0006' && e.injuries.some((i) => i.site === 'chest')));
});

test('replay never reads the truth', { timeout: 120_000 }, async () => {
  const trap = { ...scenario } as Scenario;
  Object.defineProperty(trap, 'truth', { enumerable: false, get() { throw new Error('replay read the truth'); } });
  const r = await replay(withoutTruth(trap));
  assert.equal(r.people.length, report.people.length);
});

test('evaluate agrees with the independent scorer (tools/score_replay.py)', (t) => {
  const ours = evaluate(scenario, report);
  // The acceptance: every mention of Peter one person, Tracy/Tracey one person, nobody else joined.
  assert.equal(ours.linkPrecision, 1);
  assert.equal(ours.linkRecall, 1);
  assert.equal(ours.childClusters, 1);
  const python = spawnSync('python3', ['--version']);
  if (python.status !== 0) return t.skip('python3 is not installed');
  const dir = mkdtempSync(join(tmpdir(), 'tl-replay-'));
  const reportPath = join(dir, 'report.json');
  writeFileSync(reportPath, JSON.stringify(report));
  const scorer = existsSync(join(root, '../shared/tools/score_replay.py'))
    ? join(root, '../shared/tools/score_replay.py') : join(root, 'tools/score_replay.py');
  const theirs = JSON.parse(execFileSync('python3', [scorer, scenarioPath, reportPath], { encoding: 'utf8' }));
  assert.equal(theirs.linkPrecision, ours.linkPrecision);
  assert.equal(theirs.linkRecall, ours.linkRecall);
  assert.equal(theirs.mentionsMissing, 0);
  assert.equal(theirs.mentionsDuplicated, 0);
  assert.equal(theirs.childClusters, ours.childClusters);
});
