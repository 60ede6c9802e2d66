// The child's page in Chromium: Peter Connelly's page for his allocated social worker, with
// JavaScript (the body map's time slider, an alert acknowledged) and without it (every section, the
// chronology filter through the server), a source record with its versions; axe and screenshots for each.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { browserSkip, checkPage, SCREENSHOTS, signIn, startDemo, withoutJavaScript, type Demo } from './harness.ts';

describe("the child's page (browser)", { skip: browserSkip }, () => {
  let demo: Demo;
  before(async () => { demo = await startDemo(); }, { timeout: 180_000 });
  after(async () => demo?.close());

  test('with JavaScript: every section, the 2007 injuries on the body map and its slider, Steven Barker as an unknown adult, an alert acknowledged', async () => {
    const { context, page } = await signIn(demo, 'social.worker');
    await page.goto(`/people/${demo.peterId}`);
    await page.getByRole('heading', { level: 1, name: 'Peter Connelly' }).waitFor();
    for (const section of ['Multi-agency chronology', 'Injury body map', 'Alerts']) await page.getByRole('heading', { level: 2, name: section }).waitFor();
    await checkPage(page, 'child');
    // Sections on their own, small enough for the README.
    for (const section of ['summary', 'body-map', 'household']) {
      await page.locator(`section[aria-labelledby="${section}"]`).screenshot({ path: `${SCREENSHOTS}child-section-${section}.png` });
    }

    const markers = page.locator('.tl-body-map__marker[data-date^="2007"]');
    const all = await markers.count();
    assert.ok(all >= 10, `the 2007 injuries are on the map (${all})`);
    const slider = page.locator('#body-map-range');
    await slider.fill('0');
    const shown = await page.locator('.tl-body-map__marker[data-date^="2007"]:visible').count();
    assert.ok(shown < all, `the slider at its first date hides the later injuries (${shown} of ${all} shown)`);

    const barker = page.locator('table.tl-household tr', { hasText: 'Steven Barker' }).first();
    await barker.getByText('Unknown adult').waitFor();

    const acknowledge = page.getByRole('button', { name: 'Acknowledge' }).first();
    await Promise.all([page.waitForURL(/#alerts$/), acknowledge.click()]);
    await checkPage(page, 'child-after-acknowledging');

    // A source record and its versions.
    await page.locator('a[href*="/records/"]').first().click();
    await page.getByRole('heading', { level: 1 }).waitFor();
    await checkPage(page, 'child-record');
    await context.close();
  });

  test('without JavaScript: the page, and the chronology filtered by agency through the server', async () => {
    const { context } = await signIn(demo, 'team.manager');
    const { context: nojs, page } = await withoutJavaScript(demo, context);
    await page.goto(`/people/${demo.peterId}`);
    await page.getByRole('heading', { level: 2, name: 'Injury body map' }).waitFor();
    assert.equal(await page.locator('#body-map-range').count(), 0, 'the slider needs JavaScript; the from/to form stands in for it');
    assert.ok(await page.locator('.tl-body-map__marker').count() > 10);
    await page.locator('table.tl-household tr', { hasText: 'Steven Barker' }).first().getByText('Unknown adult').waitFor();
    const before = await page.locator('section[aria-labelledby="chronology"] tbody tr').count();
    await page.locator('#filter-agency').selectOption({ index: 1 });
    await Promise.all([page.waitForURL(/agency=/), page.getByRole('button', { name: 'Filter the chronology' }).click()]);
    const after = await page.locator('section[aria-labelledby="chronology"] tbody tr').count();
    assert.ok(after > 0 && after < before, `filtered: ${after} of ${before} rows`);
    await checkPage(page, 'child-no-javascript-filtered', { noJavaScript: demo });
    await nojs.close();
    await context.close();
  });
});
