// Correctness and production install, tried as an attacker or an unlucky user would:
// - "today" is London's date everywhere, so a deadline is not a day off between 00:00 and 01:00 BST;
// - "adult" has one reading, so a twin, a month-only date of birth or a missing one give one answer;
// - reading alerts or a child's page writes nothing; escalation runs on the server's schedule;
// - a production install (no development dependencies) starts; HSTS; the demo passwords are never committed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { accessSync, constants, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import { operator } from '../helpers/test-db.ts';
import { signedInUser, testApi, type TestApi } from '../helpers/test-api.ts';
import type { AgencyRecord, PersonMention } from '../../src/records/types.ts';
import { AGENCY_KINDS, CHILD_ID, rec } from '../../src/risk/test-records.ts';
import { evaluateChild } from '../../src/risk/engine.ts';
import { childhoodOf } from '../../src/risk/alerts.ts';
import { childPersonIds } from '../../src/household/children.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const HOME = { lines: ['4 Clock Lane'], postcode: 'N1 1AA' };
let n = 0;
const person = (given: string, extra: Partial<PersonMention> = {}): PersonMention =>
  ({ key: given.toLowerCase(), role: 'subject', name: { given, family: 'Attacktest' }, address: HOME, ...extra });
const record = (agency: string, kind: AgencyRecord['kind'], occurredAt: string, people: PersonMention[], body: Record<string, unknown>): AgencyRecord =>
  ({ format: 'agency-record/1', agency, ref: `atk-${++n}`, kind, occurredAt, certainty: 'documented', people, body });
const plan = (on: string, child: PersonMention, others: PersonMention[] = []) =>
  record('csc-1', 'conference', on, [child, ...others], { type: 'initial', agenciesPresent: ['csc-1'], agenciesAbsent: [], decision: 'plan', categories: ['neglect'] });

async function ingest(api: TestApi, records: AgencyRecord[]): Promise<void> {
  const out = await api.repo.ingest(operator, records);
  assert.ok(out.results.every((r) => r.status === 'stored'), JSON.stringify(out.results));
}
async function personId(api: TestApi, given: string): Promise<number> {
  const found = (await api.repo.people(operator)).people.find((p) => p.name === `${given} Attacktest`);
  assert.ok(found, `${given} is a person`);
  return found.id;
}

// ---- one "today": London's date ----

test('attack: a read at 00:30 BST sees the London date\'s deadlines (a deadline due yesterday is missed, not still running)', async () => {
  let now = new Date('2024-06-17T12:00:00Z');
  const api = await testApi({ clock: () => now });
  try {
    // Plans on Monday 3 June (BST) and Monday 8 January (GMT): the first core group is due 10 working days later.
    await ingest(api, [plan('2024-06-03', person('Summer', { dob: '2020-07-07' })), plan('2024-01-08', person('Winter', { dob: '2018-12-12', name: { given: 'Winter', family: 'Attacktest' }, address: { lines: ['9 Frost Road'], postcode: 'E2 2BB' } }))]);
    // An agency system's API key: it does not time out as a session would when the clock jumps.
    const { token } = await api.repo.createApiKey(operator, 'csc-1');
    const coreGroup = async (given: string, at: string) => {
      now = new Date(at);
      const res = await api.app.inject({ method: 'GET', url: `/api/people/${await personId(api, given)}/process`, headers: { authorization: `Bearer ${token}` } });
      assert.equal(res.statusCode, 200, res.body);
      return (res.json().deadlines as { step: string; due: string; status: string }[]).find((d) => d.step === 'first-core-group');
    };
    const evening = await coreGroup('Summer', '2024-06-17T22:30:00Z');
    assert.equal(evening?.due, '2024-06-17');
    assert.equal(evening?.status, 'running', '23:30 BST on the day it is due: still running');
    assert.equal((await coreGroup('Summer', '2024-06-17T23:30:00Z'))!.status, 'missed', '00:30 BST on 18 June (23:30 UTC on the 17th): the London date is the 18th, so it was missed');
    // In winter London is on UTC: 23:30 is still the day it is due, 00:30 the next.
    assert.equal((await coreGroup('Winter', '2024-01-22T23:30:00Z'))!.status, 'running', '23:30 GMT on the day it is due');
    assert.equal((await coreGroup('Winter', '2024-01-23T00:30:00Z'))!.status, 'missed', '00:30 GMT the next day');
  } finally {
    await api.close();
  }
});

