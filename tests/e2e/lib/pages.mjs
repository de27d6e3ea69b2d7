// Page objects for the end-to-end tests: one class per page of the app, finding elements by
// data-testid only, plus helpers for the stored ledger (localStorage) and for seeding it.
//
//   const { page, context, issues } = await openPage(browser, null);
//   await seedStorage(context, { 'stipt.prefs': DEMO_PREFS });
//   const app = new App(page, server.url);
//   await app.open();                        // loads the app, waits for it
//   const form = await app.customers.create(); // #/customers/new
//   await form.fill({ name: 'Bakkerij Brood' });
//   const customer = await form.save();      // the customer page it lands on
//
// Every `goto`-style method waits until the page shows its own page title, so a test never
// races the router.

import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { inflateRawSync } from 'node:zlib';
import { after, before } from 'node:test';
import { launchBrowser, openPage, waitForApp } from './browser.mjs';
import { startServer } from './server.mjs';

/**
 * One local server and one browser for the tests of a file (registered as the enclosing
 * suite's before/after hooks); each test opens its own context. Read `env.browser` and
 * `env.server` inside tests.
 */
export function sharedBrowserAndServer() {
  const env = { browser: undefined, server: undefined };
  before(async () => {
    env.server = await startServer();
    env.browser = await launchBrowser();
  });
  after(async () => {
    await env.browser?.close();
    await env.server?.close();
  });
  return env;
}

/** The demo date every date-dependent test runs at. */
export const TODAY = '2026-11-23';
/** Dutch, with the demo clock at TODAY, in the format the app writes `stipt.prefs`. */
export const DEMO_PREFS = { lang: 'nl', today: TODAY };

