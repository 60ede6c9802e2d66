// Changing your own password: through the form as a browser would post it. The new password is
// checked before the current one; a wrong current password or code counts towards the lockout; success
// signs out every other session of the account; nothing typed is sent back or audited.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { SESSION_COOKIE } from './http-auth.ts';
import { LOCKOUT } from '../access/sign-in.ts';
import { totpNow } from '../access/totp.ts';
import { operator } from '../../test/helpers/test-db.ts';
import { signedInUser, testApi, type SignedIn, type TestApi } from '../../test/helpers/test-api.ts';

let api: TestApi;
let now = new Date('2026-03-02T09:00:00Z');
/** Each step on by 31 seconds, so each security code is a new one (a code is accepted once). */
const nextCode = (u: SignedIn) => totpNow(u.totpSecret, (now = new Date(now.getTime() + 31_000)));

before(async () => { api = await testApi({ clock: () => now }); });
after(async () => api.close());

const NEW = 'three random words battery staple';

async function canSignIn(u: SignedIn, password: string): Promise<boolean> {
  try {
    await api.repo.signIn({ username: u.username, password, code: nextCode(u), address: '127.0.0.1' });
    return true;
  } catch {
    return false;
  }
}

describe('/account/password', () => {
  test('the form, linked from every signed-in page; signed out, sent to sign in', async () => {
    const u = await signedInUser(api, { username: 'form.user', agencyId: 'gp-1', roles: ['practitioner'], at: now });
    const home = await u.get('/');
    assert.match(home.body, /href="\/account\/password">Change password<\/a>/);
    const page = await u.get('/account/password');
    assert.equal(page.statusCode, 200);
    for (const id of ['currentPassword', 'newPassword', 'confirmPassword', 'code']) assert.match(page.body, new RegExp(`id="${id}"`));
    assert.match(page.body, /autocomplete="new-password"/);
    const out = await api.app.inject({ method: 'GET', url: '/account/password' });
    assert.equal(out.statusCode, 303);
    assert.equal(out.headers.location, '/sign-in?next=%2Faccount%2Fpassword');
  });

  test('refused at the right field, with nothing typed sent back and nothing changed', async () => {
    const u = await signedInUser(api, { username: 'refused.user', agencyId: 'gp-1', roles: ['practitioner'], at: now });
    const cases: [Record<string, string>, string, RegExp, number][] = [
      [{ currentPassword: u.password, newPassword: NEW, confirmPassword: `${NEW}!`, code: '123456' }, 'confirmPassword', /do not match/, 422],
      [{ currentPassword: u.password, newPassword: 'short one', confirmPassword: 'short one', code: '123456' }, 'newPassword', /at least 12 characters/, 422],
      [{ currentPassword: u.password, newPassword: u.password, confirmPassword: u.password, code: '123456' }, 'newPassword', /not the same as your current one/, 422],
      [{ currentPassword: u.password, newPassword: 'my refused.user password', confirmPassword: 'my refused.user password', code: '123456' }, 'newPassword', /does not contain your username/, 422],
      [{ currentPassword: '', newPassword: NEW, confirmPassword: NEW, code: '' }, 'currentPassword', /Enter your current password/, 422],
      [{ currentPassword: 'not my password at all', newPassword: NEW, confirmPassword: NEW, code: '123456' }, 'currentPassword', /current password or security code is not right/, 401],
    ];
    for (const [fields, at, message, status] of cases) {
      const res = await u.post('/account/password', fields);
      assert.equal(res.statusCode, status, JSON.stringify(fields));
      assert.match(res.body, /There is a problem/);
      assert.match(res.body, new RegExp(`href="#${at}">[^<]*`), `the error summary links to ${at}`);
      assert.match(res.body, message);
      assert.match(res.body, new RegExp(`id="${at}-error"`), `the message is at ${at}`);
      for (const typed of [fields.newPassword, fields.currentPassword].filter((t) => t && t.length > 8)) assert.ok(!res.body.includes(`value="${typed}"`), 'nothing typed is sent back');
    }
    const row = await api.db.kysely.selectFrom('app_user').select('failed_sign_ins').where('id', '=', u.userId).executeTakeFirstOrThrow();
    assert.equal(row.failed_sign_ins, 1, 'only the wrong current password counted as a failure; the form\'s own refusals did not');
    assert.equal(await canSignIn(u, u.password), true, 'the old password still works');
    assert.equal(await canSignIn(u, NEW), false);
  });

  test('a wrong current password counts towards sign-in\'s lockout', async () => {
    const u = await signedInUser(api, { username: 'locked.user', agencyId: 'gp-1', roles: ['practitioner'], at: now });
    for (let i = 0; i < LOCKOUT.failures; i++) {
      await u.post('/account/password', { currentPassword: `wrong guess number ${i}`, newPassword: NEW, confirmPassword: NEW, code: nextCode(u) });
    }
    const res = await u.post('/account/password', { currentPassword: u.password, newPassword: NEW, confirmPassword: NEW, code: nextCode(u) });
    assert.equal(res.statusCode, 401);
    assert.match(res.body, /the current password or security code is not right/i, 'refused, with the one answer every failure gets');
    assert.equal(await canSignIn(u, NEW), false, 'not changed');
  });

  test('changed: the new password signs in, the old does not; other sessions end, this one goes on; audited without the passwords', async () => {
    const u = await signedInUser(api, { username: 'change.user', agencyId: 'gp-1', roles: ['practitioner'], at: now });
    const other = await api.repo.signIn({ username: u.username, password: u.password, code: nextCode(u), address: '10.7.7.7' });
    const res = await u.post('/account/password', { currentPassword: u.password, newPassword: NEW, confirmPassword: NEW, code: nextCode(u) });
    assert.equal(res.statusCode, 303, res.body.slice(0, 300));
    assert.equal(res.headers.location, '/account/password?changed=1');
    const done = await u.get('/account/password?changed=1');
    assert.equal(done.statusCode, 200, 'this session goes on');
    assert.match(done.body, /Your password has been changed/);
    const elsewhere = await api.app.inject({ method: 'GET', url: '/', cookies: { [SESSION_COOKIE]: other.token } });
    assert.equal(elsewhere.statusCode, 303, 'the other session was ended');
    const ended = await api.db.kysely.selectFrom('user_session').select('ended_why').where('user_id', '=', u.userId).where('ended_why', '=', 'password-changed').execute();
    assert.equal(ended.length, 1);
    assert.equal(await canSignIn(u, u.password), false, 'the old password no longer signs in');
    assert.equal(await canSignIn(u, NEW), true);
    const audit = await api.db.kysely.selectFrom('audit').select(['action', 'detail', 'actor']).where('action', 'like', 'password.change%').where('actor', '=', 'user:change.user').execute();
    assert.deepEqual(audit.map((a) => a.action), ['password.change']);
    assert.equal((audit[0]!.detail as { endedSessions: number }).endedSessions, 1);
    const all = JSON.stringify(await api.db.kysely.selectFrom('audit').select('detail').execute());
    assert.ok(!all.includes(NEW) && !all.includes(u.password), 'no password in the audit trail');
  });

  test('without the form\'s CSRF token: refused, nothing changed; an account of an organisation\'s sign-in has no password here', async () => {
    const u = await signedInUser(api, { username: 'csrf.user', agencyId: 'gp-1', roles: ['practitioner'], at: now });
    const forged = await u.post('/account/password', { _csrf: 'x'.repeat(43), currentPassword: u.password, newPassword: NEW, confirmPassword: NEW, code: nextCode(u) });
    assert.equal(forged.statusCode, 403);
    assert.equal(await canSignIn(u, u.password), true);

    await api.repo.createUser(operator, { username: 'oidc.user', displayName: 'O', agencyId: 'gp-1', roles: ['practitioner'], oidcSubject: 'sub-1' });
    const s = await api.repo.signInOidc('sub-1');
    await assert.rejects(api.repo.changePassword(s.actor, { currentPassword: 'anything at all', code: '123456', newPassword: NEW }, '127.0.0.1'), /through your organisation/);
  });
});
