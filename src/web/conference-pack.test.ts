// The conference pack (issue 7): a printable page of the child's alerts, household, plan actions, injuries
// (body map and table) and chronology, from the repository's audited reads; and the same page as a PDF
// through the system's Chromium (503 with a page saying so when there is none).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { operator } from '../../test/helpers/test-db.ts';
import { signedInUser, testApi, type SignedIn, type TestApi } from '../../test/helpers/test-api.ts';
import type { AgencyRecord, PersonMention } from '../records/types.ts';

let api: TestApi;
const now = new Date('2024-05-01T09:00:00Z');
let childId: number;
let sw: SignedIn;
let stranger: SignedIn;

const child: PersonMention = { key: 'child', role: 'subject', name: { given: 'Cara', family: 'Packtest' }, dob: '2022-02-02', nhsNumber: '9434765862', address: { lines: ['2 Pack Road'], postcode: 'N1 1AA' } };
const mother: PersonMention = { key: 'm', role: 'parent', relationship: 'mother', name: { given: 'Mona', family: 'Packtest' }, dob: '1995-01-01', address: { lines: ['2 Pack Road'], postcode: 'N1 1AA' }, livesWithSubject: 'yes' };
const rec = (agency: string, ref: string, occurredAt: string, kind: AgencyRecord['kind'], body: Record<string, unknown>): AgencyRecord =>
  ({ format: 'agency-record/1', agency, ref, kind, occurredAt, certainty: 'documented', people: [structuredClone(child), structuredClone(mother)], body } as AgencyRecord);
const chromium = existsSync(process.env.CHROMIUM_PATH || '/usr/bin/chromium');

before(async () => {
  api = await testApi({ clock: () => now });
  const out = await api.repo.ingest(operator, [
    rec('hosp-1', 'cp-a1', '2024-03-01', 'attendance', { setting: 'emergency', complaint: 'bruised face', injuries: [{ type: 'bruise', site: 'cheek', side: 'left' }, { type: 'burn', site: 'hand', side: 'right' }] }),
    rec('csc-1', 'cp-c1', '2024-04-02', 'conference', { type: 'initial', agenciesPresent: ['csc-1', 'hosp-1'], agenciesAbsent: [], decision: 'plan', categories: ['physical'] }),
  ]);
  assert.deepEqual(out.results.map((r) => r.status), ['stored', 'stored'], JSON.stringify(out.results));
  childId = (await api.repo.people(operator)).people.find((p) => p.name === 'Cara Packtest')!.id;
  await api.repo.addMeetingActions({ kind: 'agency-system', agencyId: 'csc-1', keyId: 'k' }, childId, 'csc-1/cp-c1', [{ owner: 'hosp-1', action: 'Skeletal survey report to the core group', due: '2024-05-10' }]);
  sw = await signedInUser(api, { username: 'sue.sw', agencyId: 'csc-1', roles: ['practitioner'], at: now });
  stranger = await signedInUser(api, { username: 'stan.police', agencyId: 'police-1', roles: ['practitioner'], at: now });
});
after(async () => api.close());

const url = () => `/people/${childId}/conference-pack`;

describe('GET /people/:id/conference-pack', () => {
  test('every section, for a reader with a relationship; printable; audited as reads', async () => {
    const res = await sw.get(url());
    assert.equal(res.statusCode, 200);
    const page = res.body;
    assert.equal(page.match(/<h1[\s>]/g)?.length, 1);
    assert.match(page, /<h1 class="govuk-heading-l">Conference pack: Cara Packtest<\/h1>/);
    assert.match(page, /2 February 2022/);
    assert.match(page, /943 476 5862/);
    for (const h of ['1. Alerts', '2. Household and network', '3. The plan and its actions', '4. Injuries', '5. Chronology']) assert.ok(page.includes(h), h);
    assert.match(page, /Mona Packtest/, 'the household');
    assert.match(page, /Child protection plan since 2 April 2024 under the category of physical/);
    assert.match(page, /Skeletal survey report to the core group/);
    assert.match(page, /<svg xmlns="http:\/\/www.w3.org\/2000\/svg" class="tl-body-map__svg"[^>]* role="img" aria-label="Body map, front and back: 2 injuries/, 'the body map');
    assert.match(page, /Bruise to left cheek/);
    assert.match(page, /Burn to right hand/);
    assert.match(page, /Emergency department attendance: bruised face/, 'the chronology');
    assert.ok(page.includes(`href="/people/${childId}/conference-pack.pdf"`));
    assert.match(page, /class="tl-no-print/);
    const actions = (await api.db.kysely.selectFrom('audit').select('action').where('actor', '=', 'user:sue.sw').execute()).map((a) => a.action);
    for (const a of ['chronology.read', 'household.read', 'alerts.list', 'process.read']) assert.ok(actions.includes(a), a);
  });

  test('no relationship or no such child: 404; signed out: to sign in', async () => {
    assert.equal((await stranger.get(url())).statusCode, 404);
    assert.equal((await stranger.get(`${url()}.pdf`)).statusCode, 404);
    assert.equal((await sw.get('/people/999999/conference-pack')).statusCode, 404);
    const out = await api.app.inject({ method: 'GET', url: `${url()}.pdf` });
    assert.equal(out.statusCode, 303);
  });

  test('the PDF', { skip: chromium ? false : 'no Chromium at /usr/bin/chromium' }, async () => {
    const res = await sw.get(`${url()}.pdf`);
    assert.equal(res.statusCode, 200, res.body.slice(0, 300));
    assert.equal(res.headers['content-type'], 'application/pdf');
    assert.match(String(res.headers['content-disposition']), /filename="conference-pack-\d+\.pdf"/);
    assert.equal(res.rawPayload.subarray(0, 5).toString('latin1'), '%PDF-');
    assert.ok(res.rawPayload.length > 10_000);
  });

  test('without Chromium: 503 and a page that says so', async () => {
    const was = process.env.CHROMIUM_PATH;
    process.env.CHROMIUM_PATH = '/nonexistent/chromium';
    try {
      const res = await sw.get(`${url()}.pdf`);
      assert.equal(res.statusCode, 503);
      assert.match(String(res.headers['content-type']), /^text\/html/);
      assert.match(res.body, /The PDF cannot be made/);
      assert.ok(res.body.includes(`href="${url()}"`), 'back to the page to print');
    } finally {
      if (was === undefined) delete process.env.CHROMIUM_PATH;
      else process.env.CHROMIUM_PATH = was;
    }
  });
});
