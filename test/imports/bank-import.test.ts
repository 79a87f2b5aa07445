import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { importFiles } from '../../src/app/imports/import-files.ts';
import { listUnmatchedPayments } from '../../src/app/imports/list-unmatched-payments.ts';
import { matchPayment } from '../../src/app/imports/match-payment.ts';
import { listInvoices } from '../../src/app/ledger/list-invoices.ts';
import { verifyRegister } from '../../src/app/register/verify-register.ts';
import { formatRfReference, instalmentReference } from '../../src/core/matching/rf-reference.ts';
import { buildCamt053, type TCamtEntry } from '../support/camt-builder.ts';
import { buildCbiRh } from '../support/cbi-builder.ts';
import { snapshot } from '../support/db-snapshot.ts';
import { ctxOn, seedCreditor } from '../support/fixtures.ts';
import { createTestDatabase, type TTestDatabase } from '../support/test-database.ts';

const FIXTURES = join(import.meta.dirname, '../fixtures/fatturapa');
const CAMT_XSD = join(import.meta.dirname, '../fixtures/xsd/camt.053.001.02.xsd');
const ACCOUNT = 'IT60X0542811101000000123456';
const ROSSI_IBAN = 'IT02L1234512345123456789012';
let t: TTestDatabase;
let creditorId: number;

async function outstanding(): Promise<Record<string, string>> {
  const invoices = await listInvoices(t.db, { asOf: ctxOn(t.db).today });
  return Object.fromEntries(
    invoices.filter((i) => i.type !== 'credit-note').map((i) => [i.number, i.outstanding]),
  );
}

async function instalmentId(number: string, seq: number): Promise<number> {
  const [row] = await t.db.query<{ id: number }>(
    'select t.id from instalments t join invoices i on i.id = t.invoice_id and i.creditor_id = t.creditor_id where i.number = $1 and t.seq = $2',
    [number, seq],
  );
  return row!.id;
}

beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(() => t.drop());
beforeEach(async () => {
  await t.db.exec(`
    alter table register_entries disable trigger register_entries_no_update;
    delete from document_actions; delete from document_invoices; delete from documents;
    delete from allocations; delete from payments; delete from instalments; delete from invoices;
    delete from import_files; delete from import_mappings; delete from debtor_addresses; delete from debtor_contacts;
    delete from debtors; delete from register_entries; delete from register_heads; delete from creditors;
    alter table register_entries enable trigger register_entries_no_update;`);
  creditorId = await seedCreditor(t.db);
  // FT-2026/001 (two instalments of 1220.00), FT-2026/002 (610.00), ND-2026/001 (122.00), FT-2026/003 (1000.00, Comune di Milano).
  const files = ['IT01114601006_00001.xml', 'IT01114601006_00003.xml', 'IT01114601006_00004.xml'].map(
    (name) => ({
      name,
      bytes: new Uint8Array(readFileSync(join(FIXTURES, name))),
    }),
  );
  const results = await importFiles(ctxOn(t.db), files);
  expect(results.map((r) => r.status)).toEqual(['imported', 'imported', 'imported']);
});

function camtEntries(rf: string): TCamtEntry[] {
  return [
    {
      ref: 'E1',
      amount: '1220.00',
      bookingDate: '2026-03-02',
      payerName: 'ROSSI COSTRUZIONI SPA',
      payerIban: ROSSI_IBAN,
      creditorReference: rf,
    },
    {
      ref: 'E2',
      amount: '610.00',
      bookingDate: '2026-03-03',
      payerName: 'Rossi Costruzioni',
      remittance: 'SALDO FATTURA FT 2026/002 DEL 02/02/2026',
    },
    { ref: 'E3', amount: '122.00', bookingDate: '2026-03-04', payerIban: ROSSI_IBAN, remittance: 'BONIFICO' },
    {
      ref: 'E4',
      amount: '999.99',
      bookingDate: '2026-03-05',
      payerName: 'Sconosciuto Srl',
      remittance: 'pagamento',
    },
    { ref: 'E5', amount: '50.00', isCredit: false, bookingDate: '2026-03-05', remittance: 'commissioni' },
    {
      ref: 'E6',
      amount: '1000.00',
      bookingDate: '2026-03-06',
      payerName: 'COMUNE DI MILANO',
      remittance: 'MANDATO 123',
    },
  ];
}

