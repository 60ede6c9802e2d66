// evaluate() and the shared independent scorer (tools/score_replay.py) read
// one report the same way. The report is written by hand, without a replay, so
// that it holds every edge the definitions could differ on: a child split into
// two people with the alerts on the smaller one, an alert two days after a
// missed opportunity (met) and three days after (not), a medium alert on the
// day (not met), a date-time `at`, and a wrong link.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { evaluate } from './evaluate.ts';
import { casesTable, evaluateCases, scenarioFiles } from './evaluate-cases.ts';
import type { ReplayReport } from './replay.ts';
import type { AgencyRecord, Scenario } from '../records/types.ts';

const root = fileURLToPath(new URL('../../', import.meta.url));

const record = (agency: string, ref: string, on: string, keys: string[]): AgencyRecord => ({
  format: 'agency-record/1', agency, ref, kind: 'concern', occurredAt: on,
  people: keys.map((key) => ({ key, role: key === 'child' ? 'subject' : 'parent', name: { given: key } })), body: { description: 'x' },
});

const scenario: Scenario = {
  format: 'scenario/1', id: 'edges', title: 'Scoring edges', agencies: [],
  records: [
    record('gp-1', 'a', '2020-01-01', ['child', 'm']),
    record('hv-1', 'b', '2020-02-01', ['child']),
    record('csc-1', 'c', '2020-03-01', ['child', 'm']),
    record('police-1', 'd', '2020-04-01', ['child']),
  ],
  truth: {
    child: 'child',
    people: { child: ['gp-1/a#child', 'hv-1/b#child', 'csc-1/c#child', 'police-1/d#child'], mother: ['gp-1/a#m', 'csc-1/c#m'] },
    missedOpportunities: ['2020-02-01', '2020-03-01', '2020-04-01', '2020-05-01'],
    outcome: { date: '2020-06-01', kind: 'death' },
  },
};

const alert = (at: string, severity: string, person: string) =>
  ({ at, rule: 'r', severity, person, evidence: [], explanation: '', source: '' });

const report: ReplayReport = {
  scenario: 'edges',
  people: [
    { id: 'p1', name: '', dob: null, mentions: ['gp-1/a#child', 'hv-1/b#child', 'csc-1/c#child'] },
    // The child split off, and the mother's second mention joined to it: a wrong link.
    { id: 'p2', name: '', dob: null, mentions: ['police-1/d#child', 'csc-1/c#m'] },
    { id: 'p3', name: '', dob: null, mentions: ['gp-1/a#m'] },
  ],
  alerts: [
    alert('2020-01-15', 'medium', 'p1'),
    alert('2020-02-03T09:00:00+00:00', 'high', 'p2'), // two days after: met, on the smaller cluster
    alert('2020-03-01', 'medium', 'p1'), // on the day, but not high: not met
    alert('2020-03-04', 'critical', 'p1'), // three days after: not met
    alert('2020-04-01', 'high', 'p3'), // on the day, but on someone else
  ],
  chronology: [],
  ingest: { records: 4, stored: 4, refused: [] },
};

test('evaluate: a child split in two keeps both halves\' alerts; met means high or critical on the day or up to two days after', () => {
  const e = evaluate(scenario, report);
  assert.equal(e.childClusters, 2);
  assert.equal(e.childSplitInReview, false, 'no review asks about the split');
  const asked = evaluate(scenario, { ...report, reviews: [
    { mention: 'gp-1/a#m', candidate: 'csc-1/c#m', weight: 1, why: 'about the mother, not the split' },
    { mention: 'police-1/d#child', candidate: 'hv-1/b#child', weight: null, why: 'possibly the same child' },
  ] });
  assert.equal(asked.childSplitInReview, true, 'a review joins the two pieces');
  assert.equal(e.childAlerts, 4);
  assert.deepEqual(e.missedOpportunities.map((m) => [m.date, m.met]), [['2020-02-01', true], ['2020-03-01', false], ['2020-04-01', false], ['2020-05-01', false]]);
  assert.equal(e.missedOpportunitiesMet, 1);
  assert.equal(e.firstHighOrCritical, '2020-02-03');
  assert.equal(e.firstCritical, '2020-03-04');
  assert.equal(e.daysFromFirstHighAlertToOutcome, 119);
});

