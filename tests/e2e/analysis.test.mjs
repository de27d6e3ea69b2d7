// The analysis pages with the demo ledger at the demo date: the figures page shows every
// receivables figure with its definition and the same numbers as its CSV export, a period
// without data says so instead of showing a number; the market page ranks the segments as its
// export does, turns a prospect into a customer in the acceptance phase in one click, and market
// counts entered (or read from a CSV file, all or nothing) survive a reload.

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { assertNoIssues, settle } from './lib/browser.mjs';
import { downloadText, openApp, sharedBrowserAndServer } from './lib/pages.mjs';

async function text(locator) {
  return (await locator.innerText()).trim();
}

/** A Dutch CSV export (BOM, `;`, decimal comma) as rows of fields. Fields here hold no `;`. */
function csvRows(csv) {
  return csv
    .replace(/^\uFEFF/, '')
    .split(/\r\n/)
    .filter((l) => l.length > 0)
    .map((l) => l.split(';').map((f) => f.replace(/^"|"$/g, '').replace(/""/g, '"')));
}

/** "73,7 dagen" / "44,0%" / "73,7" → 73.7 */
function num(s) {
  return Number(s.replace(/[^\d,-]/g, '').replace(',', '.'));
}

async function exportCsv(page, scope) {
  const [download] = await Promise.all([page.waitForEvent('download'), scope.getByTestId('export-csv').first().click()]);
  return csvRows(await downloadText(download));
}

