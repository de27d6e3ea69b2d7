// The worklist with the demo ledger: today's actions by collector and channel; an action opens
// its prepared text; "done" writes it to the diary and the next step of the policy follows;
// "skip" needs a reason; moving the demo clock brings the final notice; the letter prints on its
// own page.

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { assertNoIssues, settle } from './lib/browser.mjs';
import { openApp, sharedBrowserAndServer } from './lib/pages.mjs';

const GULDEN = 'Brouwerij Het Gulden Vat BV';

async function text(locator) {
  return (await locator.innerText()).trim();
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

    // Done: the call of the policy (due date + 21, already passed) is next: a call script with
    // the customer's latest history beside it, the letter just sent on top.
    const call = action(page, GULDEN, 'Telefonische aanmaning');
    await call.waitFor();
    await call.getByTestId('action-open').click();
    const history = await text(call.getByTestId('call-history'));
    assert.match(history, /\+32 9 223 45 67/);
    assert.match(history, /23-11-2026: Eerste aanmaning/);
    await call.getByTestId('action-done').click();
    await call.waitFor({ state: 'detached' });

    // The diary has both, the letter with its exact text.
    const list = await app.customers.open();
    await list.openCustomer(GULDEN);
    const diary = await text(app.byTestId('customer-diary'));
    assert.match(diary, /Eerste aanmaning/);
    assert.match(diary, /Telefonische aanmaning/);

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
    await app.settings.open();
    await app.byTestId('settings-today').fill('2026-12-04');
    await app.byTestId('demo-date').waitFor();
    await page.waitForFunction(() => /04-12-2026/.test(document.querySelector('[data-testid="demo-date"]')?.innerText ?? ''));
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
