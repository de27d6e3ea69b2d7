// The main flow, through the forms: a customer (an invalid IBAN is refused in Dutch and what
// was typed is kept), two invoices (due date = invoice date + the customer's term), a partial
// payment allocated oldest first, a promise to pay in the diary; the customer page adds it all
// up, and after a reload everything is still there, stored as a snapshot with a revision.

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { assertNoIssues, settle } from './lib/browser.mjs';
import { CustomerFormPage, TODAY, addDays, euro, nlDate, openApp, storedLedger, sharedBrowserAndServer } from './lib/pages.mjs';

const NAME = 'Bakkerij De Korenschoof';
const BAD_IBAN = 'NL00 BANK 0123 4567 89';
const GOOD_IBAN = 'NL91 ABNA 0417 1643 00';
const TERM = 14;

describe('the ledger through the forms', () => {
  const env = sharedBrowserAndServer();

  test('customer, invoices, partial payment, promise; all kept after a reload', async () => {
    const { app, page, context, issues } = await openApp(env.browser, env.server);
    await app.dashboard.welcome.waitFor();

    // --- The customer, with an invalid IBAN first.
    await app.byTestId('welcome-customer').click();
    await app.byTestId('customer-form').waitFor();
    await app.expectTitle('Nieuwe klant');
    const form = new CustomerFormPage(app);
    const typed = {
      name: NAME,
      contact: 'Els de Vries',
      email: 'els@korenschoof.nl',
      street: 'Molenstraat 3',
      postcode: '9711 AB',
      city: 'Groningen',
      iban: BAD_IBAN,
      term: String(TERM),
    };
    const number = await form.value('number');
    assert.match(number, /^D\d{4}$/, 'a customer number is suggested');
    await form.fill(typed);
    const error = await form.saveExpectingError();
    assert.equal(error, `'${BAD_IBAN}' is geen geldig IBAN`);
    assert.equal(await app.hash(), '#/customers/new', 'the form stays open');
    for (const [field, value] of Object.entries(typed)) {
      assert.equal(await form.value(field), value, `${field} is kept as typed`);
    }
    assert.equal(await form.value('number'), number);

    await form.fill({ iban: GOOD_IBAN });
    const customer = await form.save();
    await app.expectTitle(NAME);
    await app.expectToast(new RegExp(`${NAME} is opgeslagen\\.`));
    const id = await customer.id();
    assert.equal(await customer.openAmount(), euro(0));
    assert.match(await app.contentText(), /NL91 ABNA 0417 1643 00/);

    // --- Two invoices; the due date follows the customer's term.
    let invoice = await customer.newInvoice();
    assert.equal(await invoice.value('customer'), String(id), 'the customer is chosen');
    assert.equal(await invoice.value('date'), TODAY, 'dated today (the demo date)');
    assert.equal(await invoice.value('due'), addDays(TODAY, TERM), `due ${TERM} days later`);
    assert.match(await app.byTestId('invoice-term-hint').innerText(), /Betaaltermijn klant: 14 dagen/);
    const dateA = addDays(TODAY, -40);
    await invoice.fill({ date: dateA });
    assert.equal(await invoice.value('due'), addDays(dateA, TERM), 'the due date follows the invoice date');
    const numberA = await invoice.value('number');
    await invoice.fill({ amount: '1.250,00', description: 'Broodleveranties september' });
    await invoice.save();
    await app.expectToast(new RegExp(`Factuur ${numberA} is toegevoegd\\.`));

    invoice = await customer.newInvoice();
    const numberB = await invoice.value('number');
    assert.notEqual(numberB, numberA, 'the next free number is suggested');
    const dateB = addDays(TODAY, -20);
    await invoice.fill({ date: dateB, amount: '500,00', description: 'Broodleveranties oktober' });
    assert.equal(await invoice.value('due'), addDays(dateB, TERM));
    await invoice.save();
    assert.equal(await customer.openAmount(), euro(1750));
    assert.equal(await customer.overdueAmount(), euro(1750), 'both are past due');

    // --- A partial payment, oldest first: A is paid, B partly.
    const payment = await customer.newPayment();
    assert.equal(await app.byTestId('payment-mode').inputValue(), 'oldest');
    await payment.fill({ amount: '1.400,00', reference: `${numberA} en deel ${numberB}` });
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="alloc-preview-line"]').length === 2);
    const preview = await app.byTestId('alloc-preview-line').allInnerTexts();
    assert.deepEqual(
      preview.map((l) => l.replace(/\s+/g, ' ').trim()),
      [`${numberA} ${euro(1250)}`, `${numberB} ${euro(150)}`],
      'the preview spreads it oldest first',
    );
    await payment.save();
    assert.equal(await customer.openAmount(), euro(350));
    assert.equal(await customer.invoiceStatus(numberA), 'Betaald');
    assert.equal(await customer.invoiceStatus(numberB), 'Deels betaald');
    const rowB = (await customer.invoiceRow(numberB).innerText()).replace(/\s+/g, ' ');
    assert.ok(rowB.includes(`${euro(500)} ${euro(350)}`), `B: amount 500, open 350 (${rowB})`);
    assert.equal(await customer.paymentRows.count(), 1);

    // --- A promise to pay the rest.
    const promiseBy = addDays(TODAY, 8);
    const event = await customer.newEvent();
    await event.fill({
      type: 'promise',
      invoice: await app.byTestId('event-invoice').locator('option', { hasText: numberB }).getAttribute('value'),
      amount: '350,00',
      promiseDate: promiseBy,
      note: 'Belt terug: betaalt de rest volgende week.',
    });
    await event.save();

    // --- The customer page adds it all up.
    await customer.open(id);
    assert.equal(await customer.openAmount(), euro(350));
    assert.equal(await customer.invoiceStatus(numberB), 'Deels betaald');
    assert.deepEqual(
      (await customer.timelineKinds()).sort(),
      ['document', 'document', 'event', 'payment'],
      'two invoices, a payment and a diary entry in the timeline',
    );
    const promise = customer.timelineItems.filter({ hasText: 'Belt terug' });
    const promiseText = (await promise.innerText()).replace(/\s+/g, ' ');
    assert.match(promiseText, new RegExp(`${euro(350).replace(/[.$]/g, '\\$&')} uiterlijk ${nlDate(promiseBy)}`));
    assert.match(promiseText, new RegExp(`factuur ${numberB}`));
    const pageBefore = await app.contentText();

    // --- Reload: the same page, from storage.
    await app.reload();
    await app.expectTitle(NAME);
    await app.byTestId('timeline').waitFor();
    assert.equal(await app.contentText(), pageBefore, 'the customer page is exactly the same after a reload');

    const stored = await storedLedger(page);
    assert.ok(stored.meta.revision >= 5, `revision ${stored.meta.revision} after five saves`);
    assert.equal(stored.customers.length, 1);
    assert.equal(stored.customers[0].name, NAME);
    assert.equal(stored.customers[0].iban.replace(/ /g, ''), 'NL91ABNA0417164300');
    assert.equal(stored.customers[0].term, TERM);
    assert.equal(stored.invoices.length, 2);
    assert.equal(stored.payments.length, 1);
    assert.equal(stored.events.length, 1);

    // The dashboard agrees.
    await app.dashboard.open();
    await app.byTestId('kpi-open').waitFor();
    assert.equal(await app.dashboard.kpi('open'), euro(350));
    assert.equal(await app.dashboard.agingTotal(), euro(350));

    await settle(page);
    assertNoIssues(issues);
    await context.close();
  });
});