describe('analysis', () => {
  const env = sharedBrowserAndServer();

  test('figures: every figure with its definition, the same as the export; no data says so', async () => {
    const { app, page, issues } = await openApp(env.browser, env.server);
    await app.loadDemo();
    await app.go('#/figures');
    await app.expectTitle('Cijfers');
    assert.equal(await app.byTestId('nav-figures').getAttribute('aria-current'), 'page');

    const cards = app.byTestId('kpi-cards').locator('article');
    assert.equal(await cards.count(), 6);
    for (const id of ['dsosimple', 'dsocountback', 'bestpossibledso', 'averagedaysdelinquent', 'cei', 'overdueshare']) {
      const card = app.byTestId(`kpi-${id}`);
      const value = await text(card.getByTestId('kpi-value'));
      assert.match(value, /^-?\d+,\d (dagen|%)$|^-?\d+,\d%$/, `${id}: ${value}`);
      assert.ok((await text(card.locator('.definition'))).length > 60, `${id} has its definition`);
    }
    // The count-back shows its months.
    await app.byTestId('count-back-steps').locator('summary').click();
    assert.ok((await app.byTestId('count-back-steps').locator('tbody tr').count()) >= 1);

    // The page and its CSV export agree: the total row and one row per customer.
    const rows = await exportCsv(page, app.byTestId('figures-customers'));
    const header = rows[0];
    const total = rows[1];
    assert.equal(total[1], 'Totaal');
    for (const [name, id] of [['DSO', 'dsosimple'], ['Incasso-effectiviteit (CEI)', 'cei'], ['Aandeel vervallen', 'overdueshare']]) {
      const col = header.indexOf(name);
      assert.ok(col > 0, `${name} in ${header}`);
      assert.equal(num(total[col]), num(await text(app.byTestId(`kpi-${id}`).getByTestId('kpi-value'))), name);
    }
    assert.equal(await app.byTestId('figures-customer-row').count(), rows.length - 2);

    // Sorting by name puts the customers in order.
    await app.byTestId('figures-customer-table').locator('th button.sort').first().click();
    const names = await app.byTestId('figures-customer-row').locator('td:first-child').allInnerTexts();
    const sorted = [...names].sort((a, b) => a.localeCompare(b, 'nl', { sensitivity: 'base' }));
    assert.deepEqual(names, sorted);

    // The trend charts, with a table alternative.
    assert.ok((await app.byTestId('trend-days').locator('path').count()) >= 3);
    assert.equal(await app.byTestId('trend-table').locator('tbody tr').count(), 12);
    // The aging at the period end, and per segment.
    await app.byTestId('figures-aging').locator('[data-testid="aging-total"]').waitFor();
    assert.ok((await app.byTestId('figures-segment-row').count()) >= 5);

    // A period before the ledger began: no figures, and it says why; never NaN.
    await app.byTestId('period-from').fill('2020-01-01');
    await app.byTestId('period-to').fill('2020-03-31');
    await page.waitForFunction(() => /2020/.test(document.querySelector('[data-testid="period-shown"]').textContent));
    const empty = await text(app.byTestId('kpi-dsosimple').getByTestId('kpi-value'));
    assert.match(empty, /^Te weinig gegevens/);
    assert.doesNotMatch(await app.contentText(), /NaN|Infinity/);
    // Back to three months.
    await app.byTestId('period-3').click();
    assert.match(await text(app.byTestId('kpi-dsosimple').getByTestId('kpi-value')), /dagen$/);

    await settle(page);
    assertNoIssues(issues);
  });

  test('market: segments as exported, a prospect becomes a customer in acceptance', async () => {
    const { app, page, issues } = await openApp(env.browser, env.server);
    await app.loadDemo();
    await app.go('#/market');
    await app.expectTitle('Markt');

    const segmentRows = app.byTestId('segment-row');
    assert.ok((await segmentRows.count()) >= 10);
    const rows = await exportCsv(page, app.byTestId('segments'));
    assert.equal(rows.length - 1, await segmentRows.count());
    const first = await segmentRows.first().locator('td').allInnerTexts();
    assert.equal(first[0], '1');
    assert.equal(rows[1][0], '1');
    assert.equal(first[1], rows[1][1], 'the best segment on the page is the first of the export');
    assert.ok((await app.byTestId('bubble').count()) >= 5);
    assert.equal(await app.byTestId('best-segment').count(), 3);
    // The demo has market counts: penetration is known for its business segments.
    assert.match(await text(app.byTestId('segment-table')), /\d+,\d%/);

    // Any combination of dimensions; one that is not only market dimensions says why.
    await app.byTestId('dim-region').check();
    await app.byTestId('dim-morality').check();
    assert.match(await text(app.byTestId('dimensions')), /Alleen bij indeling op branche/);
    await app.byTestId('dim-morality').uncheck();
    await app.byTestId('dim-region').uncheck();

    // The prospects, best fit first, with reasons.
    const prospects = app.byTestId('prospect');
    assert.equal(await prospects.count(), 16);
    const fits = (await app.byTestId('prospect-fit').allInnerTexts()).map(num);
    assert.deepEqual(fits, [...fits].sort((a, b) => b - a));
    assert.ok((await prospects.first().locator('ul.reasons li').count()) >= 1);
    const name = await text(prospects.first().getByTestId('prospect-name'));

    // One click: a customer in the acceptance phase, on their own page.
    await prospects.first().getByTestId('prospect-make-customer').click();
    await app.expectHash(/#\/customers\/\d+$/);
    await app.expectTitle(name);
    assert.equal(await text(app.byTestId('customer-phase')), 'Acceptatie');
    await app.expectToast(/acceptatiefase/);
    await app.go('#/market');
    assert.equal(await app.byTestId('prospect').count(), 15);
    assert.doesNotMatch(await text(app.byTestId('prospects')), new RegExp(name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')));

    await settle(page);
    assertNoIssues(issues);
  });

  test('market data: entered counts survive a reload; a CSV with a problem changes nothing', async () => {
    const { app, page, issues } = await openApp(env.browser, env.server);
    await app.loadDemo();
    await app.go('#/market');
    await app.expectTitle('Markt');
    const counts = app.byTestId('counts');
    const before = await counts.getByTestId('counts-row').count();
    await counts.getByTestId('counts-add').click();
    const row = counts.getByTestId('counts-row').last();
    await row.getByTestId('cell-sector').fill('Testbranche');
    await row.getByTestId('cell-sizeclass').selectOption('<20');
    await row.getByTestId('cell-region').fill('NL-10');
    await row.getByTestId('cell-companies').fill('x');
    await counts.getByTestId('counts-save').click();
    // A problem names its row and column, and nothing is saved.
    assert.match(await text(counts.getByTestId('counts-problems')), new RegExp(`Rij ${before + 1}, kolom 4 \\(Aantal bedrijven\\)`));
    await row.getByTestId('cell-companies').fill('42');
    await counts.getByTestId('counts-save').click();
    await app.expectToast(/Marktaantallen opgeslagen/);

    await app.reload();
    await app.go('#/market');
    await app.byTestId('counts').getByTestId('counts-row').nth(before).waitFor();
    assert.equal(await app.byTestId('counts').getByTestId('counts-row').count(), before + 1);
    const saved = app.byTestId('counts').getByTestId('counts-row').last();
    assert.equal(await saved.getByTestId('cell-sector').inputValue(), 'Testbranche');
    assert.equal(await saved.getByTestId('cell-companies').inputValue(), '42');

    // A prospect list with a bad score: every problem by line and column, nothing applied.
    const list = app.byTestId('prospect-list');
    const prospectsBefore = await list.getByTestId('prospect-list-row').count();
    const bad = 'Naam;Branche;Regio;Score\nBakkerij Test;10.71 Brood en vers banket;NL-97;88\nDrukkerij Fout;18.12 Drukkerijen;Atlantis;120\n';
    await list.getByTestId('prospect-list-file').setInputFiles({ name: 'prospects.csv', mimeType: 'text/csv', buffer: Buffer.from(bad, 'utf8') });
    const problems = await text(list.getByTestId('prospect-list-problems'));
    assert.match(problems, /Rij 3, kolom 3 \(Regio\): 'Atlantis' is geen regio/);
    assert.match(problems, /Rij 3, kolom 4 \(Score\): '120' is geen score/);
    assert.equal(await list.getByTestId('prospect-list-row').count(), prospectsBefore);
    // The corrected file replaces the list, with undo.
    const good = bad.replace('Atlantis', 'NL-78').replace(';120', ';64');
    await list.getByTestId('prospect-list-file').setInputFiles({ name: 'prospects.csv', mimeType: 'text/csv', buffer: Buffer.from(good, 'utf8') });
    await app.expectToast(/2 rijen ingelezen uit prospects\.csv/);
    assert.equal(await app.byTestId('prospect').count(), 2);
    await app.byTestId('toast-undo').click();
    await app.expectToast(/Ongedaan gemaakt/);
    assert.equal(await app.byTestId('prospect').count(), prospectsBefore);

    await settle(page);
    assertNoIssues(issues);
  });
});
