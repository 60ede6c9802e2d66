import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync, mkdtempSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { replay, withoutTruth, type ReplayReport } from './replay.ts';
import { NOTICE_RULES } from '../risk/alerts.ts';
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
  const db = await testDb();
  let r: ReplayReport;
  try {
    r = await replay(withoutTruth(trap), { db });
  } finally {
    await db.drop();
  }
  assert.equal(r.people.length, report.people.length);
});

test('evaluate agrees with the independent scorer (tools/score_replay.py)', (t) => {
  const ours = evaluate(scenario, report);
  // The acceptance: every mention of Peter one person, Tracy/Tracey one person, nobody else joined.
  assert.equal(ours.linkPrecision, 1);
  assert.equal(ours.linkRecall, 1);
  assert.equal(ours.childClusters, 1);
  const python = spawnSync('python3', ['--version']);
  if (python.status !== 0) { t.skip('python3 is not installed'); return; }
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

test("Baby P alerts: high on 2006-10-13, critical by 2006-12-11, the unknown adult on 2007-04-09, an alert at every missed opportunity", () => {
  const peter = report.people.find((p) => p.mentions.includes('gp-1/reg-0001#child'))!;
  const alerts = report.alerts.filter((a) => a.person === peter.id);
  const on = (date: string) => alerts.filter((a) => a.at === date);
  const rank = { low: 0, medium: 1, high: 2, critical: 3 } as const;
  const worst = (date: string) => Math.max(...on(date).map((a) => rank[a.severity as keyof typeof rank]));

  assert.equal(worst('2006-10-13'), rank.high, 'bruising to the chest of a 7-month-old');
  assert.ok(on('2006-10-13').some((a) => a.rule === 'ten-4-facesp' && a.evidence.includes('gp-1/c-0006') && a.explanation.includes('7 months old')));
  assert.ok(alerts.some((a) => a.severity === 'critical' && a.at <= '2006-12-11'), 'critical by 2006-12-11');
  const barker = on('2007-04-09').find((a) => a.rule === 'unknown-adult')!;
  assert.ok(barker, 'the unknown-adult alert on the April 2007 record');
  assert.deepEqual(barker.evidence, ['north-mid/reg-20070409']);
  assert.match(barker.explanation, /Steven Barker/);
  for (const date of scenario.truth!.missedOpportunities!) assert.ok(on(date).length > 0, `an alert on ${date}`);
  for (const a of alerts) {
    assert.ok(a.evidence.length && a.evidence.some((e) => a.explanation.includes(e)), `${a.rule} on ${a.at} names its evidence`);
    assert.ok(a.source.length > 10, `${a.rule} cites its source`);
  }
  const score = evaluate(scenario, report);
  assert.equal(score.missedOpportunitiesMet, scenario.truth!.missedOpportunities!.length);
  assert.equal(score.firstHighOrCritical, '2006-10-13');
  assert.equal(score.daysFromFirstHighAlertToOutcome, 294);
});

test('Baby P process: the plan of 22 December 2006 with its core-group and review deadlines; every missed deadline raises drift on the day after; the returns home and the legal decision lack a second sign-off', () => {
  const peter = report.people.find((p) => p.mentions.includes('gp-1/reg-0001#child'))!;
  const process = report.processes!.find((p) => p.person === peter.id)!;
  assert.deepEqual(process.plan, { since: '2006-12-22', source: 'haringey-csc/cp-0001', categories: ['neglect', 'physical'], endedOn: null });
  const due = (step: string) => process.deadlines.filter((d) => d.step === step);
  // 10 working days after Friday 22 December 2006: 25, 26 December and 1 January are bank holidays.
  assert.deepEqual(due('first-core-group').map((d) => [d.due, d.status]), [['2007-01-10', 'missed']]);
  assert.deepEqual(due('first-review').map((d) => [d.due, d.status]), [['2007-03-22', 'missed']]);
  // The initial conference was held in time: 15 working days after the strategy discussion of 12 December.
  assert.deepEqual(due('initial-conference').map((d) => [d.due, d.status, d.metBy?.on]), [['2007-01-05', 'met', '2006-12-22']]);
  const drift = report.alerts.filter((a) => a.person === peter.id && a.rule === 'statutory-drift');
  const missed = process.deadlines.filter((d) => d.status === 'missed' && !['referral-decision', 'assessment'].includes(d.step));
  assert.ok(missed.length >= 10);
  const dayAfter = (d: string) => new Date(Date.parse(`${d}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
  for (const d of missed) {
    assert.ok(drift.some((a) => a.at === dayAfter(d.due) && a.explanation.includes(`due by ${d.due}`)), `drift for ${d.step} due ${d.due}, raised on ${dayAfter(d.due)}`);
  }
  assert.ok(drift.some((a) => a.at === '2007-01-11' && a.explanation.includes('hold a core group')));
  assert.ok(drift.some((a) => a.at === '2007-03-23' && a.explanation.includes('review conference')));
  const decisions = process.decisions.map((d) => [d.on, d.what, d.signedOff]);
  // Nobody signed them off by the next working day: each raises drift (high) the day after that.
  for (const [source, day] of [['haringey-csc/pl-0004', '2007-07-11'], ['haringey-legal/adv-0001', '2007-07-27']]) {
    assert.ok(drift.some((a) => a.at === day && a.severity === 'high' && a.explanation.includes(`a manager signs off the decision`) && a.explanation.includes(source!)), `unsigned ${source} raised on ${day}`);
  }
  assert.deepEqual(decisions.filter(([on]) => on! >= '2007-07-01'), [
    ['2007-07-09', 'the child returns home', null],
    ['2007-07-25', 'the threshold for care proceedings is not met: no proceedings', null],
  ]);
});

test('Baby P alerts are the same whatever order the agencies\' records arrive in', { timeout: 180_000 }, async () => {
  const { Repository } = await import('../app/repository.ts');
  const { ingestInBatches, registerAgencies } = await import('../app/load.ts');
  const { standingFirings } = await import('../risk/lifecycle.ts');
  const { operator } = await import('../../test/helpers/test-db.ts');
  // A fixed shuffle (stride 7, coprime with 33): later records arrive first, agencies interleaved.
  const n = scenario.records.length;
  const shuffled = scenario.records.map((_, i) => scenario.records[(n - 1 - i * 7 % n + n) % n]!);
  assert.equal(new Set(shuffled).size, n);
  assert.equal(shuffled.length, scenario.records.length);
  const db = await testDb();
  try {
    const repo = new Repository(db, { clock: () => new Date('2007-09-01T00:00:00Z') });
    await registerAgencies(repo, operator, scenario.agencies);
    await ingestInBatches(repo, operator, shuffled, { batchSize: 4 });
    const people = (await repo.people(operator)).people;
    const peter = people.find((p) => p.mentions.includes('gp-1/reg-0001#child'))!;
    // The rules' findings: which agency came first, and so which has a limited view (a notice), depends on the order.
    const firings = standingFirings((await repo.alerts(operator, { personId: peter.id, limit: 1000, offset: 0 })).alerts.filter((a) => !(NOTICE_RULES as readonly string[]).includes(a.rule)));
    const signature = (xs: { at: string; rule: string; severity: string; evidence: string[] }[]) =>
      xs.map((x) => `${x.at}|${x.rule}|${x.severity}|${[...x.evidence].sort().join(',')}`).sort();
    const inOrder = report.alerts.filter((a) => a.person === report.people.find((p) => p.mentions.includes('gp-1/reg-0001#child'))!.id);
    assert.deepEqual(signature(firings), signature(inOrder));
  } finally {
    await db.drop();
  }
});
