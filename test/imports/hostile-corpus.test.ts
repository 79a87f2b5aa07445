import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_ZIP_DEPTH, MAX_ZIP_ENTRIES } from '../../src/adapters/zip/read-zip.ts';
import { importFiles } from '../../src/app/imports/import-files.ts';
import { snapshot } from '../support/db-snapshot.ts';
import { buildFatturaPA, type TDocumentSpec } from '../support/fatturapa-builder.ts';
import { ctxOn, seedCreditor } from '../support/fixtures.ts';
import { createTestDatabase, type TTestDatabase } from '../support/test-database.ts';
import { BUYER, IBAN, SELLER } from '../support/write-fatturapa-fixtures.ts';
import { writeZip } from '../support/zip-writer.ts';

/**
 * Hostile and broken files thrown at the importer. Each must be refused with a located error and
 * leave the database exactly as it was (compared table by table).
 */
const VALID = readFileSync(
  join(import.meta.dirname, '../fixtures/fatturapa/IT01114601006_00001.xml'),
  'utf8',
);
const BODY = '/FatturaElettronica/FatturaElettronicaBody';
const DOC = `${BODY}/DatiGenerali/DatiGeneraliDocumento`;
const PAY = `${BODY}/DatiPagamento/DettaglioPagamento`;

function doc(over: Partial<TDocumentSpec['bodies'][number]> = {}, spec: Partial<TDocumentSpec> = {}): string {
  return buildFatturaPA({
    seller: SELLER,
    buyer: BUYER,
    bodies: [
      {
        date: '2026-04-01',
        number: 'FT-2026/100',
        lines: [{ description: 'Servizio', amount: '1000.00' }],
        payments: [{ dueDate: '2026-05-01', amount: '1220.00', iban: IBAN }],
        ...over,
      },
    ],
    ...spec,
  });
}

type TCase = { name: string; bytes: Uint8Array | string; where: string | RegExp; message: string | RegExp };

