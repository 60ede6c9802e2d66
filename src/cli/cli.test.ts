// The `threadline` command end to end: real processes over a fresh PGlite directory.
// Each spawn starts PGlite (a few seconds), so the commands share one data directory
// and run in sequence where they depend on each other.
import { after, before, describe, test } from 'node:test';
import { runCli } from '../../test/helpers/server-process.ts';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gpAttendance } from '../../test/helpers/records.ts';

const ROOT = resolve(fileURLToPath(new URL('../..', import.meta.url)));
const TIMEOUT = { timeout: 180_000 };

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

let dataDir: string;

function cli(args: string[], dir = dataDir): Promise<Run> {
  const env: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: dir, LOG_LEVEL: 'warn' };
  delete env.DATABASE_URL;
  return runCli(args, env);
}

function json(run: Run): any {
  try {
    return JSON.parse(run.stdout);
  } catch {
    assert.fail(`stdout is not JSON (exit ${run.code}):\n${run.stdout}\nstderr:\n${run.stderr}`);
  }
}

before(() => {
  dataDir = mkdtempSync(join(tmpdir(), 'threadline-cli-'));
});

after(() => {
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

describe('threadline CLI', () => {
  test('agency add, ingest (twice), people, chronology, audit verify', TIMEOUT, async () => {
    const added = await cli(['agency', 'add', 'gp-1', 'gp', 'GP']);
    assert.equal(added.code, 0, added.stderr);
    assert.deepEqual(json(added), { agency: 'gp-1', result: 'registered' });

    const complaints = ['persistent cough', 'ear ache', 'rash on both arms'];
    const records = complaints.map((complaint, i) =>
      gpAttendance({ ref: `cli-${i}`, occurredAt: `2021-0${i + 3}-01`, body: { setting: 'gp', complaint, broughtBy: 'm' } }));
    const file = join(dataDir, 'records.ndjson');
    writeFileSync(file, [JSON.stringify(records[0]), JSON.stringify(records[1]), '{"this is": not json', JSON.stringify(records[2])].join('\n') + '\n');

    const first = await cli(['ingest', file]);
    assert.equal(first.code, 2, `exit 2 when anything is refused\n${first.stderr}`);
    const s1 = json(first);
    assert.equal(s1.file, file);
    assert.equal(s1.items, 4);
    assert.equal(s1.stored, 3);
    // Counted as in the API summary, and listed with their problems.
    assert.equal(s1.refused, 1);
    assert.equal(s1.refusedItems.length, 1);
    assert.equal(s1.refusedItems[0].index, 2);
    assert.equal(s1.refusedItems[0].problems[0].code, 'not-json');

    const second = await cli(['ingest', file]);
    assert.equal(second.code, 2, second.stderr);
    const s2 = json(second);
    assert.equal(s2.duplicates, 3);
    assert.equal(s2.stored, 0);
    assert.equal(s2.newVersions, 0);
    assert.equal(s2.refused, 1);

    const people = await cli(['people']);
    assert.equal(people.code, 0, people.stderr);
    const list = json(people) as { total: number; people: { id: number; name: string; mentions: string[] }[] };
    assert.equal(list.total, 2);
    const child = list.people.find((p) => p.name === 'Amy Example');
    assert.ok(child, people.stdout);
    assert.equal(child.mentions.length, 3);

    const chronology = await cli(['chronology', String(child.id)]);
    assert.equal(chronology.code, 0, chronology.stderr);
    assert.match(chronology.stdout, /^Amy Example \(born 2020-02-03\): 3 records/);
    for (const complaint of complaints) assert.ok(chronology.stdout.includes(complaint), complaint);
    assert.ok(chronology.stdout.indexOf('persistent cough') < chronology.stdout.indexOf('rash on both arms'), 'time order');
    assert.match(chronology.stdout, /also: Beth Example \(mother\)/);

    // The mother is named with the child but with no address and no "lives with": network, not household.
    const household = await cli(['household', String(child.id)]);
    assert.equal(household.code, 0, household.stderr);
    assert.match(household.stdout, /^Amy Example \(born 2020-02-03\): household over time/);
    assert.match(household.stdout, /2021-03-01 to 2021-05-01 {2}1 test st N1 1AA/);
    assert.match(household.stdout, /Wider network[^\n]*\n {2}Beth Example \[person \d+\] \(mother; parent\)\n {4}NOT RECORDED BY CHILDREN'S SOCIAL CARE/);
    const householdJson = await cli(['household', String(child.id), '--json']);
    assert.equal(householdJson.code, 0, householdJson.stderr);
    assert.equal(json(householdJson).personId, child.id);
    assert.equal((await cli(['household', '999999'])).code, 1);

    const audit = await cli(['audit', 'verify']);
    assert.equal(audit.code, 0, audit.stderr);
    const verified = json(audit);
    assert.equal(verified.ok, true);
    // agency.register, 2 x records.ingest, people.list, chronology.read at least.
    assert.ok(verified.rows >= 5, audit.stdout);
  });

  test('replay and evaluate the Baby P scenario; unknown commands fail', TIMEOUT, async () => {
    // Independent of the data directory (replay uses its own in-memory database): run together.
    const [replay, evaluate, unknown] = await Promise.all([
      cli(['replay', 'scenarios/baby-p.json']),
      cli(['evaluate', 'scenarios/baby-p.json', '--json']),
      cli(['no-such-command']),
    ]);

    assert.equal(replay.code, 0, replay.stderr);
    const report = json(replay); // the whole of stdout is the report: progress goes to stderr
    assert.equal(report.scenario, 'baby-p');
    assert.ok(Array.isArray(report.people) && report.people.length > 0);
    assert.ok(Array.isArray(report.alerts));
    assert.ok(Array.isArray(report.chronology) && report.chronology.length > 0);
    assert.ok(Array.isArray(report.households) && report.households.length > 0);
    assert.match(replay.stderr, /replayed \d+\/\d+ records/);
    assert.ok(!replay.stdout.includes('replayed'));
    assert.equal(report.ingest.refused.length, 0, JSON.stringify(report.ingest.refused));

    assert.equal(evaluate.code, 0, evaluate.stderr);
    const { cases, total } = json(evaluate);
    assert.equal(cases.length, 1);
    const scores = cases[0].evaluation;
    assert.equal(cases[0].scenario, 'baby-p');
    for (const k of ['linkPrecision', 'linkRecall'] as const) {
      assert.equal(typeof scores[k], 'number', k);
      assert.ok(scores[k] >= 0 && scores[k] <= 1, `${k} = ${scores[k]}`);
    }
    assert.equal(total.missedOpportunities, 5);
    assert.equal(total.met, scores.missedOpportunitiesMet);
    assert.match(evaluate.stderr, /baby-p: replayed and scored in [\d.]+ s/);

    assert.notEqual(unknown.code, 0);
    assert.equal(unknown.stdout, '');
    assert.match(unknown.stderr, /unknown command/);
  });
});
