// The statutory rate tables in Settings: the shipped Dutch commercial table ends 30-06-2026, so
// at the demo date (23-11-2026) the card warns that the next half year is missing. The user adds
// it (the form proposes the period), sees it marked as theirs, still there after a reload; an
// overlapping row is refused in Dutch with nothing saved and the input kept; removing the row
// brings the warning back. The cost rules are saved on their own and leave the rows alone.

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { assertNoIssues, settle } from './lib/browser.mjs';
import { openApp, storedLedger, sharedBrowserAndServer } from './lib/pages.mjs';

const NL = 'nl_commercial';

/** The user's rate rows as stored: [table code, from day, to day, rate, source]. */
async function storedRates(page) {
  return (await storedLedger(page)).chunks.base.law?.rates ?? [];
}

describe('statutory rate tables in Settings', () => {
  const env = sharedBrowserAndServer();

  test('add the next half year, keep it after a reload, refuse an overlap, remove it', async () => {
    // An empty ledger: the demo ledger brings its own (marked) rows for the demo date.
    const { app, page, context, issues } = await openApp(env.browser, env.server);
    const settings = await app.settings.open();
    const law = settings.law;
    await law.card.waitFor();

    // --- The shipped table ends before the demo date.
    assert.equal(await law.until(NL), 'Loopt tot 30-06-2026.');
    assert.match(await law.stale(NL).innerText(), /na 30-06-2026 hebben het percentage van het volgende halfjaar nodig/);
    assert.equal(await law.rows(NL).count(), 9);
    const last = law.row(NL, '2026-01-01');
    assert.equal(await last.getAttribute('data-origin'), 'shipped');
    assert.match(await last.innerText(), /01-01-2026\s+30-06-2026\s+10,15%.*\s+meegeleverd/s);
    assert.equal(await last.getByTestId('rate-remove').count(), 0, 'a shipped row cannot be removed');
    assert.match(await law.card.innerText(), /nooit stilzwijgend 0%/);

    // --- The form proposes the half year after the table's last row.
    assert.equal(await law.value('table'), NL);
    assert.equal(await law.value('from'), '2026-07-01');
    assert.equal(await law.value('to'), '2026-12-31');

    await law.fillRow({ rate: '10,15', source: 'test' });
    await law.saveRow();
    await app.expectToast(/Rij toegevoegd aan Wettelijke handelsrente NL/);
    const mine = law.row(NL, '2026-07-01');
    await mine.waitFor();
    assert.equal(await mine.getAttribute('data-origin'), 'user');
    assert.match(await mine.innerText(), /01-07-2026\s+31-12-2026\s+10,15%\s+test\s+eigen/);
    assert.equal(await law.until(NL), 'Loopt tot 31-12-2026.');
    assert.equal(await law.stale(NL).count(), 0, 'the warning is gone');
    assert.equal(await law.value('rate'), '', 'the form is cleared');
    assert.equal(await law.value('from'), '2027-01-01', 'and proposes the next half year');
    let stored = await storedRates(page);
    assert.equal(stored.length, 1);
    assert.deepEqual([stored[0][0], stored[0][3], stored[0][4]], ['nb', '10.15', 'test']);

    // --- Still there after a reload.
    await app.reload();
    await law.card.waitFor();
    assert.equal(await law.row(NL, '2026-07-01').getAttribute('data-origin'), 'user');
    assert.equal(await law.until(NL), 'Loopt tot 31-12-2026.');
    assert.equal(await law.stale(NL).count(), 0);

    // --- An overlapping row is refused; nothing is saved and the input stays.
    const metaBefore = (await storedLedger(page)).meta;
    const overlap = { from: '2026-10-01', to: '2027-03-31', rate: '9', source: 'overlap' };
    await law.fillRow(overlap);
    const error = await law.saveRowExpectingError();
    assert.match(error, /overlapt met een andere regel/);
    assert.deepEqual((await storedLedger(page)).meta, metaBefore, 'nothing saved');
    for (const [field, value] of Object.entries(overlap)) {
      assert.equal(await law.value(field), value, `${field} is kept as typed`);
    }
    assert.equal(await law.rows(NL).count(), 10);
    assert.equal(await law.row(NL, '2026-10-01').count(), 0);

    // --- Removing the row asks first, and brings the warning back.
    await law.removeRow(NL, '2026-07-01');
    await app.expectToast(/De rij is verwijderd\./);
    await law.row(NL, '2026-07-01').waitFor({ state: 'detached' });
    assert.equal(await law.until(NL), 'Loopt tot 30-06-2026.');
    await law.stale(NL).waitFor();
    assert.equal(await law.rows(NL).count(), 9);
    stored = await storedRates(page);
    assert.deepEqual(stored, []);

    await settle(page);
    assertNoIssues(issues);
    await context.close();
  });

  test('cost rules are saved on their own and kept after a reload', async () => {
    const { app, page, context, issues } = await openApp(env.browser, env.server);
    const law = (await app.settings.open()).law;
    await law.card.waitFor();

    // A row first, so saving the cost rules can be seen to leave it alone.
    await law.fillRow({ rate: '10,15', source: 'test' });
    await law.saveRow();
    await law.row(NL, '2026-07-01').waitFor();

    assert.equal(await law.value('order'), 'costs_first');
    assert.equal(await law.value('nlCosts'), 'staffel');
    await law.fillCosts({ vatOwn: true });
    assert.equal(await law.value('vat'), '21', 'switching VAT on proposes 21%');
    await law.fillCosts({ order: 'principal_first', nlCosts: 'fixed40', postage: 'abc' });
    await law.saveCosts();
    await app.byTestId('law-costs-error').waitFor();
    assert.match(await app.byTestId('law-costs-error').innerText(), /'abc' is geen bedrag voor portokosten/);

    await law.fillCosts({ postage: '0,85' });
    await law.saveCosts();
    await app.expectToast(/Kostenregels opgeslagen\./);
    const base = (await storedLedger(page)).chunks.base;
    assert.equal(base.law.vat, '21');
    assert.equal(base.law.order, 'p');
    assert.equal(base.law.nl_costs, 'f');
    assert.equal(base.law.postage, '0.85');
    assert.equal(base.law.rates.length, 1, 'the rate row is kept');

    await app.reload();
    await law.card.waitFor();
    assert.equal(await law.value('vat'), '21');
    assert.equal(await law.value('order'), 'principal_first');
    assert.equal(await law.value('nlCosts'), 'fixed40');
    assert.equal(await law.value('postage'), '0,85');
    assert.equal(await law.row(NL, '2026-07-01').getAttribute('data-origin'), 'user');

    await settle(page);
    assertNoIssues(issues);
    await context.close();
  });
});
