// Backup and restore: the downloaded backup of the demo ledger, restored into an emptied
// browser, gives back exactly the same ledger (a second export is identical but for its
// time stamp). A broken file is refused with line and column, and changes nothing.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFile, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { assertNoIssues, launchBrowser, settle } from './lib/browser.mjs';
import { startServer } from './lib/server.mjs';
import { openApp, storedEntries } from './lib/pages.mjs';

const withoutStamp = ({ exported_at: _, ...rest }) => rest;

/** What the pages show about the ledger: counts of the lists and the dashboard figures. */
async function visibleSummary(app) {
  await app.dashboard.open();
  await app.byTestId('kpi-open').waitFor();
  const dashboard = await app.contentText();
  await app.customers.open();
  await app.customers.rows.first().waitFor();
  const customers = await app.customers.rows.count();
  // The long tables draw only the rows in view; their count line says how many there are.
  // The count is grouped in thousands ("1.234 rijen").
  const counted = async (id) => Number((await app.byTestId(id).innerText()).match(/^([\d.]+) /)[1].replaceAll('.', ''));
  await app.invoices.open();
  await app.invoices.rows.first().waitFor();
  const invoices = await counted('invoice-count');
  await app.payments.open();
  await app.payments.rows.first().waitFor();
  const payments = await counted('payment-count');
  const company = (await app.byTestId('topbar-company').innerText()).trim();
  return { dashboard, customers, invoices, payments, company };
}

describe('backup', () => {
  let browser;
  let server;
  let dir;
  before(async () => {
    server = await startServer();
    browser = await launchBrowser();
    dir = await mkdtemp(join(tmpdir(), 'stipt-e2e-'));
  });
  after(async () => {
    await browser?.close();
    await server?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  test('export, clear the browser, restore: the same ledger', async () => {
    const { app, page, context, issues } = await openApp(browser, server);
    await app.loadDemo();

    const first = await app.settings.exportBackup();
    assert.match(first.name, /^stipt-backup-\d{4}-\d{2}-\d{2}\.json$/);
    assert.equal(first.json.format, 'stipt-backup');
    assert.equal(first.json.version, 1);
    assert.match(first.json.exported_at, /^\d{4}-\d{2}-\d{2}T/);
    assert.ok(first.json.customers.length >= 5, 'the demo has customers');
    assert.ok(first.json.invoices.length >= 10, 'the demo has invoices');
    assert.ok(first.json.payments.length >= 5, 'the demo has payments');
    assert.ok(first.json.events.length >= 3, 'the demo has diary entries');
    const shown = await visibleSummary(app);
    assert.equal(shown.customers, first.json.customers.length, 'every customer is listed');
    assert.equal(shown.invoices, first.json.invoices.length, 'every invoice and credit note is listed');
    assert.equal(shown.payments, first.json.payments.length, 'every payment is listed');
    const file = join(dir, first.name);
    await writeFile(file, first.text);

    // A browser without the ledger: the welcome page.
    await page.evaluate(() => localStorage.clear());
    await app.reload();
    await app.dashboard.open();
    await app.dashboard.welcome.waitFor();
    assert.equal(Object.keys(await storedEntries(page)).filter((k) => k !== 'stipt.prefs').length, 0);

    // Restore: first a preview, and nothing changes until it is confirmed.
    await app.settings.open();
    await app.settings.chooseBackup(file);
    await app.settings.preview.waitFor();
    const preview = (await app.settings.preview.innerText()).trim();
    assert.ok(preview.includes(first.name), 'the preview names the file');
    assert.match(preview, new RegExp(`Klanten\\s+0\\s+${first.json.customers.length}\\b`));
    assert.equal(
      Object.keys(await storedEntries(page)).filter((k) => k !== 'stipt.prefs').length,
      0,
      'nothing is stored before the restore is confirmed',
    );
    await app.byTestId('backup-restore-confirm').click();
    if (await app.confirmDialog.isVisible()) await app.confirm();
    await app.expectToast(new RegExp(`Back-up teruggezet: ${first.json.customers.length} klanten`));
    await app.settings.preview.waitFor({ state: 'detached' });

    // The same ledger: a second export is identical but for the time stamp ...
    const second = await app.settings.exportBackup();
    assert.deepEqual(withoutStamp(second.json), withoutStamp(first.json));
    // ... and the pages show the same.
    assert.deepEqual(await visibleSummary(app), shown);
    // ... also after a reload (it was saved).
    await app.reload();
    assert.deepEqual(await visibleSummary(app), shown);

    await settle(page);
    assertNoIssues(issues);
    await context.close();
  });

  test('a broken file is refused with line and column, and changes nothing', async () => {
    const { app, page, context, issues } = await openApp(browser, server);
    await app.loadDemo();
    const good = await app.settings.exportBackup();
    const before = await storedEntries(page);

    // Line 4 loses its colon: `  "exported_at" "2026-…",`.
    const lines = good.text.split('\n');
    assert.match(lines[3], /^ {2}"exported_at": /);
    lines[3] = lines[3].replace('": ', '" ');
    await app.settings.chooseBackup({ name: 'kapot.json', text: lines.join('\n') });
    await app.settings.error.waitFor();
    let error = (await app.settings.error.innerText()).trim();
    assert.match(error, /Kan niet terugzetten: kapot\.json/);
    assert.match(error, /geen geldige JSON \(regel 4, kolom \d+\)/);
    assert.match(error, /Er is niets gewijzigd/);
    assert.equal(await app.settings.preview.count(), 0, 'no restore is offered');

    // Cut off half-way: says the file ends too early, where.
    const cut = good.text.slice(0, Math.floor(good.text.length / 2));
    const cutLine = cut.split('\n').length;
    await app.settings.chooseBackup({ name: 'half.json', text: cut });
    await page.waitForFunction(() => document.querySelector('[data-testid="backup-error"]')?.textContent.includes('half.json'));
    error = (await app.settings.error.innerText()).trim();
    assert.match(error, new RegExp(`houdt te vroeg op \\(regel ${cutLine}, kolom \\d+\\)`));

    // Valid JSON, but not a backup of ours.
    await app.settings.chooseBackup({ name: 'ander.json', text: '{"hello": "world"}\n' });
    await page.waitForFunction(() => document.querySelector('[data-testid="backup-error"]')?.textContent.includes('ander.json'));

    assert.deepEqual(await storedEntries(page), before, 'storage is unchanged');
    const after = await app.settings.exportBackup();
    assert.deepEqual(withoutStamp(after.json), withoutStamp(good.json), 'the ledger is unchanged');

    await settle(page);
    assertNoIssues(issues);
    await context.close();
  });
});
