// Notifications across agencies: a placement or household change,
// a meeting an agency missed, a new allocated worker: every agency concerned
// is told, and its acknowledgement is kept.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { operator } from '../../test/helpers/test-db.ts';
import { testApi, type TestApi } from '../../test/helpers/test-api.ts';
import type { AgencyRecord } from '../records/types.ts';

let api: TestApi;
let childId: number;
const child = { key: 'child', role: 'subject' as const, name: { given: 'Nora', family: 'Tifytest' }, dob: '2020-02-02', nhsNumber: '9434765870' };
const rec = (agency: string, ref: string, occurredAt: string, kind: AgencyRecord['kind'], body: Record<string, unknown>): AgencyRecord =>
  ({ format: 'agency-record/1', agency, ref, kind, occurredAt, certainty: 'documented', people: [child], body });

before(async () => {
  api = await testApi();
  await api.repo.ingest(operator, [
    rec('gp-1', 'n-1', '2024-01-05', 'attendance', { setting: 'gp', complaint: 'cough' }),
    rec('police-1', 'n-2', '2024-01-06', 'concern', { category: 'physical', description: 'incident at home' }),
  ]);
  childId = (await api.repo.people(operator)).people.find((p) => p.name === 'Nora Tifytest')!.id;
});
after(async () => api.close());

const gp = () => ({ authorization: `Bearer ${api.token}` });

test('a placement tells every other agency in the network; a conference tells the agencies absent; acknowledgements are kept once', async () => {
  await api.repo.ingest(operator, [
    rec('csc-1', 'n-3', '2024-01-10', 'placement', { subject: 'child', change: 'placed-away' }),
    rec('csc-1', 'n-4', '2024-01-20', 'conference', { type: 'initial', agenciesPresent: ['csc-1', 'police-1'], agenciesAbsent: ['gp-1'], decision: 'plan', categories: ['physical'] }),
  ]);
  const all = await api.repo.notifications(operator, { personId: childId });
  const to = (kind: string) => all.filter((n) => n.kind === kind).map((n) => n.recipient).sort();
  assert.deepEqual(to('household'), ['gp-1', 'police-1'], 'not social care, which sent it');
  assert.deepEqual(to('meeting-decisions'), ['gp-1'], 'only the agency absent');
  assert.match(all.find((n) => n.kind === 'meeting-decisions')!.about, /initial conference decided: plan/);

  const mine = (await api.app.inject({ method: 'GET', url: '/api/notifications?unacknowledged=true', headers: gp() })).json().notifications as { id: number; recipient: string }[];
  assert.equal(mine.length, 2);
  assert.ok(mine.every((n) => n.recipient === 'gp-1'));
  const ack = await api.app.inject({ method: 'POST', url: `/api/notifications/${mine[0]!.id}/acknowledge`, headers: gp() });
  assert.equal(ack.statusCode, 200, ack.body);
  assert.match(ack.json().acknowledged.by, /^api-key:/);
  assert.equal((await api.app.inject({ method: 'POST', url: `/api/notifications/${mine[0]!.id}/acknowledge`, headers: gp() })).statusCode, 422, 'once');
  const police = { kind: 'agency-system', agencyId: 'police-1', keyId: 'k' } as const;
  await assert.rejects(api.repo.acknowledgeNotification(police, mine[1]!.id), /no notification/, "not another agency's");
  const left = (await api.app.inject({ method: 'GET', url: '/api/notifications?unacknowledged=true', headers: gp() })).json().notifications;
  assert.equal(left.length, 1);
});

test('a new allocated worker is told to the network, and the process view shows who has acknowledged what', async () => {
  await api.repo.createUser(operator, { username: 'ali.sw', displayName: 'Ali Social Worker', agencyId: 'csc-1', roles: ['practitioner'], password: 'a long enough password' });
  await api.repo.assignCase(operator, childId, 'ali.sw', 'allocated-worker');
  const told = (await api.repo.notifications(operator, { personId: childId })).filter((n) => n.kind === 'allocated-worker');
  assert.deepEqual(told.map((n) => n.recipient).sort(), ['gp-1', 'police-1']);
  assert.match(told[0]!.about, /Ali Social Worker \(csc-1\)/);
  const view = (await api.repo.process(operator, childId))!;
  assert.equal(view.notifications.length, 5);
  assert.equal(view.notifications.filter((n) => n.acknowledged).length, 1);
});
