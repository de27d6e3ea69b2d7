// Training mode: a scenario in its own workspace, a clock that moves, an action on the worklist,
// the milestone of the day, the summary; leaving brings the user's own ledger back with every
// stored entry byte for byte as it was. Large-font mode fits a 1280x720 projector.

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { assertNoIssues, settle } from './lib/browser.mjs';
import { openApp, sharedBrowserAndServer, storedEntries } from './lib/pages.mjs';

const SESSION_KEY = 'stipt-training.session';

async function text(locator) {
  return (await locator.innerText()).trim();
}

/** Waits until the banner shows `day`. */
async function expectDay(page, day) {
  await page.waitForFunction(
    (d) => document.querySelector('[data-testid="training-day"]')?.textContent.includes(`dag ${d} van`),
    day,
  );
}

function worklistAction(page, title) {
  return page.getByTestId('action').filter({ has: page.getByTestId('action-title').getByText(title, { exact: true }) });
}

async function session(page) {
  return page.evaluate((k) => JSON.parse(localStorage.getItem(k) ?? 'null'), SESSION_KEY);
}

describe('training mode', () => {
  const env = sharedBrowserAndServer();

  test('a scenario, the clock, an action, the milestone, the summary; the own ledger untouched', async () => {
    const { app, page, context, issues } = await openApp(env.browser, env.server);
    await app.loadDemo();
    await app.dismissToast();
    const own = await storedEntries(page);
    assert.ok(own['stipt.meta'] && Object.keys(own).length > 3, 'the demo ledger is stored');
    const company = await text(app.byTestId('topbar-company'));

    // Settings → Demo → Training; start "the broken promises".
    await app.byTestId('demo-training').click();
    await app.expectTitle('Training');
    assert.equal(await page.getByTestId('training-scenario').count(), 7);
    await app.byTestId('training-seed').fill('2026');
    await page.locator('[data-testid="training-scenario"][data-key="broken-promises"]').getByTestId('training-start').click();
    await app.expectHash(/#\/today$/);
    await app.expectTitle('Vandaag');
    assert.match(await text(app.byTestId('training-title')), /Trainingsmodus: De gebroken beloftes/);
    await expectDay(page, 0);
    assert.notEqual(await text(app.byTestId('topbar-company')), company, 'the scenario ledger shows');
    assert.match(await text(app.byTestId('demo-date')), /Trainingsdatum/);

    // Day 0: the milestone is the first dunning letter on the worklist; do it.
    assert.match(await text(app.byTestId('training-now')), /Dag 0: de stap 'Eerste aanmaning' staat op de werklijst/);
    const first = worklistAction(page, 'Eerste aanmaning');
    await first.getByTestId('action-done').click();
    await app.expectToast(/Vastgelegd in het dossier/);
    await first.waitFor({ state: 'detached' });
    assert.equal((await session(page)).events.length, 1, 'the action is recorded in the training session');

    // The clock: a day, a week, a day. On day 9 the broken promise shows, with its explanation.
    await app.byTestId('clock-day').click();
    await expectDay(page, 1);
    await app.byTestId('clock-week').click();
    await expectDay(page, 8);
    assert.equal(await app.byTestId('training-now').count(), 0, 'no milestone on day 8');
    assert.match(await text(app.byTestId('training-next')), /Volgende mijlpaal op dag 9/);
    await app.byTestId('clock-day').click();
    await expectDay(page, 9);
    const now = await text(app.byTestId('training-now'));
    assert.match(now, /Wat je nu ziet/i);
    assert.match(now, /Dag 9: het signaal '.+' verschijnt/);
    await app.byTestId('training-milestone-link').first().click();
    await app.expectHash(/#\/risk$/);

    // Back a week and forward again: the action of day 0 is still there.
    await app.byTestId('clock-back-week').click();
    await expectDay(page, 2);
    assert.equal((await session(page)).events.length, 1);

    // Jump to day 11 by date: the call about the broken promise is on the worklist; make it.
    const start = new Date(`${await page.locator('[data-testid="clock-date"]').getAttribute('min')}T00:00:00Z`);
    start.setUTCDate(start.getUTCDate() + 11);
    await app.byTestId('clock-date').fill(start.toISOString().slice(0, 10));
    await app.byTestId('clock-date').dispatchEvent('change');
    await expectDay(page, 11);
    assert.match(await text(app.byTestId('training-now')), /Dag 11: het belverzoek 'belofte niet nagekomen' staat op de werklijst/);
    await app.go('#/today');
    const call = worklistAction(page, 'Belofte niet nagekomen: bellen');
    await call.getByTestId('action-done').click();
    await app.expectToast(/Vastgelegd in het dossier/);
    await call.waitFor({ state: 'detached' });
    assert.equal((await session(page)).events.length, 2);

    // The summary: two actions done, next to the textbook, in Dutch and English.
    await app.byTestId('training-summary-link').click();
    await app.expectTitle('Samenvatting van de training');
    assert.equal(await text(app.byTestId('summary-done-count').getByTestId('mine')), '2');
    assert.match(await text(app.byTestId('summary-done-count').getByTestId('textbook')), /^\d+$/);
    assert.match(await text(app.byTestId('summary-collected').getByTestId('textbook')), /€/);
    const done = await text(app.byTestId('summary-done'));
    assert.match(done, /Eerste aanmaning/);
    assert.match(done, /Belofte niet nagekomen: bellen/);
    assert.match(await text(app.byTestId('summary-not-ended')), /loopt tot dag 50/);
    await app.setLang('en');
    await app.expectTitle('Training summary');
    assert.match(await text(app.byTestId('training-title')), /Training mode: The broken promises/);
    await app.setLang('nl');
    // To the end of the story: the summary is computed again for day 50.
    await app.byTestId('summary-to-end').click();
    await expectDay(page, 50);
    await app.byTestId('summary-not-ended').waitFor({ state: 'detached' });

    // Nothing of the user's own ledger was written meanwhile.
    assert.deepEqual(await storedEntries(page), own, 'training wrote no stipt. key');

    // Leave: the own ledger shows again, every stored entry byte for byte as before.
    await app.byTestId('training-leave').click();
    await app.confirm();
    await app.expectHash(/#\/$/);
    await app.byTestId('training-banner').waitFor({ state: 'detached' });
    assert.equal(await text(app.byTestId('topbar-company')), company);
    assert.equal(await session(page), null, 'the training session is removed');
    assert.deepEqual(await storedEntries(page), own);
    await app.reload();
    assert.equal(await app.byTestId('training-banner').count(), 0);
    assert.equal(await text(app.byTestId('topbar-company')), company);
    assert.deepEqual(await storedEntries(page), own);

    await settle(page);
    assertNoIssues(issues);
    await context.close();
  });

  test('training survives a reload; a change outside the diary is refused; the tour walks the phases', async () => {
    const { app, page, context, issues } = await openApp(env.browser, env.server);
    await app.loadDemo();
    await app.dismissToast();
    const own = await storedEntries(page);
    await app.go('#/training');
    await page.locator('[data-testid="training-scenario"][data-key="excuses"]').getByTestId('training-start').click();
    await app.expectTitle('Vandaag');
    await app.byTestId('clock-week').click();
    await expectDay(page, 7);
    await app.reload();
    await expectDay(page, 7);

    // The scenario's settings are not the trainee's to change.
    await app.settings.open();
    await app.byTestId('settings-term').fill('45');
    await app.byTestId('settings-save').click();
    const refused = app.byTestId('settings-defaults').getByTestId('form-error');
    await refused.waitFor();
    assert.match(await text(refused), /In de training leg je acties vast in het dossier/);

    // The tour: step 1 of 10 on the risk page, next goes to its page, the rule links to Settings.
    await app.byTestId('training-tour').click();
    await app.byTestId('tour-panel').waitFor();
    assert.match(await text(app.byTestId('tour-count')), /stap 1 van 10/i);
    await app.expectHash(/#\/risk$/);
    await app.byTestId('tour-next').click();
    assert.match(await text(app.byTestId('tour-title')), /^2\. Acceptatie/);
    await app.expectHash(/#\/credit-check$/);
    await app.byTestId('tour-rule').click();
    await app.expectHash(/#\/settings$/);
    await app.byTestId('tour-close').click();
    await app.byTestId('tour-panel').waitFor({ state: 'detached' });

    await app.byTestId('training-leave').click();
    await app.confirm();
    assert.deepEqual(await storedEntries(page), own);
    await settle(page);
    assertNoIssues(issues);
    await context.close();
  });

  test('large-font mode at 1280x720: no page is wider than the screen', async () => {
    const width = 1280;
    const { app, page, context, issues } = await openApp(env.browser, env.server, { viewport: { width, height: 720 } });
    await app.loadDemo();
    await app.dismissToast();
    await app.go('#/training');
    await page.locator('[data-testid="training-scenario"][data-key="consumer-14-day-letter"]').getByTestId('training-start').click();
    await app.expectTitle('Vandaag');
    await app.byTestId('training-large-font').click();
    await page.waitForFunction(() => document.documentElement.classList.contains('large-font'));
    const rootSize = await page.evaluate(() => parseFloat(getComputedStyle(document.documentElement).fontSize));
    assert.ok(rootSize >= 18, `root font ${rootSize}px`);
    await app.byTestId('clock-month').click();
    await expectDay(page, 30);
    await app.byTestId('training-tour').click();
    await app.byTestId('tour-panel').waitFor();
    const wide = [];
    for (const hash of ['#/today', '#/risk', '#/customers', '#/', '#/training', '#/training/summary', '#/settings']) {
      await app.go(hash);
      await settle(page, 100);
      const scrollWidth = await page.evaluate(() => document.documentElement.scrollWidth);
      if (scrollWidth > width + 1) wide.push(`${hash}: ${scrollWidth}px`);
    }
    assert.deepEqual(wide, []);
    await app.go('#/settings');
    assert.equal(await app.byTestId('settings-large-font').isChecked(), true, 'the same preference in Settings');
    await app.byTestId('settings-large-font').uncheck();
    await page.waitForFunction(() => !document.documentElement.classList.contains('large-font'));
    await settle(page);
    assertNoIssues(issues);
    await context.close();
  });
});
