// "Record a concern or an observation": one agency record from a short form, as the user's agency,
// through repo.ingest and so through exactly the API's validation; a refusal is the form again (422) with an
// error summary and each problem at its field, keeping what was typed, and nothing stored.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { operator, tableCounts } from '../../test/helpers/test-db.ts';
import { gpAttendance } from '../../test/helpers/records.ts';
import { signedInUser, testApi, type SignedIn, type TestApi } from '../../test/helpers/test-api.ts';
import type { AgencyRecord, PersonMention } from '../records/types.ts';
import { fieldOf } from './record-form.ts';

let api: TestApi;
const now = new Date('2026-03-02T09:00:00Z');
let amyId: number;
let hiddenId: number;
let gp: SignedIn;

const TODAY = { 'occurred-day': '2', 'occurred-month': '3', 'occurred-year': '2026' };
const concern = (fields: Record<string, string>) => ({ kind: 'concern', ...TODAY, ...fields });

before(async () => {
  api = await testApi({ clock: () => now });
  const hidden: PersonMention = { key: 'child', role: 'subject', name: { given: 'Hana', family: 'Hospitalonly' }, dob: '2019-04-04' };
  await api.repo.ingest(operator, [
    gpAttendance({ ref: 'rf-1', occurredAt: '2026-02-01' }),
    { format: 'agency-record/1', agency: 'hosp-1', ref: 'rf-2', kind: 'attendance', occurredAt: '2026-02-02', people: [hidden], body: { setting: 'emergency', complaint: 'fall' } },
  ]);
  const { people } = await api.repo.people(operator);
  amyId = people.find((p) => p.name === 'Amy Example')!.id;
  hiddenId = people.find((p) => p.name === 'Hana Hospitalonly')!.id;
  gp = await signedInUser(api, { username: 'gail.gp', agencyId: 'gp-1', roles: ['practitioner'], at: now });
});
after(async () => api.close());

const webRecords = async () => (await api.db.kysely.selectFrom('record').select(['agency_id', 'ref', 'kind', 'certainty', 'document']).where('ref', 'like', 'web-%').orderBy('id').execute());

describe('GET /record', () => {
  test('signed out: to sign in', async () => {
    const res = await api.app.inject({ method: 'GET', url: '/record' });
    assert.equal(res.statusCode, 303);
    assert.equal(res.headers.location, '/sign-in?next=%2Frecord');
  });

  test("the form: today's date, a concern chosen, the child typed in; every field labelled; works without script", async () => {
    const res = await gp.get('/record');
    assert.equal(res.statusCode, 200);
    const page = res.body;
    assert.equal(page.match(/<h1[\s>]/g)?.length, 1);
    assert.match(page, /<form method="post" action="\/record" novalidate id="record-form">/);
    assert.ok(page.includes(`name="_csrf" value="${gp.csrfToken}"`));
    assert.match(page, /id="occurred-day" name="occurred-day" type="text" value="2"/);
    assert.match(page, /id="occurred-year" name="occurred-year" type="text" value="2026"/);
    assert.match(page, /id="kind" name="kind" type="radio" value="concern" checked/);
    for (const id of ['given', 'family', 'dob-day', 'nhs', 'concern-description', 'attendance-setting', 'visit-purpose', 'missed-service', 'injury-0-type', 'injury-0-site', 'injury-0-side']) {
      assert.match(page, new RegExp(`<label class="govuk-label[^"]*" for="${id}">`), `a label for ${id}`);
    }
    assert.match(page, /<script type="module" src="\/assets\/record-form.js"><\/script>/);
    assert.match(page, /data-body-map-picker hidden aria-hidden="true"/, 'the clickable body map shows only with the script');
    assert.match(page, /data-site="cheek" data-side="left"/);
    const js = await api.app.inject({ method: 'GET', url: '/assets/record-form.js' });
    assert.equal(js.statusCode, 200);
  });

  test('?child= a child the user may see: their name, date of birth and NHS number; one they may not: nothing of them', async () => {
    const mine = (await gp.get(`/record?child=${amyId}`)).body;
    assert.match(mine, /Amy Example/);
    assert.match(mine, /3 February 2020/);
    assert.match(mine, /999 000 0018/);
    assert.ok(mine.includes(`<input type="hidden" name="child" value="${amyId}">`));
    assert.ok(!mine.includes('id="given"'), 'no need to type the child in');
    const theirs = (await gp.get(`/record?child=${hiddenId}`)).body;
    assert.ok(!theirs.includes('Hospitalonly') && !theirs.includes('name="child" value'));
    assert.ok(theirs.includes('id="given"'));
  });
});

