// The child's page (GET /people/:id), its source-record pages and its alert forms, through the whole server:
// sessions, need-to-know, the sharing policy, the views. Then the Baby P demo: the 2007 injuries on the body
// map, and Steven Barker highlighted as an unknown adult.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import type { FastifyInstance } from 'fastify';
import { Repository } from '../app/repository.ts';
import { operator, testDb, type TestDb } from '../../test/helpers/test-db.ts';
import { CHILD, MOTHER, gpAttendance } from '../../test/helpers/records.ts';
import { signedInUser, testApi, type SignedIn } from '../../test/helpers/test-api.ts';
import { ingestInBatches, inTimeOrder, registerAgencies } from '../app/load.ts';
import type { AgencyRecord, Scenario } from '../records/types.ts';
import { buildServer } from './server.ts';
import { escapeHtml } from './html.ts';
import { ageText, documentFields, fieldLabel, filterEntries, longDate, parseFilters } from './child-page.ts';
import { isAdultInHome as isAdult } from '../household/adulthood.ts';

const SCRIPT = '<script>alert(1)</script>';
const IMG = '"><img src=x onerror=alert(1)>';

function assertPage(page: string): void {
  assert.match(page, /^<!doctype html>/i);
  assert.match(page, /<html lang="en-GB" class="govuk-template/);
  assert.equal(page.match(/<h1[\s>]/g)?.length, 1, 'exactly one h1');
  assert.match(page, /<main class="govuk-main-wrapper[^"]*" id="main-content"/);
  // Only Threadline's scripts: GOV.UK's one inline line (with its nonce) and modules from /assets. No inline styles.
  for (const tag of page.match(/<script[^>]*>/gi) ?? []) assert.match(tag, /^<script (nonce="[^"]+"|type="module" src="\/assets\/[a-z-]+\.js")>$/, tag);
  assert.ok(!/\sstyle=/i.test(page), 'no style attribute');
  assert.ok(!/<img/i.test(page), 'no img element');
  for (const table of page.match(/<table[\s\S]*?<\/table>/g) ?? []) {
    assert.match(table, /<caption class="govuk-table__caption/, 'every table has a caption');
    for (const th of table.match(/<th[\s>][^>]*>/g) ?? []) assert.match(th, /scope="(col|row)"/, th);
  }
}

const section = (page: string, id: string): string => {
  const start = page.indexOf(`<section class="tl-section`, page.indexOf(`aria-labelledby="${id}"`) - 60);
  assert.ok(start >= 0, `section ${id}`);
  return page.slice(start, page.indexOf('</section>', start));
};
const rowsOf = (html: string) => html.match(/<tr class="govuk-table__row" id="record-\d+">[\s\S]*?<\/tr>/g) ?? [];

describe('plain functions', () => {
  test('dates and ages in words', () => {
    assert.equal(longDate('2007-04-09'), '9 April 2007');
    assert.equal(longDate('2007-04'), 'April 2007');
    assert.equal(longDate('2007'), '2007');
    assert.equal(ageText('2006-03-01', '2007-08-03'), '17 months');
    assert.equal(ageText('2006-03-01', '2006-03-31'), '0 months');
    assert.equal(ageText('2006-03-01', '2010-02-28'), '3 years');
    assert.equal(ageText('2006', '2010-02-28'), null);
  });

  test('filters from the query string; a date that is not one is said so and ignored', () => {
    const f = parseFilters({ agency: 'gp-1', kind: 'attendance', from: '2021-01-01', to: '2021-13-01', mapFrom: '2021-05-01', mapTo: '2021-04-01' });
    assert.deepEqual(f.chronology, { agency: 'gp-1', kind: 'attendance', from: '2021-01-01', to: '' });
    assert.deepEqual(f.errors.map((e) => e.href), ['#filter-to', '#map-to']);
    assert.match(f.fieldErrors['map-to']!, /same as or after/);
    const entries = [
      { agency: { id: 'gp-1', name: '', kind: '' }, kind: 'attendance', occurredOn: '2020-12-31' },
      { agency: { id: 'gp-1', name: '', kind: '' }, kind: 'attendance', occurredOn: '2021-01-01' },
      { agency: { id: 'gp-1', name: '', kind: '' }, kind: 'visit', occurredOn: '2021-02-01' },
      { agency: { id: 'hosp-1', name: '', kind: '' }, kind: 'attendance', occurredOn: '2021-03-01' },
    ];
    assert.deepEqual(filterEntries(entries, f.chronology).map((e) => e.occurredOn), ['2021-01-01']);
    assert.equal(filterEntries(entries, { agency: '', kind: '', from: '', to: '2021-02-01' }).length, 3);
  });

  test('an adult: by date of birth, or (without one) not described as a child', () => {
    assert.equal(isAdult({ dob: null, roles: ['next-of-kin'], relationships: ['partner of mother'] }, '2007-08-03'), true);
    assert.equal(isAdult({ dob: null, roles: ['sibling'], relationships: [] }, '2007-08-03'), false);
    assert.equal(isAdult({ dob: null, roles: ['relative'], relationships: ['half-sister'] }, '2007-08-03'), false);
    assert.equal(isAdult({ dob: '1995-01-01', roles: ['sibling'], relationships: ['brother'] }, '2020-08-03'), true);
    assert.equal(isAdult({ dob: '2010-01-01', roles: ['lodger'], relationships: [] }, '2020-08-03'), false);
  });

  test("a record's document as fields", () => {
    assert.equal(fieldLabel('broughtBy'), 'Brought by');
    assert.equal(fieldLabel('injuries[1].site'), 'Injuries 1, site');
    assert.equal(fieldLabel('author.name'), 'Author, name');
    assert.deepEqual(documentFields({ setting: 'gp', injuries: [{ type: 'bruise', site: 'cheek' }], codes: ['a', 'b'], n: 2, none: null }), [
      { key: 'setting', value: 'gp' }, { key: 'injuries[1].type', value: 'bruise' }, { key: 'injuries[1].site', value: 'cheek' },
      { key: 'codes', value: 'a, b' }, { key: 'n', value: '2' },
    ]);
  });
});

describe('the child’s page', () => {
  let db: TestDb;
  let repo: Repository;
  let app: FastifyInstance;
  let childId: number;
  let hostileId: number;
  let nurse: SignedIn;
  let police: SignedIn;
  let stranger: SignedIn;
  let otherRecordId: number;

  before(async () => {
    ({ db, repo, app } = await testApi());
    const first = await repo.ingest(operator, [
      gpAttendance({ ref: 'plain', occurredAt: '2021-03-01', body: { setting: 'gp', complaint: 'persistent cough', broughtBy: 'm' } }),
      gpAttendance({
        agency: 'hosp-1', ref: 'hostile', occurredAt: '2021-04-01',
        people: [
          structuredClone(CHILD),
          { key: 'x', role: 'visitor', relationship: SCRIPT, name: { given: SCRIPT, family: IMG }, dob: '1980-01-01', address: structuredClone(CHILD.address) },
          structuredClone(MOTHER),
        ],
        body: { setting: 'emergency', complaint: `${SCRIPT} ${IMG}`, broughtBy: 'm', explanation: IMG, injuries: [{ type: 'bruise', site: 'cheek', side: 'left' }] },
        narrative: `Narrative ${SCRIPT} and ${IMG}`,
      }),
      gpAttendance({ agency: 'police-1', ref: 'concern-1', kind: 'concern', occurredAt: '2021-05-01', body: { category: 'physical', description: 'neighbour heard shouting' } }),
      // Someone else altogether: a record the hospital nurse has no business with.
      gpAttendance({ agency: 'police-1', ref: 'elsewhere', occurredAt: '2021-05-02', people: [{ key: 'child', role: 'subject', name: { given: 'Zed', family: 'Other' }, dob: '2019-01-01' }], kind: 'concern', body: { description: 'other child' } }),
    ]);
    assert.deepEqual(first.results.map((r) => r.status), ['stored', 'stored', 'stored', 'stored'], JSON.stringify(first.results));
    // A second version of the GP's record.
    const second = await repo.ingest(operator, [gpAttendance({ ref: 'plain', occurredAt: '2021-03-01', body: { setting: 'gp', complaint: 'persistent cough, now wheezy', broughtBy: 'm' } })]);
    assert.equal(second.results[0]!.status, 'new-version', JSON.stringify(second.results));
    const { people } = await repo.people(operator);
    childId = people.find((p) => p.name === 'Amy Example')!.id;
    hostileId = people.find((p) => p.mentions.includes('hosp-1/hostile#x'))!.id;
    const other = people.find((p) => p.name === 'Zed Other')!.id;
    otherRecordId = (await repo.chronology(operator, other))!.entries[0]!.recordId;
    nurse = await signedInUser({ app, repo }, { username: 'ed.nurse', agencyId: 'hosp-1', roles: ['practitioner'] });
    police = await signedInUser({ app, repo }, { username: 'pc.plod', agencyId: 'police-1', roles: ['practitioner'] });
    stranger = await signedInUser({ app, repo }, { username: 'sw.stranger', agencyId: 'csc-1', roles: ['practitioner'] });
    await repo.createUser(operator, { username: 'sam.worker', displayName: 'Sam Worker', agencyId: 'csc-1', roles: ['practitioner'], password: 'a long enough password for sam' });
    await repo.assignCase(operator, childId, 'sam.worker', 'allocated-worker');
    // The hospital and the police wrote about Amy after the GP had: writing gave their agencies a limited view
    // only. The nurse and the officer see her page as members of her core group (a lead-agency act).
    await repo.assignCase(operator, childId, 'ed.nurse', 'core-group');
    await repo.assignCase(operator, childId, 'pc.plod', 'core-group');
  });

  after(async () => {
    await app?.close();
    await db?.drop();
  });

  test('signed out: every page sends you to sign in', async () => {
    for (const url of [`/people/${childId}`, `/people/${childId}/records/1`]) {
      const res = await app.inject({ method: 'GET', url });
      assert.equal(res.statusCode, 303, url);
      assert.equal(res.headers.location, `/sign-in?next=${encodeURIComponent(url)}`);
    }
  });

  test('renders every section for a reader with a relationship', async () => {
    const res = await nurse.get(`/people/${childId}`);
    assert.equal(res.statusCode, 200);
    assert.match(String(res.headers['content-type']), /^text\/html; charset=utf-8/);
    const page = res.body;
    assertPage(page);
    assert.match(page, /<h1 class="govuk-heading-xl">Amy Example<\/h1>/);
    assert.match(page, /<title>Amy Example – Threadline<\/title>/);
    for (const id of ['summary', 'chronology', 'body-map', 'household', 'alerts']) {
      assert.ok(page.includes(`<a class="govuk-link" href="#${id}">`), `contents link to ${id}`);
      assert.match(page, new RegExp(`<h2 class="govuk-heading-l" id="${id}">`), `section ${id}`);
    }
    // 1. Summary
    const summary = section(page, 'summary');
    assert.match(summary, /govuk-summary-list/);
    assert.match(summary, /3 February 2020<\/time> \(age \d+ years\)/);
    assert.ok(summary.includes('999 000 0018'), 'NHS number, as it is usually written');
    assert.ok(summary.includes('Sam Worker, Test children&#39;s social care'), 'allocated worker');
    assert.ok(summary.includes('No child protection plan recorded.'));
    assert.match(summary, /\d+ open alerts?<\/a>; highest severity <strong class="govuk-tag govuk-tag--/);
    // 2. Chronology: earliest first, linking each record
    const chronology = section(page, 'chronology');
    const rows = rowsOf(chronology);
    assert.equal(rows.length, 3);
    assert.ok(rows[0].includes('1 March 2021') && rows[0].includes('GP consultation: persistent cough, now wheezy'));
    assert.ok(rows[0].includes('version 2'));
    assert.ok(rows[1]!.includes('Test hospital') && rows[1]!.includes('Injuries:</strong> bruise to left cheek'));
    assert.match(rows[1]!, /govuk-tag--[a-z]+">\s*Alert: /, 'the alert fired on the record');
    // The police's record is shared with health in outline only.
    assert.match(rows[2]!, /Withheld[\s\S]*Ask Test police \(police-1\/concern-1\)/);
    assert.ok(!page.includes('neighbour heard shouting'));
    for (const r of rows) assert.match(r, /<a class="govuk-link" href="\/people\/\d+\/records\/\d+">(gp-1\/plain|hosp-1\/hostile|police-1\/concern-1)<\/a>/);
    // The visitor is linked (the nurse's hospital was first to record him). The mother is not: the hospital wrote
    // about her after the GP had, which gives it a limited view of her only, not a link to her page.
    assert.match(rows[1]!, new RegExp(`<a class="govuk-link" href="/people/${hostileId}">`));
    assert.match(rows[1]!, /Beth Example <span class="tl-meta">\(mother\)<\/span>/);
    assert.doesNotMatch(rows[1]!, /<a class="govuk-link" href="\/people\/\d+">Beth Example<\/a>/);
    // 3. Body map
    const map = section(page, 'body-map');
    assert.match(map, /<svg [^>]*role="img"[^>]*aria-label="Body map, front and back: 1 injury recorded by 1 agency/);
    assert.equal(map.match(/class="tl-body-map__marker" data-date="2021-04-01"/g)?.length, 1);
    assert.match(map, /<title>1 April 2021, Test hospital: bruise to left cheek \(hosp-1\/hostile\)<\/title>/);
    assert.match(map, /<tr class="govuk-table__row" data-body-map-row data-date="2021-04-01">[\s\S]*Test hospital[\s\S]*Bruise[\s\S]*Cheek[\s\S]*left/);
    assert.match(map, /<form method="get" action="\/people\/\d+#body-map"/);
    assert.ok(page.includes('<script type="module" src="/assets/body-map.js"></script>'));
    // 4. Household: the visitor at the child's address, an adult not known to social care
    const household = section(page, 'household');
    assert.match(household, /Addresses over time/);
    assert.match(household, /<tr class="govuk-table__row tl-unknown-adult">[\s\S]*?Unknown adult/);
    assert.match(household, /Professionals, by agency/);
    // 5. Alerts: with the forms to act on them
    const alerts = section(page, 'alerts');
    assert.match(alerts, /<form method="post" action="\/people\/\d+\/alerts\/\d+\/acknowledge"/);
    assert.match(alerts, /<form method="post" action="\/people\/\d+\/alerts\/\d+\/action"/);
    assert.match(alerts, /<form method="post" action="\/people\/\d+\/alerts\/\d+\/close" novalidate>/);
    assert.ok(alerts.includes(`name="_csrf" value="${nurse.csrfToken}"`));
    assert.match(alerts, /Source of the rule/);
  });

  test('the filters narrow the chronology (a GET form, no JavaScript needed)', async () => {
    const sourcesFor = async (query: string) => {
      const res = await nurse.get(`/people/${childId}?${query}`);
      assert.equal(res.statusCode, 200, query);
      return rowsOf(section(res.body, 'chronology')).map((r) => /records\/\d+">([^<]+)<\/a>/.exec(r)![1]);
    };
    assert.deepEqual(await sourcesFor('agency=gp-1'), ['gp-1/plain']);
    assert.deepEqual(await sourcesFor('kind=concern'), ['police-1/concern-1']);
    assert.deepEqual(await sourcesFor('from=2021-03-15'), ['hosp-1/hostile', 'police-1/concern-1']);
    assert.deepEqual(await sourcesFor('from=2021-03-01&to=2021-04-01'), ['gp-1/plain', 'hosp-1/hostile']);
    assert.deepEqual(await sourcesFor('agency=hosp-1&kind=concern'), []);
    const filtered = (await nurse.get(`/people/${childId}?agency=gp-1`)).body;
    assert.match(filtered, /1 of 3 records match the filters/);
    assert.match(filtered, /<option value="gp-1" selected>/);
    const both = (await nurse.get(`/people/${childId}?agency=gp-1&mapFrom=2021-01-01`)).body;
    assert.ok(both.includes(`<a class="govuk-link" href="/people/${childId}?mapFrom=2021-01-01#chronology">Clear the filters</a>`), 'clearing one keeps the other');
    assert.ok(both.includes(`<a class="govuk-link" href="/people/${childId}?agency=gp-1#body-map">Show every injury</a>`));
    assert.ok(both.includes('<input type="hidden" name="mapFrom" value="2021-01-01">') && both.includes('<input type="hidden" name="agency" value="gp-1">'));
    // A date that is not one: said so in the error summary, and ignored.
    const bad = await nurse.get(`/people/${childId}?from=2021-02-30`);
    assert.equal(bad.statusCode, 200);
    assert.match(bad.body, /govuk-error-summary/);
    assert.match(bad.body, /<a href="#filter-from">The chronology’s “from” date must be a real date/);
    assert.equal(rowsOf(section(bad.body, 'chronology')).length, 3);
    // The body map's own period.
    const map = section((await nurse.get(`/people/${childId}?mapTo=2021-03-31`)).body, 'body-map');
    assert.equal(map.match(/class="tl-body-map__marker"/g), null);
    assert.match(map, /No injuries in the dates chosen/);
  });

  test('the source record page lists every version, newest first', async () => {
    const page = (await nurse.get(`/people/${childId}`)).body;
    const href = /href="(\/people\/\d+\/records\/\d+)">gp-1\/plain</.exec(page)![1]!;
    const res = await nurse.get(href);
    assert.equal(res.statusCode, 200);
    assertPage(res.body);
    assert.match(res.body, /<h1 class="govuk-heading-l">Attendance from Test GP practice, 1 March 2021<\/h1>/);
    assert.match(res.body, /2 versions of this record/);
    const v2 = res.body.indexOf('id="version-2"');
    const v1 = res.body.indexOf('id="version-1"');
    assert.ok(v2 > 0 && v1 > v2, 'newest first');
    assert.ok(res.body.slice(v2, v1).includes('persistent cough, now wheezy'));
    assert.ok(res.body.slice(v1).includes('persistent cough') && !res.body.slice(v1).includes('now wheezy'));
    assert.match(res.body, /Amy Example \(subject\) born 2020-02-03 NHS number 9990000018/);
    const looks = await repo.whoHasLooked(operator, childId);
    assert.ok(looks.some((l) => l.action === 'record.versions'), 'reading it is audited');
  });

  test('a record page is 404 without a relationship, or for a record not in the child’s chronology', async () => {
    const page = (await nurse.get(`/people/${childId}`)).body;
    const href = /href="(\/people\/\d+\/records\/\d+)">hosp-1\/hostile</.exec(page)![1]!;
    for (const [who, url] of [[stranger, href], [stranger, `/people/${childId}`], [nurse, `/people/${childId}/records/${otherRecordId}`], [nurse, `/people/${childId}/records/abc`], [nurse, '/people/999999']] as const) {
      const res = await who.get(url);
      assert.equal(res.statusCode, 404, `${who.username} ${url}`);
      assertPage(res.body);
      assert.match(res.body, /Page not found/);
      assert.ok(!res.body.includes('persistent cough') && !res.body.includes('hostile'), 'nothing of the record');
    }
  });

  test('another agency sees health records in outline only: the withheld text, no injuries on the map', async () => {
    const page = (await police.get(`/people/${childId}`)).body;
    assertPage(page);
    const rows = rowsOf(section(page, 'chronology'));
    assert.equal(rows.length, 3);
    assert.match(rows[1]!, /Withheld[\s\S]*withheld under the sharing policy[\s\S]*Ask Test hospital \(hosp-1\/hostile\)/);
    assert.ok(!page.includes('bruise to left cheek') && !page.includes('Narrative'));
    assert.match(section(page, 'body-map'), /No agency has recorded an injury to Amy Example in the records you can see in full/);
    assert.match(section(page, 'household'), /2 records about Amy Example were withheld from you by the information-sharing policy/);
    const href = /href="(\/people\/\d+\/records\/\d+)">hosp-1\/hostile</.exec(page)![1]!;
    const record = await police.get(href);
    assert.equal(record.statusCode, 200);
    assert.match(record.body, /withheld under the sharing policy/);
    assert.ok(!record.body.includes('Version 1') && !record.body.includes('cheek'));
  });

  test('a page view is one audit row (child.page) naming the records read; a refused one says it found nothing', async () => {
    const rows = () => db.kysely.selectFrom('audit').select(['actor', 'person_ids', 'record_ids', 'detail']).where('action', '=', 'child.page').orderBy('id').execute();
    const before = (await rows()).length;
    await nurse.get(`/people/${childId}`);
    await stranger.get(`/people/${childId}`);
    const [seen, refused] = (await rows()).slice(before);
    assert.equal((await rows()).length, before + 2, 'one row each');
    assert.equal(seen!.actor, 'user:ed.nurse');
    assert.ok(seen!.person_ids.map(Number).includes(childId));
    const shown = (await repo.chronology(operator, childId))!.entries.map((e) => e.recordId);
    for (const id of shown) assert.ok(seen!.record_ids.map(Number).includes(id), `record ${id} is named`);
    assert.equal((seen!.detail as { found: boolean }).found, true);
    assert.equal(refused!.actor, 'user:sw.stranger');
    assert.deepEqual(refused!.record_ids, []);
    assert.equal((refused!.detail as { found: boolean }).found, false);
  });

  test('text from records is escaped everywhere', async () => {
    const pages = [
      (await nurse.get(`/people/${childId}`)).body,
      (await nurse.get(`/people/${hostileId}`)).body,
    ];
    const href = /href="(\/people\/\d+\/records\/\d+)">hosp-1\/hostile</.exec(pages[0]!)![1]!;
    pages.push((await nurse.get(href)).body);
    for (const page of pages) {
      assertPage(page);
      for (const payload of [SCRIPT, IMG]) {
        assert.ok(!page.includes(payload), `raw payload ${payload}`);
        assert.ok(page.includes(escapeHtml(payload)), `escaped payload ${escapeHtml(payload)}`);
      }
    }
    assert.ok(pages[0]!.includes(`Narrative ${escapeHtml(SCRIPT)} and ${escapeHtml(IMG)}`));
    assert.ok(pages[0]!.includes(`(${escapeHtml(SCRIPT)})`), 'relationship escaped');
    assert.ok(pages[0]!.includes(`explanation given: ${escapeHtml(`"${IMG}"`)}`));
  });

  test('alerts: acknowledge, mark actioned, and close with a reason; a close without one is 422 with an error summary', async () => {
    const alertIds = async () => [...section((await nurse.get(`/people/${childId}`)).body, 'alerts').matchAll(/action="\/people\/\d+\/alerts\/(\d+)\/close"/g)].map((m) => Number(m[1]));
    const [alertId] = await alertIds();
    assert.ok(alertId, 'an alert to act on');
    const base = `/people/${childId}/alerts/${alertId}`;

    const ack = await nurse.post(`${base}/acknowledge`);
    assert.equal(ack.statusCode, 303);
    assert.equal(ack.headers.location, `/people/${childId}#alerts`);
    let page = (await nurse.get(`/people/${childId}`)).body;
    assert.match(page, new RegExp(`id="alert-${alertId}"[\\s\\S]*?>\\s*Acknowledged\\s*<`));
    assert.ok(!page.includes(`${base}/acknowledge"`), 'no second acknowledgement');

    // A step that no longer applies: the page again, saying why, not JSON.
    const again = await nurse.post(`${base}/acknowledge`);
    assert.equal(again.statusCode, 409);
    assert.match(String(again.headers['content-type']), /^text\/html/);
    assert.match(again.body, /govuk-error-summary[\s\S]*<a href="#alert-\d+">Alert \d+ is acknowledged: it cannot be acknowledged<\/a>/);

    assert.equal((await nurse.post(`${base}/action`)).statusCode, 303);

    const refused = await nurse.post(`${base}/close`, { reason: '   ' });
    assert.equal(refused.statusCode, 422);
    assert.match(String(refused.headers['content-type']), /^text\/html; charset=utf-8/);
    assertPage(refused.body);
    assert.match(refused.body, /<title>Error: Amy Example – Threadline<\/title>/);
    assert.match(refused.body, new RegExp(`govuk-error-summary[\\s\\S]*<a href="#reason-${alertId}">Say why the alert is closed</a>`));
    assert.match(refused.body, new RegExp(`<textarea class="govuk-textarea govuk-textarea--error" id="reason-${alertId}"`));
    assert.match(refused.body, /<details class="govuk-details tl-no-print" open>/);

    const closed = await nurse.post(`${base}/close`, { reason: `Seen by the paediatrician: accidental ${SCRIPT}` });
    assert.equal(closed.statusCode, 303);
    page = (await nurse.get(`/people/${childId}`)).body;
    assertPage(page);
    const closedTable = /<caption class="govuk-table__caption govuk-table__caption--m">Closed alerts<\/caption>[\s\S]*?<\/table>/.exec(page)?.[0] ?? '';
    assert.ok(closedTable.includes(`id="alert-${alertId}"`));
    assert.ok(closedTable.includes(`Closed by ed.nurse (user:ed.nurse): Seen by the paediatrician: accidental ${escapeHtml(SCRIPT)}`), closedTable);
    assert.ok(!(await alertIds()).includes(alertId));
  });

  test('alert forms: the CSRF token is required; an unknown step, alert or another child’s alert is 404', async () => {
    const [alertId] = [...section((await nurse.get(`/people/${childId}`)).body, 'alerts').matchAll(/alerts\/(\d+)\/close/g)].map((m) => Number(m[1]));
    const forged = await nurse.post(`/people/${childId}/alerts/${alertId}/acknowledge`, { _csrf: 'x'.repeat(nurse.csrfToken.length) });
    assert.equal(forged.statusCode, 403);
    assert.match(String(forged.headers['content-type']), /^text\/html/);
    for (const url of [`/people/${childId}/alerts/${alertId}/delete`, `/people/${childId}/alerts/999999/acknowledge`, `/people/${hostileId}/alerts/${alertId}/acknowledge`]) {
      const res = await nurse.post(url);
      assert.equal(res.statusCode, 404, url);
      assert.match(String(res.headers['content-type']), /^text\/html/);
    }
    const stranger404 = await stranger.post(`/people/${childId}/alerts/${alertId}/acknowledge`);
    assert.equal(stranger404.statusCode, 404);
  });
});

describe('Baby P', () => {
  const scenario = JSON.parse(readFileSync(new URL('../../scenarios/baby-p.json', import.meta.url), 'utf8')) as Scenario;
  let db: TestDb;
  let app: FastifyInstance;
  let page: string;
  let peterId: number;

  before(async () => {
    db = await testDb();
    const repo = new Repository(db);
    await registerAgencies(repo, operator, scenario.agencies);
    await ingestInBatches(repo, operator, inTimeOrder(scenario.records));
    peterId = (await repo.people(operator)).people.find((p) => p.name === 'Peter Connelly')!.id;
    app = await buildServer(repo, { logger: false });
    const worker = await signedInUser({ app, repo }, { username: 'social.worker', agencyId: 'haringey-csc', roles: ['practitioner'] });
    await repo.assignCase(operator, peterId, 'social.worker', 'allocated-worker');
    const res = await worker.get(`/people/${peterId}`);
    assert.equal(res.statusCode, 200);
    page = res.body;
  }, { timeout: 180_000 });

  after(async () => {
    await app?.close();
    await db?.drop();
  });

  test('the page: every record listed, one h1, tables captioned', () => {
    assertPage(page);
    assert.match(page, /<h1 class="govuk-heading-xl">Peter Connelly<\/h1>/);
    const rows = rowsOf(section(page, 'chronology'));
    assert.ok(rows.length >= 30, `${rows.length} records`);
    assert.match(section(page, 'summary'), /Died\s*<\/strong>\s*on <time datetime="2007-08-03">3 August 2007<\/time>, aged 17 months/);
    assert.match(section(page, 'summary'), /On a plan\s*<\/strong>\s*Child protection plan since 22 December 2006; categories: /);
  });

  test('the body map has a marker for every injury recorded in 2007, by every agency', () => {
    const injuries2007 = (scenario.records)
      .filter((r) => String(r.occurredAt).startsWith('2007'))
      .flatMap((r) => ((r.body.injuries ?? []) as unknown[]).map(() => r));
    assert.ok(injuries2007.length >= 10, `${injuries2007.length} injuries in 2007`);
    const map = section(page, 'body-map');
    const markers = [...map.matchAll(/class="tl-body-map__marker" data-date="(2007-[\d-]+)"/g)];
    assert.equal(markers.length, injuries2007.length);
    for (const agency of new Set(injuries2007.map((r) => r.agency))) {
      const name = scenario.agencies.find((a) => a.id === agency)!.name;
      assert.ok(map.includes(`, ${escapeHtml(name)}: `), `a marker titled with ${name}`);
    }
    assert.match(map, /<title>9 April 2007, North Middlesex University Hospital: bruise to left eyelid \(north-mid\/ed-20070409\)<\/title>/);
    assert.match(map, /<svg [^>]*role="img"[^>]*aria-label="Body map, front and back: \d+ injuries recorded by \d+ agencies from /);
  });

  test('the household highlights Steven Barker as an unknown adult', () => {
    const household = section(page, 'household');
    const row = /<tr class="govuk-table__row tl-unknown-adult">(?:(?!<\/tr>)[\s\S])*?Steven Barker[\s\S]*?<\/tr>/.exec(household)?.[0];
    assert.ok(row, 'Steven Barker in a highlighted row');
    assert.match(row, /<strong class="govuk-tag govuk-tag--red">\s*Unknown adult\s*<\/strong>/);
    assert.match(row, /no children&#39;s social care record about Peter Connelly names Steven Barker/);
    assert.match(row, /north-mid\/reg-20070409/);
    assert.match(household, /Unknown adult in the child’s home: Steven Barker\./);
  });
});
