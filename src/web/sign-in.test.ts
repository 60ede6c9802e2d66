// Sign-in and sessions: cookies, CSRF, lockout, rate limiting,
// timeouts, re-authentication and break-glass, through HTTP as a browser
// would use them.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { PRE_SESSION_COOKIE, SESSION_COOKIE } from './http-auth.ts';
import { LOCKOUT } from '../access/sign-in.ts';
import { SESSION_LIMITS } from '../access/sessions.ts';
import { totpNow } from '../access/totp.ts';
import { operator } from '../../test/helpers/test-db.ts';
import { gpAttendance } from '../../test/helpers/records.ts';
import { signedInUser, testApi, type TestApi } from '../../test/helpers/test-api.ts';

let api: TestApi;
let now = new Date('2026-03-02T09:00:00Z');
const later = (ms: number) => (now = new Date(now.getTime() + ms));
let childId: number;

before(async () => {
  api = await testApi({ clock: () => now });
  await api.repo.registerAgency(operator, { id: 'school-1', kind: 'school', name: 'Test school' });
  await api.repo.ingest(operator, [gpAttendance({ ref: 'si-1', occurredAt: '2026-02-01' })]);
  childId = (await api.repo.people(operator)).people.find((p) => p.name === 'Amy Example')!.id;
});
after(async () => api.close());

const FORM = { 'content-type': 'application/x-www-form-urlencoded' };
const form = (fields: Record<string, string>) => new URLSearchParams(fields).toString();

async function signInForm(ip = '10.0.0.1') {
  const res = await api.app.inject({ method: 'GET', url: '/sign-in', remoteAddress: ip });
  const pre = (res.headers['set-cookie'] as string).split(';')[0]!.split('=')[1]!;
  const csrf = /name="_csrf" value="([^"]+)"/.exec(res.body)![1]!;
  return { pre, csrf, post: (fields: Record<string, string>) => api.app.inject({
    method: 'POST', url: '/sign-in', remoteAddress: ip, cookies: { [PRE_SESSION_COOKIE]: pre }, headers: FORM, payload: form({ _csrf: csrf, ...fields }),
  }) };
}

