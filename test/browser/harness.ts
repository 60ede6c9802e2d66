// Browser tests: the app on a fresh embedded database with the Baby P demo
// data, listening on a free port, driven by playwright-core through Debian's
// Chromium. Each page is checked with axe (WCAG 2.2 AA rules) and
// photographed at desktop and phone widths into test-results/screenshots/.
import { existsSync, mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { AxeBuilder } from '@axe-core/playwright';
import type { FastifyInstance } from 'fastify';
import { buildServer } from '../../src/web/server.ts';
import type { Repository } from '../../src/app/repository.ts';
import type { Role } from '../../src/shared/actor.ts';
import { totpNow } from '../../src/access/totp.ts';
import { ingestInBatches, inTimeOrder, registerAgencies } from '../../src/app/load.ts';
import type { AgencyRecord, Scenario } from '../../src/records/types.ts';
import { readScenario } from '../../src/cli/read-input.ts';
import { Repository as Repo } from '../../src/app/repository.ts';
import { operator, testDb } from '../helpers/test-db.ts';
import { DEMO_SCHOOL } from '../../src/cli/demo-accounts.ts';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
/** Without Chromium the browser tests are skipped, loudly; `.ci/run` installs it and sets REQUIRE_BROWSER=1, so there they fail instead. */
export const browserSkip: string | false = existsSync(CHROMIUM) || process.env.REQUIRE_BROWSER === '1'
  ? false : `Chromium not found at ${CHROMIUM} (apt-get install -y chromium): browser tests skipped`;
if (browserSkip) process.stderr.write(`\n*** ${browserSkip} ***\n\n`);

export const SCREENSHOTS = fileURLToPath(new URL('../../test-results/screenshots/', import.meta.url));
export const DESKTOP = { width: 1280, height: 900 };
export const PHONE = { width: 390, height: 844 };
/** WCAG's reflow width: 1280 px at 400% zoom. */
export const REFLOW = { width: 320, height: 800 };

export interface DemoUser { username: string; password: string; secret: string; agencyId: string; roles: Role[] }

export interface Demo {
  base: string;
  repo: Repository;
  browser: Browser;
  peterId: number;
  users: Record<string, DemoUser>;
  close(): Promise<void>;
}

const USERS: Omit<DemoUser, 'password' | 'secret'>[] = [
  { username: 'social.worker', agencyId: 'haringey-csc', roles: ['practitioner'] },
  { username: 'team.manager', agencyId: 'haringey-csc', roles: ['manager'] },
  { username: 'gp', agencyId: 'gp-1', roles: ['practitioner'] },
  { username: 'teacher', agencyId: DEMO_SCHOOL.id, roles: ['safeguarding-lead'] },
  { username: 'privacy.officer', agencyId: 'haringey-csc', roles: ['privacy-officer'] },
];

export async function startDemo(): Promise<Demo> {
  const db = await testDb();
  const repo = new Repo(db);
  const scenario = readScenario(fileURLToPath(new URL('../../scenarios/baby-p.json', import.meta.url)));
  await registerAgencies(repo, operator, [...scenario.agencies, DEMO_SCHOOL]);
  await ingestInBatches(repo, operator, inTimeOrder(scenario.records));
  const peterId = (await repo.people(operator)).people.find((p) => p.name === 'Peter Connelly')!.id;
  const users: Record<string, DemoUser> = {};
  for (const u of USERS) {
    const password = `browser test ${u.username} password`;
    await repo.createUser(operator, { username: u.username, displayName: u.username, agencyId: u.agencyId, roles: u.roles, password });
    users[u.username] = { ...u, password, secret: (await repo.enrolTotp(operator, u.username)).secret };
  }
  await repo.assignCase(operator, peterId, 'social.worker', 'allocated-worker');
  const app: FastifyInstance = await buildServer(repo, { logger: false });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  const browser = await chromium.launch({ executablePath: CHROMIUM });
  mkdirSync(SCREENSHOTS, { recursive: true });
  return {
    base, repo, browser, peterId, users,
    close: async () => { await browser.close(); await app.close(); await db.drop(); },
  };
}

/** A browser context signed in as `username` through the sign-in form (with or without JavaScript). */
export async function signIn(demo: Demo, username: string, opts: { javaScript?: boolean } = {}): Promise<{ context: BrowserContext; page: Page }> {
  const u = demo.users[username]!;
  const context = await demo.browser.newContext({ javaScriptEnabled: opts.javaScript ?? true, viewport: DESKTOP, baseURL: demo.base });
  const page = await context.newPage();
  await page.goto('/');
  assert.match(page.url(), /\/sign-in\?next=/, 'signed out: sent to sign in');
  await page.getByLabel('Username').fill(u.username);
  await page.getByLabel('Password').fill(u.password);
  await page.getByLabel('Security code').fill(totpNow(u.secret, new Date()));
  await Promise.all([page.waitForURL((url) => !url.pathname.startsWith('/sign-in')), page.getByRole('button', { name: 'Sign in' }).click()]);
  return { context, page };
}

/** The same signed-in session in a second context with JavaScript off (a security code is accepted only once). */
export async function withoutJavaScript(demo: Demo, signedIn: BrowserContext): Promise<{ context: BrowserContext; page: Page }> {
  const context = await demo.browser.newContext({ javaScriptEnabled: false, viewport: DESKTOP, baseURL: demo.base, storageState: await signedIn.storageState() });
  return { context, page: await context.newPage() };
}

/** WCAG 2.2 1.4.10 Reflow: at 320 CSS pixels wide the page does not scroll sideways (the elements that stick out are named). */
export async function assertReflows(page: Page, name: string): Promise<void> {
  await page.setViewportSize(REFLOW);
  // As a string: the project's TypeScript has no DOM types (it runs in the page).
  const wide = await page.evaluate<string[]>(`(() => {
    const width = document.documentElement.clientWidth;
    if (document.documentElement.scrollWidth <= width) return [];
    return Array.from(document.querySelectorAll('body *'))
      .filter((el) => el.getBoundingClientRect().right > width + 1 && (el.parentElement?.getBoundingClientRect().right ?? 0) <= width + 1)
      .slice(0, 5).map((el) => el.tagName.toLowerCase() + '.' + String(el.className).trim().split(/\\s+/).join('.') + ' (' + Math.round(el.getBoundingClientRect().width) + ' px)');
  })()`);
  assert.deepEqual(wide, [], `${name}: scrolls sideways at ${REFLOW.width} px wide`);
}

/**
 * The page as it stands: no axe violations (WCAG 2.0/2.1/2.2 A and AA rules), no sideways scrolling at 320 px, then full-page screenshots at
 * desktop and phone widths named `<name>-desktop.png` and `<name>-phone.png`. axe runs inside the page, so
 * for a page in a context without JavaScript pass `noJavaScript`: axe then checks the same address in a
 * context of the same session whose script files are refused (the page as a browser without JavaScript
 * builds it, bar GOV.UK's one inline line).
 */
export async function checkPage(page: Page, name: string, opts: { noJavaScript?: Demo } = {}): Promise<void> {
  let target = page;
  let scratch: BrowserContext | undefined;
  if (opts.noJavaScript) {
    scratch = await opts.noJavaScript.browser.newContext({ viewport: DESKTOP, storageState: await page.context().storageState() });
    await scratch.route(/\.m?js(\?|$)/, (route) => route.abort());
    target = await scratch.newPage();
    await target.goto(page.url());
  }
  try {
    const { violations } = await new AxeBuilder({ page: target }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']).analyze();
    assert.deepEqual(violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')})`), [], `${name}: axe violations at ${page.url()}`);
  } finally {
    await scratch?.close();
  }
  await assertReflows(page, name);
  await page.setViewportSize(DESKTOP);
  await page.screenshot({ path: `${SCREENSHOTS}${name}-desktop.png`, fullPage: true });
  await page.setViewportSize(PHONE);
  await page.screenshot({ path: `${SCREENSHOTS}${name}-phone.png`, fullPage: true });
  await page.setViewportSize(DESKTOP);
}
