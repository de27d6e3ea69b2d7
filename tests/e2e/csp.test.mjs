// The release build runs under its strict Content-Security-Policy, and that policy is really
// enforced: the app starts only because the policy allows Trunk's start-up script by its hash.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { assertNoIssues, launchBrowser, openPage, screenshot, settle, waitForApp } from './lib/browser.mjs';
import { readDist, startServer } from './lib/server.mjs';

const CSP_SELECTOR = 'meta[http-equiv="Content-Security-Policy"]';

/** Parses a policy into { directive: [sources] }. */
function parsePolicy(policy) {
  return Object.fromEntries(
    policy
      .split(';')
      .map((d) => d.trim().split(/\s+/))
      .filter(([name]) => name)
      .map(([name, ...sources]) => [name.toLowerCase(), sources]),
  );
}

/** The inline scripts of an HTML page, as the browser hashes them. */
function inlineScripts(html) {
  return [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script\s*>/gi)]
    .filter(([, attrs]) => !/\bsrc\s*=/i.test(attrs))
    .map(([, , text]) => text.replace(/\r\n?/g, '\n'));
}

const sha256 = (text) => `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;

describe('Content-Security-Policy', () => {
  let browser;
  let html;
  before(async () => {
    html = await readDist('index.html');
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
  });

  test('the built page carries a strict policy that allows only its own start-up script', () => {
    const metas = [...html.matchAll(/<meta\b[^>]*http-equiv="Content-Security-Policy"[^>]*>/gi)];
    assert.equal(metas.length, 1, 'one CSP meta tag');
    const policy = parsePolicy(metas[0][0].match(/content="([^"]*)"/)[1]);

    const allSources = Object.values(policy).flat();
    assert.ok(!allSources.includes("'unsafe-inline'"), "no 'unsafe-inline'");
    assert.ok(!allSources.includes("'unsafe-eval'"), "no 'unsafe-eval'");
    assert.ok(!allSources.some((s) => s.includes('__STIPT')), 'placeholder replaced');
    assert.ok(!allSources.includes('*') && !allSources.some((s) => /^(https?:|wss?:|\*\.)/.test(s)), 'no other hosts');
    assert.deepEqual(policy['default-src'], ["'none'"]);
    assert.deepEqual(policy['object-src'], ["'none'"]);
    assert.deepEqual(policy['base-uri'], ["'none'"]);

    const scripts = inlineScripts(html);
    assert.equal(scripts.length, 1, "Trunk's start-up script is the only inline script");
    assert.deepEqual(policy['script-src'], ["'self'", "'wasm-unsafe-eval'", sha256(scripts[0])]);
  });

  test('the app renders with the policy in force, without errors or outside requests', async () => {
    const server = await startServer();
    try {
      const { page, context, issues } = await openPage(browser, server.url);
      const app = await waitForApp(page);
      assert.match(await app.innerText(), /Stipt/);

      const policy = await page.locator(CSP_SELECTOR).getAttribute('content');
      assert.match(policy, /script-src 'self' 'wasm-unsafe-eval' 'sha256-/);

      // The wasm arrived with the MIME type streaming compilation needs.
      const wasm = server.requests.find((r) => r.path.endsWith('.wasm'));
      assert.ok(wasm, 'the wasm was requested');
      assert.equal(wasm.type, 'application/wasm');

      await screenshot(page, 'csp-desktop', { fullPage: false });
      await settle(page);
      assertNoIssues(issues);
      await context.close();
    } finally {
      await server.close();
    }
  });

  test('without the hash the start-up script is blocked and the app does not start', async () => {
    const tampered = html.replace(/ 'sha256-[A-Za-z0-9+/=]+'/g, '');
    assert.notEqual(tampered, html, 'the hash was in the page');
    const server = await startServer({ overrides: { '/index.html': tampered } });
    try {
      const { page, context, issues } = await openPage(browser, server.url);

      await waitUntil(() => issues.cspViolations.length > 0, 10_000, 'a CSP violation');
      const [violation] = issues.cspViolations;
      assert.match(violation.directive, /^script-src/);
      assert.equal(violation.blockedURI, 'inline');

      // Give a wrongly started app ample time to show itself.
      await page.waitForTimeout(1500);
      assert.equal(await page.getByTestId('app').count(), 0, 'the app must not render');
      assert.equal(await page.evaluate(() => typeof window.wasmBindings), 'undefined');
      await context.close();
    } finally {
      await server.close();
    }
  });
});

async function waitUntil(condition, timeout, what) {
  const end = Date.now() + timeout;
  while (!condition()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((ok) => setTimeout(ok, 50));
  }
}