describe('POST /record', () => {
  test('a concern about a child typed in is stored as the user\'s agency and appears in the chronology', async () => {
    const res = await gp.post('/record', concern({ given: 'Carl', family: 'Concerntest', 'dob-day': '5', 'dob-month': '6', 'dob-year': '2018', 'concern-description': 'Said his dad hits him with a belt', 'concern-category': 'physical' }));
    assert.equal(res.statusCode, 303, res.body.slice(0, 500));
    const location = String(res.headers.location);
    assert.match(location, /^\/record\/done\?kind=concern&child=\d+$/);
    const childId = Number(/child=(\d+)/.exec(location)![1]);
    const c = await api.repo.chronology(operator, childId);
    assert.equal(c!.person.name, 'Carl Concerntest');
    assert.equal(c!.person.dob, '2018-06-05');
    const entry = c!.entries.at(-1)!;
    assert.equal(entry.agency.id, 'gp-1');
    assert.equal(entry.kind, 'concern');
    assert.match(entry.summary, /Said his dad hits him with a belt/);
    const [stored] = await webRecords();
    assert.equal(stored!.certainty, 'documented');
    assert.match(stored!.ref, /^web-[0-9a-f-]{36}$/);
    assert.deepEqual((stored!.document as unknown as AgencyRecord).author, { name: 'gail.gp', role: 'practitioner' });
    // The GP's agency now has a relationship with Carl: the confirmation page's link works for them.
    assert.equal((await gp.get(`/people/${childId}`)).statusCode, 200);
    const done = await gp.get(location);
    assert.equal(done.statusCode, 200);
    assert.match(done.body, /Concern recorded/);
    assert.ok(done.body.includes(`href="/people/${childId}"`));
  });

  test('from the child\'s page (?child=): the record joins that child', async () => {
    const res = await gp.post('/record', concern({ child: String(amyId), 'concern-description': 'Arrived at surgery hungry and cold' }));
    assert.equal(res.statusCode, 303, res.body.slice(0, 500));
    assert.equal(res.headers.location, `/record/done?kind=concern&child=${amyId}`);
    const c = await api.repo.chronology(operator, amyId);
    assert.ok(c!.entries.some((e) => e.summary.includes('Arrived at surgery hungry and cold')));
  });

  test('an attendance with an injury from the body map\'s site and side; approximate date', async () => {
    const res = await gp.post('/record', {
      kind: 'attendance', child: String(amyId), ...TODAY, approximate: 'yes', 'attendance-setting': 'gp', 'attendance-complaint': 'bruised face',
      'injury-0-type': 'bruise', 'injury-0-site': 'cheek', 'injury-0-side': 'left', 'injury-1-type': '', 'injury-1-site': '',
    });
    assert.equal(res.statusCode, 303, res.body.slice(0, 500));
    const stored = (await webRecords()).at(-1)!;
    assert.equal(stored.certainty, 'approximate');
    assert.deepEqual((stored.document as unknown as AgencyRecord).body.injuries, [{ type: 'bruise', site: 'cheek', side: 'left' }]);
  });

  test('a date that is not a real one: 422, the error summary linking to the field, the field\'s error, what was typed kept, nothing stored', async () => {
    const before = await tableCounts(api.db);
    const res = await gp.post('/record', concern({ given: 'Dora', family: 'Datetest', 'concern-description': 'Bruise seen on arm', 'occurred-day': '31', 'occurred-month': '2' }));
    assert.equal(res.statusCode, 422);
    assert.match(String(res.headers['content-type']), /^text\/html/);
    const page = res.body;
    assert.match(page, /<title>Error: Record a concern or an observation – Threadline<\/title>/);
    assert.match(page, /class="govuk-error-summary"/);
    assert.match(page, /<a href="#occurred-day">Enter the date it happened as a real date, for example 27 3 2026<\/a>/);
    assert.match(page, /<p id="occurred-error" class="govuk-error-message">\s*<span class="govuk-visually-hidden">Error:<\/span> Enter the date it happened as a real date/);
    assert.match(page, /id="occurred-day" name="occurred-day" type="text" value="31"/);
    assert.match(page, />Bruise seen on arm<\/textarea>/);
    assert.match(page, /id="given" name="given" type="text"[^>]* value="Dora"/);
    assert.deepEqual(await tableCounts(api.db), before, 'nothing stored');
  });

  test('each refusal at its own field: a future date, no description, a bad NHS number, an injury without a site, injuries with a concern', async () => {
    const before = await tableCounts(api.db);
    const cases: [Record<string, string>, string, RegExp][] = [
      [concern({ given: 'Eve', 'concern-description': 'x', 'occurred-day': '3' }), 'occurred-day', /must be today or in the past/],
      [concern({ given: 'Eve' }), 'concern-description', /Describe the concern/],
      [concern({ given: 'Eve', 'concern-description': 'x', nhs: '943 476 5910' }), 'nhs', /not a valid NHS number/],
      [concern({ 'concern-description': 'x' }), 'given', /Enter the child&#39;s given name or family name/],
      [{ kind: 'attendance', child: String(amyId), ...TODAY, 'attendance-setting': 'gp', 'attendance-complaint': 'x', 'injury-0-type': 'burn' }, 'injury-0-site', /Select where on the body injury 1 is/],
      [concern({ child: String(amyId), 'concern-description': 'x', 'injury-0-type': 'burn', 'injury-0-site': 'hand' }), 'injury-0-type', /Injuries are recorded with an attendance or a visit/],
      [{ kind: 'visit', child: String(amyId), ...TODAY, 'visit-purpose': 'welfare-check', 'visit-seen': 'yes', 'visit-seen-alone': 'no' }, 'visit-announced', /Select yes if the family knew/],
      [{ ...TODAY, child: String(amyId) }, 'kind', /Select what you are recording/],
      [{ kind: 'visit', child: String(amyId), ...TODAY, 'visit-purpose': 'welfare-check', 'visit-announced': 'no', 'visit-seen': 'yes', 'visit-seen-alone': 'no', 'visit-access': 'no-reply' }, 'visit-seen', /You said nobody answered the door/],
      [concern({ child: String(amyId), 'concern-description': 'x', 'concern-reported-by': 'the milkman' }), 'concern-reported-by', /Select who first raised the concern/],
    ];
    for (const [fields, id, message] of cases) {
      const res = await gp.post('/record', fields);
      assert.equal(res.statusCode, 422, `${id}: ${res.statusCode}`);
      assert.ok(res.body.includes(`<a href="#${id}">`), `${id}: the summary links to the field`);
      assert.match(res.body, message, id);
      assert.match(res.body, /govuk-form-group--error/, id);
    }
    assert.deepEqual(await tableCounts(api.db), before, 'nothing stored');
  });

  test('who first raised a concern and how far a visit got (contract revision 2) are stored and read back in the chronology', async () => {
    const form = await gp.get(`/record?child=${amyId}`);
    for (const id of ['concern-reported-by', 'visit-access']) assert.ok(form.body.includes(`<label class="govuk-label" for="${id}">`), `${id} is labelled`);
    assert.match(form.body, /<option value="neighbour">A neighbour<\/option>/);
    assert.match(form.body, /<option value="no-reply">Nobody answered the door<\/option>/);
    const raised = await gp.post('/record', concern({ child: String(amyId), 'concern-description': 'Children heard crying for hours', 'concern-reported-by': 'neighbour' }));
    assert.equal(raised.statusCode, 303, raised.body.slice(0, 500));
    const visited = await gp.post('/record', { kind: 'visit', child: String(amyId), ...TODAY, 'visit-purpose': 'welfare-check', 'visit-announced': 'no', 'visit-seen': 'no', 'visit-seen-alone': 'no', 'visit-access': 'no-reply' });
    assert.equal(visited.statusCode, 303, visited.body.slice(0, 500));
    const [concernDoc, visitDoc] = (await webRecords()).slice(-2).map((r) => r.document as unknown as AgencyRecord);
    assert.equal(concernDoc!.body.reportedBy, 'neighbour');
    assert.equal(visitDoc!.body.access, 'no-reply');
    const summaries = (await api.repo.chronology(operator, amyId))!.entries.map((e) => e.summary);
    assert.ok(summaries.includes('Concern, raised by a neighbour: Children heard crying for hours'), summaries.join('\n'));
    assert.ok(summaries.includes('Unannounced welfare check visit; no reply at the door; child not seen'), summaries.join('\n'));
  });

  test('without the CSRF token: refused, nothing stored', async () => {
    const before = await tableCounts(api.db);
    const res = await gp.post('/record', { ...concern({ given: 'Fay', 'concern-description': 'x' }), _csrf: 'forged' });
    assert.equal(res.statusCode, 403);
    assert.deepEqual(await tableCounts(api.db), before);
  });
});

test('JSON pointers map to the form\'s fields', () => {
  assert.equal(fieldOf('/occurredAt', 'concern', false), 'occurred-day');
  assert.equal(fieldOf('/people/0/name', 'concern', false), 'given');
  assert.equal(fieldOf('/people/0/name/family', 'concern', false), 'family');
  assert.equal(fieldOf('/people/0/dob', 'visit', false), 'dob-day');
  assert.equal(fieldOf('/people/0/dob', 'visit', true), 'child-summary');
  assert.equal(fieldOf('/body/injuries/2/side', 'visit', false), 'injury-2-side');
  assert.equal(fieldOf('/body/childSeenAlone', 'visit', false), 'visit-seen-alone');
  assert.equal(fieldOf('/body/access', 'visit', false), 'visit-access');
  assert.equal(fieldOf('/body/reportedBy', 'concern', false), 'concern-reported-by');
  assert.equal(fieldOf('/body/wasNotBrought', 'appointment-missed', false), 'missed-not-brought');
  assert.equal(fieldOf('/body', 'attendance', false), 'attendance-setting');
  assert.equal(fieldOf('/agency', 'concern', false), 'kind');
});
