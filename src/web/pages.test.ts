// The pages as HTML: sign-in for the signed out, a child's chronology, agency text always escaped, basic
// accessibility. (The child's page in full is tested in child-page.test.ts.)
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { FastifyInstance } from 'fastify';
import type { Repository } from '../app/repository.ts';
import { operator, type TestDb } from '../../test/helpers/test-db.ts';
import { CHILD, MOTHER, gpAttendance } from '../../test/helpers/records.ts';
import { signedInUser, testApi, type SignedIn } from '../../test/helpers/test-api.ts';
import { escapeHtml } from './html.ts';

const SCRIPT = '<script>alert(1)</script>';
const IMG = '"><img src=x onerror=alert(1)>';
const PAYLOADS = [SCRIPT, IMG];

let db: TestDb;
let repo: Repository;
let app: FastifyInstance;
let childId: number;
let hostileId: number;
let user: SignedIn;

before(async () => {
  ({ db, repo, app } = await testApi());
  const { results } = await repo.ingest(operator, [
    gpAttendance({ ref: 'plain', occurredAt: '2021-03-01', body: { setting: 'gp', complaint: 'persistent cough', broughtBy: 'm' } }),
    gpAttendance({
      agency: 'hosp-1', ref: 'hostile', occurredAt: '2021-04-01',
      people: [
        { ...structuredClone(CHILD) },
        { key: 'x', role: 'visitor', relationship: SCRIPT, name: { given: SCRIPT, family: IMG }, dob: '1980-01-01' },
        structuredClone(MOTHER),
      ],
      body: {
        setting: 'emergency', complaint: `${SCRIPT} ${IMG}`, broughtBy: 'm', explanation: IMG,
        injuries: [{ type: 'bruise', site: 'cheek' }],
      },
      narrative: `Narrative ${SCRIPT} and ${IMG}`,
    }),
  ]);
  assert.deepEqual(results.map((r) => r.status), ['stored', 'stored'], JSON.stringify(results));
  const { people } = await repo.people(operator);
  childId = people.find((p) => p.name === 'Amy Example')!.id;
  hostileId = people.find((p) => p.mentions.includes('hosp-1/hostile#x'))!.id;
  // A practitioner at the hospital: its record names all three people. The GP knew Amy first, so the
  // hospital's record gives it a limited view of her; the nurse sees her page as a member of her core group.
  user = await signedInUser({ app, repo }, { username: 'ed.nurse', agencyId: 'hosp-1', roles: ['practitioner'] });
  await repo.assignCase(operator, childId, 'ed.nurse', 'core-group');
});

after(async () => {
  await app?.close();
  await db?.drop();
});

const get = (url: string) => user.get(url);

