// The access pages in Chromium (issues 5 and 7): a teacher with no relationship meets "Page not found",
// asks for emergency access, confirms who they are and gets it; the privacy officer sees who has looked;
// a person changes their password; an unknown address, a refused form's error page and the accessibility
// statement. Each page is checked with axe (WCAG 2.2 AA rules) and photographed.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { totpNow } from '../../src/access/totp.ts';
import { browserSkip, checkPage, DESKTOP, signIn, startDemo, type Demo } from './harness.ts';

/** The security code of the next 30-second step: the sign-in just used this step's, and a code is accepted once. */
const nextCode = (secret: string) => totpNow(secret, new Date(Date.now() + 30_000));

describe('access pages (browser)', { skip: browserSkip }, () => {
  let demo: Demo;
  before(async () => { demo = await startDemo(); }, { timeout: 180_000 });
  after(async () => demo?.close());

  test('break-glass: not found, the reason refused, re-authentication refused then given, access granted; who has looked', async () => {
    const teacher = demo.users.teacher!;
    const { context, page } = await signIn(demo, 'teacher');
    await page.goto(`/people/${demo.peterId}`);
    await page.getByRole('heading', { level: 1, name: 'Page not found' }).waitFor();
    await checkPage(page, 'access-child-not-found');

    await page.getByRole('link', { name: 'ask for emergency access' }).click();
    await page.getByRole('heading', { level: 1, name: "Emergency access to a child's record" }).waitFor();
    await checkPage(page, 'access-break-glass');
    await page.getByLabel('Why do you need to see this record?').fill('too short');
    await page.getByRole('button', { name: 'Get emergency access' }).click();
    await page.getByRole('heading', { name: 'There is a problem' }).waitFor();
    await checkPage(page, 'access-break-glass-error');

    // Re-authentication, as break-glass asks for it when the sign-in is more than 5 minutes old.
    await page.goto(`/reauthenticate?next=${encodeURIComponent(`/people/${demo.peterId}/break-glass`)}`);
    await checkPage(page, 'access-reauthenticate');
    await page.getByLabel('Password').fill(teacher.password);
    await page.getByLabel('Security code').fill('000000');
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.getByRole('heading', { name: 'There is a problem' }).waitFor();
    await checkPage(page, 'access-reauthenticate-error');
    await page.getByLabel('Password').fill(teacher.password);
    await page.getByLabel('Security code').fill(nextCode(teacher.secret));
    await Promise.all([page.waitForURL(/\/break-glass$/), page.getByRole('button', { name: 'Continue' }).click()]);

    await page.getByLabel('Why do you need to see this record?').fill('Peter is in my office with a bruise on his face; his mother has not come');
    await Promise.all([page.waitForURL(new RegExp(`/people/${demo.peterId}$`)), page.getByRole('button', { name: 'Get emergency access' }).click()]);
    await page.getByRole('heading', { level: 1, name: 'Peter Connelly' }).waitFor();
    await context.close();

    const privacy = await signIn(demo, 'privacy.officer');
    await privacy.page.goto(`/people/${demo.peterId}/who-has-looked`);
    await privacy.page.getByRole('heading', { level: 1, name: 'Who has looked at this record' }).waitFor();
    const row = privacy.page.locator('tbody tr', { hasText: 'teacher' }).filter({ hasText: 'break-glass' });
    assert.ok(await row.count() >= 1, 'the break-glass is listed against the teacher');
    assert.ok(await privacy.page.locator('tbody tr', { hasText: 'teacher' }).filter({ hasText: "Opened the child's page" }).count() >= 1, 'and the page the teacher then opened');
    await checkPage(privacy.page, 'access-who-has-looked');
    await privacy.context.close();
  });

  test('change your password: refused when the new ones differ, then changed', async () => {
    const gp = demo.users.gp!;
    const { context, page } = await signIn(demo, 'gp');
    await page.getByRole('link', { name: 'Change password' }).click();
    await page.getByRole('heading', { level: 1, name: 'Change your password' }).waitFor();
    await checkPage(page, 'access-password');
    const fill = async (confirm: string, code: string) => {
      await page.getByLabel('Current password').fill(gp.password);
      await page.getByLabel('New password', { exact: true }).fill('a long new password for the gp');
      await page.getByLabel('Confirm new password').fill(confirm);
      await page.getByLabel('Security code').fill(code);
      await page.getByRole('button', { name: 'Change password' }).click();
    };
    await fill('a different new password', nextCode(gp.secret));
    await page.getByRole('heading', { name: 'There is a problem' }).waitFor();
    assert.equal(await page.locator('.govuk-error-summary').evaluate((el) => el === el.ownerDocument.activeElement), true);
    await checkPage(page, 'access-password-error');
    await fill('a long new password for the gp', nextCode(gp.secret));
    await page.getByText('Your password has been changed').waitFor();
    await checkPage(page, 'access-password-changed');
    gp.password = 'a long new password for the gp';
    await context.close();
  });

  test('an unknown address, a refused form and the accessibility statement, signed out and in', async () => {
    const signedOut = await demo.browser.newContext({ viewport: DESKTOP, baseURL: demo.base });
    const out = await signedOut.newPage();
    const res = await out.goto('/no/such/page');
    assert.equal(res?.status(), 404);
    await checkPage(out, 'access-not-found-signed-out');
    await out.getByRole('link', { name: 'Accessibility' }).click();
    await out.getByRole('heading', { level: 1, name: 'Accessibility statement for Threadline' }).waitFor();
    await checkPage(out, 'access-accessibility');
    await signedOut.close();

    const { context, page } = await signIn(demo, 'social.worker');
    await page.goto('/no/such/page');
    await checkPage(page, 'access-not-found');
    // A form whose CSRF token is not the session's (as a form from another site would be): the error page.
    await page.goto('/');
    await page.locator('form[action="/sign-out"] input[name="_csrf"]').evaluate((el) => { (el as unknown as { value: string }).value = 'x'.repeat(43); });
    const [refused] = await Promise.all([page.waitForResponse((r) => r.url().endsWith('/sign-out')), page.getByRole('button', { name: 'Sign out' }).click()]);
    assert.equal(refused.status(), 403);
    await page.getByRole('heading', { level: 1, name: 'You cannot do that' }).waitFor();
    await checkPage(page, 'access-error');
    await context.close();
  });
});