test('evaluate agrees with tools/score_replay.py field by field on the same report', (t) => {
  if (spawnSync('python3', ['--version']).status !== 0) { t.skip('python3 is not installed'); return; }
  const dir = mkdtempSync(join(tmpdir(), 'tl-score-'));
  const scenarioPath = join(dir, 'scenario.json'), reportPath = join(dir, 'report.json');
  writeFileSync(scenarioPath, JSON.stringify(scenario));
  writeFileSync(reportPath, JSON.stringify(report));
  // The shared copy when it is there (the authority), else the project's copy of it.
  const shared = join(root, '../shared/tools/score_replay.py');
  const scorer = existsSync(shared) ? shared : join(root, 'tools/score_replay.py');
  const theirs = JSON.parse(execFileSync('python3', [scorer, scenarioPath, reportPath], { encoding: 'utf8' }));
  const ours = evaluate(scenario, report);
  assert.deepEqual({
    mentions: ours.mentions, mentionsMissing: ours.mentionsMissing, mentionsUnknown: ours.mentionsUnknown, mentionsDuplicated: ours.mentionsDuplicated,
    linkPrecision: ours.linkPrecision, linkRecall: ours.linkRecall, childClusters: ours.childClusters, childAlerts: ours.childAlerts,
    firstHigh: ours.firstHighOrCritical, firstCritical: ours.firstCritical,
    // The Python scorer says 0 days of warning when there was no high alert; evaluate says null (none).
    daysOfWarning: ours.daysFromFirstHighAlertToOutcome ?? 0,
    missedOpportunitiesMet: `${ours.missedOpportunitiesMet}/${ours.missedOpportunities.length}`,
  }, {
    mentions: theirs.mentions, mentionsMissing: theirs.mentionsMissing, mentionsUnknown: theirs.mentionsUnknown, mentionsDuplicated: theirs.mentionsDuplicated,
    linkPrecision: theirs.linkPrecision, linkRecall: theirs.linkRecall, childClusters: theirs.childClusters, childAlerts: theirs.childAlerts,
    firstHigh: theirs.firstHigh, firstCritical: theirs.firstCritical, daysOfWarning: theirs.daysOfWarning, missedOpportunitiesMet: theirs.missedOpportunitiesMet,
  });
  assert.notEqual(ours.linkPrecision, 1, 'the wrong link shows');
});

test('across cases: one row per case, a failed replay is a row of its own, and the total counts only what was scored', async () => {
  const broken: Scenario = { ...scenario, id: 'broken' };
  const summary = await evaluateCases(['edges.json', 'broken.json', 'unreadable.json'], (file) => {
    if (file === 'unreadable.json') throw new Error('not a scenario/1 file');
    return file === 'edges.json' ? scenario : broken;
  }, {
    replayOne: async (s) => {
      if (s.id === 'broken') throw new Error('addWorkingDays: out of range');
      return report;
    },
  });
  assert.deepEqual(summary.cases.map((c) => [c.scenario, c.error ?? 'ok']), [
    ['edges', 'ok'], ['broken', 'addWorkingDays: out of range'], ['unreadable', 'not a scenario/1 file'],
  ]);
  assert.deepEqual(summary.total, { cases: 3, replayed: 1, missedOpportunities: 4, met: 1, metFraction: 0.25 });
  const [tableText, why] = casesTable(summary).split('\n\n');
  const table = tableText!.split('\n');
  assert.equal(table.length, 2 + 3 + 1);
  assert.match(table[0]!, /^\| case +\| missed opportunities met \| first high alert \| days of warning \| link precision \| link recall \| child split into \|$/);
  assert.match(table[2]!, /^\| edges +\| +1\/4 \| 2020-02-03 +\| +119 \| +0\.\d\d \| +0\.\d\d \| 2 people +\|$/);
  assert.match(table[3]!, /^\| broken +\| +did not replay \|/);
  assert.deepEqual(why!.split('\n'), ['broken did not replay: addWorkingDays: out of range', 'unreadable did not replay: not a scenario/1 file']);
  assert.match(table[5]!, /^\| total \(1 of 3 replayed\) +\| +1\/4 \(25%\) \|/);
  const widths = new Set(table.map((l) => l.length));
  assert.equal(widths.size, 1, 'columns line up');
});

test('scenario files: each file as named, a folder\'s .json files in name order', () => {
  const dir = mkdtempSync(join(tmpdir(), 'tl-cases-'));
  const folder = join(dir, 'scenarios');
  mkdirSync(folder);
  for (const f of ['b.json', 'a.json', 'notes.md']) writeFileSync(join(folder, f), '{}');
  writeFileSync(join(dir, 'z.json'), '{}');
  assert.deepEqual(scenarioFiles([join(dir, 'z.json'), folder]), [join(dir, 'z.json'), join(folder, 'a.json'), join(folder, 'b.json')]);
});
