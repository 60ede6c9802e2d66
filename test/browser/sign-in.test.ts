// Signing in, in Chromium, with and without JavaScript; the sign-in page and a refused form are accessible.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { browserSkip, checkPage, DESKTOP, signIn, startDemo, type Demo } from './harness.ts';

describe('sign in (browser)', { skip: browserSkip }, () => {
  let demo: Demo;
  before(async () => { demo = await startDemo(); }, { timeout: 180_000 });
  after(async () => demo?.close());

  test('the sign-in page, and a wrong security code shown in the error summary', async () => {
    const context = await demo.browser.newContext({ viewport: DESKTOP, baseURL: demo.base });
    const page = await context.newPage();
    await page.goto('/sign-in');
    await checkPage(page, 'sign-in');
    const u = demo.users.gp!;
    await page.getByLabel('Username').fill(u.username);
    await page.getByLabel('Password').fill(u.password);
    await page.getByLabel('Security code').fill('000000');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'There is a problem' }).waitFor();
    // GOV.UK Frontend moves focus to the error summary (JavaScript on).
    assert.equal(await page.locator('.govuk-error-summary').evaluate((el) => el === el.ownerDocument.activeElement), true);
    await checkPage(page, 'sign-in-error');
    await context.close();
  });

  // Two people: a security code is accepted once, so one person cannot sign in twice within its 30 seconds.
  for (const [javaScript, who] of [[true, 'social.worker'], [false, 'team.manager']] as const) {
    test(`signs in and out with JavaScript ${javaScript ? 'on' : 'off'}`, async () => {
      const { context, page } = await signIn(demo, who, { javaScript });
      assert.equal(new URL(page.url()).pathname, '/');
      await Promise.all([page.waitForURL(/\/sign-in/, { waitUntil: 'commit' }), page.getByRole('button', { name: 'Sign out' }).click()]);
      await page.goto('/');
      assert.match(page.url(), /\/sign-in\?next=/, 'signed out: the session is gone');
      await context.close();
    });
  }
});
