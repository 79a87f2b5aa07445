/**
 * Writes the FatturaPA fixture files of test/fixtures/fatturapa (committed; regenerate with
 * `node test/support/write-fatturapa-fixtures.ts`). Each validates against the official XSD.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildFatturaPA, type TPartySpec } from './fatturapa-builder.ts';

export const FIXTURES_DIR = join(import.meta.dirname, '../fixtures/fatturapa');

export const SELLER: TPartySpec = {
  vatNumber: 'IT01114601006',
  name: 'Acme Forniture S.r.l.',
  street: 'Via Torino 10',
  postalCode: '10121',
  city: 'Torino',
  province: 'TO',
};
export const BUYER: TPartySpec = {
  vatNumber: 'IT00488410010',
  name: 'Rossi Costruzioni S.p.A.',
  street: 'Corso Italia 5',
  postalCode: '20122',
  city: 'Milano',
  province: 'MI',
};
export const IBAN = 'IT60X0542811101000000123456';

export const FIXTURES: Record<string, string> = {
  // Two instalments by bank transfer, a late-payment penalty on the first.
  'IT01114601006_00001.xml': buildFatturaPA({
    progressive: '00001',
    recipientPec: 'amministrazione@pec.rossicostruzioni.it',
    seller: SELLER,
    buyer: BUYER,
    bodies: [
      {
        date: '2026-01-10',
        number: 'FT-2026/001',
        lines: [{ description: 'Fornitura arredi ufficio', amount: '2000.00' }],
        payments: [
          {
            dueDate: '2026-02-28',
            amount: '1220.00',
            iban: IBAN,
            penalty: '50.00',
            penaltyFrom: '2026-03-01',
          },
          { dueDate: '2026-03-31', amount: '1220.00', iban: IBAN },
        ],
      },
    ],
  }),
  // A credit note for part of FT-2026/001, without XML declaration.
  'IT01114601006_00002.xml': buildFatturaPA({
    declaration: false,
    progressive: '00002',
    seller: SELLER,
    buyer: BUYER,
    bodies: [
      {
        type: 'TD04',
        date: '2026-01-20',
        number: 'NC-2026/001',
        related: { number: 'FT-2026/001', date: '2026-01-10' },
        lines: [{ description: 'Reso sedia danneggiata', amount: '200.00' }],
      },
    ],
  }),
  // A batch: an invoice without DatiPagamento (default term) and a debit note on it.
  'IT01114601006_00003.xml': buildFatturaPA({
    progressive: '00003',
    recipientCode: 'KRRH6B9',
    seller: SELLER,
    buyer: BUYER,
    bodies: [
      { date: '2026-02-02', number: 'FT-2026/002', lines: [{ description: 'Montaggio', amount: '500.00' }] },
      {
        type: 'TD05',
        date: '2026-02-05',
        number: 'ND-2026/001',
        related: { number: 'FT-2026/002', date: '2026-02-02' },
        lines: [{ description: 'Spese di trasporto', amount: '100.00' }],
        payments: [{ method: 'MP12', dueDate: '2026-03-31', amount: '122.00' }],
      },
    ],
  }),
  // To a public administration (FPA12) under split payment: the buyer pays the taxable amount.
  'IT01114601006_00004.xml': buildFatturaPA({
    version: 'FPA12',
    progressive: '00004',
    recipientCode: 'UFABCD',
    seller: SELLER,
    buyer: {
      vatNumber: 'IT01199250158',
      fiscalCode: '01199250158',
      name: 'Comune di Milano',
      street: 'Piazza della Scala 2',
    },
    bodies: [
      {
        date: '2026-02-10',
        number: 'FT-2026/003',
        lines: [{ description: 'Arredi scuola', amount: '1000.00', splitPayment: true }],
        payments: [{ method: 'MP05', dueDate: '2026-03-12', amount: '1000.00', iban: IBAN }],
      },
    ],
  }),
  // A consumer (codice fiscale only); upper-case extension.
  'IT01114601006_00005.XML': buildFatturaPA({
    progressive: '00005',
    seller: SELLER,
    buyer: {
      fiscalCode: 'RSSMRA85T10A562S',
      firstName: 'Mario',
      lastName: 'Rossi',
      city: 'Pisa',
      province: 'PI',
      postalCode: '56017',
    },
    bodies: [
      {
        date: '2026-02-15',
        number: 'FT-2026/004',
        lines: [{ description: 'Scrivania', amount: '300.00' }],
        payments: [{ method: 'MP08', dueDate: '2026-02-15', amount: '366.00' }],
      },
    ],
  }),
};

if (process.argv[1] === import.meta.filename) {
  for (const [name, xml] of Object.entries(FIXTURES)) writeFileSync(join(FIXTURES_DIR, name), xml);
  console.log(`wrote ${Object.keys(FIXTURES).length} files to ${FIXTURES_DIR}`);
}