/** Adds `days` to an ISO date (YYYY-MM-DD), in UTC so no time zone shifts it. */
export function addDays(iso, days) {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** `€ 1.234,56` (nl) / `€1,234.56` (en), the app's money format, for expectations. */
export function euro(amount, lang = 'nl') {
  const [int, frac] = Math.abs(amount).toFixed(2).split('.');
  const grouped = int.replace(/\B(?=(\d{3})+(?!\d))/g, lang === 'nl' ? '.' : ',');
  const sign = amount < 0 ? '-' : '';
  return lang === 'nl' ? `${sign}€ ${grouped},${frac}` : `${sign}€${grouped}.${frac}`;
}

/** ISO date → how the app shows it: `23-11-2026` (nl). */
export function nlDate(iso) {
  const [y, m, d] = iso.split('-');
  return `${d}-${m}-${y}`;
}

// ------------------------------------------------------------------------------------------
// Storage
// ------------------------------------------------------------------------------------------

/**
 * Before any page of `context` loads, writes `entries` (key → string or JSON value) into
 * localStorage, once per context: a later reload or a second tab does not write them again,
 * so what the app does with them afterwards is what the test sees. The marker key lives
 * outside the app's `stipt.` prefix.
 */
export async function seedStorage(context, entries) {
  const values = Object.fromEntries(
    Object.entries(entries).map(([k, v]) => [k, typeof v === 'string' ? v : JSON.stringify(v)]),
  );
  await context.addInitScript((vals) => {
    try {
      if (localStorage.getItem('e2e.seeded') === null) {
        for (const [k, v] of Object.entries(vals)) localStorage.setItem(k, v);
        localStorage.setItem('e2e.seeded', '1');
      }
    } catch {
      // about:blank and the like have no localStorage.
    }
  }, values);
}

/** Every `stipt.` key in localStorage with its raw text. */
export async function storedEntries(page) {
  return page.evaluate(() => {
    const out = {};
    for (let i = 0; i < localStorage.length; i++) {
      const k = localStorage.key(i);
      if (k.startsWith('stipt.')) out[k] = localStorage.getItem(k);
    }
    return out;
  });
}

/**
 * The stored snapshot, decoded: { meta, chunks: { name: parsed JSON }, customers, invoices,
 * payments, events } (the record arrays of all chunks of that kind). Asserts that the meta
 * record is a current snapshot and that every chunk it names is there, and no stray chunk is.
 */
export async function storedLedger(page) {
  const all = await storedEntries(page);
  assert.ok(all['stipt.meta'], 'stipt.meta is stored');
  const meta = JSON.parse(all['stipt.meta']);
  assert.equal(meta.format, 'stipt-snapshot');
  assert.equal(meta.version, 1);
  assert.equal(typeof meta.revision, 'number');
  const chunks = {};
  for (const [name, rev] of Object.entries(meta.chunks)) {
    const key = `stipt.chunk.${name}.${rev}`;
    assert.ok(all[key] !== undefined, `chunk ${key} named by stipt.meta is stored`);
    chunks[name] = JSON.parse(unpackChunk(all[key]));
  }
  const live = new Set(Object.entries(meta.chunks).map(([n, r]) => `stipt.chunk.${n}.${r}`));
  const stray = Object.keys(all).filter((k) => k.startsWith('stipt.chunk.') && !live.has(k));
  assert.deepEqual(stray, [], 'no chunk keys that stipt.meta does not point to');
  const records = (letter) =>
    Object.entries(chunks)
      .filter(([n]) => n[0] === letter && /^\w\d+$/.test(n))
      .flatMap(([, v]) => v);
  return {
    meta,
    chunks,
    customers: records('c'),
    invoices: records('i'),
    payments: records('p'),
    events: records('e'),
  };
}

/**
 * The JSON of a stored chunk: stored as is, or — when long — as `z` + unpadded base64 of the
 * raw-deflated JSON (src/storage/store.rs, `pack`).
 */
export function unpackChunk(stored) {
  if (!stored.startsWith('z')) return stored;
  return inflateRawSync(Buffer.from(stored.slice(1), 'base64')).toString('utf8');
}

/** Reads a downloaded file as text. */
export async function downloadText(download) {
  const path = await download.path();
  assert.ok(path, `download ${download.suggestedFilename()} was saved`);
  return readFile(path, 'utf8');
}

/**
 * A fresh context with a page on `server`, `seed` written to localStorage before the app first
 * loads (see seedStorage), and the app opened at `hash`. Resolves to
 * { app, page, context, issues }.
 */
export async function openApp(
  browser,
  server,
  { seed = { 'stipt.prefs': DEMO_PREFS }, hash = '', viewport, context: contextOptions, checkDemoDate = true } = {},
) {
  const { page, context, issues } = await openPage(browser, null, {
    viewport,
    context: contextOptions,
    allowOrigins: [server.origin],
  });
  if (seed) await seedStorage(context, seed);
  // STIPT_E2E_NOW=2031-02-03 runs the browser's clock at another real date: every test must pass
  // alike, as long as they work with the demo date.
  if (process.env.STIPT_E2E_NOW) await context.clock.setFixedTime(new Date(`${process.env.STIPT_E2E_NOW}T10:00:00`));
  const app = new App(page, server.url);
  await app.open(hash);
  // A seeded demo date must be in force, or date-dependent checks would pass only by luck.
  const prefs = seed?.['stipt.prefs'];
  const today = typeof prefs === 'string' ? JSON.parse(prefs).today : prefs?.today;
  if (today && checkDemoDate) await app.byTestId('demo-date').waitFor({ timeout: 5000 });
  return { app, page, context, issues };
}

/** Another tab in the same context (same localStorage), with its own issue collection. */
export async function openTab(context, server, issues, hash = '') {
  const page = await context.newPage();
  page.on('console', (msg) => {
    if (msg.type() === 'error') issues.consoleErrors.push(msg.text());
  });
  page.on('pageerror', (err) => issues.pageErrors.push(String(err)));
  const app = new App(page, server.url);
  await app.open(hash);
  return { app, page };
}

// ------------------------------------------------------------------------------------------
// The app and its shell
// ------------------------------------------------------------------------------------------

export class App {
  constructor(page, url) {
    this.page = page;
    this.url = url;
    this.dashboard = new DashboardPage(this);
    this.customers = new CustomerListPage(this);
    this.invoices = new InvoiceListPage(this);
    this.payments = new PaymentListPage(this);
    this.settings = new SettingsPage(this);
  }

  byTestId(id) {
    return this.page.getByTestId(id);
  }

  /**
   * Makes this tab the front one. With two tabs, input sent to the one behind waits about two
   * seconds for a frame, so a test brings a tab to the front before it types or clicks there.
   */
  async front() {
    await this.page.bringToFront();
    return this;
  }

  /** Loads the app (optionally at a route like `#/customers`) and waits until it runs. */
  async open(hash = '') {
    await this.page.goto(this.url + hash);
    await waitForApp(this.page);
    await this.title.waitFor();
    return this;
  }

  async reload() {
    await this.page.reload();
    await waitForApp(this.page);
    await this.title.waitFor();
  }

  /** Goes to a route (`#/…`) inside the running app and waits for its page title. */
  async go(hash) {
    await this.page.evaluate((h) => {
      location.hash = h;
    }, hash);
    await this.page.waitForFunction((h) => location.hash === h, hash);
    // The route changes on `hashchange`; the page renders right after. Two frames later it is
    // there, with its title (or the "not found" notice).
    await this.page.evaluate(() => new Promise((ok) => requestAnimationFrame(() => requestAnimationFrame(ok))));
    await this.page.locator('[data-testid="page-title"], [data-testid="not-found"]').first().waitFor();
  }

  get title() {
    return this.byTestId('page-title');
  }

  async titleText() {
    return (await this.title.innerText()).trim();
  }

  /** Waits until the page title reads `text` (string or RegExp). */
  async expectTitle(text) {
    await this.page.waitForFunction(
      ([src, flags, plain]) => {
        const el = document.querySelector('[data-testid="page-title"]');
        if (!el) return false;
        const t = el.textContent.trim();
        return plain !== null ? t === plain : new RegExp(src, flags).test(t);
      },
      text instanceof RegExp ? [text.source, text.flags, null] : ['', '', text],
    );
  }

  hash() {
    return this.page.evaluate(() => location.hash);
  }

  /** Waits until the location hash matches `re`, and returns it. */
  async expectHash(re) {
    await this.page.waitForFunction(([s, f]) => new RegExp(s, f).test(location.hash), [re.source, re.flags]);
    return this.hash();
  }

  nav(section) {
    return this.byTestId(`nav-${section}`);
  }

  async navigate(section) {
    await this.nav(section).click();
    await this.page.waitForFunction(
      (s) => document.querySelector(`[data-testid="nav-${s}"]`)?.getAttribute('aria-current') === 'page',
      section,
    );
    await this.title.waitFor();
  }

  async setLang(lang) {
    await this.byTestId(`lang-${lang}`).click();
    await this.page.waitForFunction((l) => document.documentElement.lang === l, lang);
  }

  htmlLang() {
    return this.page.evaluate(() => document.documentElement.lang);
  }

  get toast() {
    return this.byTestId('toast');
  }

  /** Waits for a toast whose text matches `re` and returns its text. */
  async expectToast(re) {
    await this.page.waitForFunction(
      ([s, f]) => {
        const t = document.querySelector('[data-testid="toast"]');
        return t && new RegExp(s, f).test(t.textContent);
      },
      [re.source, re.flags],
    );
    return (await this.toast.innerText()).trim();
  }

  /** Closes the toast, if any (dispatched: on a phone it can be outside the visible area). */
  async dismissToast() {
    if (await this.toast.count()) await this.toast.getByRole('button', { name: '×' }).dispatchEvent('click');
    await this.toast.waitFor({ state: 'detached' });
  }

  get confirmDialog() {
    return this.byTestId('confirm-dialog');
  }

  async confirm() {
    await this.confirmDialog.waitFor();
    await this.byTestId('confirm-ok').click();
    await this.confirmDialog.waitFor({ state: 'detached' });
  }

  async cancelConfirm() {
    await this.confirmDialog.waitFor();
    await this.byTestId('confirm-cancel').click();
    await this.confirmDialog.waitFor({ state: 'detached' });
  }

  get recovery() {
    return this.byTestId('recovery');
  }

  get formError() {
    return this.byTestId('form-error');
  }

  /** The text of the main content area (the current page, without shell, toast and dialog). */
  async contentText() {
    return (await this.byTestId('content').innerText()).trim();
  }

  /** Creates a customer through the form and returns its page. */
  async createCustomer(fields) {
    const form = await this.customers.openNew();
    await form.fill(fields);
    return form.save();
  }

  /** Creates an invoice for a customer (from its page) and returns the customer page. */
  async createInvoice(customerPage, fields) {
    const form = await customerPage.newInvoice();
    await form.fill(fields);
    return form.save();
  }

  /** Loads the demo ledger from the settings page (empty ledger: no question asked). */
  async loadDemo() {
    await this.settings.open();
    await this.byTestId('demo-load').click();
    if (await this.confirmDialog.isVisible()) await this.confirm();
    await this.expectToast(/[Dd]emo/);
  }
}

/** Fills inputs and selects by testid: { testid: value }. */
async function fillFields(app, map) {
  for (const [testid, value] of Object.entries(map)) {
    if (value === undefined) continue;
    const el = app.byTestId(testid);
    const tag = await el.evaluate((e) => `${e.tagName}:${e.type}`);
    if (tag.startsWith('SELECT')) await el.selectOption(String(value));
    else if (tag === 'INPUT:checkbox') await el.setChecked(Boolean(value));
    else await el.fill(String(value));
  }
}

// ------------------------------------------------------------------------------------------
// Pages
// ------------------------------------------------------------------------------------------

export class DashboardPage {
  constructor(app) {
    this.app = app;
  }

  async open() {
    await this.app.go('#/');
    return this;
  }

  get welcome() {
    return this.app.byTestId('welcome');
  }

  async kpi(name) {
    return (await this.app.byTestId(`kpi-${name}`).locator('.value').innerText()).trim();
  }

  async agingTotal() {
    return (await this.app.byTestId('aging-total').innerText()).trim();
  }

  async loadDemo() {
    await this.app.byTestId('welcome-demo').click();
    await this.app.byTestId('kpi-open').waitFor();
  }
}

export class CustomerListPage {
  constructor(app) {
    this.app = app;
  }

  async open() {
    await this.app.go('#/customers');
    return this;
  }

  get rows() {
    return this.app.byTestId('customer-row');
  }

  row(name) {
    return this.rows.filter({ hasText: name });
  }

  async names() {
    return this.rows.locator('td:nth-child(2) a').allInnerTexts();
  }

  async search(text) {
    await this.app.byTestId('customer-search').fill(text);
  }

  async openNew() {
    await this.open();
    await this.app.byTestId('customer-new').click();
    await this.app.expectHash(/^#\/customers\/new$/);
    await this.app.byTestId('customer-form').waitFor();
    return new CustomerFormPage(this.app);
  }

  /** Opens the customer page of the row with this name. */
  async openCustomer(name) {
    await this.row(name).getByRole('link', { name }).click();
    await this.app.expectHash(/^#\/customers\/\d+$/);
    await this.app.expectTitle(name);
    return new CustomerPage(this.app);
  }
}

export class CustomerFormPage {
  static FIELDS = {
    number: 'cf-number',
    name: 'cf-name',
    kind: 'cf-kind',
    country: 'cf-country',
    sector: 'cf-sector',
    contact: 'cf-contact',
    email: 'cf-email',
    phone: 'cf-phone',
    street: 'cf-street',
    postcode: 'cf-postcode',
    city: 'cf-city',
    iban: 'cf-iban',
    vat: 'cf-vat',
    term: 'cf-term',
    limit: 'cf-limit',
    notes: 'cf-notes',
    // Contract terms: rate ('' = none), period 'year' | 'month', compound (checkbox),
    // costs kind '' | 'fixed' | 'percent', and the amount or percentage.
    interestRate: 'cf-interest-rate',
    interestPeriod: 'cf-interest-period',
    interestCompound: 'cf-interest-compound',
    costsKind: 'cf-costs-kind',
    costsValue: 'cf-costs-value',
  };

  constructor(app) {
    this.app = app;
  }

  async fill(fields) {
    const map = {};
    for (const [k, v] of Object.entries(fields)) {
      const id = CustomerFormPage.FIELDS[k];
      assert.ok(id, `unknown customer field ${k}`);
      map[id] = v;
    }
    await fillFields(this.app, map);
  }

  value(field) {
    return this.app.byTestId(CustomerFormPage.FIELDS[field]).inputValue();
  }

  /** Submits and expects to land on the customer page. */
  async save() {
    await this.app.byTestId('cf-save').click();
    await this.app.expectHash(/^#\/customers\/\d+$/);
    await this.app.byTestId('customer-open').waitFor();
    return new CustomerPage(this.app);
  }

  /** Submits and expects the form to stay with an error; returns the error text. */
  async saveExpectingError() {
    await this.app.byTestId('cf-save').click();
    await this.app.formError.waitFor();
    return (await this.app.formError.innerText()).trim();
  }
}

export class CustomerPage {
  constructor(app) {
    this.app = app;
  }

  async id() {
    const m = (await this.app.hash()).match(/^#\/customers\/(\d+)/);
    assert.ok(m, 'on a customer page');
    return Number(m[1]);
  }

  async open(id) {
    await this.app.go(`#/customers/${id}`);
    await this.app.byTestId('customer-open').waitFor();
    return this;
  }

  async openAmount() {
    return (await this.app.byTestId('customer-open').locator('.value').innerText()).trim();
  }

  async overdueAmount() {
    return (await this.app.byTestId('customer-overdue').locator('.value').innerText()).trim();
  }

  /** The credit limit as shown ("€ 7.500,00", or "—" for none). */
  async limitAmount() {
    return (await this.app.byTestId('customer-limit').locator('.value').innerText()).trim();
  }

  get invoiceRows() {
    return this.app.byTestId('customer-invoice-row');
  }

  invoiceRow(number) {
    return this.app.page.locator(`[data-testid="customer-invoice-row"][data-number="${number}"]`);
  }

  async invoiceStatus(number) {
    return (await this.invoiceRow(number).locator('[data-status]').innerText()).trim();
  }

  get paymentRows() {
    return this.app.byTestId('customer-payment-row');
  }

  get timelineItems() {
    return this.app.byTestId('timeline-item');
  }

  async timelineKinds() {
    return this.timelineItems.evaluateAll((els) => els.map((e) => e.dataset.kind));
  }

  async edit() {
    await this.app.byTestId('customer-edit').click();
    await this.app.expectHash(/^#\/customers\/\d+\/edit$/);
    await this.app.byTestId('customer-form').waitFor();
    return new CustomerFormPage(this.app);
  }

  async newInvoice() {
    await this.app.byTestId('customer-invoice-new').click();
    await this.app.expectHash(/^#\/invoices\/new\?customer=\d+$/);
    await this.app.byTestId('invoice-form').waitFor();
    return new InvoiceFormPage(this.app);
  }

  async newPayment() {
    await this.app.byTestId('customer-payment-new').click();
    await this.app.expectHash(/^#\/payments\/new\?customer=\d+$/);
    await this.app.byTestId('payment-form').waitFor();
    return new PaymentFormPage(this.app);
  }

  async newEvent() {
    await this.app.byTestId('event-new').click();
    await this.app.expectHash(/^#\/customers\/\d+\/diary\/new$/);
    await this.app.byTestId('event-form').waitFor();
    return new EventFormPage(this.app);
  }

  async delete() {
    await this.app.byTestId('customer-delete').click();
    await this.app.confirmDialog.waitFor();
  }
}

export class InvoiceListPage {
  constructor(app) {
    this.app = app;
  }

  async open() {
    await this.app.go('#/invoices');
    return this;
  }

  get rows() {
    return this.app.byTestId('invoice-row');
  }

  async openNew() {
    await this.open();
    await this.app.byTestId('invoice-new').click();
    await this.app.byTestId('invoice-form').waitFor();
    return new InvoiceFormPage(this.app);
  }
}

export class InvoiceFormPage {
  static FIELDS = {
    customer: 'invoice-customer',
    number: 'invoice-number',
    date: 'invoice-date',
    due: 'invoice-due',
    amount: 'invoice-amount',
    currency: 'invoice-currency',
    description: 'invoice-description',
    reference: 'invoice-reference',
  };

  constructor(app) {
    this.app = app;
  }

  async fill(fields) {
    const map = {};
    for (const [k, v] of Object.entries(fields)) {
      const id = InvoiceFormPage.FIELDS[k];
      assert.ok(id, `unknown invoice field ${k}`);
      map[id] = v;
    }
    await fillFields(this.app, map);
  }

  value(field) {
    return this.app.byTestId(InvoiceFormPage.FIELDS[field]).inputValue();
  }

  async save() {
    await this.app.byTestId('invoice-save').click();
    await this.app.expectHash(/^#\/customers\/\d+$/);
    await this.app.byTestId('customer-open').waitFor();
    return new CustomerPage(this.app);
  }
}

export class PaymentListPage {
  constructor(app) {
    this.app = app;
  }

  async open() {
    await this.app.go('#/payments');
    return this;
  }

  get rows() {
    return this.app.byTestId('payment-row');
  }
}

export class PaymentFormPage {
  static FIELDS = {
    customer: 'payment-customer',
    date: 'payment-date',
    amount: 'payment-amount',
    currency: 'payment-currency',
    payer: 'payment-payer',
    iban: 'payment-iban',
    reference: 'payment-reference',
    mode: 'payment-mode',
  };

  constructor(app) {
    this.app = app;
  }

  async fill(fields) {
    const map = {};
    for (const [k, v] of Object.entries(fields)) {
      const id = PaymentFormPage.FIELDS[k];
      assert.ok(id, `unknown payment field ${k}`);
      map[id] = v;
    }
    await fillFields(this.app, map);
  }

  async save() {
    await this.app.byTestId('payment-save').click();
    await this.app.expectHash(/^#\/customers\/\d+$/);
    await this.app.byTestId('customer-open').waitFor();
    return new CustomerPage(this.app);
  }
}

export class EventFormPage {
  static FIELDS = {
    customer: 'event-customer',
    type: 'event-type',
    date: 'event-date',
    invoice: 'event-invoice',
    amount: 'event-amount',
    promiseDate: 'event-promise-date',
    reason: 'event-reason',
    days: 'event-days',
    step: 'event-step',
    channel: 'event-channel',
    outcome: 'event-outcome',
    // Credit limit set (type 'limit-set'): the new limit ('' = none) and who set it; the note is
    // the required reason. Handed over (type 'hand-over'): the agency, and the amount above.
    limit: 'event-limit',
    by: 'event-by',
    agency: 'event-agency',
    note: 'event-note',
  };

  constructor(app) {
    this.app = app;
  }

  async fill(fields) {
    const map = {};
    for (const [k, v] of Object.entries(fields)) {
      const id = EventFormPage.FIELDS[k];
      assert.ok(id, `unknown diary field ${k}`);
      map[id] = v;
    }
    await fillFields(this.app, map);
  }

  async save() {
    await this.app.byTestId('event-save').click();
    await this.app.expectHash(/^#\/customers\/\d+$/);
    await this.app.byTestId('customer-open').waitFor();
    return new CustomerPage(this.app);
  }
}

export class SettingsPage {
  constructor(app) {
    this.app = app;
  }

  async open() {
    await this.app.go('#/settings');
    await this.app.byTestId('settings-page').waitFor();
    return this;
  }

  /** Clicks "download backup" and returns { name, text, json }. */
  async exportBackup() {
    const [download] = await Promise.all([
      this.app.page.waitForEvent('download'),
      this.app.byTestId('backup-export').click(),
    ]);
    const text = await downloadText(download);
    return { name: download.suggestedFilename(), text, json: JSON.parse(text) };
  }

  /** Chooses a backup file: a path, or { name, text } for an in-memory file. */
  async chooseBackup(file) {
    const input = this.app.byTestId('backup-file');
    if (typeof file === 'string') await input.setInputFiles(file);
    else await input.setInputFiles({ name: file.name, mimeType: 'application/json', buffer: Buffer.from(file.text) });
  }

  get preview() {
    return this.app.byTestId('backup-preview');
  }

  get error() {
    return this.app.byTestId('backup-error');
  }

  /** The statutory interest and costs card. */
  get law() {
    return new LawSettingsCard(this.app);
  }

  /** The risk and signals card. */
  get risk() {
    return new RiskSettingsCard(this.app);
  }
}

/**
 * The "risk and signals" card in Settings (src/ui/pages/risk_settings.rs). Number fields are
 * named as in FIELDS; table rows by their position (0-based).
 */
export class RiskSettingsCard {
  static FIELDS = {
    gradeA: 'risk-grade-a',
    gradeB: 'risk-grade-b',
    gradeC: 'risk-grade-c',
    silentAttempts: 'risk-silent-attempts',
    brokenPromises: 'risk-broken-promises',
    excuseRepeats: 'risk-excuse-repeats',
    excuseWindow: 'risk-excuse-window',
    extensionRequests: 'risk-extension-requests',
    extensionWindow: 'risk-extension-window',
    scoreDrop: 'risk-score-drop',
    scoreFloor: 'risk-score-floor',
    buyingLess: 'risk-buying-less',
    disputeDays: 'risk-dispute-days',
    patternDays: 'risk-pattern-days',
    roundPayments: 'risk-round-payments',
    warnFirstUnpaid: 'risk-warn-first-unpaid',
    limitShare: 'risk-limit-share',
    insuredShare: 'risk-insured-share',
  };

  constructor(app) {
    this.app = app;
  }

  get card() {
    return this.app.byTestId('risk-settings');
  }

  async fill(fields) {
    await fillFields(this.app, mapFields(RiskSettingsCard.FIELDS, fields, 'risk'));
  }

  value(field) {
    return this.app.byTestId(RiskSettingsCard.FIELDS[field]).inputValue();
  }

  get rows() {
    return this.card.getByTestId('risk-row');
  }

  /** Fills row `n` of the table: { sector, country, level: 'low' | 'medium' | 'high' }. */
  async fillRow(n, { sector, country, level }) {
    const row = this.rows.nth(n);
    if (sector !== undefined) await row.getByTestId('risk-row-sector').fill(sector);
    if (country !== undefined) await row.getByTestId('risk-row-country').fill(country);
    if (level !== undefined) await row.getByTestId('risk-row-level').selectOption(level);
  }

  /** Row `n` as shown: { sector, country, level }. */
  async row(n) {
    const row = this.rows.nth(n);
    return {
      sector: await row.getByTestId('risk-row-sector').inputValue(),
      country: await row.getByTestId('risk-row-country').inputValue(),
      level: await row.getByTestId('risk-row-level').inputValue(),
    };
  }

  async addRow() {
    const before = await this.rows.count();
    await this.app.byTestId('risk-row-add').click();
    await this.rows.nth(before).waitFor();
    return before;
  }

  async removeRow(n) {
    await this.rows.nth(n).getByTestId('risk-row-remove').click();
  }

  async save() {
    await this.app.byTestId('risk-save').click();
  }

  get error() {
    return this.app.byTestId('risk-error');
  }

  /** Saves and expects the form to stay with an error; returns the error text. */
  async saveExpectingError() {
    await this.save();
    await this.error.waitFor();
    return (await this.error.innerText()).trim();
  }
}

/**
 * The "statutory interest and costs" card in Settings (src/ui/pages/law_settings.rs). Tables are
 * named by their keys: nl_commercial, nl_consumer, be_commercial; rows by their first day (ISO).
 */
export class LawSettingsCard {
  static FIELDS = { table: 'rate-table', from: 'rate-from', to: 'rate-to', rate: 'rate-value', source: 'rate-source' };
  static COSTS = { vatOwn: 'law-vat-own', vat: 'law-vat', order: 'law-order', nlCosts: 'law-nl-costs', postage: 'law-be-postage' };

  constructor(app) {
    this.app = app;
  }

  get card() {
    return this.app.byTestId('law-settings');
  }

  block(table) {
    return this.app.byTestId(`rate-block-${table}`);
  }

  rows(table) {
    return this.app.byTestId(`rate-table-${table}`).getByTestId('rate-row');
  }

  row(table, from) {
    return this.app.page.locator(`[data-testid="rate-table-${table}"] [data-testid="rate-row"][data-from="${from}"]`);
  }

  /** "Loopt tot 30-06-2026." */
  async until(table) {
    return (await this.block(table).getByTestId('rate-until').innerText()).trim();
  }

  /** The warning that the table ends before today. */
  stale(table) {
    return this.block(table).getByTestId('rate-stale');
  }

  async fillRow(fields) {
    await fillFields(this.app, mapFields(LawSettingsCard.FIELDS, fields, 'rate'));
  }

  value(field) {
    return this.app.byTestId(LawSettingsCard.FIELDS[field] ?? LawSettingsCard.COSTS[field]).inputValue();
  }

  async saveRow() {
    await this.app.byTestId('rate-save').click();
  }

  get error() {
    return this.app.byTestId('rate-error');
  }

  /** Saves and expects the form to stay with an error; returns the error text. */
  async saveRowExpectingError() {
    await this.saveRow();
    await this.error.waitFor();
    return (await this.error.innerText()).trim();
  }

  /** Removes a user row, answering the question with yes. */
  async removeRow(table, from) {
    await this.row(table, from).getByTestId('rate-remove').click();
    await this.app.confirm();
  }

  async fillCosts(fields) {
    await fillFields(this.app, mapFields(LawSettingsCard.COSTS, fields, 'cost rule'));
  }

  async saveCosts() {
    await this.app.byTestId('law-costs-save').click();
  }
}

/** { field: value } to { testid: value } through a page object's field table. */
function mapFields(ids, fields, what) {
  const map = {};
  for (const [k, v] of Object.entries(fields)) {
    assert.ok(ids[k], `unknown ${what} field ${k}`);
    map[ids[k]] = v;
  }
  return map;
}
