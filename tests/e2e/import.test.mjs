// Import (src/ui/pages/import.rs) and exports (src/ui/export.rs), on the demo ledger.
// A Dutch CSV export with two title lines above the header, semicolons and decimal commas:
// recognised as invoices, columns mapped, previewed (2 new customers, 3 invoices, the due date
// that was missing derived), applied, and listed; the same file again changes nothing. Then a
// camt.053 statement: the payment naming invoice 2026-9001 is a certain match and ticked, the
// unknown one is not; booking it pays the invoice. The invoice table downloads as CSV and Excel.

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { assertNoIssues } from './lib/browser.mjs';
import { openApp, sharedBrowserAndServer } from './lib/pages.mjs';

const CSV = [
  'Export van Facturatie Pro;;;;',
  'Gemaakt op 23-11-2026;;;;',
  'Factuurnummer;Klant;Factuurdatum;Vervaldatum;Bedrag',
  '2026-9001;Bakkerij Het Zuiden;01-10-2026;31-10-2026;"1.250,00"',
  '2026-9002;Bakkerij Het Zuiden;15-10-2026;14-11-2026;"480,50"',
  '2026-9003;Fietsenmaker Oost;20-10-2026;;"99,95"',
  '',
].join('\r\n');

const CAMT = `<?xml version="1.0" encoding="UTF-8"?>
<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.02"><BkToCstmrStmt>
<GrpHdr><MsgId>M1</MsgId><CreDtTm>2026-11-23T08:00:00</CreDtTm></GrpHdr>
<Stmt><Id>S1</Id><CreDtTm>2026-11-23T08:00:00</CreDtTm>
<Acct><Id><IBAN>NL71RABO0123456789</IBAN></Id><Ccy>EUR</Ccy></Acct>
<Bal><Tp><CdOrPrtry><Cd>OPBD</Cd></CdOrPrtry></Tp><Amt Ccy="EUR">1000.00</Amt><CdtDbtInd>CRDT</CdtDbtInd><Dt><Dt>2026-11-22</Dt></Dt></Bal>
<Bal><Tp><CdOrPrtry><Cd>CLBD</Cd></CdOrPrtry></Tp><Amt Ccy="EUR">2262.35</Amt><CdtDbtInd>CRDT</CdtDbtInd><Dt><Dt>2026-11-23</Dt></Dt></Bal>
<Ntry><Amt Ccy="EUR">1250.00</Amt><CdtDbtInd>CRDT</CdtDbtInd><Sts>BOOK</Sts><BookgDt><Dt>2026-11-23</Dt></BookgDt><ValDt><Dt>2026-11-23</Dt></ValDt>
<NtryDtls><TxDtls><Refs><EndToEndId>NOTPROVIDED</EndToEndId></Refs>
<RltdPties><Dbtr><Nm>Bakkerij Het Zuiden</Nm></Dbtr><DbtrAcct><Id><IBAN>NL91ABNA0417164300</IBAN></Id></DbtrAcct></RltdPties>
<RmtInf><Ustrd>Factuur 2026-9001</Ustrd></RmtInf></TxDtls></NtryDtls></Ntry>
<Ntry><Amt Ccy="EUR">12.35</Amt><CdtDbtInd>CRDT</CdtDbtInd><Sts>BOOK</Sts><BookgDt><Dt>2026-11-23</Dt></BookgDt><ValDt><Dt>2026-11-23</Dt></ValDt>
<NtryDtls><TxDtls><RltdPties><Dbtr><Nm>Onbekende gever</Nm></Dbtr></RltdPties><RmtInf><Ustrd>Fooi</Ustrd></RmtInf></TxDtls></NtryDtls></Ntry>
</Stmt></BkToCstmrStmt></Document>
`;

async function upload(app, name, text) {
  await app.byTestId('import-file').setInputFiles({ name, mimeType: 'application/octet-stream', buffer: Buffer.from(text, 'utf8') });
}

