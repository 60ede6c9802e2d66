// "My work" and "Find a child": the user's alerts, deadlines and children; a search that
// forgives misspellings, finds by date of birth, NHS number and postcode, and never finds a child the
// user may not see; the search is audited without its text.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { operator } from '../../test/helpers/test-db.ts';
import { signedInUser, testApi, type SignedIn, type TestApi } from '../../test/helpers/test-api.ts';
import type { AgencyRecord, PersonMention } from '../records/types.ts';
import { parseSearch } from '../identity/find-people.ts';

let api: TestApi;
const now = new Date('2024-03-01T10:00:00Z');
let peterId: number;
let otherId: number;
let planChildId: number;
let gp: SignedIn;
let sw: SignedIn;

const peter: PersonMention = { key: 'child', role: 'subject', name: { given: 'Peter', family: 'Connelly' }, dob: '2006-03-01', nhsNumber: '9434765919', address: { lines: ['1 Test Street', 'London'], postcode: 'N17 6AA' } };
// Someone the GP practice has never recorded: a near-identical name, only in the hospital's records.
const pieter: PersonMention = { key: 'child', role: 'subject', name: { given: 'Pieter', family: 'Conelly' }, dob: '2010-05-05', address: { postcode: 'E1 6AN' } };
const nina: PersonMention = { key: 'child', role: 'subject', name: { given: 'Nina', family: 'Plantest' }, dob: '2020-01-01', nhsNumber: '9434765862' };
const rec = (agency: string, ref: string, occurredAt: string, kind: AgencyRecord['kind'], person: PersonMention, body: Record<string, unknown>): AgencyRecord =>
  ({ format: 'agency-record/1', agency, ref, kind, occurredAt, certainty: 'documented', people: [person], body });

before(async () => {
  api = await testApi({ clock: () => now });
  const out = await api.repo.ingest(operator, [
    rec('gp-1', 'hf-1', '2024-01-05', 'attendance', peter, { setting: 'gp', complaint: 'cough' }),
    rec('hosp-1', 'hf-2', '2024-01-06', 'attendance', pieter, { setting: 'emergency', complaint: 'fall' }),
    rec('csc-1', 'hf-3', '2024-02-20', 'conference', nina, { type: 'initial', agenciesPresent: ['csc-1'], agenciesAbsent: [], decision: 'plan', categories: ['neglect'] }),
  ]);
  assert.deepEqual(out.results.map((r) => r.status), ['stored', 'stored', 'stored'], JSON.stringify(out.results));
  const { people } = await api.repo.people(operator);
  peterId = people.find((p) => p.name === 'Peter Connelly')!.id;
  otherId = people.find((p) => p.name === 'Pieter Conelly')!.id;
  planChildId = people.find((p) => p.name === 'Nina Plantest')!.id;
  gp = await signedInUser(api, { username: 'gina.gp', agencyId: 'gp-1', roles: ['practitioner'], at: now });
  sw = await signedInUser(api, { username: 'sam.sw', agencyId: 'csc-1', roles: ['practitioner'], at: now });
  await api.repo.assignCase(operator, planChildId, 'sam.sw', 'allocated-worker');
  // An alert routed to the GP practice about Peter, and one to the hospital about Pieter (not the GP's).
  for (const [personId, recipient, severity] of [[peterId, 'agency:gp-1', 'high'], [otherId, 'agency:hosp-1', 'critical']] as const) {
    await api.db.kysely.insertInto('alert').values({
      person_id: personId, rule: 'test-rule', severity, status: 'open', first_fired_on: '2024-02-01', last_fired_on: '2024-02-02', evidence: [],
      explanation: `explained for ${recipient}`, recipients: [recipient], escalated_at: now, created_at: now, updated_at: now,
    }).execute();
  }
});
after(async () => api.close());

describe('GET / (my work)', () => {
  test('signed out: to the sign-in page', async () => {
    const res = await api.app.inject({ method: 'GET', url: '/' });
    assert.equal(res.statusCode, 303);
    assert.equal(res.headers.location, '/sign-in?next=%2F');
  });

  test('a GP sees the alerts routed to their agency, with the child named and linked', async () => {
    const res = await gp.get('/');
    assert.equal(res.statusCode, 200);
    assert.equal(res.body.match(/<h1[\s>]/g)?.length, 1);
    assert.match(res.body, /<h1 class="govuk-heading-l">My work<\/h1>/);
    assert.match(res.body, /aria-current="page"[^>]*>\s*My work|govuk-service-navigation__item--active[\s\S]*?My work/);
    assert.ok(res.body.includes(`<a class="govuk-link" href="/people/${peterId}">Peter Connelly</a>`));
    assert.ok(res.body.includes('explained for agency:gp-1'));
    assert.ok(!res.body.includes('explained for agency:hosp-1'), "not the hospital's alert");
    assert.ok(!res.body.includes('Pieter'));
    assert.match(res.body, /No children are allocated to you/);
  });

  test("a social worker sees their allocated child and the plan's deadlines coming up", async () => {
    const res = await sw.get('/');
    assert.equal(res.statusCode, 200);
    assert.ok(res.body.includes(`<a class="govuk-link" href="/people/${planChildId}">Nina Plantest</a>`), 'allocated');
    assert.match(res.body, /Allocated worker/);
    // Plan from 20 February 2024: the first core group within 10 working days (5 March), a visit, and so on.
    assert.match(res.body, /Deadlines/);
    assert.ok(res.body.includes(`href="/people/${planChildId}/process">Nina Plantest</a>`), 'the deadline links to the process');
    assert.match(res.body, /Allocated to you/);
    assert.match(res.body, /govuk-tag--(yellow|blue|red)/);
    const audit = await api.db.kysely.selectFrom('audit').select(['action', 'detail']).where('action', 'in', ['cases.mine', 'deadlines.due']).execute();
    assert.ok(audit.some((a) => a.action === 'cases.mine') && audit.some((a) => a.action === 'deadlines.due'), 'both reads are audited');
  });
});