const CASES: TCase[] = [
  {
    name: 'truncated.xml',
    bytes: VALID.slice(0, Math.floor(VALID.length / 2)),
    where: /^line \d+, column \d+$/,
    message: /^is not well-formed XML/,
  },
  {
    name: 'xxe.xml',
    bytes: VALID.replace(
      '<p:FatturaElettronica',
      '<!DOCTYPE p:FatturaElettronica [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>\n<p:FatturaElettronica',
    ).replace('Fornitura arredi ufficio', '&xxe;'),
    where: 'line 2, column 1',
    message: 'contains a <!DOCTYPE declaration: DTDs and entities are refused (XXE and entity expansion)',
  },
  {
    name: 'billion-laughs.xml',
    bytes: `<?xml version="1.0"?>\n<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;"><!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>\n${VALID.split('\n').slice(1).join('\n').replace('Fornitura arredi ufficio', '&lol3;')}`,
    where: 'line 2, column 1',
    message: /^contains a <!DOCTYPE declaration/,
  },
  {
    name: 'entity-without-doctype.xml',
    bytes: VALID.replace('<FatturaElettronicaHeader>', '<!ENTITY x "y"><FatturaElettronicaHeader>'),
    where: /^line 3, column \d+$/,
    message: /^contains a <!ENTITY declaration/,
  },
  {
    name: 'wrong-namespace.xml',
    bytes: VALID.replace('docs/xsd/fatture/v1.2', 'docs/xsd/fatture/v1.0'),
    where: '/FatturaElettronica',
    message:
      'has the namespace "http://ivaservizi.agenziaentrate.gov.it/docs/xsd/fatture/v1.0", expected "http://ivaservizi.agenziaentrate.gov.it/docs/xsd/fatture/v1.2" (FatturaPA v1.2)',
  },
  {
    name: 'wrong-version.xml',
    bytes: VALID.replace('versione="FPR12"', 'versione="FPR13"'),
    where: '/FatturaElettronica/@versione',
    message: '"FPR13" is not a supported version (FPR12 or FPA12)',
  },
  {
    name: 'totals-not-adding-up.xml',
    bytes: doc({
      payments: [
        { dueDate: '2026-05-01', amount: '1000.00' },
        { dueDate: '2026-06-01', amount: '200.00' },
      ],
    }),
    where: `${BODY}/DatiPagamento`,
    message: 'instalments add up to 1200.00 but ImportoTotaleDocumento is 1220.00',
  },
  {
    name: 'missing-due-date.xml',
    bytes: doc({ payments: [{ dueDate: null, amount: '1220.00' }] }),
    where: `${PAY}/DataScadenzaPagamento`,
    message: 'is missing and there is no GiorniTerminiPagamento: the due date is unknown',
  },
  {
    name: 'negative-instalment.xml',
    bytes: doc({ payments: [{ dueDate: '2026-05-01', amount: '-1220.00' }] }),
    where: `${PAY}/ImportoPagamento`,
    message: '"-1220.00" must not be negative',
  },
  {
    name: 'negative-total.xml',
    bytes: doc({ total: '-1220.00', payments: [] }),
    where: `${DOC}/ImportoTotaleDocumento`,
    message: '"-1220.00" must not be negative',
  },
  {
    name: 'invalid-buyer-vat.xml',
    bytes: doc({}, { buyer: { ...BUYER, vatNumber: 'IT00488410011' } }),
    where:
      '/FatturaElettronica/FatturaElettronicaHeader/CessionarioCommittente/DatiAnagrafici/IdFiscaleIVA/IdCodice',
    message: '"IT00488410011" is not a valid Italian VAT number (check digit does not match)',
  },
  {
    name: 'invalid-seller-vat.xml',
    bytes: doc({}, { seller: { ...SELLER, vatNumber: 'IT01114601007' } }),
    where:
      '/FatturaElettronica/FatturaElettronicaHeader/CedentePrestatore/DatiAnagrafici/IdFiscaleIVA/IdCodice',
    message: '"IT01114601007" is not a valid Italian VAT number (check digit does not match)',
  },
  {
    name: 'duplicate-numbers-in-one-file.xml',
    bytes: buildFatturaPA({
      seller: SELLER,
      buyer: BUYER,
      bodies: [
        { date: '2026-04-01', number: 'FT-2026/200', lines: [{ description: 'A', amount: '100.00' }] },
        { date: '2026-04-02', number: 'FT-2026/200', lines: [{ description: 'B', amount: '200.00' }] },
      ],
    }),
    where: `${BODY}[2]/DatiGenerali/DatiGeneraliDocumento/Numero`,
    message: '"FT-2026/200" of 2026 already exists for creditor IT01114601006 with different content',
  },
  {
    name: 'impossible-date.xml',
    bytes: doc({ payments: [{ dueDate: '2026-02-30', amount: '1220.00' }] }),
    where: `${PAY}/DataScadenzaPagamento`,
    message: '"2026-02-30" is not a real calendar date',
  },
  {
    name: 'invalid-iban.xml',
    bytes: doc({
      payments: [{ dueDate: '2026-05-01', amount: '1220.00', iban: 'IT61X0542811101000000123456' }],
    }),
    where: `${PAY}/IBAN`,
    message: '"IT61X0542811101000000123456" is not a valid IBAN',
  },
  {
    name: 'unknown-payment-method.xml',
    bytes: doc({ payments: [{ method: 'MP99', dueDate: '2026-05-01', amount: '1220.00' }] }),
    where: `${PAY}/ModalitaPagamento`,
    message: '"MP99" is not a payment method code MP01..MP23',
  },
  {
    name: 'credit-note-for-unknown-invoice.xml',
    bytes: doc({ type: 'TD04', payments: [], related: { number: 'FT-1999/999', date: '1999-01-01' } }),
    where: `${BODY}/DatiGenerali/DatiFattureCollegate/IdDocumento`,
    message: '"FT-1999/999" is not an invoice of this debtor',
  },
  {
    name: 'missing-number.xml',
    bytes: doc().replace('<Numero>FT-2026/100</Numero>', ''),
    where: `${DOC}/Numero`,
    message: 'is missing: the invoice number',
  },
  {
    name: 'not-utf8.xml',
    bytes: Buffer.concat([
      Buffer.from(VALID.slice(0, 400)),
      Buffer.from([0xc3, 0x28]),
      Buffer.from(VALID.slice(400)),
    ]),
    where: '/',
    message: 'is not valid UTF-8 text',
  },
  {
    name: 'empty.xml',
    bytes: '',
    where: 'file',
    message: 'is not a FatturaPA, camt.053/054, CBI RH or CSV file',
  },
  {
    name: 'random.bin',
    bytes: new Uint8Array([0, 1, 2, 3, 255, 254, 7, 8, 9]),
    where: 'file',
    message: 'is not a FatturaPA, camt.053/054, CBI RH or CSV file',
  },
  {
    name: 'fake-signed.xml.p7m',
    bytes: Buffer.from([0x30, 0x82, 0x01, 0x00, 0x06, 0x09, 0x2a]),
    where: 'p7m',
    message: /^is not valid ASN\.1/,
  },
  {
    name: 'zip-bomb.zip',
    // 1 MiB of zeros that claims 600 MiB: refused from the central directory, before inflating.
    bytes: writeZip([
      { name: 'bomb.xml', data: new Uint8Array(1024 * 1024), declaredSize: 600 * 1024 * 1024 },
    ]),
    where: 'zip:bomb.xml',
    message: 'declares 629145600 bytes: the archive would exceed 536870912 bytes uncompressed',
  },
  {
    name: 'zip-lying-size.zip',
    // 20 MiB of zeros that claims 1 KiB: stopped as soon as it inflates past what it declared.
    bytes: writeZip([{ name: 'liar.xml', data: new Uint8Array(20 * 1024 * 1024), declaredSize: 1024 }]),
    where: 'zip:liar.xml',
    message: /^cannot be extracted \(too many bytes in the stream/,
  },
  {
    name: 'zip-nested.zip',
    bytes: writeZip([
      {
        name: 'a.zip',
        data: writeZip([{ name: 'b.zip', data: writeZip([{ name: 'x.xml', data: VALID }]) }]),
      },
    ]),
    where: 'zip',
    message: `nests archives deeper than ${MAX_ZIP_DEPTH} levels`,
  },
  {
    name: 'zip-too-many-entries.zip',
    bytes: writeZip(
      Array.from({ length: MAX_ZIP_ENTRIES + 1 }, (_, i) => ({ name: `f${i}.xml`, data: 'x' })),
    ),
    where: 'zip',
    message: `has ${MAX_ZIP_ENTRIES + 1} entries, more than the ${MAX_ZIP_ENTRIES} allowed`,
  },
];

let t: TTestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
  await seedCreditor(t.db);
  // Something already in the ledger, so that "unchanged" is not trivially an empty database.
  const [first] = await importFiles(ctxOn(t.db), [{ name: 'base.xml', bytes: Buffer.from(VALID) }]);
  expect(first!.status).toBe('imported');
});
afterAll(() => t.drop());

