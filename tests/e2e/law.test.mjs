// The law, as the user meets it: the calculator page (statutory interest and costs to the cent,
// in Dutch and English, the consumer's 14-day letter, a gap in the rate table) and the claim
// panel on a customer and on an invoice, computed from the ledger as of a chosen date.
//
// The figures are those of the engine's table tests: EUR 1,000 due 31 January 2024, to 1 March
// 2024: 30 days at 12.5% over 366 = 10.25 interest, 150 collection costs, 1,160.25 in all.

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { assertNoIssues, screenshot, settle } from './lib/browser.mjs';
import { euro, openApp, sharedBrowserAndServer } from './lib/pages.mjs';

async function text(app, testid) {
  return (await app.byTestId(testid).first().innerText()).trim();
}

/** Waits until the element with `testid` reads `expected` (the result follows each keystroke). */
async function expectText(app, testid, expected) {
  await app.page.waitForFunction(
    ([id, want]) => document.querySelector(`[data-testid="${id}"]`)?.innerText.trim() === want,
    [testid, expected],
    { timeout: 5000 },
  ).catch(() => {});
  assert.equal(await text(app, testid), expected, testid);
}

describe('interest and collection costs', () => {
  const env = sharedBrowserAndServer();

  test('the calculator: statutory interest and costs, both languages, consumer letter, table gap', async () => {
    const { app, page, issues } = await openApp(env.browser, env.server, { hash: '#/calculator' });
    await app.expectTitle('Rekenhulp rente en incassokosten');
    await app.byTestId('calc-amount').fill('1.000,00');
    await app.byTestId('calc-invoice-date').fill('2024-01-01');
    await app.byTestId('calc-due').fill('2024-01-31');
    await app.byTestId('calc-as-of').fill('2024-03-01');

    await expectText(app, 'claim-total', euro(1160.25));
    assert.equal(await text(app, 'claim-interest'), euro(10.25));
    assert.equal(await text(app, 'claim-costs-total'), euro(150));
    assert.equal(await text(app, 'claim-principal'), euro(1000));
    const line = await text(app, 'claim-lines');
    assert.match(line, /Wettelijke rente/);
    assert.match(line, /01-02-2024 – 01-03-2024/);
    assert.match(line, /30\/366/);
    assert.match(line, /12,5%/);
    assert.match(line, /6:119a BW/);
    assert.match(await text(app, 'claim-costs'), /15% over € 0,00 – € 2\.500,00/);
    assert.match(await app.byTestId('claim-text').inputValue(), /Totaal verschuldigd: € 1\.160,25/);
    await screenshot(page, 'calculator-nl');

    // The same in English.
    await app.setLang('en');
    await expectText(app, 'claim-total', euro(1160.25, 'en'));
    assert.match(await text(app, 'claim-lines'), /Statutory interest.*1 Feb 2024 – 1 Mar 2024/s);
    assert.match(await app.byTestId('claim-text').inputValue(), /Total due: €1,160\.25/);
    await app.setLang('nl');

    // A consumer: no costs without a 14-day letter, then from the day after its 14 days.
    await app.byTestId('calc-kind').selectOption('consumer');
    await expectText(app, 'claim-costs-total', euro(0));
    assert.match(await text(app, 'claim-condition'), /veertiendagenbrief/);
    await app.byTestId('calc-letter').fill('2024-02-01');
    await expectText(app, 'claim-costs-total', euro(150));
    assert.match(await text(app, 'claim-condition'), /verstreken: kosten verschuldigd vanaf 18-02-2024/);

    // A partial payment is applied to interest first (art. 6:44 BW).
    await app.byTestId('calc-add-payment').click();
    await app.byTestId('calc-pay-date').fill('2024-02-10');
    await app.byTestId('calc-pay-amount').fill('500');
    await page.waitForFunction(() => /Betaling →/.test(document.querySelector('[data-testid="claim-lines"]')?.innerText ?? ''));
    assert.match(await text(app, 'claim-lines'), /Betaling → rente € [\d,]+, hoofdsom € 4\d\d,\d\d/);

    // A bad amount is named with its row; nothing is computed from it.
    await app.byTestId('calc-add-claim').click();
    await app.byTestId('calc-amount').nth(1).fill('veel');
    await expectText(app, 'calc-errors', 'Factuur 2: vul een bedrag groter dan nul in.');
    await app.page.getByRole('button', { name: 'Regel verwijderen' }).nth(1).click();
    await app.byTestId('claim-total').waitFor();

    // Past the end of the shipped table: an explicit error, never a silent zero.
    await app.byTestId('calc-kind').selectOption('business');
    await app.byTestId('calc-invoice-date').fill('2026-05-01');
    await app.byTestId('calc-due').fill('2026-05-31');
    await app.byTestId('calc-as-of').fill('2026-11-23');
    await app.byTestId('claim-error').waitFor();
    assert.match(await text(app, 'claim-error'), /Geen rente bekend voor 01-07-2026 – 23-11-2026/);
    await settle(page);
    assertNoIssues(issues);
  });

  test('the claim panel on a customer and on an invoice', async () => {
    const { app, page, issues } = await openApp(env.browser, env.server);
    const customer = await app.createCustomer({ name: 'Jansen Installatie', term: '30' });
    await app.createInvoice(customer, { number: 'F-2024-7', date: '2024-01-01', due: '2024-01-31', amount: '1000' });
    await app.createInvoice(customer, { number: 'F-2024-9', date: '2024-02-15', due: '2024-03-15', amount: '200' });

    // Today (23-11-2026) is past the shipped table: the panel says so and links to Settings.
    await app.byTestId('claim-panel').waitFor();
    await app.byTestId('claim-error').waitFor();
    assert.match(await text(app, 'claim-error'), /Geen rente bekend voor 01-07-2026/);

    // As of 1 March 2024 only F-2024-7 is overdue: the figures of the calculator.
    await app.byTestId('claim-as-of').fill('2024-03-01');
    await expectText(app, 'claim-total', euro(1160.25));
    assert.match(await text(app, 'claim-panel'), /Factuur F-2024-7/);
    assert.doesNotMatch(await text(app, 'claim-panel'), /Factuur F-2024-9/);
    await screenshot(page, 'claim-panel-customer');

    // As of 1 April both are: the staffel over the total (1,200 -> 180).
    await app.byTestId('claim-as-of').fill('2024-04-01');
    await expectText(app, 'claim-costs-total', euro(180));

    // On the invoice itself.
    await app.page.getByRole('link', { name: 'F-2024-9' }).first().click();
    await app.byTestId('claim-panel').waitFor();
    await app.byTestId('claim-as-of').fill('2024-04-01');
    await expectText(app, 'claim-principal', euro(200));
    assert.equal(await text(app, 'claim-costs-total'), euro(40));
    await settle(page);
    assertNoIssues(issues);
  });
});
