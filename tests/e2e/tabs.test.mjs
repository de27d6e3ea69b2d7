// Two tabs on the same ledger: a save in one shows up in the other without a reload (storage
// event), changes made in turn in both tabs all survive, and a save that finds the other tab's
// newer revision is re-applied on top of it instead of overwriting it.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { assertNoIssues, launchBrowser, settle } from './lib/browser.mjs';
import { startServer } from './lib/server.mjs';
import { CustomerPage, TODAY, addDays, openApp, openTab, storedLedger } from './lib/pages.mjs';

const OTHER_TAB = /Bijgewerkt met wijzigingen uit een ander tabblad\./;

/** Lets a test hold back `storage` events in one tab, as if it were asleep in the background. */
async function installStorageHold(context) {
  await context.addInitScript(() => {
    window.addEventListener(
      'storage',
      (e) => {
        if (window.__e2eHoldStorage) e.stopImmediatePropagation();
      },
      true,
    );
  });
}
const holdStorageEvents = (page, hold) => page.evaluate((h) => (window.__e2eHoldStorage = h), hold);

describe('two tabs', () => {
  let browser;
  let server;
  before(async () => {
    server = await startServer();
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await server?.close();
  });

  test('changes made in turn in two tabs show up in the other and all survive', async () => {
    const { app: a, page: pageA, context, issues } = await openApp(browser, server);
    const { app: b, page: pageB } = await openTab(context, server, issues, '#/customers');
    await b.byTestId('welcome').or(b.byTestId('customer-new')).first().waitFor();
    await pageB.evaluate(() => (window.__e2eSameDocument = true));

    // A creates a customer: B's list shows it without a reload.
    await a.front();
    const alfaA = await a.createCustomer({ name: 'Alfa Installaties BV', city: 'Zwolle', term: '21' });
    const alfaId = await alfaA.id();
    await b.expectToast(OTHER_TAB);
    await b.customers.row('Alfa Installaties BV').waitFor();
    assert.equal(await b.customers.rows.count(), 1);
    assert.equal(await pageB.evaluate(() => window.__e2eSameDocument), true, 'B was not reloaded');

    // B edits it: A, still on the customer page, follows.
    await b.front();
    const alfaB = await b.customers.openCustomer('Alfa Installaties BV');
    const formB = await alfaB.edit();
    assert.equal(await formB.value('city'), 'Zwolle');
    await formB.fill({ city: 'Utrecht' });
    await formB.save();
    await a.expectToast(OTHER_TAB);
    await pageA.waitForFunction(() => document.querySelector('[data-testid="content"]').innerText.includes('Utrecht'));

    // A edits (from what B saved), B adds an invoice, A adds another customer.
    await a.front();
    const formA = await alfaA.edit();
    assert.equal(await formA.value('city'), 'Utrecht', "A's form starts from B's change");
    await formA.fill({ phone: '038 123 45 67' });
    await formA.save();
    await b.expectToast(OTHER_TAB);
    await b.front();
    await b.createInvoice(new CustomerPage(b), { date: addDays(TODAY, -10), amount: '640,00' });
    await a.expectToast(OTHER_TAB);
    await a.front();
    await a.createCustomer({ name: 'Bravo Bouw' });

    // Both tabs show the same ledger, and storage holds every change.
    await b.expectToast(OTHER_TAB);
    for (const app of [a, b]) {
      await app.front();
      await app.customers.open();
      await app.customers.row('Bravo Bouw').waitFor();
      assert.deepEqual(await app.customers.names(), ['Alfa Installaties BV', 'Bravo Bouw']);
      const alfa = await new CustomerPage(app).open(alfaId);
      assert.equal(await alfa.openAmount(), '€ 640,00');
      const text = await app.contentText();
      assert.match(text, /Utrecht/);
      assert.match(text, /038 123 45 67/);
    }
    const stored = await storedLedger(pageA);
    assert.equal(stored.meta.revision, 5, 'five saves, none lost');
    const alfa = stored.customers.find((c) => c.name === 'Alfa Installaties BV');
    assert.equal(alfa.city, 'Utrecht', "B's edit");
    assert.equal(alfa.phone, '038 123 45 67', "A's edit");
    assert.equal(alfa.term, 21);
    assert.deepEqual(stored.customers.map((c) => c.name).sort(), ['Alfa Installaties BV', 'Bravo Bouw']);
    assert.equal(stored.invoices.length, 1, "B's invoice");

    await settle(pageA);
    await settle(pageB);
    assertNoIssues(issues);
    await context.close();
  });

  test('a save from a tab that missed the other tab\'s save is applied on top of it', async () => {
    const { app: a, page: pageA, context, issues } = await openApp(browser, server, { hash: '#/customers' });
    await installStorageHold(context);
    const { app: b, page: pageB } = await openTab(context, server, issues, '#/customers');
    await a.front();
    const alfa = await a.createCustomer({ name: 'Alfa Installaties BV' });
    const alfaId = await alfa.id();
    await b.expectToast(OTHER_TAB);
    await b.front();
    await b.dismissToast();

    // A sleeps through B's save (no storage event reaches it) ...
    await a.front();
    await pageA.reload();
    await a.title.waitFor();
    await holdStorageEvents(pageA, true);
    await b.front();
    await new CustomerPage(b).open(alfaId);
    await b.createInvoice(new CustomerPage(b), { date: addDays(TODAY, -3), amount: '99,95' });
    await pageA.waitForTimeout(300);
    assert.equal(await a.toast.count(), 0, 'A did not hear about it');

    // ... and then adds an invoice of its own: it is saved on top of B's, not instead of it.
    await a.front();
    const alfaA = await new CustomerPage(a).open(alfaId);
    assert.equal(await alfaA.invoiceRows.count(), 0, "A still shows the ledger without B's invoice");
    const form = await alfaA.newInvoice();
    await form.fill({ date: addDays(TODAY, -1), amount: '10,00', number: 'A-1' });
    await form.save();
    // (The app's notice "Een ander tabblad had het grootboek gewijzigd; je wijziging is daarop
    // toegepast." is replaced at once by the form's own success toast, so it is not checked.)
    await holdStorageEvents(pageA, false);
    assert.equal(await alfaA.invoiceRows.count(), 2, 'A now shows both invoices');
    assert.equal(await alfaA.openAmount(), '€ 109,95');

    await b.expectToast(OTHER_TAB);
    assert.equal(await new CustomerPage(b).openAmount(), '€ 109,95');
    const stored = await storedLedger(pageB);
    // Invoice records are tuples: [id, number, customer, …].
    assert.equal(stored.invoices.length, 2, "B's invoice and A's");
    assert.ok(stored.invoices.some((i) => i[1] === 'A-1'), "A's invoice is stored");
    assert.equal(stored.meta.revision, 3);

    await settle(pageA);
    await settle(pageB);
    assertNoIssues(issues);
    await context.close();
  });

  // Known bug (reported): undo is a "replace the ledger by the one before" operation; when the
  // other tab's save has not reached this tab yet, the conflict path re-applies it on top of the
  // other tab's ledger and so silently removes what that tab added. Runs as a todo until fixed.
  const UNDO_BUG = "BUG: undo in a tab that missed the other tab's save throws that save away";
  test("undo never throws away another tab's change", { todo: UNDO_BUG }, async () => {
    const { app: a, page: pageA, context, issues } = await openApp(browser, server);
    await installStorageHold(context);
    const x = await a.createCustomer({ name: 'Xray BV' });
    const xid = await x.id();
    await pageA.reload();
    await a.title.waitFor();
    const { app: b, page: pageB } = await openTab(context, server, issues, '#/customers');

    await holdStorageEvents(pageA, true);
    await a.front();
    const xray = await new CustomerPage(a).open(xid);
    await xray.delete();
    await a.confirm();
    await a.expectToast(/Xray BV is verwijderd\./);
    await b.front();
    await b.createCustomer({ name: 'Yankee BV' });
    await a.front();
    await a.byTestId('toast-undo').click();
    await pageA.waitForTimeout(300);

    const names = (await storedLedger(pageB)).customers.map((c) => c.name).sort();
    assert.ok(names.includes('Yankee BV'), `B's new customer must survive A's undo (stored: ${names.join(', ')})`);

    await settle(pageA);
    await settle(pageB);
    assertNoIssues(issues);
    await context.close();
  });

  // Known bug (reported): the customer form saves the whole customer as it was when the form
  // opened, so B's e-mail change is silently replaced by the old address. Runs as a todo until
  // fixed: remove the `todo` then.
  const STALE_FORM_BUG =
    'BUG: a customer edit form opened before another tab saved overwrites that tab\'s change to other fields';
  test('an edit form opened before the other tab saved does not undo that tab\'s change', { todo: STALE_FORM_BUG }, async () => {
    const { app: a, page: pageA, context, issues } = await openApp(browser, server);
    const alfa = await a.createCustomer({ name: 'Alfa Installaties BV', email: 'oud@alfa.nl' });
    const alfaId = await alfa.id();
    const { app: b, page: pageB } = await openTab(context, server, issues, `#/customers/${alfaId}`);

    // A opens the edit form; meanwhile B changes the e-mail address.
    await a.front();
    const formA = await alfa.edit();
    await b.front();
    const formB = await new CustomerPage(b).edit();
    await formB.fill({ email: 'nieuw@alfa.nl' });
    await formB.save();
    await a.expectToast(OTHER_TAB);

    // A changes only the phone number and saves.
    await a.front();
    await formA.fill({ phone: '06 12345678' });
    await a.byTestId('cf-save').click();
    await pageA.waitForTimeout(500);

    const stored = await storedLedger(pageA);
    const c = stored.customers.find((x) => x.id === alfaId) ?? stored.customers[0];
    assert.equal(c.phone, '06 12345678', "A's change is saved (or A was told to reload)");
    assert.equal(c.email, 'nieuw@alfa.nl', "B's change must not be silently overwritten by A's stale form");

    await settle(pageA);
    await settle(pageB);
    assertNoIssues(issues);
    await context.close();
  });
});
