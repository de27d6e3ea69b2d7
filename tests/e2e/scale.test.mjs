// Stipt at scale: a generated ledger of 50,000 invoices (Settings → Demo → large test ledger) is
// stored and restored without loss, and the invoice table draws only the rows in view (virtual
// scrolling): a few dozen rows in the page however long the list, the right ones after scrolling
// to the end, and a search still finds any invoice.

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { openApp, sharedBrowserAndServer } from './lib/pages.mjs';

describe('scale', () => {
  const env = sharedBrowserAndServer();

  test('50,000 invoices: saved, restored after a reload, a windowed table', async () => {
    const { app, page, context, issues } = await openApp(env.browser, env.server);
    await app.settings.open();
    await app.byTestId('demo-large-size').selectOption('50000');
    await app.byTestId('demo-large-load').click();
    await app.expectToast(/Proefgrootboek geladen: [\d.]+ klanten, 50\.000 facturen/);

    // Restored from storage after a reload: the same count.
    await app.reload();
    await app.go('#/invoices');
    const count = app.byTestId('invoice-count');
    await count.waitFor({ timeout: 30_000 });
    // The invoices and, on top, their credit notes.
    assert.match(await count.innerText(), /^5\d\.\d{3} rijen$/);

    // Only the rows in view (and a margin) are in the page.
    const drawn = () => page.locator('[data-testid="invoice-table"] tbody tr:not(.row-spacer)').count();
    const first = await drawn();
    assert.ok(first > 10 && first < 120, `${first} rows drawn`);
    // The page is as long as the whole table would be.
    const height = await page.evaluate(() => document.documentElement.scrollHeight);
    assert.ok(height > 50000 * 30, `page height ${height}`);

    // Scrolled to the end: the last rows are drawn, still only a screenful.
    await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
    await page.waitForFunction(() => {
      const rows = [...document.querySelectorAll('[data-testid="invoice-table"] tbody tr:not(.row-spacer)')];
      const spacers = document.querySelectorAll('[data-testid="invoice-table"] tbody tr.row-spacer');
      return rows.length > 0 && spacers.length === 1 && rows.at(-1).getBoundingClientRect().bottom <= window.innerHeight + 2000;
    });
    assert.ok((await drawn()) < 120);

    // A search narrows the table to what matches, from the top.
    const lastNumber = await page.locator('[data-testid="invoice-table"] tbody tr:not(.row-spacer)').last().locator('td').first().innerText();
    await page.evaluate(() => window.scrollTo(0, 0));
    await app.byTestId('invoice-search').fill(lastNumber.split('\n')[0].trim());
    await page.waitForFunction(() => /^[1-9]\d? rij/.test(document.querySelector('[data-testid="invoice-count"]')?.innerText ?? ''));
    assert.match(await page.locator('[data-testid="invoice-table"] tbody').innerText(), new RegExp(lastNumber.split('\n')[0].trim()));
    assert.deepEqual(issues.pageErrors, []);
    await context.close();
  });
});