describe('bank statements and reconciliation', () => {
  it('reads a camt.053 that validates against the ISO schema, matches by RF, invoice number and amount, queues the rest', async () => {
    const rf = instalmentReference(creditorId, await instalmentId('FT-2026/001', 2));
    const xml = buildCamt053({
      id: 'STMT-2026-03',
      iban: ACCOUNT,
      date: '2026-03-06',
      entries: camtEntries(formatRfReference(rf).replace(/ /g, '')),
    });
    const file = join(mkdtempSync(join(tmpdir(), 'riscossa-camt-')), 'statement.xml');
    writeFileSync(file, xml);
    const lint = spawnSync('xmllint', ['--nonet', '--noout', '--schema', CAMT_XSD, file], {
      encoding: 'utf8',
    });
    expect(lint.stderr.trim()).toBe(`${file} validates`);

    const [result] = await importFiles(ctxOn(t.db), [{ name: 'statement.xml', bytes: Buffer.from(xml) }]);
    expect(result).toEqual({
      file: 'statement.xml',
      format: 'camt053',
      status: 'imported',
      counts: { entries: 5, skipped: 1, duplicates: 0, matched: 4, unmatched: 1, allocated: 295_200 },
      errors: [],
    });
    const payments = await t.db.query(
      'select external_id, match_status, match_rule, debtor_id is not null as has_debtor from payments order by id',
    );
    expect(payments).toEqual([
      { external_id: `${ACCOUNT}:E1`, match_status: 'matched', match_rule: 'rf-reference', has_debtor: true },
      {
        external_id: `${ACCOUNT}:E2`,
        match_status: 'matched',
        match_rule: 'invoice-number',
        has_debtor: true,
      },
      // The payer's IBAN was learnt from E1, earlier in the same statement.
      { external_id: `${ACCOUNT}:E3`, match_status: 'matched', match_rule: 'exact-amount', has_debtor: true },
      { external_id: `${ACCOUNT}:E4`, match_status: 'unmatched', match_rule: null, has_debtor: false },
      { external_id: `${ACCOUNT}:E6`, match_status: 'matched', match_rule: 'exact-amount', has_debtor: true },
    ]);
    expect(await outstanding()).toEqual({
      'FT-2026/001': '1220.00',
      'FT-2026/002': '0.00',
      'ND-2026/001': '0.00',
      'FT-2026/003': '0.00',
    });
    // The RF named the second instalment: the first is still open.
    const [ft1] = (await listInvoices(t.db, { asOf: ctxOn(t.db).today })).filter(
      (i) => i.number === 'FT-2026/001',
    );
    expect(ft1!.instalments.map((i) => [i.dueDate, i.outstanding])).toEqual([
      ['2026-02-28', '1220.00'],
      ['2026-03-31', '0.00'],
    ]);

    const queue = await listUnmatchedPayments(t.db);
    expect(queue).toEqual([
      {
        id: expect.any(Number),
        creditor: { id: creditorId, name: 'Acme Forniture S.r.l.' },
        amount: '999.99',
        currency: 'EUR',
        date: '2026-03-05',
        payerName: 'Sconosciuto Srl',
        payerIban: null,
        remittance: 'pagamento',
        creditorReference: null,
        suggestions: [],
      },
    ]);

    // Importing the statement again changes nothing.
    const before = await snapshot(t.db);
    const [again] = await importFiles(ctxOn(t.db), [{ name: 'statement-copy.xml', bytes: Buffer.from(xml) }]);
    expect(again!.status).toBe('duplicate');
    // The same entries inside another statement with one new entry: only the new one is recorded.
    const next = buildCamt053({
      id: 'STMT-2026-03-B',
      iban: ACCOUNT,
      date: '2026-03-07',
      entries: [
        ...camtEntries(rf),
        { ref: 'E7', amount: '5.00', bookingDate: '2026-03-07', remittance: 'x' },
      ],
    });
    expect(await snapshot(t.db)).toEqual(before);
    const [overlap] = await importFiles(ctxOn(t.db), [{ name: 'next.xml', bytes: Buffer.from(next) }]);
    expect(overlap!.counts).toMatchObject({ entries: 6, duplicates: 5, unmatched: 1, matched: 0 });

    // A person settles the unmatched payment: the oldest open instalment of the invoice named.
    const matched = await matchPayment(ctxOn(t.db), { paymentId: queue[0]!.id, invoices: ['FT-2026/001'] });
    expect(matched).toEqual({
      id: queue[0]!.id,
      status: 'matched',
      debtor: { id: expect.any(Number) },
      amount: '999.99',
      allocated: '999.99',
      credit: '0.00',
      allocations: [{ invoiceNumber: 'FT-2026/001', dueDate: '2026-02-28', amount: '999.99' }],
    });
    expect(await outstanding()).toMatchObject({ 'FT-2026/001': '220.01' });
    await expect(
      matchPayment(ctxOn(t.db), { paymentId: queue[0]!.id, invoices: ['FT-2026/001'] }),
    ).rejects.toThrow('is already matched');
    expect((await verifyRegister(t.db, creditorId)).isValid).toBe(true);
  });

  it('reads a CBI RH statement and refuses one whose balances do not add up', async () => {
    const spec = {
      abi: '05428',
      cab: '11101',
      account: '000000123456',
      cin: 'X',
      check: '60',
      date: '2026-03-10',
      opening: '1000.00',
      movements: [
        {
          amount: '610.00',
          valueDate: '2026-03-09',
          bookingDate: '2026-03-10',
          bankRef: 'CBI0001',
          description: 'BONIFICO A VOSTRO FAVORE',
          payerName: 'ROSSI COSTRUZIONI SPA',
          remittance: 'FATT. FT-2026/002',
        },
        {
          amount: '20.00',
          isCredit: false,
          valueDate: '2026-03-10',
          bookingDate: '2026-03-10',
          bankRef: 'CBI0002',
          description: 'COMMISSIONI',
        },
        {
          amount: '1000.00',
          valueDate: '2026-03-10',
          bookingDate: '2026-03-10',
          bankRef: 'CBI0003',
          description: 'BONIFICO',
          payerName: 'Comune di Milano',
          payerIban: 'IT49S0306909606100000063611',
        },
      ],
    };
    const text = buildCbiRh(spec);
    expect(
      text
        .split('\r\n')
        .filter(Boolean)
        .every((l) => l.length === 120),
    ).toBe(true);
    const [r] = await importFiles(ctxOn(t.db), [
      { name: 'RH20260310.txt', bytes: Buffer.from(text, 'latin1') },
    ]);
    expect(r).toMatchObject({
      format: 'cbi',
      status: 'imported',
      counts: { entries: 2, skipped: 1, matched: 2, unmatched: 0 },
    });
    expect(await outstanding()).toMatchObject({ 'FT-2026/002': '0.00', 'FT-2026/003': '0.00' });
    const [payment] = await t.db.query(
      'select external_id, payer_name, payer_iban from payments where match_rule = $1',
      ['exact-amount'],
    );
    expect(payment).toEqual({
      external_id: `${ACCOUNT}:2026-03-10:CBI0003`,
      payer_name: 'Comune di Milano',
      payer_iban: 'IT49S0306909606100000063611',
    });

    const before = await snapshot(t.db);
    const broken = text.replace('C000000002590,00', 'C000000002591,00');
    const [bad] = await importFiles(ctxOn(t.db), [
      { name: 'RH-broken.txt', bytes: Buffer.from(broken, 'latin1') },
    ]);
    expect(bad).toMatchObject({ format: 'cbi', status: 'rejected' });
    expect(bad!.errors).toEqual([
      {
        where: 'line 10',
        message: 'closing balance 2591.00 is not the opening balance plus the movements (2590.00)',
      },
    ]);
    expect(await snapshot(t.db)).toEqual(before);
  });

  it('reads an Italian bank CSV export and CSV invoices with a saved mapping', async () => {
    const bank =
      'Data;Data valuta;Importo;Ordinante;Causale\n02/03/2026;02/03/2026;"1.220,00";Rossi Costruzioni S.p.A.;Saldo fatt. FT-2026/001 prima rata\n03/03/2026;03/03/2026;-15,00;;Canone\n';
    const [b] = await importFiles(ctxOn(t.db), [{ name: 'movimenti.csv', bytes: Buffer.from(bank) }]);
    expect(b).toMatchObject({
      format: 'csv',
      status: 'imported',
      counts: { entries: 1, skipped: 1, matched: 1 },
    });
    expect(await outstanding()).toMatchObject({ 'FT-2026/001': '1220.00' });

    const mapping = {
      kind: 'invoices',
      delimiter: ';',
      dateOrder: 'DMY',
      columns: {
        number: 'Doc',
        issueDate: 'Emessa',
        total: 'Totale',
        dueDate: 'Scade',
        instalmentAmount: 'Rata',
        debtorName: 'Cliente',
        debtorVatNumber: 'PIVA',
      },
    };
    const csv =
      'Doc;Emessa;Totale;Scade;Rata;Cliente;PIVA\nA/7;15/03/2026;2.000,00;15/04/2026;1.000,00;Verdi SpA;02438750586\nA/7;15/03/2026;2.000,00;15/05/2026;1.000,00;Verdi SpA;02438750586\n';
    const [first] = await importFiles(ctxOn(t.db), [{ name: 'erp-1.csv', bytes: Buffer.from(csv) }], {
      mapping,
      saveMappingAs: 'erp',
    });
    expect(first).toMatchObject({
      format: 'csv',
      status: 'imported',
      counts: { rows: 2, documents: 1, imported: 1 },
    });
    const [verdi] = (await listInvoices(t.db, { asOf: ctxOn(t.db).today })).filter((i) => i.number === 'A/7');
    expect(verdi!.instalments.map((i) => `${i.dueDate} ${i.amount}`)).toEqual([
      '2026-04-15 1000.00',
      '2026-05-15 1000.00',
    ]);
    const bad = csv.replace('15/05/2026', '31/02/2026').replace(/A\/7/g, 'A/8');
    const [refused] = await importFiles(ctxOn(t.db), [{ name: 'erp-2.csv', bytes: Buffer.from(bad) }], {
      mapping: 'erp',
    });
    expect(refused!.errors).toEqual([
      { where: 'line 3 (Scade)', message: '"31/02/2026" is not a real calendar date' },
    ]);
  });
});
