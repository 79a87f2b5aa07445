import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { importFiles, type TImportFile } from '../../src/app/imports/import-files.ts';
import { listInvoices } from '../../src/app/ledger/list-invoices.ts';
import { verifyRegister } from '../../src/app/register/verify-register.ts';
import { snapshot } from '../support/db-snapshot.ts';
import { buildFatturaPA } from '../support/fatturapa-builder.ts';
import { ctxOn, seedCreditor } from '../support/fixtures.ts';
import { makeThrowAwaySigner, signP7m, type TSigner } from '../support/sign-p7m.ts';
import { createTestDatabase, type TTestDatabase } from '../support/test-database.ts';
import { BUYER, SELLER } from '../support/write-fatturapa-fixtures.ts';
import { writeZip } from '../support/zip-writer.ts';

const DIR = join(import.meta.dirname, '../fixtures/fatturapa');
let t: TTestDatabase;
let signer: TSigner;

function fixture(name: string): TImportFile {
  return { name, bytes: new Uint8Array(readFileSync(join(DIR, name))) };
}
const allFixtures = () => readdirSync(DIR).sort().map(fixture);

async function reset() {
  await t.db.exec(`
    alter table register_entries disable trigger register_entries_no_update;
    delete from document_actions; delete from document_invoices; delete from documents;
    delete from allocations; delete from payments; delete from instalments; delete from invoices;
    delete from import_files; delete from debtor_addresses; delete from debtor_contacts; delete from debtors;
    delete from register_entries; delete from register_heads; delete from creditors;
    alter table register_entries enable trigger register_entries_no_update;`);
  await seedCreditor(t.db);
}

beforeAll(async () => {
  t = await createTestDatabase();
  signer = makeThrowAwaySigner();
});
afterAll(() => t.drop());
beforeEach(reset);

