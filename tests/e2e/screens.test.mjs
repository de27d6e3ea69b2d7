// Every page with the demo ledger, on a desktop (1280x800) and a phone (375x812): each shows its
// title, nothing makes the page wider than the screen, and a full-page screenshot of each goes
// to tests/e2e/screenshots/<width>-<page>.png for people to look at.

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { assertNoIssues, screenshot, settle } from './lib/browser.mjs';
import { openApp, sharedBrowserAndServer } from './lib/pages.mjs';

/** The pages, in order; `ready` is a testid that shows the page has its content. */
function pages(ids) {
  return [
    { name: 'dashboard', hash: '#/', ready: 'kpi-open' },
    { name: 'customers', hash: '#/customers', ready: 'customer-row' },
    { name: 'customer', hash: `#/customers/${ids.customer}`, ready: 'timeline' },
    { name: 'customer-form', hash: `#/customers/${ids.customer}/edit`, ready: 'customer-form' },
    { name: 'invoices', hash: '#/invoices', ready: 'invoice-row' },
    { name: 'invoice-form', hash: `#/invoices/${ids.invoice}/edit`, ready: 'invoice-summary' },
    { name: 'credit-note-form', hash: `#/invoices/${ids.invoice}/credit`, ready: 'credit-form' },
    { name: 'payments', hash: '#/payments', ready: 'payment-row' },
    { name: 'payment-form', hash: `#/payments/new?customer=${ids.customer}`, ready: 'payment-form' },
    { name: 'diary-form', hash: `#/customers/${ids.customer}/diary/new`, ready: 'event-form' },
    { name: 'settings', hash: '#/settings', ready: 'settings-backup' },
    { name: 'calculator', hash: '#/calculator', ready: 'calc-result' },
    { name: 'risk', hash: '#/risk', ready: 'risk-signals' },
    { name: 'credit-check', hash: '#/credit-check', ready: 'credit-result' },
  ];
}

describe('every page with the demo ledger', () => {
  const env = sharedBrowserAndServer();

  // Pages wider than the screen, per width, filled in by the two tests below.
  const overflow = {};

  for (const { viewport, width } of [
    { viewport: 'desktop', width: 1280 },
    { viewport: 'mobile', width: 375 },
  ]) {
    test(`at ${width} px wide: every page has its title; screenshots`, async (t) => {
      const { app, page, context, issues } = await openApp(env.browser, env.server, { viewport });
      await app.dashboard.loadDemo();
      await app.expectToast(/demogrootboek is geladen/i);
      await app.dismissToast();

      // The customer with the largest arrears, and an open invoice of theirs.
      const top = app.byTestId('top-arrears').locator('[data-testid="arrears-row"] a').first();
      const customer = Number((await top.getAttribute('href')).match(/#\/customers\/(\d+)$/)[1]);
      await app.go(`#/customers/${customer}`);
      const credit = app.byTestId('customer-invoices').locator('a[href$="/credit"]').first();
      const invoice = Number((await credit.getAttribute('href')).match(/#\/invoices\/(\d+)\/credit$/)[1]);

      overflow[width] = [];
      for (const p of pages({ customer, invoice })) {
        await app.go(p.hash);
        await app.byTestId(p.ready).first().waitFor();
        await page.evaluate(() => document.fonts.ready);
        assert.ok(await app.title.isVisible(), `${p.name}: the page title is visible`);
        assert.ok((await app.titleText()).length > 0, `${p.name}: the page title has text`);
        const scrollWidth = await page.evaluate(() => document.documentElement.scrollWidth);
        if (scrollWidth > width + 1) {
          // Name the outermost elements that stick out, to make the failure useful.
          const wide = await page.evaluate((w) => {
            const out = [];
            for (const el of document.querySelectorAll('.content *')) {
              const r = el.getBoundingClientRect();
              if (r.right > w + 1 && el.parentElement.getBoundingClientRect().right <= w + 1) {
                const cls = [...el.classList].join('.');
                const id = el.dataset.testid ? `[${el.dataset.testid}]` : '';
                out.push(`${el.tagName.toLowerCase()}${cls ? `.${cls}` : ''}${id} (${Math.round(r.width)}px)`);
              }
            }
            return [...new Set(out)].slice(0, 4);
          }, width);
          overflow[width].push(`${p.name}: ${scrollWidth}px wide, because of ${wide.join(', ') || 'the layout itself'}`);
        }
        // Tables may scroll sideways inside their card; say which do, for people to judge.
        const scrolling = await page.evaluate(() =>
          [...document.querySelectorAll('.content .table-wrap')]
            .filter((w) => w.scrollWidth > w.clientWidth + 1)
            .map((w) => {
              const name = w.querySelector('table[data-testid]')?.dataset.testid ?? w.closest('[data-testid]')?.dataset.testid;
              return `${name ?? 'table'} (${w.scrollWidth}px in ${w.clientWidth}px)`;
            }),
        );
        if (scrolling.length) t.diagnostic(`${width}-${p.name}: tables scroll sideways: ${scrolling.join(', ')}`);
        await screenshot(page, `${width}-${p.name}`);
      }

      await settle(page);
      assertNoIssues(issues);
      await context.close();
    });
  }

  // A page wider than a phone also pushes the fixed bottom navigation and the toast out of view.
  test('no page is wider than the screen', () => {
    assert.ok(overflow[1280] && overflow[375], 'both widths were visited');
    assert.deepEqual(overflow[1280], [], 'at 1280 px');
    assert.deepEqual(overflow[375], [], 'at 375 px');
  });
});