describe('GET /find', () => {
  const find = (u: SignedIn, q: string) => u.get(`/find?q=${encodeURIComponent(q)}`);

  test('the empty form: one labelled search box, a GET form', async () => {
    const res = await gp.get('/find');
    assert.equal(res.statusCode, 200);
    assert.match(res.body, /<form method="get" action="\/find"/);
    assert.match(res.body, /<label class="govuk-label govuk-label--s" for="q">/);
    assert.equal(res.body.match(/<h1[\s>]/g)?.length, 1);
  });

  test('a misspelt name finds the child, saying why; never a child the user may not see', async () => {
    const res = await find(gp, 'Petre Conelly');
    assert.equal(res.statusCode, 200);
    assert.ok(res.body.includes(`<a class="govuk-link" href="/people/${peterId}">Peter Connelly</a>`), res.body.slice(0, 0));
    assert.match(res.body, /Given name Peter: spelt like &quot;Petre&quot;/);
    assert.match(res.body, /family name Connelly: spelt like &quot;Conelly&quot;/);
    assert.ok(!res.body.includes(`/people/${otherId}"`), 'Pieter Conelly is known only to the hospital');
    // The same search by the operator, who sees everyone, does find Pieter: the GP was kept from him, not missed him.
    const all = await api.repo.findPeople(operator, 'Petre Conelly');
    assert.deepEqual(all.people.map((p) => p.id).sort(), [peterId, otherId].sort());
    const hospital = await signedInUser(api, { username: 'hal.hosp', agencyId: 'hosp-1', roles: ['practitioner'], at: now });
    const theirs = await find(hospital, 'Petre Conelly');
    assert.ok(theirs.body.includes(`/people/${otherId}"`) && !theirs.body.includes(`/people/${peterId}"`));
  });

  test('surname first, a nickname, a surname alone', async () => {
    for (const q of ['Connelly, Peter', 'Pete Connelly', 'Connelly', 'Conolly']) {
      const res = await find(gp, q);
      assert.ok(res.body.includes(`href="/people/${peterId}"`), q);
    }
    const miss = await find(gp, 'Amanda Smith');
    assert.match(miss.body, /No one found/);
  });

  test('by date of birth (either way of writing it), NHS number, postcode and address', async () => {
    for (const q of ['01/03/2006', '1/3/2006', '2006-03-01', '943 476 5919', '9434765919', 'N17 6AA', 'n176aa', 'N17', '1 Test Street', 'Peter 01/03/2006']) {
      const res = await find(gp, q);
      assert.equal(res.statusCode, 200, q);
      assert.ok(res.body.includes(`href="/people/${peterId}"`), q);
      assert.ok(!res.body.includes(`href="/people/${otherId}"`), q);
    }
    const wrongDob = await find(gp, 'Peter 02/04/2011');
    assert.ok(!wrongDob.body.includes(`href="/people/${peterId}"`), 'a name with the wrong date of birth is not a match');
    assert.ok((await find(gp, '2010-05-05')).body.includes('No one found'), "Pieter's date of birth finds no one for the GP");
  });

  test('an impossible date or NHS number is an error at the box, not an empty result', async () => {
    for (const q of ['31/02/2020', '943 476 5910']) {
      const res = await find(gp, q);
      assert.equal(res.statusCode, 422, q);
      assert.match(res.body, /govuk-error-summary/);
      assert.match(res.body, /href="#q"/);
      assert.match(res.body, /id="q-error"/);
    }
  });

  test('the audit keeps what kind of search and who was shown, never the text', async () => {
    await find(gp, 'Petre Conelly 01/03/2006');
    const rows = await api.db.kysely.selectFrom('audit').select(['detail', 'person_ids']).where('action', '=', 'people.search').execute();
    assert.ok(rows.length > 0);
    for (const r of rows) assert.ok(!/petre|conelly|connelly|2006|9434|N17/i.test(JSON.stringify(r.detail)), JSON.stringify(r.detail));
    assert.ok(rows.some((r) => JSON.stringify(r.detail).includes('"kinds":["name","dob"]')));
  });
});

test('parseSearch takes dates, NHS numbers and postcodes out of a query', () => {
  assert.deepEqual(parseSearch('Peter Connelly 01/03/2006').kinds, ['name', 'dob']);
  assert.equal(parseSearch('01/03/2006').dob, '2006-03-01');
  assert.equal(parseSearch('943-476-5919').nhsNumber, '9434765919');
  assert.equal(parseSearch('n17 6aa').postcode, 'N17 6AA');
  assert.equal(parseSearch('N17').district, 'N17');
  assert.equal(parseSearch('12 Test Road').address, '12 Test Road');
  assert.deepEqual(parseSearch('   ').kinds, []);
});