describe('hostile and malformed files', () => {
  it.each(CASES)('refuses $name with a located error and leaves the database unchanged', async (c) => {
    const before = await snapshot(t.db);
    const bytes = typeof c.bytes === 'string' ? Buffer.from(c.bytes) : c.bytes;
    const results = await importFiles(ctxOn(t.db), [{ name: c.name, bytes }]);
    expect(results.length).toBe(1);
    const [r] = results;
    expect(r!.status).toBe('rejected');
    expect(r!.errors.length).toBeGreaterThan(0);
    const [error] = r!.errors;
    if (typeof c.where === 'string') expect(error!.where).toBe(c.where);
    else expect(error!.where).toMatch(c.where);
    if (typeof c.message === 'string') expect(error!.message).toBe(c.message);
    else expect(error!.message).toMatch(c.message);
    expect(await snapshot(t.db)).toEqual(before);
  });

  it('imports the good files of a batch and reports every bad one', async () => {
    const before = await snapshot(t.db);
    const results = await importFiles(
      ctxOn(t.db),
      CASES.slice(0, 8).map((c) => ({
        name: c.name,
        bytes: typeof c.bytes === 'string' ? Buffer.from(c.bytes) : c.bytes,
      })),
    );
    expect(results.map((r) => r.status)).toEqual(Array(8).fill('rejected'));
    expect(await snapshot(t.db)).toEqual(before);
  });

  it('never crashes and never half-imports on random truncations and byte flips', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 0, max: VALID.length - 1 }),
        fc.integer({ min: 0, max: 255 }),
        fc.boolean(),
        async (at, byte, isTruncation) => {
          const source = Buffer.from(VALID.replace('FT-2026/001', 'FT-2026/777'));
          const bytes = isTruncation ? source.subarray(0, at) : Buffer.from(source);
          if (!isTruncation) bytes[at] = byte;
          const before = await snapshot(t.db);
          const [r] = await importFiles(ctxOn(t.db), [{ name: 'mutant.xml', bytes }]);
          if (r!.status === 'rejected') {
            expect(r!.errors[0]!.where.length).toBeGreaterThan(0);
            expect(await snapshot(t.db)).toEqual(before);
          } else {
            // A flip inside a text value can still be a valid invoice; remove it for the next run.
            await t.db.exec(`alter table register_entries disable trigger register_entries_no_update;
              delete from allocations; delete from instalments where invoice_id in (select id from invoices where import_file_id is not null and number <> 'FT-2026/001');
              delete from invoices where import_file_id is not null and number <> 'FT-2026/001';
              delete from import_files where file_name = 'mutant.xml';
              alter table register_entries enable trigger register_entries_no_update;`);
          }
        },
      ),
      { numRuns: 40, seed: 20261123 },
    );
  });
});
