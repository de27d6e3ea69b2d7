// Headless Chromium for the end-to-end tests, driven by playwright-core (installed in
// .ci/node_modules by .ci/setup; the browser is Debian's /usr/bin/chromium, never a download).
//
//   const browser = await launchBrowser();
//   const { page, issues } = await openPage(browser, server.url, { viewport: 'mobile' });
//   await waitForApp(page);
//   await settle(page);              // late CSP reports and console messages arrive
//   assertNoIssues(issues);          // no console error, page error, failed or foreign request,
//                                    // CSP violation
//   await screenshot(page, 'overview-mobile');   // tests/e2e/screenshots/overview-mobile.png
//   await page.context().close();
//   await browser.close();

import assert from 'node:assert/strict';
import { mkdir } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(new URL('../../../.ci/package.json', import.meta.url));
let playwright;
try {
  playwright = require('playwright-core');
} catch (err) {
  throw new Error(`playwright-core is missing from .ci/node_modules: run \`bash .ci/setup\` (${err.message})`);
}
export const { chromium } = playwright;

export const CHROMIUM = process.env.STIPT_CHROMIUM ?? '/usr/bin/chromium';

// Without the networking flags Chromium keeps trying to reach Google's hosts, which this
// machine's closed network refuses. Playwright gives every launch a fresh, empty profile
// (user-data-dir) of its own and adds --no-sandbox (chromiumSandbox is false), which running as
// root needs.
export const CHROMIUM_FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export const VIEWPORTS = {
  desktop: { viewport: { width: 1280, height: 800 } },
  mobile: { viewport: { width: 375, height: 812 }, isMobile: true, hasTouch: true },
};

export const SCREENSHOT_DIR = fileURLToPath(new URL('../screenshots/', import.meta.url));

/** Launches headless Chromium. Set STIPT_HEADED=1 to watch (needs a display). */
export async function launchBrowser(options = {}) {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: process.env.STIPT_HEADED !== '1',
    chromiumSandbox: false,
    args: CHROMIUM_FLAGS,
    ...options,
  });
}

/**
 * Opens a page in a new browser context, starts collecting problems, and (if url is given)
 * navigates there. Options:
 *   viewport: 'desktop' (1280x800, default) | 'mobile' (375x812) | { width, height }
 *   context:  extra options for browser.newContext (locale defaults to nl-NL, timezone to
 *             Europe/Amsterdam)
 *   allowOrigins: further origins the page may contact (the url's own origin always may)
 * Resolves to { page, context, issues }. Requests to any other origin are aborted and recorded.
 */
export async function openPage(browser, url, { viewport = 'desktop', context: contextOptions = {}, allowOrigins = [] } = {}) {
  const view = typeof viewport === 'string' ? VIEWPORTS[viewport] : { viewport };
  assert.ok(view, `unknown viewport ${viewport}`);
  const context = await browser.newContext({
    locale: 'nl-NL',
    timezoneId: 'Europe/Amsterdam',
    ...view,
    ...contextOptions,
  });

  const issues = {
    consoleErrors: [],
    pageErrors: [],
    failedRequests: [],
    cspViolations: [],
    foreignRequests: [],
  };
  const allowed = new Set(allowOrigins);
  if (url) allowed.add(new URL(url).origin);
  const isOwn = (u) => {
    if (u.startsWith('data:') || u.startsWith('blob:') || u === 'about:blank') return true;
    try {
      return allowed.has(new URL(u).origin);
    } catch {
      return false;
    }
  };

  // Nothing leaves the machine: every request to another origin is recorded and aborted.
  await context.route((u) => !isOwn(u.href), (route) => {
    issues.foreignRequests.push(route.request().url());
    return route.abort('blockedbyclient');
  });

  // CSP violations as the page sees them; reported through a binding, which the CSP cannot block.
  await context.exposeBinding('__stiptCspViolation', (_source, v) => issues.cspViolations.push(v));
  await context.addInitScript(() => {
    document.addEventListener(
      'securitypolicyviolation',
      (e) =>
        window.__stiptCspViolation({
          directive: e.effectiveDirective,
          blockedURI: e.blockedURI,
          sourceFile: e.sourceFile,
          line: e.lineNumber,
          sample: e.sample,
        }),
      true,
    );
  });

  const page = await context.newPage();
  page.on('console', (msg) => {
    if (msg.type() === 'error') issues.consoleErrors.push(msg.text());
  });
  page.on('pageerror', (err) => issues.pageErrors.push(String(err)));
  page.on('requestfailed', (req) => {
    if (!isOwn(req.url())) return; // already in foreignRequests
    issues.failedRequests.push(`${req.method()} ${req.url()}: ${req.failure()?.errorText}`);
  });
  page.on('response', (res) => {
    if (res.status() >= 400) issues.failedRequests.push(`${res.request().method()} ${res.url()}: ${res.status()}`);
  });

  if (url) await page.goto(url);
  return { page, context, issues };
}

/** Waits until the app's root element (data-testid="app") is visible. */
export async function waitForApp(page, { timeout = 15_000 } = {}) {
  const app = page.getByTestId('app');
  await app.waitFor({ state: 'visible', timeout });
  return app;
}

/**
 * Lets late reports arrive: CSP violation events and console messages come asynchronously, a
 * few hundred milliseconds after the action that caused them. Call before assertNoIssues.
 */
export async function settle(page, ms = 300) {
  await page.waitForLoadState('networkidle').catch(() => {});
  await page.evaluate(() => new Promise((ok) => requestAnimationFrame(() => requestAnimationFrame(ok))));
  await page.waitForTimeout(ms);
}

/** Fails the test if any problem was collected; the message lists them all. */
export function assertNoIssues(issues) {
  const found = Object.fromEntries(Object.entries(issues).filter(([, list]) => list.length > 0));
  assert.deepEqual(found, {}, `the page had problems:\n${JSON.stringify(found, null, 2)}`);
}

/** Saves a PNG to tests/e2e/screenshots/NAME.png (git-ignored) and returns its path. */
export async function screenshot(page, name, options = {}) {
  await mkdir(SCREENSHOT_DIR, { recursive: true });
  const path = join(SCREENSHOT_DIR, `${name.replace(/[^\w.-]+/g, '-')}.png`);
  await page.screenshot({ path, fullPage: true, ...options });
  return path;
}
