// Sign-off and supervision: a decision ending protection is signed
// off by a manager who is not its author; supervision keeps its own clock.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Actor } from '../shared/actor.ts';
import { operator } from '../../test/helpers/test-db.ts';
import { signedInUser, testApi, type TestApi } from '../../test/helpers/test-api.ts';
import type { AgencyRecord } from '../records/types.ts';

let api: TestApi;
const now = new Date('2024-03-01T10:00:00Z');
let childId: number;

const child = { key: 'child', role: 'subject' as const, name: { given: 'Signe', family: 'Offtest' }, dob: '2021-05-05', nhsNumber: '9434765919' };
const csc = (ref: string, occurredAt: string, kind: AgencyRecord['kind'], body: Record<string, unknown>, author = 'Sam Worker'): AgencyRecord =>
  ({ format: 'agency-record/1', agency: 'csc-1', ref, kind, occurredAt, certainty: 'documented', author: { name: author, role: 'social worker' }, people: [child], body });

before(async () => {
  api = await testApi({ clock: () => now });
  const out = await api.repo.ingest(operator, [
    csc('cp-1', '2024-01-10', 'conference', { type: 'initial', agenciesPresent: ['csc-1'], agenciesAbsent: [], decision: 'plan', categories: ['neglect'] }),
    csc('pl-1', '2024-02-20', 'placement', { subject: 'child', change: 'returned-home' }, 'Morgan Manager'),
    csc('pl-2', '2024-02-21', 'placement', { subject: 'child', change: 'returned-home' }),
  ]);
  assert.deepEqual(out.results.map((r) => r.status), ['stored', 'stored', 'stored'], JSON.stringify(out.results));
  childId = (await api.repo.people(operator)).people.find((p) => p.name === 'Signe Offtest')!.id;
});
after(async () => api.close());

test('a manager signs off a return home; not its author, not a practitioner, not twice; the process shows it', async () => {
  const manager = await signedInUser(api, { username: 'morgan.manager', agencyId: 'csc-1', roles: ['manager'], at: now });
  await api.repo.db.kysely.updateTable('app_user').set({ display_name: 'Morgan Manager' }).where('id', '=', manager.userId).execute();
  const worker = await signedInUser(api, { username: 'sam.worker', agencyId: 'csc-1', roles: ['practitioner'], at: now });
  const as = (u: typeof manager, roles: Actor extends { roles: infer R } ? R : never = ['manager'] as never): Actor =>
    ({ kind: 'user', userId: u.userId, username: u.username, agencyId: 'csc-1', roles, sessionId: 'x' });

  await assert.rejects(api.repo.signOff(as(worker, ['practitioner'] as never), childId, 'csc-1/pl-2', 'agreed'), /signed off by a manager/);
  await assert.rejects(api.repo.signOff(as(manager), childId, 'csc-1/pl-1', 'agreed'), /second person/, 'the manager wrote pl-1');
  await assert.rejects(api.repo.signOff(as(manager), childId, 'csc-1/cp-1', 'agreed'), /not a decision ending protection/);

  const res = await api.app.inject({ method: 'POST', url: `/api/people/${childId}/sign-off`, headers: { cookie: manager.cookie, 'x-csrf-token': manager.csrfToken },
    payload: { source: 'csc-1/pl-2', note: 'agreed: mother engaging, health visitor visiting weekly' } });
  assert.equal(res.statusCode, 201, res.body);
  await assert.rejects(api.repo.signOff(as(manager), childId, 'csc-1/pl-2', 'again'), /was signed off by morgan.manager/);

  const view = (await manager.get(`/api/people/${childId}/process`)).json();
  const byRef = Object.fromEntries(view.decisions.map((d: { source: string; signedOff: unknown }) => [d.source, d.signedOff]));
  assert.equal(byRef['csc-1/pl-1'], null, 'still without a second sign-off');
  assert.equal(byRef['csc-1/pl-2'].by, 'morgan.manager');
  const audit = await api.db.kysely.selectFrom('audit').select('action').where('action', '=', 'decision.sign-off').execute();
  assert.equal(audit.length, 1);
  // The decision nobody signed off raises drift (high); the one signed off is not raised again as unsigned.
  await api.repo.refreshProcessAlerts(operator);
  const drift = (await api.repo.alerts(operator, { personId: childId, limit: 10, offset: 0 })).alerts.find((a) => a.rule === 'statutory-drift')!;
  assert.equal(drift.severity, 'high');
  const unsigned = view.deadlines.filter((d: { step: string; status: string }) => d.step === 'sign-off' && d.status !== 'met').map((d: { startedBy: string }) => d.startedBy);
  assert.ok(unsigned.includes('csc-1/pl-1'));
  assert.ok(drift.events.some((e) => e.explanation?.includes('a manager signs off the decision: the child returns home (csc-1/pl-1)')));
});

test('supervision: due 20 working days after the plan or the last supervision; overdue shows', async () => {
  const lead = await signedInUser(api, { username: 'sally.lead', agencyId: 'csc-1', roles: ['safeguarding-lead'], at: now });
  const before = (await lead.get(`/api/people/${childId}/process`)).json().supervision;
  // Plan on 10 January 2024: 20 working days on is 7 February; on 1 March it is overdue.
  assert.deepEqual(before, { last: null, nextDue: '2024-02-07', overdue: true });
  const res = await api.app.inject({ method: 'POST', url: `/api/people/${childId}/supervision`, headers: { cookie: lead.cookie, 'x-csrf-token': lead.csrfToken }, payload: { note: 'reviewed plan progress' } });
  assert.equal(res.statusCode, 201, res.body);
  const afterwards = (await lead.get(`/api/people/${childId}/process`)).json().supervision;
  // 20 working days after 1 March 2024 crosses Easter: Good Friday 29 March and Easter Monday 1 April.
  assert.deepEqual({ ...afterwards, last: afterwards.last.by }, { last: 'sally.lead', nextDue: '2024-04-02', overdue: false });
});
