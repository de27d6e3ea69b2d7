// The dunning policy card in Settings (src/ui/pages/dunning_settings.rs), on the demo ledger:
// the standard policy's reminder moves from due date + 7 to + 10 days and stays after a reload;
// a wrong offset is refused in Dutch with the input kept. The Dutch reminder text is edited:
// the preview follows as you type, an unknown placeholder is reported with its line and column
// and blocks the save; the fixed text is saved, still there after a reload, and "back to the
// standard text" restores the built-in one. The assignment rules: a rule "grade C → Risicovol"
// is added, saved, kept after a reload, and the preview count of Risicovol follows; a score of
// 150 is refused in Dutch with the input kept. Profiles are added as a copy, renamed, refused
// removal while a rule assigns them, removed and restored with undo; the collection agency is
// saved and the hand-over letter is addressed to it.

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { assertNoIssues } from './lib/browser.mjs';
import { openApp, storedLedger, sharedBrowserAndServer } from './lib/pages.mjs';

/** The dunning settings as stored (undefined while they are the defaults). */
async function storedDunning(page) {
  return (await storedLedger(page)).chunks.base.dunning;
}

describe('dunning policy in Settings', () => {
  const env = sharedBrowserAndServer();

  test('edit a step of the standard policy and the Dutch reminder text', async () => {
    const { app, page, context, issues } = await openApp(env.browser, env.server);
    await app.loadDemo();
    await app.settings.open();
    const card = app.byTestId('dunning-settings');
    await card.waitFor();

    // --- The standard policy: the default, with its customers and steps in words.
    const policy = card.getByTestId('policy-standaard');
    assert.equal(await policy.getByTestId('policy-default').count(), 1);
    assert.match(await policy.getByTestId('policy-users').innerText(), /standaardbeleid.*Krijgen dit beleid nu: \d+ klant/s);
    const reminder = policy.locator('[data-testid="step-row"][data-kind="reminder"]');
    assert.equal(await reminder.getByTestId('step-when').innerText(), 'vervaldatum + 7 dagen');
    assert.equal(
      await policy.locator('[data-testid="step-row"][data-kind="invoice-follow-up"]').getByTestId('step-when').innerText(),
      '3 dagen na factuurdatum',
    );
    assert.equal(
      await policy.locator('[data-testid="step-row"][data-kind="hand-over"]').getByTestId('step-when').innerText(),
      '8 dagen na de vorige stap',
    );

    // --- A wrong offset is refused in Dutch; nothing is saved and the input stays.
    const offset = reminder.getByTestId('step-offset');
    await offset.fill('tien');
    await policy.getByTestId('policy-save').click();
    assert.match(await policy.getByTestId('policy-error').innerText(), /Stap 4 \(Herinnering\), dagen: 'tien' is geen geheel aantal dagen/);
    assert.equal(await offset.inputValue(), 'tien');
    assert.equal(await storedDunning(page), undefined, 'nothing saved');

    // --- Ten days: the "when" follows as you type; saved, and kept after a reload.
    await offset.fill('10');
    assert.equal(await reminder.getByTestId('step-when').innerText(), 'vervaldatum + 10 dagen');
    await policy.getByTestId('policy-save').click();
    await app.expectToast(/Beleid opgeslagen/);
    assert.equal(await policy.getByTestId('policy-error').count(), 0);
    const stored = await storedDunning(page);
    const standard = stored.policies.find((p) => p.id === 'standaard');
    assert.deepEqual(standard.steps.find((s) => s[0] === 'reminder').slice(0, 3), ['reminder', 'd', 10]);

    await app.reload();
    await app.settings.open();
    await card.waitFor();
    assert.equal(await reminder.getByTestId('step-offset').inputValue(), '10');
    assert.equal(await reminder.getByTestId('step-when').innerText(), 'vervaldatum + 10 dagen');

    // --- The Dutch reminder text: the built-in one to start with, filled in for a real customer.
    const editor = card.getByTestId('dunning-templates');
    assert.equal(await editor.getByTestId('template-step').inputValue(), 'reminder');
    assert.equal(await editor.getByTestId('template-lang').inputValue(), 'nl');
    assert.match(await editor.getByTestId('template-origin').innerText(), /De standaardtekst/);
    assert.match(await editor.getByTestId('template-preview-who').innerText(), /hoogste achterstallige bedrag: \S/);
    assert.ok((await editor.getByTestId('template-placeholders').innerText()).includes('{open_total}'));
    const builtinBody = await editor.getByTestId('template-body').inputValue();
    assert.match(builtinBody, /\{customer\}|\{contact\}/);

    // The preview follows as you type.
    const body = editor.getByTestId('template-body');
    await body.fill('Beste {contact},\n\nEigen tekst: nog {open_total} open.');
    await page.waitForFunction(() =>
      document.querySelector('[data-testid="template-preview-body"]')?.textContent.includes('Eigen tekst: nog €'),
    );
    assert.doesNotMatch(await editor.getByTestId('template-preview-body').innerText(), /\{contact\}/);

    // A bad placeholder is reported with line and column, and blocks the save.
    await body.fill('Beste {contact},\n\nEigen tekst: nog {bedrag} open.');
    assert.match(
      await editor.getByTestId('template-problems').innerText(),
      /Tekst: Onbekende invulplek \{bedrag\} op regel 3, kolom 18/,
    );
    await editor.getByTestId('template-save').click();
    assert.match(await editor.getByTestId('template-error').innerText(), /regel 3, kolom 18/);
    assert.equal((await storedDunning(page)).templates.length, 0, 'nothing saved');

    // Fixed: saved, and still there after a reload.
    const mine = 'Beste {contact},\n\nEigen tekst: nog {open_total} open.';
    await body.fill(mine);
    assert.equal(await editor.getByTestId('template-problems').count(), 0);
    await editor.getByTestId('template-subject').fill('Eigen herinnering {reference}');
    await editor.getByTestId('template-save').click();
    await app.expectToast(/Tekst opgeslagen/);
    assert.deepEqual((await storedDunning(page)).templates, [['reminder', 'nl', 'Eigen herinnering {reference}', mine]]);

    await app.reload();
    await app.settings.open();
    await editor.waitFor();
    await page.waitForFunction(() => document.querySelector('[data-testid="template-body"]')?.value.includes('Eigen tekst'));
    assert.equal(await editor.getByTestId('template-body').inputValue(), mine);
    assert.match(await editor.getByTestId('template-origin').innerText(), /Je eigen tekst/);
    assert.match(await editor.getByTestId('template-preview-body').innerText(), /Eigen tekst: nog € [\d.,]+ open\./);

    // --- Back to the standard text.
    await editor.getByTestId('template-reset').click();
    await app.expectToast(/De standaardtekst geldt weer/);
    await page.waitForFunction(() => !document.querySelector('[data-testid="template-body"]')?.value.includes('Eigen tekst'));
    assert.equal(await editor.getByTestId('template-body').inputValue(), builtinBody);
    assert.equal((await storedDunning(page)).templates.length, 0);
    // The policy change is kept.
    assert.equal(await reminder.getByTestId('step-offset').inputValue(), '10');

    assertNoIssues(issues);
    await context.close();
  });

  test('add an assignment rule; an invalid one is refused with the input kept', async () => {
    const { app, page, context, issues } = await openApp(env.browser, env.server);
    await app.loadDemo();
    await app.settings.open();
    const card = app.byTestId('dunning-settings');
    await card.waitFor();

    const risky = card.getByTestId('policy-risicovol');
    const count = async () => Number((await risky.getByTestId('policy-users').innerText()).match(/Krijgen dit beleid nu: (\d+) klant/)[1]);
    const before = await count();
    const rules = card.getByTestId('dunning-rules');
    assert.match(await rules.innerText(), /eerste regel die past/);
    assert.equal(await rules.getByTestId('rule-row').count(), 3);
    assert.equal(await rules.getByTestId('rules-default').inputValue(), 'standaard');

    // --- A new rule: grade C → Risicovol, moved to the top (the first match wins).
    await rules.getByTestId('rule-add').click();
    assert.equal(await rules.getByTestId('rule-row').count(), 4);
    let added = rules.getByTestId('rule-row').nth(3);
    await added.getByTestId('rule-policy').selectOption('risicovol');
    await added.getByTestId('rule-grade-C').check();
    assert.equal(await added.getByTestId('rule-summary').innerText(), 'betaalklasse C → Risicovol');

    // A score of 150 is refused in Dutch; nothing is saved and the input stays.
    await added.getByTestId('rule-score').fill('150');
    await rules.getByTestId('rules-save').click();
    assert.match(await rules.getByTestId('rules-error').innerText(), /Regel 4, externe score lager dan: '150' is geen geheel getal van 0 tot en met 100/);
    assert.equal(await added.getByTestId('rule-score').inputValue(), '150');
    assert.equal(await added.getByTestId('rule-grade-C').isChecked(), true);
    assert.equal(await storedDunning(page), undefined, 'nothing saved');
    assert.equal(await count(), before);

    // Fixed (empty = not used), moved up to first place, saved.
    await added.getByTestId('rule-score').fill('');
    for (let i = 0; i < 3; i++) await rules.getByTestId('rule-row').nth(3 - i).getByTestId('rule-up').click();
    added = rules.getByTestId('rule-row').nth(0);
    assert.equal(await added.getByTestId('rule-summary').innerText(), 'betaalklasse C → Risicovol');
    assert.equal(await added.getByTestId('rule-up').isDisabled(), true);
    await rules.getByTestId('rules-save').click();
    await app.expectToast(/Regels opgeslagen/);
    assert.equal(await rules.getByTestId('rules-error').count(), 0);
    const stored = await storedDunning(page);
    assert.equal(stored.rules.length, 4);
    assert.equal(JSON.stringify(stored.rules[0]).includes('risicovol'), true);
    assert.equal(JSON.stringify(stored.rules[0]).includes('"C"'), true);
    const after = await count();
    assert.ok(after > before, `Risicovol: ${before} → ${after}`);

    // Still there after a reload.
    await app.reload();
    await app.settings.open();
    await card.waitFor();
    assert.equal(await rules.getByTestId('rule-row').count(), 4);
    const first = rules.getByTestId('rule-row').nth(0);
    assert.equal(await first.getByTestId('rule-policy').inputValue(), 'risicovol');
    assert.equal(await first.getByTestId('rule-grade-C').isChecked(), true);
    assert.equal(await first.getByTestId('rule-grade-A').isChecked(), false);
    assert.equal(await first.getByTestId('rule-score').inputValue(), '');
    assert.equal(await count(), after);

    // Removed again: back to the old count.
    await first.getByTestId('rule-remove').click();
    await rules.getByTestId('rules-save').click();
    await app.expectToast(/Regels opgeslagen/);
    assert.equal(await storedDunning(page), undefined, 'the defaults again: nothing stored');
    assert.equal(await count(), before);

    assertNoIssues(issues);
    await context.close();
  });

  test('profiles: add a copy, rename, remove (refused while in use), undo; the agency addresses the hand-over letter', async () => {
    const { app, page, context, issues } = await openApp(env.browser, env.server);
    await app.loadDemo();

    // Without an agency the hand-over letter says it has no addressee (not on paper).
    await app.go('#/letter/2/hand-over');
    await app.byTestId('letter-page').waitFor();
    assert.equal(await app.byTestId('letter-no-agency').count(), 1);
    assert.doesNotMatch(await app.byTestId('letter-address').innerText(), /Hofstede/, 'not addressed to the debtor');

    await app.settings.open();
    const profiles = app.byTestId('dunning-profiles');
    await profiles.waitFor();
    const rows = profiles.getByTestId('profile-row');
    assert.equal(await rows.count(), 3);

    // A copy of "Goede betalers" called "Vaste klanten": a policy of its own with the same steps.
    await profiles.getByTestId('profile-new-name').fill('Vaste klanten');
    await profiles.getByTestId('profile-copy-of').selectOption('goede-betalers');
    await profiles.getByTestId('profile-add-button').click();
    await app.byTestId('policy-vaste-klanten').waitFor();
    assert.equal(await rows.count(), 4);
    assert.equal(
      await app.byTestId('policy-vaste-klanten').getByTestId('step-row').count(),
      await app.byTestId('policy-goede-betalers').getByTestId('step-row').count(),
    );
    // The same name again is refused in Dutch, the typed name kept.
    await profiles.getByTestId('profile-new-name').fill('vaste KLANTEN');
    await profiles.getByTestId('profile-add-button').click();
    assert.match(await profiles.getByTestId('profiles-error').innerText(), /Er is al een aanmaanbeleid met de naam 'vaste KLANTEN'/);
    assert.equal(await profiles.getByTestId('profile-new-name').inputValue(), 'vaste KLANTEN');

    // Renamed: the id stays, the name is stored.
    const mine = profiles.locator('[data-testid="profile-row"][data-policy="vaste-klanten"]');
    await mine.getByTestId('profile-name').fill('Trouwe klanten');
    await mine.getByTestId('profile-rename').click();
    await page.waitForFunction(() => document.querySelector('[data-testid="policy-vaste-klanten"] h3')?.textContent.includes('Trouwe klanten'));
    let stored = await storedDunning(page);
    assert.deepEqual(stored.policies.map((p) => [p.id, p.name]).at(-1), ['vaste-klanten', 'Trouwe klanten']);

    // "Risicovol" is assigned by rules: removing it is refused with the reason.
    const risky = profiles.locator('[data-testid="profile-row"][data-policy="risicovol"]');
    await risky.getByTestId('profile-remove').click();
    await app.byTestId('confirm-ok').click();
    await profiles.getByTestId('profiles-error').waitFor();
    assert.match(await profiles.getByTestId('profiles-error').innerText(), /standaardbeleid of wordt door een regel toegekend/);
    assert.equal(await rows.count(), 4);

    // The new one can go, and come back with undo.
    await profiles.locator('[data-testid="profile-row"][data-policy="vaste-klanten"]').getByTestId('profile-remove').click();
    await app.byTestId('confirm-ok').click();
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="profile-row"]').length === 3);
    stored = await storedDunning(page);
    assert.ok(!stored || !stored.policies.some((p) => p.id === 'vaste-klanten'));
    await app.byTestId('toast-undo').click();
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="profile-row"]').length === 4);

    // The agency: saved, kept after a reload, and the hand-over letter is addressed to it.
    const agency = app.byTestId('dunning-agency');
    await agency.getByTestId('agency-name').fill('Incassobureau Noord B.V.');
    await agency.getByTestId('agency-contact').fill('mr. J. de Wit');
    await agency.getByTestId('agency-street').fill('Postbus 12');
    await agency.getByTestId('agency-postcode').fill('9700 AA');
    await agency.getByTestId('agency-city').fill('Groningen');
    await agency.getByTestId('agency-save').click();
    await page.waitForFunction(() => document.body.innerText.includes('Incassobureau opgeslagen.'));
    await app.reload();
    await app.settings.open();
    assert.equal(await app.byTestId('dunning-agency').getByTestId('agency-name').inputValue(), 'Incassobureau Noord B.V.');
    await app.go('#/letter/2/hand-over');
    await app.byTestId('letter-page').waitFor();
    const address = await app.byTestId('letter-address').innerText();
    assert.match(address, /Incassobureau Noord B\.V\.\s+t\.a\.v\. mr\. J\. de Wit\s+Postbus 12\s+9700 AA Groningen/);
    assert.equal(await app.byTestId('letter-no-agency').count(), 0);
    // The letter itself is about the debtor.
    assert.match(await app.byTestId('letter-body').innerText(), /Installatiebedrijf Hofstede/);

    assertNoIssues(issues);
    await context.close();
  });
});

