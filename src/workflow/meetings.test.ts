// Conferences and core groups as records of their own: reports,
// dissent, actions with an owner agency and a due date, completion by the
// owner, and overdue actions raised to the owner and the allocated worker.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { operator } from '../../test/helpers/test-db.ts';
import { testApi, type TestApi } from '../../test/helpers/test-api.ts';
import type { AgencyRecord } from '../records/types.ts';

let api: TestApi;
let now = new Date('2024-05-01T09:00:00Z');
let childId: number;
const child = { key: 'child', role: 'subject' as const, name: { given: 'Mia', family: 'Meetingtest' }, dob: '2021-01-01', nhsNumber: '9434765862' };
const rec = (agency: string, ref: string, occurredAt: string, kind: AgencyRecord['kind'], body: Record<string, unknown>): AgencyRecord =>
  ({ format: 'agency-record/1', agency, ref, kind, occurredAt, certainty: 'documented', people: [child], body });
const csc = { kind: 'agency-system', agencyId: 'csc-1', keyId: 'k-csc' } as const;
const police = { kind: 'agency-system', agencyId: 'police-1', keyId: 'k-police' } as const;

before(async () => {
  api = await testApi({ clock: () => now });
  await api.repo.ingest(operator, [
    rec('gp-1', 'm-1', '2024-04-01', 'attendance', { setting: 'gp', complaint: 'review' }),
    rec('police-1', 'm-2', '2024-04-02', 'concern', { category: 'physical', description: 'incident' }),
    rec('csc-1', 'cp-1', '2024-04-10', 'conference', { type: 'initial', agenciesPresent: ['csc-1', 'police-1'], agenciesAbsent: ['gp-1'], decision: 'plan', categories: ['physical'] }),
    rec('csc-1', 'cg-1', '2024-04-24', 'core-group', { agenciesPresent: ['csc-1', 'gp-1', 'police-1'], agenciesAbsent: [] }),
  ]);
  childId = (await api.repo.people(operator)).people.find((p) => p.name === 'Mia Meetingtest')!.id;
});
after(async () => api.close());

test('a core group records actions with owners and due dates; only the meeting\'s agency records them; owners are told', async () => {
  await assert.rejects(api.repo.addMeetingActions(police, childId, 'csc-1/cg-1', [{ owner: 'gp-1', action: 'x', due: '2024-05-10' }]), /recorded by its own agency/);
  await assert.rejects(api.repo.addMeetingActions(csc, childId, 'gp-1/m-1', [{ owner: 'gp-1', action: 'x', due: '2024-05-10' }]), /not a conference or core group/);
  await assert.rejects(api.repo.addMeetingActions(csc, childId, 'csc-1/cg-1', [{ owner: 'gp-1', action: 'x', due: '2024-05-06' }]), /not a working day/, 'the early May bank holiday');
  await assert.rejects(api.repo.addMeetingActions(csc, childId, 'csc-1/cg-1', [{ owner: 'nobody-1', action: 'x', due: '2024-05-10' }]), /not registered/);
  const res = await api.app.inject({ method: 'POST', url: `/api/people/${childId}/meetings/actions`, headers: { authorization: `Bearer ${api.token}` },
    payload: { meeting: 'csc-1/cg-1', actions: [{ owner: 'gp-1', action: 'x', due: '2024-05-10' }] } });
  assert.equal(res.statusCode, 403, 'a GP key cannot record social care\'s meeting actions');
  const { actionIds } = await api.repo.addMeetingActions(csc, childId, 'csc-1/cg-1', [
    { owner: 'gp-1', action: 'review mother\'s medication', due: '2024-05-10' },
    { owner: 'police-1', action: 'share the outcome of the investigation', due: '2024-05-03' },
  ]);
  assert.equal(actionIds.length, 2);
  const told = (await api.repo.notifications(operator, { personId: childId })).filter((n) => n.about.includes('actions for you'));
  assert.deepEqual(told.map((n) => n.recipient).sort(), ['gp-1', 'police-1']);
});

test('reports and dissent are kept with the meeting; the owner marks its own action done, once', async () => {
  await api.repo.addMeetingContribution(police, childId, 'csc-1/cp-1', 'dissent', 'police consider the threshold for a plan under the category of sexual abuse is met');
  await api.repo.addMeetingContribution({ kind: 'agency-system', agencyId: 'gp-1', keyId: 'k' }, childId, 'csc-1/cp-1', 'report', 'GP report: missed two appointments');
  const [actions] = [(await api.repo.process(operator, childId))!.meetings.find((m) => m.source === 'csc-1/cg-1')!.actions];
  const gpAction = actions.find((a) => a.owner === 'gp-1')!;
  await assert.rejects(api.repo.completeAction(police, gpAction.id, 'done'), /no action/, 'not the owner');
  const done = await api.app.inject({ method: 'POST', url: `/api/actions/${gpAction.id}/done`, headers: { authorization: `Bearer ${api.token}` }, payload: { note: 'medication reviewed 2 May' } });
  assert.equal(done.statusCode, 200, done.body);
  await assert.rejects(api.repo.completeAction({ kind: 'agency-system', agencyId: 'gp-1', keyId: 'k' }, gpAction.id, 'again'), /done already/);
  const meetings = (await api.repo.process(operator, childId))!.meetings;
  const icpc = meetings.find((m) => m.source === 'csc-1/cp-1')!;
  assert.deepEqual(icpc.absent, ['gp-1']);
  assert.deepEqual(icpc.invited, [...new Set([...icpc.present, 'gp-1'])].sort(), 'invited: present and absent');
  assert.ok(icpc.present.length > 0);
  assert.deepEqual(icpc.dissent.map((d) => d.agency), ['police-1']);
  assert.deepEqual(icpc.reports.map((r) => r.agency), ['gp-1']);
  assert.deepEqual(meetings.find((m) => m.source === 'csc-1/cg-1')!.actions.map((a) => [a.owner, a.status]), [['gp-1', 'done'], ['police-1', 'open']]);
});

test('an overdue action is raised, once, to its owner agency and the allocated worker, and shows as overdue', async () => {
  await api.repo.createUser(operator, { username: 'max.sw', displayName: 'Max Worker', agencyId: 'csc-1', roles: ['practitioner'], password: 'a long enough password' });
  await api.repo.assignCase(operator, childId, 'max.sw', 'allocated-worker');
  now = new Date('2024-05-07T09:00:00Z'); // the police action was due on Friday 3 May
  const first = await api.repo.refreshProcessAlerts(operator);
  assert.equal(first.actionsOverdue, 1);
  assert.equal((await api.repo.refreshProcessAlerts(operator)).actionsOverdue, 0, 'raised once');
  const alerts = (await api.repo.alerts(police, { limit: 100, offset: 0 })).alerts.filter((a) => a.rule === 'action-overdue');
  assert.equal(alerts.length, 1);
  assert.match(alerts[0]!.explanation, /share the outcome of the investigation", owned by police-1, due 2024-05-03/);
  assert.ok(alerts[0]!.recipients.some((r) => r.startsWith('user:')), 'the allocated worker is told');
  assert.equal((await api.repo.alerts({ kind: 'agency-system', agencyId: 'gp-1', keyId: 'k' }, { limit: 100, offset: 0 })).alerts.filter((a) => a.rule === 'action-overdue').length, 0, 'not routed to the GP');
  const view = (await api.repo.process(operator, childId))!.meetings.find((m) => m.source === 'csc-1/cg-1')!;
  assert.equal(view.actions.find((a) => a.owner === 'police-1')!.status, 'overdue');
});
