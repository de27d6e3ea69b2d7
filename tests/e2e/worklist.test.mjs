// The worklist with the demo ledger: today's actions by collector and channel; an action opens
// its prepared text; "done" writes it to the diary; the policy's next step comes when the clock
// has moved past the letter's deadline; "skip" needs a reason; the final notice prints on its
// own page.

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { assertNoIssues, settle } from './lib/browser.mjs';
import { openApp, sharedBrowserAndServer } from './lib/pages.mjs';

const GULDEN = 'Brouwerij Het Gulden Vat BV';

async function text(locator) {
  return (await locator.innerText()).trim();
}

/** Moves the demo clock (Settings) to `iso`. */
async function setToday(app, page, iso) {
  await app.settings.open();
  await app.byTestId('settings-today').fill(iso);
  const [y, m, d] = iso.split('-');
  await page.waitForFunction((s) => document.querySelector('[data-testid="demo-date"]')?.innerText.includes(s), `${d}-${m}-${y}`);
}

/** The action for `customer` whose title is `title`. */
function action(page, customer, title) {
  return page
    .getByTestId('action')
    .filter({ hasText: customer })
    .filter({ has: page.getByTestId('action-title').getByText(title, { exact: true }) });
}

describe('the worklist', () => {
  const env = sharedBrowserAndServer();

  test('demo: done, diary, next step, skip with a reason, the clock moves, the letter', async () => {
    const { app, page, issues } = await openApp(env.browser, env.server);
    await app.dashboard.loadDemo();
    await app.go('#/today');
    await app.expectTitle('Vandaag');
    assert.ok((await page.getByTestId('action').count()) >= 8, 'the demo has work today');
    assert.ok((await page.getByTestId('action-group').count()) >= 3, 'grouped by collector and channel');
    assert.match(await text(app.byTestId('worklist-held')), /Fietsfabriek\.nl B\.V\.\s+on hold/);

    // The brewery's first dunning letter: the text names the invoice and the amount.
    const first = action(page, GULDEN, 'Eerste aanmaning');
    await first.getByTestId('action-open').click();
    const prepared = await text(first.getByTestId('action-text'));
    assert.match(prepared, /2026-0060/);
    assert.match(prepared, /€ 2\.150,00/);
    await first.getByTestId('action-done').click();
    await app.expectToast(/Vastgelegd in het dossier/);
    await first.waitFor({ state: 'detached' });

    // The diary has the letter with its exact text.
    let list = await app.customers.open();
    await list.openCustomer(GULDEN);
    assert.match(await text(app.byTestId('customer-diary')), /Eerste aanmaning/);

    // The call of the policy waits until the letter's 7 days have passed: on 1 December it is
    // there, a call script with the customer's latest history beside it, the letter on top.
    await app.go('#/today');
    assert.equal(await action(page, GULDEN, 'Telefonische aanmaning').count(), 0);
    await setToday(app, page, '2026-12-01');
    await app.go('#/today');
    const call = action(page, GULDEN, 'Telefonische aanmaning');
    await call.waitFor();
    await call.getByTestId('action-open').click();
    const history = await text(call.getByTestId('call-history'));
    assert.match(history, /\+32 9 223 45 67/);
    assert.match(history, /23-11-2026: Eerste aanmaning/);
    await call.getByTestId('action-done').click();
    await call.waitFor({ state: 'detached' });
    list = await app.customers.open();
    await list.openCustomer(GULDEN);
    assert.match(await text(app.byTestId('customer-diary')), /Telefonische aanmaning/);

    // How the policy has worked, per step, from the demo's diary and payments.
    await app.go('#/today');
    await app.byTestId('policy-evaluation').locator('summary').click();
    assert.ok((await page.getByTestId('evaluation-row').count()) >= 2);
    assert.match(await text(app.byTestId('policy-evaluation')), /Herinnering/);

    // Skipping needs a reason.
    await app.go('#/today');
    const some = page.getByTestId('action').first();
    const before = await page.getByTestId('action').count();
    await some.getByTestId('action-skip').click();
    await some.getByTestId('action-confirm').click();
    assert.match(await text(some.getByTestId('action-error')), /Geef een reden op/);
    await some.getByTestId('action-reason').fill('Klant heeft vandaag al gebeld');
    await some.getByTestId('action-confirm').click();
    await app.expectToast(/Vastgelegd in het dossier/);
    await page.waitForFunction((n) => document.querySelectorAll('[data-testid="action"]').length !== n, before);

    // The clock moves to the final notice date of the brewery's invoice (due date + 35).
    await setToday(app, page, '2026-12-04');
    await app.go('#/today');
    const final = action(page, GULDEN, 'Laatste aanmaning');
    await final.waitFor();
    await final.getByTestId('action-open').click();
    assert.match(await text(final.getByTestId('action-text')), /2026-0060/);

    // The letter on its own page, ready to print.
    await final.getByTestId('action-letter').click();
    await app.byTestId('letter-page').waitFor();
    const letter = await text(app.byTestId('letter-body'));
    assert.match(letter, /2026-0060/);
    assert.match(letter, /€ 2\.150,00/);
    await page.emulateMedia({ media: 'print' });
    assert.equal(await page.locator('.sidebar').isVisible(), false, 'no navigation on paper');
    assert.equal(await app.byTestId('letter-print').isVisible(), false, 'no buttons on paper');
    await page.emulateMedia({ media: 'screen' });
    await settle(page);
    assertNoIssues(issues);
  });
});
