// The conference pack: a printable page of the child's alerts, household, plan actions, notifications
// to the reader's agency, injuries (body map and table) and chronology, from the repository's audited reads; and
// the same page as a PDF through the system's Chromium (503 with a page saying so when there is none). Both
// carry the protective marking OFFICIAL-SENSITIVE: the page at its top, the PDF at the top and bottom of every page.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
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
  ({ format: 'agency-record/1', agency, ref, kind, occurredAt, certainty: 'documented', people: [structuredClone(child), structuredClone(mother)], body });
const chromium = existsSync(process.env.CHROMIUM_PATH || '/usr/bin/chromium');
const pdftotext = ['/usr/bin/pdftotext', '/usr/local/bin/pdftotext'].some((p) => existsSync(p));
const socialCare = { kind: 'user', userId: 0, username: 'sue.sw', agencyId: 'csc-1', roles: ['practitioner'], sessionId: 'test' } as const;

/** The text of each page of a PDF (poppler's pdftotext, which ends each page with a form feed). */
function pdfPages(pdf: Buffer): string[] {
  const dir = mkdtempSync(join(tmpdir(), 'pack-pdf-'));
  try {
    writeFileSync(join(dir, 'pack.pdf'), pdf);
    return execFileSync('pdftotext', ['-layout', join(dir, 'pack.pdf'), '-'], { encoding: 'utf8' }).split('\f').filter((p) => p.trim());
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

before(async () => {
  api = await testApi({ clock: () => now });
  const out = await api.repo.ingest(operator, [
    rec('hosp-1', 'cp-a1', '2024-03-01', 'attendance', { setting: 'emergency', complaint: 'bruised face', injuries: [{ type: 'bruise', site: 'cheek', side: 'left' }, { type: 'burn', site: 'hand', side: 'right' }] }),
    rec('csc-1', 'cp-c1', '2024-04-02', 'conference', { type: 'initial', agenciesPresent: ['csc-1', 'hosp-1'], agenciesAbsent: [], decision: 'plan', categories: ['physical'] }),
    // The hospital tells the child's network, so social care (not the hospital itself) is notified.
    rec('hosp-1', 'cp-h1', '2024-04-10', 'household-change', { person: 'm', change: 'moved-in' }),
  ]);
  assert.deepEqual(out.results.map((r) => r.status), ['stored', 'stored', 'stored'], JSON.stringify(out.results));
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
    for (const h of ['1. Alerts', '2. Household and network', '3. The plan and its actions', '4. Notifications to your agency', '5. Injuries', '6. Chronology']) assert.ok(page.includes(h), h);
    assert.ok(page.includes('<a class="govuk-link" href="#notifications">Notifications to your agency</a>'), 'in the contents');
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
    for (const a of ['child.page', 'notifications.list']) assert.ok(actions.includes(a), a);
  });

  test('the protective marking heads the page, and is not hidden from print', async () => {
    const page = (await sw.get(url())).body;
    const marking = /<p class="([^"]*\btl-marking\b[^"]*)"><strong[^>]*>OFFICIAL-SENSITIVE<\/strong>: personal information about a child<\/p>/.exec(page);
    assert.ok(marking, 'the marking and its handling caveat');
    assert.doesNotMatch(marking[1]!, /tl-no-print/);
    assert.ok(marking.index < page.indexOf('<h1'), 'above the heading');
  });

  test("notifications: those sent to the reader's agency, with their acknowledgement; not those sent only to another", async () => {
    const all = await api.repo.notifications(operator, { personId: childId });
    const toUs = all.filter((n) => n.recipient === 'csc-1');
    assert.deepEqual(toUs.map((n) => n.kind), ['household'], 'the set-up: social care was told of the household change');
    assert.ok(all.some((n) => n.recipient === 'hosp-1' && n.about.startsWith("actions for you")), "the set-up: the hospital was told of its action, and only the hospital");

    const section = (page: string) => page.slice(page.indexOf('id="notifications"'), page.indexOf('id="injuries"'));
    const before = section((await sw.get(url())).body);
    assert.match(before, /<caption[^>]*>Notifications about the child sent to your agency, earliest first<\/caption>/);
    assert.match(before, /<th scope="col" class="govuk-table__header">Sent<\/th>/);
    assert.match(before, /1 May 2024, 10:00/, 'when it was sent (London time)');
    assert.match(before, /Household or placement<\/span><br>Household: someone moved-in \(hosp-1\)/);
    assert.match(before, /Not acknowledged/);
    assert.doesNotMatch(before, /actions for you/i, "the hospital's notification");

    await api.repo.acknowledgeNotification({ ...socialCare, userId: sw.userId }, toUs[0]!.id);
    const after = section((await sw.get(url())).body);
    assert.match(after, />\s*Acknowledged\s*</);
    assert.match(after, /1 May 2024, 10:00 by sue\.sw/);
    assert.doesNotMatch(after, /Not acknowledged/);
  });

  test('no notifications: a sentence says so', async () => {
    const quiet: PersonMention = { key: 'child', role: 'subject', name: { given: 'Quinn', family: 'Quiettest' }, dob: '2021-03-03' };
    const out = await api.repo.ingest(operator, [{ format: 'agency-record/1', agency: 'csc-1', ref: 'cp-q1', kind: 'concern', occurredAt: '2024-04-20', certainty: 'documented', people: [quiet], body: { category: 'neglect', description: 'left alone' } }]);
    assert.equal(out.results[0]!.status, 'stored', JSON.stringify(out.results));
    const quietId = (await api.repo.people(operator)).people.find((p) => p.name === 'Quinn Quiettest')!.id;
    assert.equal((await api.repo.notifications(operator, { personId: quietId })).length, 0, 'the set-up');
    const page = (await sw.get(`/people/${quietId}/conference-pack`)).body;
    const section = page.slice(page.indexOf('id="notifications"'), page.indexOf('id="injuries"'));
    assert.match(section, /No notifications about this child have been sent to your agency\./);
    assert.doesNotMatch(section, /<table/);
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

  test('the PDF is marked at the top and bottom of every page', { skip: !chromium ? 'no Chromium at /usr/bin/chromium' : !pdftotext ? 'no pdftotext (apt-get install -y poppler-utils)' : false }, async () => {
    const res = await sw.get(`${url()}.pdf`);
    assert.equal(res.statusCode, 200, res.body.slice(0, 300));
    const pages = pdfPages(res.rawPayload);
    assert.ok(pages.length > 1, `several pages (the plan and the chronology start new ones): ${pages.length}`);
    pages.forEach((text, i) => {
      const lines = text.split('\n').filter((l) => l.trim());
      assert.match(lines[0]!, /^\s*OFFICIAL-SENSITIVE: personal information about a child\s*$/, `page ${i + 1}: the header`);
      assert.match(lines.at(-1)!, /Conference pack: Cara Packtest, prepared .*OFFICIAL-SENSITIVE.*Page \d+ of \d+/, `page ${i + 1}: the footer`);
    });
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
