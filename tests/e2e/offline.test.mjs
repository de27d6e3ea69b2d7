// Offline (src/web/sw.js, registered in src/ui/mod.rs): after the first visit the service worker
// keeps the app's files; with the network gone, a reload still opens the app, on the same ledger.
// The manifest that makes the app installable is served and names the icon.

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { openApp, sharedBrowserAndServer } from './lib/pages.mjs';

describe('offline', () => {
  const env = sharedBrowserAndServer();

  test('the app reloads with no network, the ledger intact', async () => {
    const { app, page, context, issues } = await openApp(env.browser, env.server);
    await app.loadDemo();
    await page.waitForFunction(() => navigator.serviceWorker?.controller != null, null, { timeout: 15_000 });
    await page.evaluate(() => navigator.serviceWorker.ready);
    const stored = () => page.evaluate(() => JSON.stringify(Object.entries(localStorage).sort()));
    const before = await stored();
    await app.go('#/customers');
    const title = await app.byTestId('page-title').innerText();
    const sub = await page.locator('.page-header .sub').innerText();
    assert.match(sub, /^\d+ klanten$/);

    await context.setOffline(true);
    await page.reload();
    await app.byTestId('page-title').waitFor();
    assert.equal(await app.byTestId('page-title').innerText(), title, 'the same page opens offline');
    assert.equal(await page.locator('.page-header .sub').innerText(), sub, 'with the same customers');
    assert.equal(await stored(), before, 'the stored ledger is untouched');
    // A page of the app that was not open yet works too (routes are in the page, not the server).
    await app.go('#/today');
    await app.byTestId('page-title').waitFor();
    assert.equal(await app.byTestId('page-title').innerText(), 'Vandaag');
    assert.deepEqual(issues.pageErrors, []);
    assert.deepEqual(issues.cspViolations, []);
    await context.setOffline(false);

    // The manifest: served as JSON, the icon it names exists.
    const manifest = await (await page.request.get(new URL('manifest.webmanifest', env.server.url).href)).json();
    assert.equal(manifest.short_name, 'Stipt');
    assert.equal(manifest.display, 'standalone');
    const icon = await page.request.get(new URL(manifest.icons[0].src, env.server.url).href);
    assert.equal(icon.status(), 200);
    await context.close();
  });
});