test('attack: my work at 00:30 BST lists a deadline due the day before as missed', async () => {
  let now = new Date('2024-06-10T12:00:00Z');
  const api = await testApi({ clock: () => now });
  try {
    await ingest(api, [plan('2024-06-03', person('Mywork'))]);
    const worker = await signedInUser(api, { username: 'mywork.sw', agencyId: 'csc-1', roles: ['practitioner'], at: now });
    await api.repo.assignCase(operator, await personId(api, 'Mywork'), 'mywork.sw', 'allocated-worker');
    const actor = (await api.repo.session(worker.cookie.slice(worker.cookie.indexOf('=') + 1)))!.actor;
    now = new Date('2024-06-17T23:30:00Z');
    const due = (await api.repo.deadlinesDue(actor)).find((d) => d.step === 'first-core-group');
    assert.equal(due?.due, '2024-06-17');
    assert.equal(due?.status, 'missed', 'at 00:30 BST on 18 June the deadline of the 17th has passed');
  } finally {
    await api.close();
  }
});

test('attack: an alert raised at 00:30 BST is dated the London day, not the UTC day before', async () => {
  const now = new Date('2024-06-17T23:30:00Z');
  const api = await testApi({ clock: () => now });
  try {
    await ingest(api, [plan('2024-06-03', person('Glass'))]);
    const id = await personId(api, 'Glass');
    const doctor = await signedInUser(api, { username: 'glass.gp', agencyId: 'gp-1', roles: ['practitioner'], at: now });
    const actor = (await api.repo.session(doctor.cookie.slice(doctor.cookie.indexOf('=') + 1)))!.actor;
    await api.repo.breakGlass(actor, id, 'child brought to out-of-hours clinic, social care unreachable');
    const fired = (await sql<{ on: string }>`select first_fired_on::text as on from alert where rule = 'break-glass'`.execute(api.db.kysely)).rows;
    assert.deepEqual(fired.map((a) => a.on), ['2024-06-18'], 'raised at 00:30 BST on 18 June: dated the 18th');
  } finally {
    await api.close();
  }
});

// ---- one "adult" ----

/** The unknown adults the child's page shows and the unknown-adult alert names, on the day the clock says. */
let readers = 0;
async function unknownAdults(api: TestApi, childId: number, at: Date) {
  // Signed in at the time the clock says (a session from before a jump of a day would have timed out).
  const worker = await signedInUser(api, { username: `reader.${++readers}`, agencyId: 'csc-1', roles: ['practitioner'], at });
  await api.repo.refreshProcessAlerts(operator);
  const alerts = (await api.repo.alerts(operator, { personId: childId, status: 'not-closed', limit: 50, offset: 0 })).alerts.filter((a) => a.rule === 'unknown-adult');
  const page = await worker.get(`/people/${childId}`);
  assert.equal(page.statusCode, 200);
  const warning = /Unknown adults? in the child’s home: ([^.]*)\./.exec(page.body)?.[1] ?? '';
  return { alert: alerts.map((a) => a.explanation).join(' '), page: warning };
}

test('attack: a twin with no date of birth in the child\'s home is not an unknown adult, to the page or to the alerts', async () => {
  const now = new Date('2024-03-01T12:00:00Z');
  const api = await testApi({ clock: () => now });
  try {
    const child = person('Tia', { dob: '2019-04-04' });
    const twin = person('Tom', { key: 'twin', role: 'relative', relationship: 'twin' });
    delete (twin as { dob?: string }).dob;
    const lodger = person('Lenny', { key: 'lodger', role: 'lodger' });
    await ingest(api, [plan('2024-01-10', child), record('hosp-1', 'demographics', '2024-02-01', [child, twin, lodger], { nextOfKin: 'lodger' })]);
    const seen = await unknownAdults(api, await personId(api, 'Tia'), now);
    assert.match(seen.alert, /Lenny/, 'the control: a lodger with no date of birth is an unknown adult');
    assert.match(seen.page, /Lenny/);
    assert.doesNotMatch(seen.alert, /Tom/, 'the twin is a child to the unknown-adult rule');
    assert.doesNotMatch(seen.page, /Tom/, 'and to the child\'s page');
  } finally {
    await api.close();
  }
});

