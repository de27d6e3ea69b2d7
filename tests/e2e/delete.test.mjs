// Deleting a customer asks first (cancel keeps it), removes the customer with its documents,
// and can be undone from the toast: the customer comes back with its invoices, also in storage.

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { assertNoIssues, settle } from './lib/browser.mjs';
import { TODAY, addDays, openApp, storedLedger, sharedBrowserAndServer } from './lib/pages.mjs';

describe('deleting a customer', () => {
  const env = sharedBrowserAndServer();

  test('confirm, cancel, delete, undo from the toast', async () => {
    const { app, page, context, issues } = await openApp(env.browser, env.server);

    // Two customers, so the list is not simply empty afterwards; the one to delete has two invoices.
    await app.createCustomer({ name: 'Blijvend Bedrijf BV' });
    const customer = await app.createCustomer({ name: 'Weg Ermee VOF', term: '30' });
    const id = await customer.id();
    await app.createInvoice(customer, { date: addDays(TODAY, -40), amount: '800,00' });
    await app.createInvoice(customer, { date: addDays(TODAY, -5), amount: '200,00' });
    await customer.open(id);
    const numbers = await customer.invoiceRows.evaluateAll((rows) => rows.map((r) => r.dataset.number));
    assert.equal(numbers.length, 2);
    assert.equal(await customer.openAmount(), '€ 1.000,00');
    const pageBefore = await app.contentText();
    const storedBefore = await storedLedger(page);
    assert.equal(storedBefore.customers.length, 2);
    assert.equal(storedBefore.invoices.length, 2);

    // Cancel: nothing happens.
    await customer.delete();
    const question = (await app.confirmDialog.innerText()).trim();
    assert.match(question, /Klant verwijderen\?/);
    assert.match(question, /Weg Ermee VOF wordt verwijderd, met 2 facturen/);
    await app.cancelConfirm();
    assert.equal(await app.hash(), `#/customers/${id}`);
    await app.expectTitle('Weg Ermee VOF');
    assert.deepEqual((await storedLedger(page)).meta, storedBefore.meta, 'nothing saved on cancel');

    // Clicking beside the dialog cancels too.
    await customer.delete();
    await page.mouse.click(5, 5);
    await app.confirmDialog.waitFor({ state: 'detached' });
    assert.deepEqual((await storedLedger(page)).meta, storedBefore.meta, 'nothing saved on a click outside');

    // Confirm: gone from the list, from the invoices and from storage.
    await customer.delete();
    await app.confirm();
    await app.expectHash(/^#\/customers$/);
    await app.expectToast(/Weg Ermee VOF is verwijderd\./);
    await app.byTestId('toast-undo').waitFor();
    assert.deepEqual(await app.customers.names(), ['Blijvend Bedrijf BV']);
    const storedDeleted = await storedLedger(page);
    assert.deepEqual(storedDeleted.customers.map((c) => c.name), ['Blijvend Bedrijf BV']);
    assert.equal(storedDeleted.invoices.length, 0, 'its invoices went with it');
    await app.go(`#/customers/${id}`);
    await app.byTestId('not-found').waitFor();

    // Undo: back with its invoices, and saved.
    await app.byTestId('toast-undo').click();
    await app.expectToast(/Ongedaan gemaakt/);
    await customer.open(id);
    await app.expectTitle('Weg Ermee VOF');
    assert.deepEqual(await customer.invoiceRows.evaluateAll((rows) => rows.map((r) => r.dataset.number)), numbers);
    assert.equal(await customer.openAmount(), '€ 1.000,00');
    assert.equal(await app.contentText(), pageBefore, 'the customer page is exactly as before');
    const storedUndone = await storedLedger(page);
    assert.deepEqual(storedUndone.customers, storedBefore.customers);
    assert.deepEqual(storedUndone.invoices, storedBefore.invoices);
    assert.ok(storedUndone.meta.revision > storedDeleted.meta.revision, 'the undo is a new save');

    await app.reload();
    await app.expectTitle('Weg Ermee VOF');
    assert.equal(await app.contentText(), pageBefore, 'and still so after a reload');

    await settle(page);
    assertNoIssues(issues);
    await context.close();
  });
});
