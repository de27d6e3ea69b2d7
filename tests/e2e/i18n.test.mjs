// Language: Dutch by default, English on request, remembered across a reload, and back again.
// Amounts follow the language: `€ 1.234,56` in Dutch, `€1,234.56` in English.

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { assertNoIssues, settle } from './lib/browser.mjs';
import { TODAY, addDays, euro, openApp, sharedBrowserAndServer } from './lib/pages.mjs';

describe('language', () => {
  const env = sharedBrowserAndServer();

  test('Dutch by default; English switches every text and amount format and survives a reload', async () => {
    // Only the demo date: the language is left to the app's default.
    const { app, page, context, issues } = await openApp(env.browser, env.server, { seed: { 'stipt.prefs': { today: TODAY } } });

    // Default: Dutch everywhere.
    assert.equal(await app.htmlLang(), 'nl');
    assert.equal((await app.nav('customers').innerText()).trim(), 'Klanten');
    assert.equal((await app.nav('settings').innerText()).trim(), 'Instellingen');
    assert.equal(await app.titleText(), 'Overzicht');
    assert.equal(await page.title(), 'Stipt — debiteurenbeheer');
    assert.equal(await app.byTestId('lang-nl').getAttribute('aria-pressed'), 'true');

    // An overdue invoice of 1234.56, so there are amounts and dates to format.
    const customer = await app.createCustomer({ name: 'Drukkerij Het Anker', term: '30' });
    const id = await customer.id();
    await app.createInvoice(customer, { date: addDays(TODAY, -45), amount: '1.234,56' });
    assert.equal(await customer.openAmount(), euro(1234.56, 'nl'));
    assert.equal(await customer.openAmount(), '€ 1.234,56');
    await app.dashboard.open();
    await app.byTestId('kpi-open').waitFor();
    assert.equal(await app.dashboard.kpi('open'), '€ 1.234,56');
    assert.equal(await app.dashboard.kpi('overdue'), '€ 1.234,56');
    assert.equal(await app.dashboard.agingTotal(), '€ 1.234,56');
    const dutchDashboard = await app.contentText();
    assert.match(dutchDashboard, /Stand per maandag 23 november 2026/);

    // English.
    await app.setLang('en');
    assert.equal((await app.nav('customers').innerText()).trim(), 'Customers');
    assert.equal((await app.nav('dashboard').innerText()).trim(), 'Overview');
    assert.equal(await app.titleText(), 'Overview');
    assert.equal(await page.title(), 'Stipt — credit management');
    assert.equal(await app.byTestId('lang-en').getAttribute('aria-pressed'), 'true');
    assert.equal(await app.dashboard.kpi('open'), '€1,234.56');
    assert.equal(await app.dashboard.agingTotal(), euro(1234.56, 'en'));
    const englishDashboard = await app.contentText();
    assert.match(englishDashboard, /As of Monday 23 November 2026/);
    assert.match(englishDashboard, /Receivables aging/);
    for (const dutch of ['Openstaand', 'Vervallen', 'Ouderdom', 'dagen', 'Stand per']) {
      assert.ok(!englishDashboard.includes(dutch), `no Dutch "${dutch}" left on the English dashboard`);
    }
    // The customer page too: dates in English form.
    await customer.open(id);
    await app.expectTitle('Drukkerij Het Anker');
    assert.equal(await customer.openAmount(), '€1,234.56');
    assert.match(await app.contentText(), /Invoices and credit notes/);
    const englishCustomer = await app.contentText();
    assert.match(englishCustomer, /9 Oct 2026/, 'invoice date in English form');
    assert.match(englishCustomer, /8 Nov 2026/, 'due date (30 days later) in English form');
    assert.ok(!englishCustomer.includes('09-10-2026'), 'no Dutch date left');

    // The choice is kept on this device.
    const prefs = JSON.parse(await page.evaluate(() => localStorage.getItem('stipt.prefs')));
    assert.match(String(prefs.lang), /^en$/i);
    assert.equal(prefs.today, TODAY, 'the demo date is kept next to the language');
    await app.reload();
    assert.equal(await app.htmlLang(), 'en');
    assert.equal((await app.nav('customers').innerText()).trim(), 'Customers');
    assert.equal(await customer.openAmount(), '€1,234.56');

    // And back to Dutch.
    await app.setLang('nl');
    assert.equal((await app.nav('customers').innerText()).trim(), 'Klanten');
    assert.equal(await customer.openAmount(), '€ 1.234,56');
    await app.dashboard.open();
    await app.byTestId('kpi-open').waitFor();
    await app.expectTitle('Overzicht');
    assert.equal(await app.contentText(), dutchDashboard, 'the Dutch dashboard is exactly as before');

    await settle(page);
    assertNoIssues(issues);
    await context.close();
  });

  // Regression: the language code ("nl"/"en", as in <html lang>) once made the whole preference
  // record, demo date included, fall back to the defaults.
  test('preferences with a lowercase language code are read', async () => {
    const { app, page, context, issues } = await openApp(env.browser, env.server, {
      seed: { 'stipt.prefs': { lang: 'en', today: TODAY } },
      checkDemoDate: false,
    });
    assert.equal(await app.htmlLang(), 'en', 'the language is read');
    assert.equal(await app.byTestId('demo-date').count(), 1, 'the demo date is read');
    await settle(page);
    assertNoIssues(issues);
    await context.close();
  });
});