test('attack: a 17-year-old with a month-only date of birth is not an unknown adult until the 1st of the month they turn 18', async () => {
  let now = new Date('2024-04-30T12:00:00Z');
  const api = await testApi({ clock: () => now });
  try {
    const child = person('Mia', { dob: '2020-04-04' });
    const cousin = person('Max', { key: 'max', role: 'other', relationship: 'family friend', dob: '2006-05' });
    // The rule looks on the days records arrive: one the day before his 18th birthday, one on it.
    await ingest(api, [plan('2024-01-10', child), record('hosp-1', 'demographics', '2024-04-30', [child, cousin], { nextOfKin: 'max' })]);
    const childId = await personId(api, 'Mia');
    const before = await unknownAdults(api, childId, now);
    assert.equal(before.alert, '', 'on 30 April 2024 (17) the rule does not call him an adult');
    assert.equal(before.page, '', 'nor does the page');
    now = new Date('2024-05-01T12:00:00Z');
    await ingest(api, [record('hosp-1', 'demographics', '2024-05-01', [child, cousin], { nextOfKin: 'max' })]);
    const after = await unknownAdults(api, childId, now);
    assert.match(after.alert, /Max/, 'on 1 May 2024 (18) both do');
    assert.match(after.page, /Max/);
  } finally {
    await api.close();
  }
});

test('attack: a person with a year-only date of birth or none is read one way by the unknown-adult rule, the alerts and the replay report', () => {
  const plan = rec('csc-1', 'conference', '2024-01-10', { type: 'initial', agenciesPresent: ['csc-1'], agenciesAbsent: [], decision: 'plan', categories: ['neglect'] });
  const lodger = (dob: string) => rec('hosp-1', 'demographics', '2024-06-01', { nextOfKin: 'p' },
    { people: ['child', 'p'], overrides: { p: { role: 'lodger', relationship: 'lodger', dob } } });
  const unknownAdult = (dob: string) => evaluateChild(CHILD_ID, [plan, lodger(dob)], { agencyKinds: AGENCY_KINDS }).filter((f) => f.rule === 'unknown-adult');
  assert.equal(unknownAdult('2000').length, 1, 'the control: a lodger born in 2000 is an unknown adult');
  assert.equal(unknownAdult('2010').length, 0, 'a lodger born in 2010 is 14: a child to the rule, as to the alerts (a year counts from its 1 January)');
  // A child known only from a school's record, with no date of birth: a child to the alerts and to the replay report.
  const school = rec('school-1', 'concern', '2024-02-01', { concern: 'hungry' });
  delete (school.document.people[0] as { dob?: string }).dob;
  assert.ok(childhoodOf(CHILD_ID, [school], '2024-03-01'), 'the alerts read their records as a child\'s');
  const people = [{ id: CHILD_ID, dob: null, mentions: [`school-1/${school.document.ref}#child`] }];
  assert.deepEqual(childPersonIds(people, [school.document]), [CHILD_ID], 'and the replay report shows their household');
});

// ---- reads write nothing; escalation on the schedule ----

/** Every row of every table a read must not change (the audit trail and the reader's own session aside). */
async function snapshot(api: TestApi): Promise<Record<string, unknown[]>> {
  const tables = (await sql<{ table_name: string }>`select table_name from information_schema.tables
    where table_schema = current_schema() and table_type = 'BASE TABLE' order by table_name`.execute(api.db.kysely)).rows.map((r) => r.table_name)
    .filter((t) => !t.startsWith('audit') && t !== 'user_session');
  const out: Record<string, unknown[]> = {};
  for (const t of tables) out[t] = (await sql`select * from ${sql.table(t)} order by 1`.execute(api.db.kysely)).rows.map((r) => JSON.stringify(r));
  return out;
}