describe('import and export', () => {
  const env = sharedBrowserAndServer();

  test('CSV invoices, then a bank statement matched and booked; exports download', async () => {
    const { app, page, context, issues } = await openApp(env.browser, env.server);
    await app.loadDemo();
    await app.go('#/import');
    await app.byTestId('import-pick').waitFor();

    // --- The CSV: read past the title lines, recognised as invoices, previewed.
    await upload(app, 'facturen.csv', CSV);
    const csv = app.byTestId('import-csv');
    await csv.waitFor();
    assert.match(await csv.getByTestId('import-info').innerText(), /facturen\.csv: 3 rijen;.*kopregel op regel 3 \(2 regels ervoor overgeslagen\)/);
    assert.equal(await csv.getByTestId('import-kind').inputValue(), 'invoices');
    assert.equal(await csv.getByTestId('mapping-row').count(), 5);
    const sum = async (id) => Number(await csv.getByTestId(id).innerText());
    assert.equal(await sum('sum-new-customers'), 2);
    assert.equal(await sum('sum-new-invoices'), 3);
    assert.equal(await sum('sum-errors'), 0);
    assert.match(await csv.getByTestId('import-problems').innerText(), /vervaldatum/i, 'the derived due date is reported');

    // A column left out: the preview follows (no amount, so nothing can be imported).
    const amount = csv.getByTestId('mapping-target').nth(4);
    const mapped = await amount.inputValue();
    await amount.selectOption('');
    await page.waitForFunction(() => document.querySelector('[data-testid="import-apply"]').disabled);
    await amount.selectOption(mapped);
    await page.waitForFunction(() => !document.querySelector('[data-testid="import-apply"]').disabled);

    await csv.getByTestId('import-apply').click();
    await app.expectToast(/Geïmporteerd: 2 nieuwe klanten, 3 facturen/);
    assert.equal(await app.byTestId('import-csv').count(), 0);

    // The same file again: nothing new, nothing to apply.
    await upload(app, 'facturen.csv', CSV);
    await app.byTestId('import-csv').waitFor();
    assert.equal(Number(await app.byTestId('sum-new-invoices').innerText()), 0);
    assert.equal(Number(await app.byTestId('sum-unchanged').innerText()), 3);
    assert.equal(await app.byTestId('import-apply').isDisabled(), true);

    // --- The bank statement: one certain match (ticked), one not.
    await upload(app, 'afschrift.xml', CAMT);
    const bank = app.byTestId('import-bank');
    await bank.waitFor();
    const rows = bank.getByTestId('bank-proposal');
    assert.equal(await rows.count(), 2);
    assert.equal(await rows.nth(0).getAttribute('data-verdict'), 'Certain');
    assert.equal(await rows.nth(0).getByTestId('bank-tick').isChecked(), true);
    assert.match(await rows.nth(0).innerText(), /Bakkerij Het Zuiden[\s\S]*2026-9001/);
    assert.notEqual(await rows.nth(1).getAttribute('data-verdict'), 'Certain');
    assert.equal(await rows.nth(1).getByTestId('bank-tick').isChecked(), false);
    await bank.getByTestId('bank-book').click();
    await app.expectToast(/1 bankregels verwerkt/);

    // The invoice is paid.
    await app.go('#/invoices');
    await app.byTestId('invoice-search').fill('2026-9001');
    await page.waitForFunction(() => /Betaald/.test(document.querySelector('main')?.innerText ?? ''));

    // --- Exports of the invoice table.
    const [csvDownload] = await Promise.all([page.waitForEvent('download'), app.byTestId('export-csv').click()]);
    assert.match(csvDownload.suggestedFilename(), /^stipt-facturen-2026-11-23\.csv$/);
    const text = (await streamText(await csvDownload.createReadStream()));
    assert.ok(text.startsWith('\ufeff'), 'BOM for Excel');
    assert.match(text, /2026-9001;.*1250,00/);
    const [xlsx] = await Promise.all([page.waitForEvent('download'), app.byTestId('export-xlsx').click()]);
    assert.match(xlsx.suggestedFilename(), /\.xlsx$/);
    const bytes = await streamBytes(await xlsx.createReadStream());
    assert.equal(bytes.subarray(0, 2).toString(), 'PK', 'a zip file');

    assertNoIssues(issues);
    await context.close();
  });
});

async function streamBytes(stream) {
  const chunks = [];
  for await (const c of stream) chunks.push(c);
  return Buffer.concat(chunks);
}

async function streamText(stream) {
  return (await streamBytes(stream)).toString('utf8');
}