function assertAccessible(page: string): void {
  assert.match(page, /^<!doctype html>/i);
  assert.match(page, /<html lang="en-GB" class="govuk-template/);
  assert.equal(page.match(/<h1[\s>]/g)?.length, 1, 'exactly one h1');
  assert.match(page, /<a [^>]*href="#main-content"[^>]*>Skip to main content<\/a>/);
  assert.match(page, /<main class="govuk-main-wrapper[^"]*" id="main-content"/);
  assert.match(page, /<title>[^<]+<\/title>/);
}

function assertEscaped(page: string): void {
  for (const payload of PAYLOADS) {
    assert.ok(!page.includes(payload), `raw payload ${payload} must not appear`);
    assert.ok(page.includes(escapeHtml(payload)), `escaped payload ${escapeHtml(payload)} must appear`);
  }
  // The only scripts are ours: GOV.UK's one inline line (with this response's nonce) and modules from /assets.
  for (const tag of page.match(/<script[^>]*>/gi) ?? []) assert.match(tag, /^<script (nonce="[^"]+"|type="module" src="\/assets\/[a-z-]+\.js")>$/, tag);
  assert.ok(!/<img/i.test(page), 'no img element at all');
}

describe('signed out', () => {
  test('every page sends you to sign in, and back afterwards', async () => {
    for (const url of [`/people/${childId}`, `/people/${childId}/break-glass`]) {
      const res = await app.inject({ method: 'GET', url });
      assert.equal(res.statusCode, 303, url);
      assert.equal(res.headers.location, `/sign-in?next=${encodeURIComponent(url)}`);
    }
    const form = await app.inject({ method: 'GET', url: '/sign-in' });
    assert.equal(form.statusCode, 200);
    assertAccessible(form.body);
    assert.match(form.body, /<label class="govuk-label" for="password">\s*Password\s*<\/label>/);
  });
});

describe('GET /people/:id', () => {
  test("shows the person's chronology", async () => {
    const res = await get(`/people/${childId}`);
    assert.equal(res.statusCode, 200);
    assert.match(String(res.headers['content-type']), /^text\/html; charset=utf-8/);
    const page = res.body;
    assertAccessible(page);
    assert.match(page, /<h1 class="govuk-heading-xl">Amy Example<\/h1>/);
    assert.match(page, /<title>Amy Example – Threadline<\/title>/);
    assert.ok(page.includes('2 records from 2 agencies'));
    assert.ok(page.includes('GP consultation: persistent cough'));
    assert.ok(page.includes('Test hospital'));
    assert.ok(page.includes('Injuries:</strong> bruise to cheek'));
    assert.ok(page.indexOf('datetime="2021-03-01"') < page.indexOf('datetime="2021-04-01"'), 'earliest first');
    // The mother is named, but not a link: the hospital wrote about her after the GP had (a limited view of her).
    assert.match(page, /Beth Example <span class="tl-meta">\(mother\)<\/span>/);
  });

  test('narrative, names, complaint and relationship are escaped', async () => {
    for (const id of [childId, hostileId]) {
      const page = (await get(`/people/${id}`)).body;
      assertAccessible(page);
      assertEscaped(page);
    }
    const child = (await get(`/people/${childId}`)).body;
    assert.ok(child.includes(`Narrative ${escapeHtml(SCRIPT)} and ${escapeHtml(IMG)}`));
    assert.ok(child.includes(`(${escapeHtml(SCRIPT)})`), 'relationship escaped');
    assert.ok(child.includes(`explanation given: ${escapeHtml(`"${IMG}"`)}`));
  });

  test('an unknown or malformed person id -> 404 HTML', async () => {
    for (const url of ['/people/999999', '/people/abc', '/people/-1', `/people/${'1'.repeat(16)}`]) {
      const res = await get(url);
      assert.equal(res.statusCode, 404, url);
      assert.match(String(res.headers['content-type']), /^text\/html/);
      assertAccessible(res.body);
      assert.match(res.body, /<h1 class="govuk-heading-l">Page not found<\/h1>/);
    }
  });
});

describe('an address nothing answers', () => {
  test('a page: GOV.UK "Page not found", with the header of whoever is signed in; the API: JSON', async () => {
    const signedOut = await app.inject({ method: 'GET', url: '/no/such/page?x=1' });
    assert.equal(signedOut.statusCode, 404);
    assert.match(String(signedOut.headers['content-type']), /^text\/html/);
    assertAccessible(signedOut.body);
    assert.match(signedOut.body, /<h1 class="govuk-heading-l">Page not found<\/h1>/);
    assert.ok(!signedOut.body.includes('Sign out'), 'signed out: no sign-out form');
    const signedIn = await get('/no/such/page');
    assert.equal(signedIn.statusCode, 404);
    assert.ok(signedIn.body.includes('Sign out') && signedIn.body.includes('ed.nurse'), 'signed in: the usual header');
    const api = await app.inject({ method: 'GET', url: '/api/no-such-thing' });
    assert.equal(api.statusCode, 404);
    assert.equal(api.json().error, 'not-found');
  });

  test('break-glass for a malformed id is the same not-found page, not an empty answer', async () => {
    const res = await get('/people/abc/break-glass');
    assert.equal(res.statusCode, 404);
    assertAccessible(res.body);
    assert.match(res.body, /There is no such child, or you have no relationship with them\./);
  });
});

describe('GET /accessibility', () => {
  test('the accessibility statement, linked from every page, signed in or not', async () => {
    for (const res of [await app.inject({ method: 'GET', url: '/accessibility' }), await get('/accessibility')]) {
      assert.equal(res.statusCode, 200);
      assertAccessible(res.body);
      assert.match(res.body, /<h1 class="govuk-heading-l">Accessibility statement for Threadline<\/h1>/);
      assert.match(res.body, /WCAG|Web Content Accessibility Guidelines/);
      assert.match(res.body, /href="\/accessibility"/, 'the footer links to it');
      assert.ok(!/Crown copyright|govuk-footer__crown|Open Government Licence/.test(res.body), 'no crown, OGL or Crown copyright: Threadline is not a GOV.UK service');
    }
  });
});
