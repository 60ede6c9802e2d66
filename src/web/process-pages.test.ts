// The case process screens: the plan, deadlines, decisions and their sign-off, supervision,
// conferences and core groups, and the forms that act on them: each posts to a page route that redirects
// back (303), and a refusal is the page again with 422, an error summary and the error at its field.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { operator } from '../../test/helpers/test-db.ts';
import { signedInUser, testApi, type SignedIn, type TestApi } from '../../test/helpers/test-api.ts';
import type { AgencyRecord } from '../records/types.ts';
import { idFor } from './process-pages.ts';

let api: TestApi;
const now = new Date('2024-03-01T10:00:00Z');
let childId: number;
let manager: SignedIn;
let worker: SignedIn;
let gp: SignedIn;
let police: SignedIn;
let nurse: SignedIn;

const child = { key: 'child', role: 'subject' as const, name: { given: 'Polly', family: 'Processtest' }, dob: '2021-05-05', nhsNumber: '9434765919' };
const rec = (agency: string, ref: string, occurredAt: string, kind: AgencyRecord['kind'], body: Record<string, unknown>, author = 'Sam Worker'): AgencyRecord =>
  ({ format: 'agency-record/1', agency, ref, kind, occurredAt, certainty: 'documented', author: { name: author }, people: [child], body });
const PL = `decision-${idFor('csc-1/pl-2')}`;
const CG = idFor('csc-1/cg-1');

before(async () => {
  api = await testApi({ clock: () => now });
  const out = await api.repo.ingest(operator, [
    rec('gp-1', 'gp-1', '2024-01-02', 'attendance', { setting: 'gp', complaint: 'rash' }),
    rec('csc-1', 'cp-1', '2024-01-10', 'conference', { type: 'initial', agenciesPresent: ['csc-1', 'gp-1'], agenciesAbsent: ['police-1'], decision: 'plan', categories: ['neglect'] }),
    rec('csc-1', 'cg-1', '2024-01-24', 'core-group', { agenciesPresent: ['csc-1', 'gp-1'], agenciesAbsent: ['police-1'] }),
    rec('csc-1', 'pl-2', '2024-02-21', 'placement', { subject: 'child', change: 'returned-home' }),
  ]);
  assert.deepEqual(out.results.map((r) => r.status), ['stored', 'stored', 'stored', 'stored'], JSON.stringify(out.results));
  childId = (await api.repo.people(operator)).people.find((p) => p.name === 'Polly Processtest')!.id;
  manager = await signedInUser(api, { username: 'mo.manager', agencyId: 'csc-1', roles: ['manager'], at: now });
  worker = await signedInUser(api, { username: 'sam.worker', agencyId: 'csc-1', roles: ['practitioner'], at: now });
  gp = await signedInUser(api, { username: 'gus.gp', agencyId: 'gp-1', roles: ['practitioner'], at: now });
  police = await signedInUser(api, { username: 'pc.plod', agencyId: 'police-1', roles: ['practitioner'], at: now });
  nurse = await signedInUser(api, { username: 'ed.nurse', agencyId: 'hosp-1', roles: ['practitioner'], at: now });
});
after(async () => api.close());

const url = (path = '') => `/people/${childId}/process${path}`;
function assertRefusedAt(res: { statusCode: number; body: string; headers: Record<string, unknown> }, fieldId: string, message: RegExp): void {
  assert.equal(res.statusCode, 422, res.body.slice(0, 300));
  assert.match(String(res.headers['content-type']), /^text\/html/, 'a page, not JSON');
  assert.match(res.body, /class="govuk-error-summary"/);
  assert.ok(res.body.includes(`<a href="#${fieldId}">`), `the summary links to #${fieldId}`);
  assert.match(res.body, message);
  assert.ok(res.body.includes(`id="${fieldId.replace(/-day$/, '')}-error"`), `an error message at ${fieldId}`);
  assert.equal(res.body.match(/<h1[\s>]/g)?.length, 1);
}