async function overdueAlert(api: TestApi, childId: number, createdAt: Date): Promise<number> {
  const row = await api.db.kysely.insertInto('alert').values({
    person_id: childId, rule: 'test-rule', severity: 'critical', status: 'open', first_fired_on: '2024-02-01', last_fired_on: '2024-02-01', evidence: [],
    explanation: 'an alert nobody has acknowledged', recipients: ['agency:csc-1'], created_at: createdAt, updated_at: createdAt,
  }).returning('id').executeTakeFirstOrThrow();
  return row.id;
}

test('attack: reading alerts writes nothing, even with an alert past its escalation deadline', async () => {
  const now = new Date('2024-03-01T12:00:00Z');
  const api = await testApi({ clock: () => now });
  try {
    await ingest(api, [plan('2024-01-10', person('Quiet', { dob: '2020-01-01' }))]);
    const childId = await personId(api, 'Quiet');
    const worker = await signedInUser(api, { username: 'quiet.sw', agencyId: 'csc-1', roles: ['practitioner'], at: now });
    const alertId = await overdueAlert(api, childId, new Date('2024-02-01T00:00:00Z'));
    const before = await snapshot(api);
    for (const url of ['/api/alerts', `/api/people/${childId}/alerts`]) assert.equal((await worker.get(url)).statusCode, 200);
    await api.repo.alerts(operator, { limit: 50, offset: 0 });
    assert.deepEqual(await snapshot(api), before, 'no row of any table changed');
    assert.ok((await api.db.kysely.selectFrom('audit').select('id').where('action', '=', 'alerts.list').execute()).length >= 3, 'the reads were audited');
    assert.deepEqual((await api.repo.escalateAlerts(operator)).escalated, [alertId], 'the alert was still overdue: the reads did not escalate it');
  } finally {
    await api.close();
  }
});

test('attack: opening the child\'s page writes nothing, even with an alert past its escalation deadline', async () => {
  const now = new Date('2024-03-01T12:00:00Z');
  const api = await testApi({ clock: () => now });
  try {
    await ingest(api, [plan('2024-01-10', person('Still', { dob: '2020-01-01' }))]);
    const childId = await personId(api, 'Still');
    const worker = await signedInUser(api, { username: 'still.sw', agencyId: 'csc-1', roles: ['practitioner'], at: now });
    await overdueAlert(api, childId, new Date('2024-02-01T00:00:00Z'));
    const before = await snapshot(api);
    for (const url of [`/people/${childId}`, '/']) assert.equal((await worker.get(url)).statusCode, 200, url);
    assert.deepEqual(await snapshot(api), before, 'no row of any table changed');
  } finally {
    await api.close();
  }
});

test('attack: an alert nobody acknowledges is still escalated, by the server\'s schedule, within its interval', async () => {
  const { startAlertSchedule, ESCALATE_EVERY_MS } = await import('../../src/cli/alert-schedule.ts');
  assert.ok(ESCALATE_EVERY_MS <= 15 * 60_000, 'often enough for a critical alert (1 hour) to be escalated near its deadline');
  let now = new Date('2024-03-01T12:00:00Z');
  const api = await testApi({ clock: () => now });
  try {
    await ingest(api, [plan('2024-01-10', person('Timer', { dob: '2020-01-01' }))]);
    const alertId = await overdueAlert(api, await personId(api, 'Timer'), now);
    const schedule = startAlertSchedule(api.repo, { escalateMs: 50, refreshMs: 3_600_000 });
    try {
      await schedule.first;
      const escalatedAt = async () => (await api.db.kysely.selectFrom('alert').select('escalated_at').where('id', '=', alertId).executeTakeFirstOrThrow()).escalated_at;
      assert.equal(await escalatedAt(), null, 'not yet due: not escalated');
      now = new Date('2024-03-01T13:00:01Z'); // a critical alert is escalated after 1 hour
      const until = Date.now() + 10_000;
      while ((await escalatedAt()) === null && Date.now() < until) await new Promise((r) => setTimeout(r, 25));
      assert.notEqual(await escalatedAt(), null, 'the schedule escalated it with nobody reading anything');
      const events = await api.db.kysely.selectFrom('alert_event').select('kind').where('alert_id', '=', alertId).execute();
      assert.deepEqual(events.map((e) => e.kind), ['escalated'], 'once');
    } finally {
      schedule.stop();
    }
  } finally {
    await api.close();
  }
});