describe('FatturaPA import', () => {
  it('imports invoices, instalments with their payment details, credit and debit notes', async () => {
    const ctx = ctxOn(t.db, '2026-03-15');
    const results = await importFiles(ctx, allFixtures());
    expect(results.map((r) => [r.file, r.format, r.status, r.errors])).toEqual([
      ['IT01114601006_00001.xml', 'fatturapa', 'imported', []],
      ['IT01114601006_00002.xml', 'fatturapa', 'imported', []],
      ['IT01114601006_00003.xml', 'fatturapa', 'imported', []],
      ['IT01114601006_00004.xml', 'fatturapa', 'imported', []],
      ['IT01114601006_00005.XML', 'fatturapa', 'imported', []],
    ]);
    expect(results[2]!.counts).toMatchObject({ documents: 2, imported: 2, instalments: 2 });
    const invoices = await listInvoices(t.db, { asOf: ctx.today });
    const view = invoices.map((i) => ({
      number: i.number,
      type: i.type,
      documentType: i.documentType,
      total: i.total,
      outstanding: i.outstanding,
      debtor: i.debtor.name,
      related: i.relatedInvoice?.number ?? null,
      instalments: i.instalments.map((x) => `${x.dueDate} ${x.amount} ${x.outstanding}`),
    }));
    expect(view).toEqual([
      {
        number: 'FT-2026/001',
        type: 'invoice',
        documentType: 'TD01',
        total: '2440.00',
        // The credit note of 244.00 settles the oldest instalment first.
        outstanding: '2196.00',
        debtor: 'Rossi Costruzioni S.p.A.',
        related: null,
        instalments: ['2026-02-28 1220.00 976.00', '2026-03-31 1220.00 1220.00'],
      },
      {
        number: 'NC-2026/001',
        type: 'credit-note',
        documentType: 'TD04',
        total: '244.00',
        outstanding: '0.00',
        debtor: 'Rossi Costruzioni S.p.A.',
        related: 'FT-2026/001',
        instalments: [],
      },
      {
        number: 'FT-2026/002',
        type: 'invoice',
        documentType: 'TD01',
        total: '610.00',
        outstanding: '610.00',
        debtor: 'Rossi Costruzioni S.p.A.',
        related: null,
        // No DatiPagamento: one instalment at the total, due 30 days after the issue date.
        instalments: ['2026-03-04 610.00 610.00'],
      },
      {
        number: 'ND-2026/001',
        type: 'debit-note',
        documentType: 'TD05',
        total: '122.00',
        outstanding: '122.00',
        debtor: 'Rossi Costruzioni S.p.A.',
        related: 'FT-2026/002',
        instalments: ['2026-03-31 122.00 122.00'],
      },
      {
        number: 'FT-2026/003',
        type: 'invoice',
        documentType: 'TD01',
        // Split payment: the public administration pays the taxable amount, the VAT goes to the State.
        total: '1000.00',
        outstanding: '1000.00',
        debtor: 'Comune di Milano',
        related: null,
        instalments: ['2026-03-12 1000.00 1000.00'],
      },
      {
        number: 'FT-2026/004',
        type: 'invoice',
        documentType: 'TD01',
        total: '366.00',
        outstanding: '366.00',
        debtor: 'Mario Rossi',
        related: null,
        instalments: ['2026-02-15 366.00 366.00'],
      },
    ]);
    const details = await t.db.query(
      `select i.number, t.seq, t.payment_method, t.payment_iban, t.late_penalty_cents, t.late_penalty_from,
              i.recipient_pec, i.recipient_code, i.document_total_cents
       from instalments t join invoices i on i.id = t.invoice_id and i.creditor_id = t.creditor_id
       where i.number in ('FT-2026/001', 'FT-2026/003') order by i.number, t.seq`,
    );
    expect(details).toEqual([
      {
        number: 'FT-2026/001',
        seq: 1,
        payment_method: 'MP05',
        payment_iban: 'IT60X0542811101000000123456',
        late_penalty_cents: 5000,
        late_penalty_from: '2026-03-01',
        recipient_pec: 'amministrazione@pec.rossicostruzioni.it',
        recipient_code: null,
        document_total_cents: null,
      },
      {
        number: 'FT-2026/001',
        seq: 2,
        payment_method: 'MP05',
        payment_iban: 'IT60X0542811101000000123456',
        late_penalty_cents: null,
        late_penalty_from: null,
        recipient_pec: 'amministrazione@pec.rossicostruzioni.it',
        recipient_code: null,
        document_total_cents: null,
      },
      {
        number: 'FT-2026/003',
        seq: 1,
        payment_method: 'MP05',
        payment_iban: 'IT60X0542811101000000123456',
        late_penalty_cents: null,
        late_penalty_from: null,
        recipient_pec: null,
        recipient_code: 'UFABCD',
        document_total_cents: 122000,
      },
    ]);
    const debtors = await t.db.query(
      'select name, kind, vat_number, fiscal_code, pec from debtors order by id',
    );
    expect(debtors).toEqual([
      {
        name: 'Rossi Costruzioni S.p.A.',
        kind: 'business',
        vat_number: 'IT00488410010',
        fiscal_code: null,
        pec: 'amministrazione@pec.rossicostruzioni.it',
      },
      {
        name: 'Comune di Milano',
        kind: 'public-administration',
        vat_number: 'IT01199250158',
        fiscal_code: '01199250158',
        pec: null,
      },
      { name: 'Mario Rossi', kind: 'consumer', vat_number: null, fiscal_code: 'RSSMRA85T10A562S', pec: null },
    ]);
    const [creditor] = await t.db.query<{ id: number }>('select id from creditors');
    expect((await verifyRegister(t.db, creditor!.id)).isValid).toBe(true);
  });

  it('reports the same file, or the same invoice in another file, as a duplicate and changes nothing', async () => {
    const ctx = ctxOn(t.db);
    await importFiles(ctx, [fixture('IT01114601006_00001.xml')]);
    const before = await snapshot(t.db);
    const again = await importFiles(ctx, [fixture('IT01114601006_00001.xml')]);
    expect(again).toEqual([
      {
        file: 'IT01114601006_00001.xml',
        format: 'fatturapa',
        status: 'duplicate',
        counts: { imported: 0, duplicates: 1 },
        errors: [],
      },
    ]);
    // Same invoice, different bytes (signed this time): the file is new, the invoice is not.
    const signed = await importFiles(ctx, [
      {
        name: 'IT01114601006_00001.xml.p7m',
        bytes: signP7m(signer, readFileSync(join(DIR, 'IT01114601006_00001.xml'))),
      },
    ]);
    expect(signed[0]).toMatchObject({
      status: 'duplicate',
      counts: { documents: 1, imported: 0, duplicates: 1 },
    });
    expect(await snapshot(t.db)).toEqual(before);
  });

  it('refuses another invoice with the same number and year, pointing at Numero', async () => {
    const ctx = ctxOn(t.db);
    await importFiles(ctx, [fixture('IT01114601006_00001.xml')]);
    const before = await snapshot(t.db);
    const other = buildFatturaPA({
      seller: SELLER,
      buyer: BUYER,
      bodies: [
        { date: '2026-05-10', number: 'FT-2026/001', lines: [{ description: 'Altro', amount: '10.00' }] },
      ],
    });
    const [result] = await importFiles(ctx, [{ name: 'other.xml', bytes: Buffer.from(other) }]);
    expect(result).toMatchObject({ status: 'rejected', format: 'fatturapa' });
    expect(result!.errors).toEqual([
      {
        where: '/FatturaElettronica/FatturaElettronicaBody/DatiGenerali/DatiGeneraliDocumento/Numero',
        message: '"FT-2026/001" of 2026 already exists for creditor IT01114601006 with different content',
      },
    ]);
    expect(await snapshot(t.db)).toEqual(before);
  });

  it('opens signed files, DER and base64, and refuses an altered one', async () => {
    const ctx = ctxOn(t.db);
    const xml = readFileSync(join(DIR, 'IT01114601006_00001.xml'));
    const der = signP7m(signer, xml);
    const base64 = Buffer.from(der.toString('base64').replace(/.{64}/g, '$&\n'));
    const tampered = Buffer.from(der);
    const at = tampered.indexOf(Buffer.from('Fornitura arredi'));
    tampered[at] = 'G'.charCodeAt(0);
    const results = await importFiles(ctx, [
      { name: 'altered.xml.p7m', bytes: tampered },
      { name: 'IT01114601006_00001.xml.p7m', bytes: der },
      { name: 'IT01114601006_00002.XML.P7M', bytes: base64 },
    ]);
    expect(results.map((r) => [r.status, r.format])).toEqual([
      ['rejected', 'fatturapa'],
      ['imported', 'fatturapa'],
      // A base64 envelope of the same invoice: new bytes, known invoice.
      ['duplicate', 'fatturapa'],
    ]);
    expect(results[0]!.errors).toEqual([
      {
        where: 'p7m',
        message: 'the signature does not match the content (the file was altered after signing)',
      },
    ]);
  });

  it('imports a zip batch file by file, going on past a bad file', async () => {
    const ctx = ctxOn(t.db);
    const xml = (n: string) => readFileSync(join(DIR, n));
    const zip = writeZip([
      { name: 'IT01114601006_00001.xml', data: xml('IT01114601006_00001.xml') },
      { name: 'IT01114601006_00002.xml.p7m', data: signP7m(signer, xml('IT01114601006_00002.xml')) },
      { name: 'IT01114601006_00003.xml', data: xml('IT01114601006_00003.xml').subarray(0, 900) },
      { name: 'IT01114601006_00004.xml', data: xml('IT01114601006_00004.xml') },
    ]);
    const results = await importFiles(ctx, [{ name: 'lotto.zip', bytes: zip }]);
    expect(results.map((r) => [r.file, r.status])).toEqual([
      ['lotto.zip/IT01114601006_00001.xml', 'imported'],
      ['lotto.zip/IT01114601006_00002.xml.p7m', 'imported'],
      ['lotto.zip/IT01114601006_00003.xml', 'rejected'],
      ['lotto.zip/IT01114601006_00004.xml', 'imported'],
    ]);
    expect(results[2]!.errors[0]!.where).toMatch(/^line \d+, column \d+$/);
    const numbers = (await listInvoices(t.db, { asOf: ctx.today })).map((i) => i.number);
    expect(numbers).toEqual(['FT-2026/001', 'NC-2026/001', 'FT-2026/003']);
  });

  it('imports a credit note that comes before its invoice in a batch', async () => {
    const xml = (n: string) => readFileSync(join(DIR, n));
    const zip = writeZip([
      { name: 'A_nota.xml', data: xml('IT01114601006_00002.xml') },
      { name: 'B_fattura.xml', data: xml('IT01114601006_00001.xml') },
    ]);
    const results = await importFiles(ctxOn(t.db), [{ name: 'lotto.zip', bytes: zip }]);
    expect(results.map((r) => [r.file, r.status])).toEqual([
      ['lotto.zip/A_nota.xml', 'imported'],
      ['lotto.zip/B_fattura.xml', 'imported'],
    ]);
    const [invoice] = await listInvoices(t.db, { asOf: ctxOn(t.db).today });
    expect([invoice!.number, invoice!.outstanding]).toEqual(['FT-2026/001', '2196.00']);
  });

  it('creates an unknown seller as creditor only when asked to', async () => {
    const ctx = ctxOn(t.db);
    const xml = buildFatturaPA({
      seller: { vatNumber: 'IT03123456786', name: 'Nuova Impresa S.r.l.' },
      buyer: BUYER,
      bodies: [{ date: '2026-02-01', number: '1', lines: [{ description: 'Consulenza', amount: '100.00' }] }],
    });
    const file = { name: 'IT03123456786_00001.xml', bytes: Buffer.from(xml) };
    const [refused] = await importFiles(ctx, [file]);
    expect(refused!.errors).toEqual([
      {
        where:
          '/FatturaElettronica/FatturaElettronicaHeader/CedentePrestatore/DatiAnagrafici/IdFiscaleIVA/IdCodice',
        message:
          'IT03123456786 is not a creditor of this Riscossa: add it with "riscossa creditors add" or import with --create-creditor',
      },
    ]);
    const [created] = await importFiles(ctx, [file], { createCreditor: true });
    expect(created!.status).toBe('imported');
    const rows = await t.db.query('select name, vat_number from creditors order by id');
    expect(rows).toEqual([
      { name: 'Acme Forniture S.r.l.', vat_number: 'IT01114601006' },
      { name: 'Nuova Impresa S.r.l.', vat_number: 'IT03123456786' },
    ]);
  });

  it('uses the configured default term for an invoice without DatiPagamento', async () => {
    const [r] = await importFiles(ctxOn(t.db), [fixture('IT01114601006_00003.xml')], { paymentTermDays: 60 });
    expect(r!.status).toBe('imported');
    const [inv] = await listInvoices(t.db, { asOf: ctxOn(t.db).today });
    expect(inv!.instalments.map((i) => i.dueDate)).toEqual(['2026-04-03']);
  });
});