describe('GET /people/:id/process', () => {
  test('the plan, deadlines with their status, the decision, supervision and meetings', async () => {
    const res = await worker.get(url());
    assert.equal(res.statusCode, 200);
    const page = res.body;
    assert.equal(page.match(/<h1[\s>]/g)?.length, 1);
    assert.match(page, /Polly Processtest, born 5 May 2021/);
    assert.match(page, /Since 10 January 2024, csc-1\/cp-1, categories: neglect/);
    assert.match(page, /govuk-tag--red">\s*Missed/, 'a deadline missed');
    assert.match(page, /govuk-tag--(blue|yellow)">\s*(Running|Due soon)/, 'a deadline running');
    assert.match(page, /The child returns home, 21 February 2024 \(csc-1\/pl-2\)/);
    assert.match(page, /Not signed off/);
    assert.ok(!page.includes('action="/people/' + childId + '/process/sign-off"'), 'a practitioner is not offered the sign-off');
    assert.ok(!page.includes('id="supervision-note"'), 'nor supervision');
    assert.match(page, /Child protection conference, 10 January 2024/);
    assert.match(page, /Core group meeting, 24 January 2024/);
    assert.ok(page.includes(`id="action-text-${CG}"`), 'social care records its own meetings\' actions');
    assert.ok(page.includes(`id="contribution-text-${CG}"`));
  });

  test('a user with no relationship, or no such child: 404; signed out: sign in', async () => {
    // (The police were invited to the conference by social care, the lead agency: they have a relationship.)
    assert.equal((await nurse.get(url())).statusCode, 404);
    assert.equal((await worker.get('/people/999999/process')).statusCode, 404);
    assert.equal((await worker.get('/people/abc/process')).statusCode, 404);
    const out = await api.app.inject({ method: 'GET', url: url() });
    assert.equal(out.statusCode, 303);
    assert.match(String(out.headers.location), /^\/sign-in\?next=/);
  });
});

describe('the forms', () => {
  test('a manager signs off the return home: a note is needed (422 at the field), then 303 back and it shows as signed off', async () => {
    const page = (await manager.get(url())).body;
    assert.ok(page.includes(`action="/people/${childId}/process/sign-off"`), 'the manager is offered the sign-off');
    const field = `signoff-note-${idFor('csc-1/pl-2')}`;
    assertRefusedAt(await manager.post(url('/sign-off'), { source: 'csc-1/pl-2', note: '  ' }), field, /Say what you agreed and why/);
    const res = await manager.post(url('/sign-off'), { source: 'csc-1/pl-2', note: 'agreed: mother engaging well' });
    assert.equal(res.statusCode, 303, res.body.slice(0, 300));
    assert.equal(res.headers.location, `${url()}#${PL}`);
    const after = (await manager.get(url())).body;
    assert.match(after, /Signed off\s*<\/strong>\s*by mo.manager, 1 March 2024, 10:00: agreed: mother engaging well/);
    assertRefusedAt(await manager.post(url('/sign-off'), { source: 'csc-1/pl-2', note: 'again' }), field, /was signed off by mo.manager/);
  });

  test('a practitioner cannot sign off (403, a page); without the CSRF token nothing is done', async () => {
    const res = await worker.post(url('/sign-off'), { source: 'csc-1/pl-2', note: 'agreed' });
    assert.equal(res.statusCode, 403);
    assert.match(String(res.headers['content-type']), /^text\/html/);
    const forged = await manager.post(url('/supervision'), { note: 'x', _csrf: 'forged' });
    assert.equal(forged.statusCode, 403);
  });

  test('supervision by a manager: empty is refused at the field; recorded, it shows as the last', async () => {
    assertRefusedAt(await manager.post(url('/supervision'), { note: '' }), 'supervision-note', /Record what was discussed and decided/);
    const res = await manager.post(url('/supervision'), { note: 'reviewed the plan with the social worker' });
    assert.equal(res.statusCode, 303);
    assert.equal(res.headers.location, `${url()}#supervision`);
    assert.match((await manager.get(url())).body, /1 March 2024, 10:00 by mo.manager/);
  });

  test("the GP adds its report to the core group; an empty one is refused at the field", async () => {
    const field = `contribution-text-${CG}`;
    assertRefusedAt(await gp.post(url('/contributions'), { meeting: 'csc-1/cg-1', kind: 'report', text: '' }), field, /Enter your agency&#39;s report/);
    assertRefusedAt(await gp.post(url('/contributions'), { meeting: 'csc-1/cg-1', text: 'x' }), `contribution-kind-${CG}`, /Select whether this is a report or a dissent/);
    const res = await gp.post(url('/contributions'), { meeting: 'csc-1/cg-1', kind: 'report', text: 'Seen at surgery: weight gain on track' });
    assert.equal(res.statusCode, 303);
    assert.equal(res.headers.location, `${url()}#meeting-${CG}`);
    assert.match((await gp.get(url())).body, /gp-1<\/span>: Seen at surgery: weight gain on track/);
  });

  test('social care adds an action for the GP; a bad date or a bank holiday is refused at the date; the GP marks it done', async () => {
    const due = `action-due-${CG}-day`;
    const action = { meeting: 'csc-1/cg-1', action: 'Review weight at 12-month check', owner: 'gp-1' };
    assertRefusedAt(await worker.post(url('/actions'), { ...action, 'due-day': '30', 'due-month': '2', 'due-year': '2024' }), due, /Enter the due date as a real date/);
    assertRefusedAt(await worker.post(url('/actions'), { ...action, 'due-day': '29', 'due-month': '3', 'due-year': '2024' }), due, /2024-03-29 is not a working day/);
    assertRefusedAt(await worker.post(url('/actions'), { ...action, action: ' ', 'due-day': '8', 'due-month': '3', 'due-year': '2024' }), `action-text-${CG}`, /Say what is to be done/);
    assert.equal((await gp.post(url('/actions'), { ...action, 'due-day': '8', 'due-month': '3', 'due-year': '2024' })).statusCode, 403, "only the meeting's agency");
    const res = await worker.post(url('/actions'), { ...action, 'due-day': '8', 'due-month': '3', 'due-year': '2024' });
    assert.equal(res.statusCode, 303, res.body.slice(0, 300));
    const view = await api.repo.process(operator, childId);
    const actionId = view!.meetings.find((m) => m.source === 'csc-1/cg-1')!.actions[0]!.id;

    const gpPage = (await gp.get(url())).body;
    assert.ok(gpPage.includes(`action="/people/${childId}/process/actions/${actionId}/done"`), 'the owner is offered "mark as done"');
    assert.ok(!(await worker.get(url())).body.includes(`/actions/${actionId}/done"`), 'not social care');
    assertRefusedAt(await gp.post(url(`/actions/${actionId}/done`), { note: '' }), `done-note-${actionId}`, /Say what was done/);
    assert.equal((await police.post(url(`/actions/${actionId}/done`), { note: 'done' })).statusCode, 404, 'not the owner');
    const done = await gp.post(url(`/actions/${actionId}/done`), { note: 'weighed on 5 March: on track' });
    assert.equal(done.statusCode, 303);
    assert.equal(done.headers.location, `${url()}#action-${actionId}`);
    const after = (await gp.get(url())).body;
    assert.match(after, /Done: weighed on 5 March: on track \(user:gus.gp/);
    assert.match(after, /govuk-tag--green">\s*Done/);
    assertRefusedAt(await gp.post(url(`/actions/${actionId}/done`), { note: 'again' }), `done-note-${actionId}`, /was done already/);
  });
});