describe('signing in', () => {
  test('password and code start a session in a Secure, HttpOnly, SameSite, host-only cookie; a new token every time', async () => {
    const u = await signedInUser(api, { username: 'amy.gp', agencyId: 'gp-1', roles: ['practitioner'], at: now });
    const f = await signInForm();
    later(31_000); // the next code
    const res = await f.post({ username: 'amy.gp', password: u.password, code: totpNow(u.totpSecret, now), next: `/people/${childId}` });
    assert.equal(res.statusCode, 303);
    assert.equal(res.headers.location, `/people/${childId}`);
    const cookie = ([] as string[]).concat(res.headers['set-cookie'] as string[]).find((c) => c.startsWith(`${SESSION_COOKIE}=`))!;
    assert.match(cookie, /; HttpOnly/);
    assert.match(cookie, /; Secure/);
    assert.match(cookie, /; SameSite=Lax/);
    assert.match(cookie, /; Path=\//);
    assert.doesNotMatch(cookie, /Domain=/i);
    const token = cookie.split(';')[0]!.split('=')[1]!;
    assert.notEqual(`${SESSION_COOKIE}=${token}`, u.cookie, 'a new session, not the old one');
    const page = await api.app.inject({ method: 'GET', url: `/people/${childId}`, cookies: { [SESSION_COOKIE]: token } });
    assert.equal(page.statusCode, 200);
    const stored = await api.db.kysely.selectFrom('user_session').select('id').execute();
    assert.ok(stored.every((s) => s.id !== token), 'only a hash of the token is stored');
  });

  test('a wrong password, a wrong code, a reused code and an unknown account get the same answer', async () => {
    const u = await signedInUser(api, { username: 'ben.gp', agencyId: 'gp-1', roles: ['practitioner'], at: now });
    const f = await signInForm('10.0.0.2');
    const answers = [
      await f.post({ username: 'ben.gp', password: 'not the password at all', code: totpNow(u.totpSecret, now) }),
      await f.post({ username: 'ben.gp', password: u.password, code: '000000' }),
      await f.post({ username: 'ben.gp', password: u.password, code: totpNow(u.totpSecret, now) }), // used by signedInUser
      await f.post({ username: 'nobody.here', password: u.password, code: '123456' }),
    ];
    for (const a of answers) {
      assert.equal(a.statusCode, 401);
      assert.match(a.body, /The username, password or security code is not right|the username, password or security code is not right/);
      assert.equal(a.headers['set-cookie'], undefined, 'no session');
      assert.ok(!a.body.includes(u.password), 'the password is not echoed back');
    }
    assert.match(answers[0]!.body, /value="ben.gp"/, 'the username is kept in the form');
    const refused = await api.db.kysely.selectFrom('audit').select('detail').where('action', '=', 'sign-in.refused').execute();
    assert.ok(refused.length >= 4);
    assert.ok(refused.every((r) => !JSON.stringify(r.detail).includes(u.password)));
  });

  test(`after ${LOCKOUT.failures} failures the account is locked from that address, even for the right password, until the lock ends`, async () => {
    const u = await signedInUser(api, { username: 'cat.gp', agencyId: 'gp-1', roles: ['practitioner'], at: now });
    const f = await signInForm('10.0.0.3');
    for (let i = 0; i < LOCKOUT.failures; i++) await f.post({ username: 'cat.gp', password: `wrong guess number ${i}`, code: '111111' });
    later(31_000);
    const locked = await f.post({ username: 'cat.gp', password: u.password, code: totpNow(u.totpSecret, now) });
    assert.equal(locked.statusCode, 401);
    assert.match(locked.body, /the username, password or security code is not right/);
    later(LOCKOUT.minutes * 60_000);
    const ok = await f.post({ username: 'cat.gp', password: u.password, code: totpNow(u.totpSecret, now) });
    assert.equal(ok.statusCode, 303, 'the lock has ended');
  });

  test('one address is slowed down across accounts (429 after 10 attempts a minute)', async () => {
    const f = await signInForm('10.9.9.9');
    const codes: number[] = [];
    for (let i = 0; i < 12; i++) codes.push((await f.post({ username: `guess${i}`, password: 'password guess 123', code: '222222' })).statusCode);
    assert.deepEqual(codes.slice(0, 10), Array(10).fill(401));
    assert.deepEqual(codes.slice(10), [429, 429]);
  });

  test('the sign-in form refuses a post without its CSRF token or pre-session cookie (login CSRF)', async () => {
    const f = await signInForm('10.0.0.5');
    const noCookie = await api.app.inject({ method: 'POST', url: '/sign-in', remoteAddress: '10.0.0.5', headers: FORM, payload: form({ _csrf: f.csrf, username: 'x', password: 'y', code: '1' }) });
    assert.equal(noCookie.statusCode, 403);
    const forged = await api.app.inject({ method: 'POST', url: '/sign-in', remoteAddress: '10.0.0.5', cookies: { [PRE_SESSION_COOKIE]: f.pre }, headers: FORM, payload: form({ _csrf: 'forged', username: 'x', password: 'y', code: '1' }) });
    assert.equal(forged.statusCode, 403);
    assert.match(String(forged.headers["content-type"]), /^text\/html/, "a refused form is answered with a page, not JSON");
    assert.match(forged.body, /<h1 class="govuk-heading-l">You cannot do that<\/h1>/);
    assert.match(forged.body, /this form has expired/);
  });

  test('next= only ever leads somewhere on this site', async () => {
    const u = await signedInUser(api, { username: 'dan.gp', agencyId: 'gp-1', roles: ['practitioner'], at: now });
    later(31_000);
    const f = await signInForm('10.0.0.6');
    const res = await f.post({ username: 'dan.gp', password: u.password, code: totpNow(u.totpSecret, now), next: '//evil.example/steal' });
    assert.equal(res.headers.location, '/');
  });
});

describe('sessions', () => {
  test('a forged, ended or expired session is no session', async () => {
    const forged = await api.app.inject({ method: 'GET', url: '/', cookies: { [SESSION_COOKIE]: 'A'.repeat(43) } });
    assert.equal(forged.statusCode, 303);
    const apiForged = await api.app.inject({ method: 'GET', url: '/api/people', cookies: { [SESSION_COOKIE]: 'A'.repeat(43) } });
    assert.equal(apiForged.statusCode, 401);

    const u = await signedInUser(api, { username: 'eve.gp', agencyId: 'gp-1', roles: ['practitioner'], at: now });
    assert.equal((await u.get('/')).statusCode, 200);
    later(SESSION_LIMITS.idleMs - 60_000);
    assert.equal((await u.get('/')).statusCode, 200, 'still active: used within the idle limit');
    later(SESSION_LIMITS.idleMs + 1000);
    assert.equal((await u.get('/')).statusCode, 303, 'idle too long');
    const ended = await api.db.kysely.selectFrom('user_session as s').innerJoin('app_user as u', 'u.id', 's.user_id').select('s.ended_why').where('u.username', '=', 'eve.gp').executeTakeFirstOrThrow();
    assert.equal(ended.ended_why, 'idle-timeout');

    const v = await signedInUser(api, { username: 'fay.gp', agencyId: 'gp-1', roles: ['practitioner'], at: now });
    for (let t = 0; t < SESSION_LIMITS.absoluteMs; t += 20 * 60_000) {
      assert.equal((await v.get('/')).statusCode, 200);
      later(20 * 60_000);
    }
    later(1000);
    assert.equal((await v.get('/')).statusCode, 303, 'past the absolute limit, however active');

    const w = await signedInUser(api, { username: 'gus.gp', agencyId: 'gp-1', roles: ['practitioner'], at: now });
    assert.equal((await w.post('/sign-out')).statusCode, 303);
    assert.equal((await w.get('/')).statusCode, 303, 'signed out');
  });

  test('with a session cookie, anything but a read needs the CSRF token', async () => {
    const u = await signedInUser(api, { username: 'hal.gp', agencyId: 'gp-1', roles: ['practitioner'], at: now });
    const record = gpAttendance({ ref: 'csrf-1', occurredAt: '2026-02-02' });
    const noToken = await api.app.inject({ method: 'POST', url: '/api/records', headers: { cookie: u.cookie }, payload: record });
    assert.equal(noToken.statusCode, 403);
    assert.equal(noToken.json().error, 'csrf');
    const wrong = await api.app.inject({ method: 'POST', url: '/api/records', headers: { cookie: u.cookie, 'x-csrf-token': 'x'.repeat(43) }, payload: record });
    assert.equal(wrong.statusCode, 403);
    const ok = await api.app.inject({ method: 'POST', url: '/api/records', headers: { cookie: u.cookie, 'x-csrf-token': u.csrfToken }, payload: record });
    assert.equal(ok.statusCode, 201, ok.body);
    assert.equal((await u.post('/sign-out', { _csrf: 'forged' })).statusCode, 403, 'sign-out too');
    const signOutWithout = await api.app.inject({ method: 'POST', url: '/sign-out', headers: { cookie: u.cookie } });
    assert.equal(signOutWithout.statusCode, 403);
  });
});

describe('break-glass', () => {
  test('a teacher with no relationship: not found; after re-authenticating and giving a reason, 4 hours of access that the privacy officer and allocated worker are told of', async () => {
    const worker = await signedInUser(api, { username: 'ivy.sw', agencyId: 'gp-1', roles: ['practitioner'], at: now });
    await api.repo.assignCase(operator, childId, 'ivy.sw', 'allocated-worker');
    const privacy = await signedInUser(api, { username: 'pat.privacy', agencyId: 'gp-1', roles: ['privacy-officer'], at: now });
    const teacher = await signedInUser(api, { username: 'tia.teacher', agencyId: 'school-1', roles: ['safeguarding-lead'], at: now });

    const denied = await teacher.get(`/people/${childId}`);
    assert.equal(denied.statusCode, 404);
    assert.match(denied.body, /ask for emergency access/);
    assert.equal((await teacher.get(`/api/people/${childId}/chronology`)).statusCode, 404);
    assert.equal((await privacy.get(`/people/${childId}`)).statusCode, 404, "a privacy officer reads no child's record by role");

    later(SESSION_LIMITS.reauthMs + 1000);
    const stale = await teacher.post(`/people/${childId}/break-glass`, { reason: 'child in my office with a burn on her hand' });
    assert.equal(stale.statusCode, 303);
    assert.match(String(stale.headers.location), /^\/reauthenticate\?next=/, 'a recent sign-in is needed first');
    const reauth = await teacher.post('/reauthenticate', { password: teacher.password, code: totpNow(teacher.totpSecret, now), next: `/people/${childId}/break-glass` });
    assert.equal(reauth.statusCode, 303);
    const short = await teacher.post(`/people/${childId}/break-glass`, { reason: 'need it' });
    assert.equal(short.statusCode, 422, 'a reason is needed');
    const granted = await teacher.post(`/people/${childId}/break-glass`, { reason: 'child in my office with a burn on her hand' });
    assert.equal(granted.statusCode, 303);
    assert.equal((await teacher.get(`/people/${childId}`)).statusCode, 200);

    for (const who of [privacy, worker]) {
      const alerts = (await who.get('/api/alerts')).json().alerts as { rule: string; explanation: string; personId: number }[];
      const notice = alerts.find((a) => a.rule === 'break-glass');
      assert.ok(notice, `${who.username} is told`);
      assert.match(notice.explanation, /tia\.teacher .*burn on her hand/);
    }
    const page = await privacy.get(`/people/${childId}/who-has-looked`);
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /tia\.teacher<\/td><td class="govuk-table__cell">school-1<\/td><td class="govuk-table__cell"><strong class="govuk-tag govuk-tag--red">\s*Break-glass\s*<\/strong>\s*Emergency access \(break-glass\)<br><span class="govuk-body-s">Reason: “child in my office with a burn on her hand”/);
    assert.match(page.body, /tia\.teacher<\/td><td class="govuk-table__cell">school-1<\/td><td class="govuk-table__cell">Read the chronology</, 'actions in words');
    assert.equal((await worker.get(`/people/${childId}/who-has-looked`)).statusCode, 200, 'the allocated worker too');
    assert.equal((await teacher.get(`/people/${childId}/who-has-looked`)).statusCode, 403, 'not the teacher');
    const sar = await api.repo.subjectAccessExport({ kind: 'user', userId: privacy.userId, username: 'pat.privacy', agencyId: 'gp-1', roles: ['privacy-officer'], sessionId: 'x' }, childId);
    assert.ok(sar.records.length > 0 && sar.whoHasLooked.some((l) => l.action === 'break-glass'), 'the subject-access export holds the records and the looks');
    await assert.rejects(api.repo.subjectAccessExport({ kind: 'user', userId: teacher.userId, username: 'tia.teacher', agencyId: 'school-1', roles: ['safeguarding-lead'], sessionId: 'x' }, childId), /privacy officer/);
    const looks = await api.repo.whoHasLooked(operator, childId);
    assert.ok(looks.some((l) => l.actor === 'user:tia.teacher' && l.action === 'break-glass'));
    assert.ok(looks.some((l) => l.actor === 'user:tia.teacher' && l.action === 'chronology.read'));
    await assert.rejects(api.repo.whoHasLooked({ kind: 'user', userId: teacher.userId, username: 'tia.teacher', agencyId: 'school-1', roles: ['safeguarding-lead'], sessionId: 'x' }, childId), /privacy officer/);

    later(4 * 3_600_000 + 1000);
    const t2 = await signedInUser(api, { username: 'tia.teacher2', agencyId: 'school-1', roles: ['safeguarding-lead'], at: now });
    assert.equal((await t2.get(`/people/${childId}`)).statusCode, 404, 'the grant is the first teacher\'s alone');
    const after4h = await api.repo.chronology({ kind: 'user', userId: teacher.userId, username: 'tia.teacher', agencyId: 'school-1', roles: ['safeguarding-lead'], sessionId: 'x' }, childId);
    assert.equal(after4h, null, 'access has lapsed after 4 hours');
  });
});