// ---- production install ----

test('attack: HSTS header present on pages, API answers and refusals (a year at least, subdomains included)', async () => {
  const api = await testApi();
  try {
    for (const url of ['/accessibility', '/sign-in', '/api/people', '/no-such-page', '/healthz']) {
      const res = await api.app.inject({ method: 'GET', url });
      const hsts = String(res.headers['strict-transport-security'] ?? '');
      const maxAge = Number(/max-age=(\d+)/.exec(hsts)?.[1] ?? 0);
      assert.ok(maxAge >= 31_536_000, `${url} (${res.statusCode}): max-age of a year or more, got "${hsts}"`);
      assert.match(hsts, /;\s*includeSubDomains/i, url);
    }
  } finally {
    await api.close();
  }
});

test('attack: demo passwords file is git-ignored (whatever the data directory is called)', async () => {
  const { demoAccountsFile } = await import('../../src/cli/demo-accounts.ts');
  const { relative } = await import('node:path');
  for (const dataDir of ['./data', './data-demo', 'var/threadline']) {
    const file = relative(ROOT, demoAccountsFile(`${ROOT}/${dataDir}`));
    const r = spawnSync('git', ['check-ignore', '--no-index', '-q', file], { cwd: ROOT });
    assert.equal(r.status, 0, `${file} (DATA_DIR=${dataDir}) must be ignored by git: it holds plaintext passwords and TOTP secrets`);
  }
});

test('attack: a production install without playwright-core starts, serves pages, and answers a PDF with a 503 that says why', () => {
  // The server and a PDF request in a child process where importing playwright-core fails as it does after
  // `npm ci --omit=dev` (a resolve hook refuses it); CHROMIUM_PATH names a file that exists, so the refusal
  // is the missing library's, not a missing browser's.
  const r = spawnSync(process.execPath, ['--import', 'tsx', '--import', './test/attack/fixtures/without-playwright.mjs', 'test/attack/fixtures/serve-without-playwright.ts'],
    { cwd: ROOT, encoding: 'utf8', env: { ...process.env, CHROMIUM_PATH: process.execPath }, timeout: 120_000 });
  assert.equal(r.status, 0, `the server could not start without playwright-core:\n${r.stderr.slice(-2000)}`);
  const out = JSON.parse(r.stdout.trim().split('\n').at(-1)!);
  assert.equal(out.playwrightImport, 'ERR_MODULE_NOT_FOUND', 'the control: playwright-core really cannot be imported here');
  assert.equal(out.accessibility, 200);
  assert.equal(out.pack, 200, 'the conference pack page itself needs no PDF library');
  assert.equal(out.pdf, 503);
  assert.match(out.pdfBody, /playwright-core/);
  assert.match(out.pdfBody, /print it from your browser/);
});

test('attack: CI installs exactly the lockfile (npm ci) and proves a production install on a fresh clone', () => {
  const ci = readFileSync(`${ROOT}/.ci/run`, 'utf8').split('\n').filter((l) => !l.trim().startsWith('#'));
  assert.ok(ci.some((l) => /^\s*npm ci\b/.test(l)), '.ci/run installs with npm ci');
  assert.ok(!ci.some((l) => /\bnpm install\b/.test(l)), '.ci/run never runs npm install');
  assert.ok(ci.some((l) => /^\s*scripts\/check-production-install\.sh\b/.test(l)), '.ci/run runs the production-install check');
  const script = `${ROOT}/scripts/check-production-install.sh`;
  accessSync(script, constants.X_OK);
  const text = readFileSync(script, 'utf8');
  for (const step of ['git clone', 'npm ci --omit=dev', 'npm start', '/accessibility', 'set -euo pipefail']) assert.ok(text.includes(step), `the check does: ${step}`);
  assert.doesNotThrow(() => execFileSync('bash', ['-n', script]), 'and is valid bash');
});
