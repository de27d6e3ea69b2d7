// The risk settings in Settings and the credit limit set through the diary.
//
// The card shows every threshold with its default; a changed signal threshold and a changed and
// an added row of the risk table are saved (only the risk settings, in the base chunk) and still
// there after a reload. Grade limits out of order are refused in Dutch with nothing saved and
// the input kept. In the diary, a "credit limit set" entry needs a reason, sets the customer's
// limit in the same save, and editing it later leaves the limit alone.

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { assertNoIssues, settle } from './lib/browser.mjs';
import { EventFormPage, euro, openApp, sharedBrowserAndServer, storedLedger } from './lib/pages.mjs';

/** The risk settings as stored in the base chunk (absent while they are the defaults). */
async function storedRisk(page) {
  return (await storedLedger(page)).chunks.base.risk;
}

describe('risk and signals in Settings', () => {
  const env = sharedBrowserAndServer();

  test('change a threshold and the table, keep them after a reload, refuse grades out of order', async () => {
    const { app, page, context, issues } = await openApp(env.browser, env.server);
    const settings = await app.settings.open();
    const risk = settings.risk;
    await risk.card.waitFor();

    // --- The defaults, each shown as a hint.
    assert.equal(await risk.value('gradeB'), '15');
    assert.equal(await risk.value('silentAttempts'), '3');
    assert.equal(await risk.value('limitShare'), '25');
    assert.equal(await app.byTestId('risk-warn-first-unpaid').isChecked(), true);
    const text = await risk.card.innerText();
    assert.match(text, /Contactpogingen op rij zonder reactie\s+Standaard: 3/);
    assert.match(text, /Standaard: bouw: hoog · horeca: hoog · zorg: laag · overheid: laag · NL: gemiddeld · BE: gemiddeld/);
    assert.equal(await risk.rows.count(), 6);
    assert.deepEqual(await risk.row(0), { sector: 'bouw', country: '', level: 'high' });

    // --- A threshold, a changed row and a new row.
    await risk.fill({ silentAttempts: '5', insuredShare: '80,5' });
    await risk.fillRow(0, { level: 'medium' });
    const n = await risk.addRow();
    assert.deepEqual(await risk.row(n), { sector: '', country: '', level: 'medium' });
    await risk.fillRow(n, { sector: 'Transport', country: 'de', level: 'high' });
    await risk.save();
    await app.expectToast(/Risico-instellingen opgeslagen\./);
    let stored = await storedRisk(page);
    assert.equal(stored.silent, 5);
    assert.equal(stored.insured, '80.5');
    assert.deepEqual(stored.table[0], ['bouw', '', 'm']);
    assert.deepEqual(stored.table.at(-1), ['Transport', 'DE', 'h'], 'the country is stored as a code');
    assert.deepEqual(stored.grades, [0, 15, 30], 'the rest keeps its defaults');
    assert.equal((await storedLedger(page)).chunks.base.law, undefined, 'the law settings are not touched');

    // --- Still there after a reload.
    await app.reload();
    await risk.card.waitFor();
    assert.equal(await risk.value('silentAttempts'), '5');
    assert.equal(await risk.value('insuredShare'), '80,5');
    assert.equal(await risk.rows.count(), 7);
    assert.deepEqual(await risk.row(0), { sector: 'bouw', country: '', level: 'medium' });
    assert.deepEqual(await risk.row(6), { sector: 'Transport', country: 'DE', level: 'high' });

    // --- Grade limits out of order: refused, nothing saved, the input kept.
    const metaBefore = (await storedLedger(page)).meta;
    await risk.fill({ gradeA: '20', disputeDays: '60' });
    const error = await risk.saveExpectingError();
    assert.match(error, /De grenzen van de betaalklassen moeten oplopen van A naar C/);
    assert.deepEqual((await storedLedger(page)).meta, metaBefore, 'nothing saved');
    assert.equal(await risk.value('gradeA'), '20', 'the input is kept');
    assert.equal(await risk.value('disputeDays'), '60');
    // A value that is not a number names its field.
    await risk.fill({ gradeA: '0', brokenPromises: 'een' });
    assert.match(await risk.saveExpectingError(), /Gebroken betaalbeloftes: 'een' is geen geheel getal van 0 of meer\./);
    assert.deepEqual((await storedLedger(page)).meta, metaBefore, 'still nothing saved');

    // --- Removing a row and filling in the defaults again.
    await risk.fill({ brokenPromises: '1' });
    await risk.removeRow(6);
    assert.equal(await risk.rows.count(), 6);
    await app.byTestId('risk-defaults').click();
    assert.equal(await risk.value('silentAttempts'), '3');
    assert.equal(await risk.value('disputeDays'), '30');
    await risk.save();
    await app.expectToast(/Risico-instellingen opgeslagen\./);
    assert.equal(await storedRisk(page), undefined, 'back at the defaults: nothing stored');

    await settle(page);
    assertNoIssues(issues);
    await context.close();
  });

  test('a credit limit recorded in the diary becomes the customer\'s limit', async () => {
    const { app, page, context, issues } = await openApp(env.browser, env.server);
    let customer = await app.createCustomer({ name: 'Transport Van Dijk BV', term: '30' });
    assert.equal(await customer.limitAmount(), '—');

    // --- Without a reason the entry is refused and nothing changes.
    let form = await customer.newEvent();
    await form.fill({ type: 'limit-set' });
    await app.byTestId('event-limit-note').waitFor();
    assert.match(await app.byTestId('event-limit-note').innerText(), /wordt dit de kredietlimiet van de klant/);
    await form.fill({ limit: '7500', by: 'J. de Vries' });
    await app.byTestId('event-save').click();
    await app.formError.waitFor();
    assert.match(await app.formError.innerText(), /reden/);
    assert.equal((await storedLedger(page)).events.length, 0);

    // --- With the reason: the entry and the limit, in one save.
    await form.fill({ note: 'Jaarcijfers 2025 goed' });
    customer = await form.save();
    await app.expectToast(/De kredietlimiet is vastgesteld en vastgelegd in het dossier\./);
    assert.equal(await customer.limitAmount(), euro(7500));
    const item = customer.timelineItems.filter({ hasText: 'Kredietlimiet vastgesteld' });
    assert.match(await item.innerText(), /€ 7\.500,00 · door J\. de Vries\s+Jaarcijfers 2025 goed/);
    const stored = await storedLedger(page);
    assert.equal(stored.customers[0].limit, '7500');
    assert.deepEqual(stored.events.map((e) => e.slice(4)), [['l', '7500', 'J. de Vries', 'Jaarcijfers 2025 goed']]);

    // --- Editing the entry later does not change the limit back (the form says so).
    await item.getByTestId('event-edit').click();
    await app.byTestId('event-form').waitFor();
    form = new EventFormPage(app);
    assert.match(await app.byTestId('event-limit-note').innerText(), /verandert de kredietlimiet van de klant niet/);
    await form.fill({ limit: '100' });
    customer = await form.save();
    await app.expectToast(/Dossierregel 'Kredietlimiet vastgesteld' is bijgewerkt\./);
    assert.equal(await customer.limitAmount(), euro(7500));

    // --- A handover to a collection agency, on the timeline.
    form = await customer.newEvent();
    await form.fill({ type: 'hand-over', agency: 'Incasso Noord', amount: '1.834,50' });
    customer = await form.save();
    assert.match(
      await customer.timelineItems.filter({ hasText: 'Uit handen gegeven' }).innerText(),
      /€ 1\.834,50 aan Incasso Noord/,
    );
    assert.deepEqual((await storedLedger(page)).events.at(-1).slice(4, 7), ['h', '1834.50', 'Incasso Noord']);

    await settle(page);
    assertNoIssues(issues);
    await context.close();
  });
});
