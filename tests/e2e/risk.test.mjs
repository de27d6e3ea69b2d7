// Risk, as the user meets it with the demo ledger at the demo date: the overview shows every
// phase and lists the troubled customers' signals with their evidence; a customer's page shows
// the phase, grade and credit check; a prospect's credit check is done in a few fields and saved
// into the acceptance phase; recording an order for a customer on hold warns first.

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { assertNoIssues, settle } from './lib/browser.mjs';
import { EventFormPage, openApp, sharedBrowserAndServer } from './lib/pages.mjs';

async function text(locator) {
  return (await locator.innerText()).trim();
}

describe('risk', () => {
  const env = sharedBrowserAndServer();

  test('the overview: phases, grades and the signals of the demo with their evidence', async () => {
    const { app, page, issues } = await openApp(env.browser, env.server);
    await app.dashboard.loadDemo();
    await app.go('#/risk');
    await app.expectTitle('Risico');
    // Every phase has a customer in the demo.
    for (const phase of ['prospect', 'acceptance', 'monitoring', 'management', 'collection']) {
      const n = Number(await text(app.byTestId(`phase-${phase}`).locator('.value')));
      assert.ok(n >= 1, `${phase}: ${n}`);
    }
    const grades = await app.byTestId('grade-count').count();
    assert.equal(grades, 5);

    // The troubled customers with their signals; the evidence opens and names the records.
    const signals = app.byTestId('signal');
    assert.ok((await signals.count()) >= 8, 'the demo shows many signals');
    const kinds = await signals.evaluateAll((els) => els.map((e) => e.dataset.kind));
    for (const k of ['ScoreChange', 'NoCommunication', 'BrokenPromises', 'LingeringDispute', 'BuyingLess']) {
      assert.ok(kinds.includes(k), `${k} in ${kinds}`);
    }
    // Sorted by severity: the first is a high one.
    assert.match(await text(signals.first().locator('summary')), /^Hoog/);
    const broken = app.page.locator('[data-testid="signal"][data-kind="BrokenPromises"]').first();
    await broken.locator('summary strong').click();
    await broken.getByTestId('signal-evidence').locator('li').first().waitFor();
    const evidence = await text(broken.getByTestId('signal-evidence'));
    assert.match(evidence, /\d{2}-\d{2}-\d{4}/, 'the evidence names dates');
    assert.match(evidence, /€ [\d.]+,\d\d/, 'and amounts');

    // English.
    await app.setLang('en');
    await app.expectTitle('Risk');
    assert.match(await text(app.byTestId('risk-signals')), /Signals/);
    await settle(page);
    assertNoIssues(issues);
  });

  test('a customer page: phase with reason, grade and history, credit check', async () => {
    const { app, page, issues } = await openApp(env.browser, env.server);
    await app.dashboard.loadDemo();
    const list = await app.customers.open();
    await list.openCustomer('Installatiebedrijf Hofstede & Zn. B.V.');
    const panel = app.byTestId('risk-panel');
    await panel.waitFor();
    assert.equal(await text(app.byTestId('customer-phase')), 'Beheer');
    assert.match(await text(app.byTestId('phase-reason')), /facturen? vervallen/);
    assert.match(await text(app.byTestId('customer-grade')), /^[A-D]$/);
    await app.byTestId('grade-history').waitFor();
    assert.ok((await panel.locator('[data-testid="signal"]').count()) >= 2);
    assert.ok((await text(app.byTestId('credit-decision'))).length > 0);
    // In management: what a hand-over would be today, with interest and costs.
    assert.match(await text(app.byTestId('hand-over')), /Totaal\s+€ [\d.]+,\d\d/);

    // A credit-insured customer: what the insurer would pay (90% by default).
    await app.customers.open();
    await list.openCustomer('Brouwerij Het Gulden Vat BV');
    await app.byTestId('risk-panel').waitFor();
    assert.match(await text(app.byTestId('insurer-claim')), /de verzekeraar keert 90% daarvan uit/);
    assert.equal(await app.page.locator('[data-testid="signal"][data-kind="PatternChange"]').count(), 1);
    await settle(page);
    assertNoIssues(issues);
  });

  test('a credit check for a prospect, saved into the acceptance phase', async () => {
    const { app, page, issues } = await openApp(env.browser, env.server);
    await app.go('#/risk');
    await app.byTestId('risk-credit-check').click();
    await app.expectTitle('Kredietcheck voor een nieuwe klant');
    await app.byTestId('cc-name').fill('Bouwbedrijf Jansen');
    await app.byTestId('cc-sector').fill('Bouw');
    await app.byTestId('cc-score').fill('72');
    await app.byTestId('cc-revenue').fill('40000');
    await app.byTestId('cc-requested').fill('5000');
    // 25% of 40,000 × 0.60 (no history) × 0.72 (score) × 0.50 (construction: high risk) = 2,160,
    // rounded down to 2,100; 5,000 asked is more.
    await page.waitForFunction(() => /2\.100,00/.test(document.querySelector('[data-testid="credit-limit"]')?.innerText ?? ''));
    assert.equal(await text(app.byTestId('credit-decision')), 'Accepteren tot € 2.100,00');
    assert.ok((await app.byTestId('credit-reasons').locator('li').count()) >= 3);
    assert.ok((await app.byTestId('credit-steps').locator('li').count()) >= 4);

    // A bad score is named, nothing is decided on it.
    await app.byTestId('cc-score').fill('120');
    await app.byTestId('credit-errors').waitFor();
    await app.byTestId('cc-score').fill('72');
    await app.byTestId('credit-decision').waitFor();

    await app.byTestId('credit-save').click();
    await app.expectHash(/^#\/customers\/\d+$/);
    await app.expectTitle('Bouwbedrijf Jansen');
    await app.byTestId('risk-panel').waitFor();
    assert.equal(await text(app.byTestId('customer-phase')), 'Acceptatie');
    // The decision is in the diary, and the limit is set.
    assert.match(await app.contentText(), /Kredietcheck: Accepteren tot € 2\.100,00/);
    assert.match(await app.contentText(), /€ 2\.100,00/);
    await settle(page);
    assertNoIssues(issues);
  });

  test('an order for a customer on hold warns before it is saved', async () => {
    const { app, page, issues } = await openApp(env.browser, env.server);
    await app.dashboard.loadDemo();
    const list = await app.customers.open();
    const customer = await list.openCustomer('Fietsfabriek.nl B.V.');
    await customer.newEvent();
    const form = new EventFormPage(app);
    await form.fill({ type: 'order', amount: '1500' });
    const warnings = app.byTestId('order-warnings');
    await warnings.waitFor();
    const said = await text(warnings);
    assert.match(said, /on hold/);
    assert.match(said, /vooruitbetaling/);
    await settle(page);
    assertNoIssues(issues);
  });
});
