// The work pages in Chromium: my work, find a child, record a concern (with JavaScript, the body
// map filling an injury's place; without it, the whole form), the process screen and the conference pack.
// Each page is checked with axe (WCAG 2.2 AA rules) and photographed.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { browserSkip, checkPage, signIn, startDemo, withoutJavaScript, type Demo } from './harness.ts';

describe('work pages (browser)', { skip: browserSkip }, () => {
  let demo: Demo;
  before(async () => { demo = await startDemo(); }, { timeout: 180_000 });
  after(async () => demo?.close());

  test('a GP finds Peter by a misspelt name and records a visit with an injury from the body map; then a concern without JavaScript', async () => {
    const { context, page } = await signIn(demo, 'gp');
    await page.goto('/');
    await checkPage(page, 'work-home');

    await page.goto('/find');
    await page.getByLabel('Name, date of birth, NHS number, postcode or address').fill('Petre Conelly');
    await page.getByRole('button', { name: 'Search' }).click();
    await page.getByRole('link', { name: 'Peter Connelly' }).first().waitFor();
    await checkPage(page, 'work-find');

    await page.goto(`/record?child=${demo.peterId}`);
    await page.getByLabel('A visit or an observation').check();
    assert.equal(await page.locator('[data-kind-section="concern"]').isHidden(), true, 'only the chosen kind\'s part shows');
    await page.getByLabel('Purpose of the visit').selectOption('welfare-check');
    for (const [legend, answer] of [['Did the family know about the visit beforehand?', 'No'], ['Did you see the child?', 'Yes'], ['Did you see the child alone?', 'No']] as const) {
      await page.getByRole('group', { name: legend }).getByLabel(answer).check();
    }
    await page.locator('.tl-map-spot[data-site="cheek"][data-side="left"]').click();
    assert.equal(await page.locator('#injury-0-site').inputValue(), 'cheek');
    assert.equal(await page.locator('#injury-0-side').inputValue(), 'left');
    await page.locator('#injury-0-type').selectOption('bruise');
    await checkPage(page, 'work-record');
    await Promise.all([page.waitForURL(/\/record\/done/), page.getByRole('button', { name: 'Save record' }).click()]);
    await checkPage(page, 'work-record-done');
    const c = await demo.repo.chronology({ kind: 'operator', name: 'test' }, demo.peterId);
    assert.ok(c!.entries.some((e) => e.source.startsWith('gp-1/web-') && e.injuries.some((i) => i.site === 'cheek' && i.side === 'left')));

    // A refused form, with JavaScript: the error summary takes focus.
    await page.goto(`/record?child=${demo.peterId}`);
    await page.locator('#occurred-day').fill('31');
    await page.locator('#occurred-month').fill('2');
    await page.getByLabel('What is the concern?').fill('Said he was hungry');
    await page.getByRole('button', { name: 'Save record' }).click();
    await page.getByRole('heading', { name: 'There is a problem' }).waitFor();
    assert.equal(await page.locator('.govuk-error-summary').evaluate((el) => el === el.ownerDocument.activeElement), true);
    await checkPage(page, 'work-record-error');

    const nojs = await withoutJavaScript(demo, context);
    await nojs.page.goto('/record');
    assert.equal(await nojs.page.locator('[data-body-map-picker]').isVisible(), false, 'the clickable map needs JavaScript');
    assert.equal(await nojs.page.locator('#visit-purpose').isVisible(), true, 'every part of the form shows');
    await nojs.page.getByLabel('Given name').fill('Nola');
    await nojs.page.getByLabel('Family name').fill('Nojavascript');
    await nojs.page.getByLabel('What is the concern?').fill('Left alone at home overnight');
    await Promise.all([nojs.page.waitForURL(/\/record\/done/), nojs.page.getByRole('button', { name: 'Save record' }).click()]);
    await nojs.context.close();
    await context.close();
  });

  test('find a child without JavaScript: a misspelt name, then a date of birth', async () => {
    const { context } = await signIn(demo, 'social.worker');
    const { context: nojs, page } = await withoutJavaScript(demo, context);
    for (const q of ['Peter Conelly', '01/03/2006']) {
      await page.goto('/find');
      await page.getByLabel('Name, date of birth, NHS number, postcode or address').fill(q);
      await Promise.all([page.waitForURL(/\/find\?q=/), page.getByRole('button', { name: 'Search' }).click()]);
      await page.getByRole('link', { name: 'Peter Connelly' }).first().waitFor();
    }
    await checkPage(page, 'work-find-no-javascript', { noJavaScript: demo });
    await nojs.close();
    await context.close();
  });

  test('a manager: the process screen and the conference pack', async () => {
    const { context, page } = await signIn(demo, 'team.manager');
    await page.goto(`/people/${demo.peterId}/process`);
    await checkPage(page, 'work-process');
    await page.getByRole('button', { name: 'Record supervision' }).click();
    await page.getByRole('heading', { name: 'There is a problem' }).waitFor();
    await checkPage(page, 'work-process-error');
    await page.goto(`/people/${demo.peterId}/conference-pack`);
    await checkPage(page, 'work-conference-pack');
    await context.close();
  });
});
