// A stored snapshot that cannot be read is shown as such, in plain Dutch, and never
// overwritten: saving is refused, the raw text can be downloaded, and only an explicit,
// confirmed "discard" starts over.

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { assertNoIssues, settle } from './lib/browser.mjs';
import { DEMO_PREFS, openApp, storedEntries, storedLedger, downloadText, sharedBrowserAndServer } from './lib/pages.mjs';

// A meta record cut off in the middle, next to a chunk it would have pointed to.
const CORRUPT_META = '{"format":"stipt-snapshot","version":1,"revision":4,"chunks":{"base":4,"c0":';
const CORRUPT_CHUNK = '[{"id":1,"number":"K-0001","name":"Verloren Klant BV"';
const CORRUPT = {
  'stipt.prefs': DEMO_PREFS,
  'stipt.meta': CORRUPT_META,
  'stipt.chunk.c0.4': CORRUPT_CHUNK,
};
// Well-formed, but from a future version of Stipt.
const FUTURE_META = '{"format":"stipt-snapshot","version":99,"revision":7,"chunks":{"base":7}}';
const FUTURE = {
  'stipt.prefs': DEMO_PREFS,
  'stipt.meta': FUTURE_META,
  'stipt.chunk.base.7': '{"future":"format"}',
};

describe('unreadable stored data', () => {
  const env = sharedBrowserAndServer();

  /** Tries to add a customer; expects the refusal and returns its text. */
  async function tryToAddCustomer(app) {
    const form = await app.customers.openNew();
    await form.fill({ name: 'Nieuwe Klant BV' });
    const error = await form.saveExpectingError();
    assert.equal(await app.hash(), '#/customers/new', 'the form stays open');
    assert.equal(await form.value('name'), 'Nieuwe Klant BV', 'what was typed is kept');
    return error;
  }

  test('damaged data: banner, refused save, download of the raw text, confirmed discard', async () => {
    const { app, page, context, issues } = await openApp(env.browser, env.server, { seed: CORRUPT });

    await app.recovery.waitFor();
    const banner = (await app.recovery.innerText()).trim();
    assert.match(banner, /Je gegevens zijn niet geladen/);
    assert.match(banner, /beschadigd en kunnen niet worden gelezen/);
    assert.match(banner, /Er is niets overschreven/);
    assert.match(banner, /slaat Stipt niets op/);
    assert.equal(await app.recovery.getAttribute('role'), 'alert');

    const before = await storedEntries(page);
    assert.equal(before['stipt.meta'], CORRUPT_META);

    // Saving is refused with a message, and nothing stored changes.
    const error = await tryToAddCustomer(app);
    assert.match(error, /onleesbaar en worden niet overschreven/);
    assert.deepEqual(await storedEntries(page), before, 'every stored key is unchanged');

    // Still there after a reload: nothing was "repaired" behind the user's back.
    await app.reload();
    await app.recovery.waitFor();
    assert.deepEqual(await storedEntries(page), before, 'unchanged after a reload');

    // The download holds the raw stored text, exactly.
    const [download] = await Promise.all([page.waitForEvent('download'), app.byTestId('recovery-download').click()]);
    assert.match(download.suggestedFilename(), /^stipt-opgeslagen-gegevens-\d{4}-\d{2}-\d{2}\.json$/);
    const dumped = await downloadText(download);
    assert.ok(dumped.includes('"format\\":\\"stipt-snapshot'), 'the corrupt text is in the file (JSON-escaped)');
    const dump = JSON.parse(dumped);
    assert.equal(dump['stipt.meta'], CORRUPT_META);
    assert.equal(dump['stipt.chunk.c0.4'], CORRUPT_CHUNK);

    // Discarding asks first; cancelling keeps everything.
    await app.byTestId('recovery-discard').click();
    const dialog = (await app.confirmDialog.innerText()).trim();
    assert.match(dialog, /Opgeslagen gegevens weggooien\?/);
    assert.match(dialog, /Download ze eerst/);
    await app.cancelConfirm();
    await app.recovery.waitFor();
    assert.deepEqual(await storedEntries(page), before, 'unchanged after cancelling the discard');

    await app.byTestId('recovery-discard').click();
    await app.confirm();
    await app.recovery.waitFor({ state: 'detached' });
    const afterDiscard = await storedEntries(page);
    assert.equal(afterDiscard['stipt.meta'], undefined, 'the unreadable meta is gone');
    assert.equal(afterDiscard['stipt.chunk.c0.4'], undefined, 'the unreadable chunk is gone');
    assert.deepEqual(JSON.parse(afterDiscard['stipt.prefs']), JSON.parse(before['stipt.prefs']), 'preferences are kept');

    // Saving works again.
    await app.createCustomer({ name: 'Nieuwe Klant BV' });
    await app.expectTitle('Nieuwe Klant BV');
    const stored = await storedLedger(page);
    assert.equal(stored.meta.revision, 1);
    assert.deepEqual(stored.customers.map((c) => c.name), ['Nieuwe Klant BV']);
    await app.reload();
    await app.expectTitle('Nieuwe Klant BV');
    assert.equal(await app.recovery.count(), 0);

    await settle(page);
    assertNoIssues(issues);
    await context.close();
  });

  // Regression: the banner once appended the storage layer's English error text, e.g.
  // "(the stored data is not a Stipt snapshot: EOF while parsing …)", to the Dutch explanation.
  test('the banner is Dutch only', async () => {
    for (const seed of [CORRUPT, FUTURE]) {
      const { app, page, context, issues } = await openApp(env.browser, env.server, { seed });
      await app.recovery.waitFor();
      const banner = (await app.recovery.innerText()).trim();
      assert.doesNotMatch(banner, /\b(the|stored|data|snapshot|while|version|column)\b/, banner);
      await settle(page);
      assertNoIssues(issues);
      await context.close();
    }
  });

  test('data from a newer version: explained, kept, and never overwritten', async () => {
    const { app, page, context, issues } = await openApp(env.browser, env.server, { seed: FUTURE });

    await app.recovery.waitFor();
    const banner = (await app.recovery.innerText()).trim();
    assert.match(banner, /Je gegevens zijn niet geladen/);
    assert.match(banner, /nieuwere versie van Stipt/);
    const before = await storedEntries(page);
    assert.equal(before['stipt.meta'], FUTURE_META);

    const error = await tryToAddCustomer(app);
    assert.match(error, /onleesbaar en worden niet overschreven/);
    assert.deepEqual(await storedEntries(page), before, 'every stored key is unchanged');

    // The settings page does not offer to export what was never loaded.
    await app.settings.open();
    await app.byTestId('settings-recovery').waitFor();
    assert.equal(await app.byTestId('backup-export').isDisabled(), true);

    await app.reload();
    await app.recovery.waitFor();
    assert.deepEqual(await storedEntries(page), before, 'unchanged after a reload');

    await settle(page);
    assertNoIssues(issues);
    await context.close();
  });
});
