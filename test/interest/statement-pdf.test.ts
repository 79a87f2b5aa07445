import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderStatementPdf } from '../../src/adapters/statement-pdf/render-statement-pdf.ts';
import { addRecoveryCost } from '../../src/app/interest/add-recovery-cost.ts';
import { addInvoices } from '../../src/app/ledger/add-invoices.ts';
import { recordPayment } from '../../src/app/ledger/record-payment.ts';
import { debtorStatement } from '../../src/app/statement/debtor-statement.ts';
import { createApp } from '../../src/server/app.ts';
import { adminHeaders } from '../support/api-auth.ts';
import { ctxOn, DEBTOR_VAT, invoice, seedCreditor } from '../support/fixtures.ts';
import { createTestDatabase, type TTestDatabase } from '../support/test-database.ts';

// Real text extraction (poppler's pdftotext), not a look at our own bytes.
const hasPdftotext = spawnSync('pdftotext', ['-v']).status === 0;
let t: TTestDatabase;

beforeAll(async () => {
  t = await createTestDatabase();
  await seedCreditor(t.db);
  await addInvoices(
    ctxOn(t.db, '2025-01-01'),
    invoice({
      number: 'FT-9',
      issueDate: '2025-01-01',
      total: '10000.00',
      instalments: [{ dueDate: '2025-01-31', amount: '10000.00' }],
    }),
  );
  await recordPayment(ctxOn(t.db, '2025-03-31'), {
    debtor: DEBTOR_VAT,
    amount: '2000.00',
    date: '2025-03-31',
  });
  await addRecoveryCost(ctxOn(t.db, '2025-04-15'), {
    invoice: 'FT-9',
    amount: '6.50',
    date: '2025-04-10',
    description: 'Raccomandata A/R n. 12345',
    proof: { fileName: 'ricevuta.pdf', bytes: new TextEncoder().encode('receipt') },
  });
});
afterAll(() => t.drop());

function pdfText(pdf: Buffer): string {
  const file = join(mkdtempSync(join(tmpdir(), 'riscossa-pdf-')), 'statement.pdf');
  writeFileSync(file, pdf);
  const result = spawnSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
  expect(result.status).toBe(0);
  return result.stdout.replace(/[ \t]+/g, ' ');
}

describe('the PDF statement of account', () => {
  it.skipIf(!hasPdftotext)('shows, in Italian, every figure of the JSON statement', async () => {
    const statement = await debtorStatement(t.db, { debtor: DEBTOR_VAT, date: '2025-06-30' });
    const pdf = await renderStatementPdf(statement, new Date('2025-07-01T08:00:00Z'));
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    const text = pdfText(pdf);
    for (const expected of [
      'Estratto conto al 30/06/2025',
      'Creditore: Acme Forniture S.r.l., P.IVA IT01114601006',
      'Debitore: Rossi Costruzioni S.p.A., P.IVA IT00488410010',
      'Fattura FT-9 del 01/01/2025 - totale EUR 10.000,00',
      'Interessi: tasso moratorio D.Lgs. 231/2002 (debitore impresa)',
      'Imputazione dei pagamenti: art. 1194 c.c. (spese, poi interessi, poi capitale)',
      // 59 days at 11.15 % on 10,000.00 = 180.23; then 91 days on 8,220.23 = 228.51.
      '1 01/02/2025 31/03/2025 59 10.000,00 11,15 % 180,23 D.Lgs. 231/2002 2025 H1: GU n. 63 del 17/03/2025',
      '1 31/01/2025 10.000,00 0,00 1.779,77 8.220,23 408,74 228,51',
      '01/04/2025 30/06/2025 91 8.220,23 11,15 % 228,51',
      '31/03/2025 2.000,00 40,00 180,23 1.779,77 0,00',
      'Indennità forfettaria art. 6 D.Lgs. 231/2002 (per fattura) dal 01/02/2025: EUR 40,00',
      'Spesa del 10/04/2025: Raccomandata A/R n. 12345 - EUR 6,50 (residuo 6,50); prova ricevuta.pdf, SHA-256',
      'Dovuto per la fattura FT-9: capitale 8.220,23 + interessi 228,51 + spese 6,50 = EUR 8.455,24',
      'EUR 8.220,23 228,51 6,50 8.455,24',
      'né su spese',
    ]) {
      expect(text).toContain(expected);
    }
  });

  it('is served over HTTP as application/pdf', async () => {
    const app = createApp({ db: t.db });
    const response = await app.request(`/api/v1/statement?debtor=${DEBTOR_VAT}&date=2025-06-30&format=pdf`, {
      headers: await adminHeaders(t.db),
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/pdf');
    const body = Buffer.from(await response.arrayBuffer());
    expect(body.subarray(0, 5).toString()).toBe('%PDF-');
    if (hasPdftotext) expect(pdfText(body)).toContain('EUR 8.455,24');
  });
});
