import { addCreditor } from '../../src/app/ledger/add-creditor.ts';
import { addInvoices } from '../../src/app/ledger/add-invoices.ts';
import { recordPayment } from '../../src/app/ledger/record-payment.ts';
import type { TSql } from '../../src/db/database.ts';
import { CREDITOR_VAT, ctxOn, DEBTOR_VAT, OTHER_DEBTOR_VAT } from '../support/fixtures.ts';

/**
 * A small hand-built portfolio; every figure the insight tests assert is computed by hand from
 * it (comments in the tests). Rossi's instalments with Acme mirror src/core/insight/risk-fixture.ts.
 *
 * Acme (creditor 1)
 *   Rossi   INV-6  issued 2025-05-01  300.00 due 2025-05-31  paid 2025-08-01
 *           INV-1  issued 2025-08-31 1000.00 due 2025-09-30  paid 2025-10-30
 *           INV-2  issued 2025-10-31 2000.00 due 2025-11-30  paid 1000 on 2025-11-30, 1000 on 2026-01-09
 *           INV-3  issued 2026-03-01  500.00 due 2026-03-31  open
 *           INV-4  issued 2026-05-01 1500.00 due 2026-05-31  credit note NC-1 500 on 2026-05-15, paid 1000 on 2026-05-31
 *           INV-7  issued 2026-05-16  300.00 due 2026-06-15  paid 2026-07-05
 *           INV-5  issued 2026-06-01  800.00 due 2026-07-31  open
 *   Bianchi B-3    issued 2025-11-15  400.00 due 2025-12-15  paid 2026-06-20
 *           B-1    issued 2026-04-01 2440.00 due 1220 on 2026-05-01 (paid that day), 1220 on 2026-07-15
 *           B-2    issued 2026-06-10  999.99 USD due 2026-08-20  open
 *   Verdi   V-1    issued 2026-01-10  600.00 due 2026-02-09  paid 2026-02-09
 * Beta (creditor 2)
 *   Rossi   Z-1    issued 2026-05-01  100.00 due 2026-06-01  open
 */
export const BETA_VAT = 'IT09876543217';
export const VERDI_VAT = 'IT01234567897';
export const AS_OF = '2026-06-30';

const ROSSI = { name: 'Rossi Costruzioni S.p.A.', vatNumber: DEBTOR_VAT };
const BIANCHI = { name: 'Bianchi Impianti S.r.l.', vatNumber: OTHER_DEBTOR_VAT };
const VERDI = { name: 'Verdi Logistica S.r.l.', vatNumber: VERDI_VAT };

type TLine = {
  number: string;
  issueDate: string;
  total: string;
  due: Array<[string, string]>;
  debtor: typeof ROSSI;
  currency?: string;
};

function invoiceOf(creditorVat: string, l: TLine) {
  return {
    number: l.number,
    issueDate: l.issueDate,
    total: l.total,
    currency: l.currency ?? 'EUR',
    debtor: l.debtor,
    creditor: { vatNumber: creditorVat },
    instalments: l.due.map(([dueDate, amount]) => ({ dueDate, amount })),
  };
}

export async function buildPortfolio(db: TSql): Promise<{ acmeId: number; betaId: number }> {
  const ctx = ctxOn(db, '2026-07-10');
  const acme = await addCreditor(ctx, { name: 'Acme Forniture S.r.l.', vatNumber: CREDITOR_VAT });
  const beta = await addCreditor(ctx, { name: 'Beta Servizi S.r.l.', vatNumber: BETA_VAT });
  const acmeLines: TLine[] = [
    {
      number: 'INV-6',
      issueDate: '2025-05-01',
      total: '300.00',
      due: [['2025-05-31', '300.00']],
      debtor: ROSSI,
    },
    {
      number: 'INV-1',
      issueDate: '2025-08-31',
      total: '1000.00',
      due: [['2025-09-30', '1000.00']],
      debtor: ROSSI,
    },
    {
      number: 'INV-2',
      issueDate: '2025-10-31',
      total: '2000.00',
      due: [['2025-11-30', '2000.00']],
      debtor: ROSSI,
    },
    {
      number: 'INV-3',
      issueDate: '2026-03-01',
      total: '500.00',
      due: [['2026-03-31', '500.00']],
      debtor: ROSSI,
    },
    {
      number: 'INV-4',
      issueDate: '2026-05-01',
      total: '1500.00',
      due: [['2026-05-31', '1500.00']],
      debtor: ROSSI,
    },
    {
      number: 'INV-7',
      issueDate: '2026-05-16',
      total: '300.00',
      due: [['2026-06-15', '300.00']],
      debtor: ROSSI,
    },
    {
      number: 'INV-5',
      issueDate: '2026-06-01',
      total: '800.00',
      due: [['2026-07-31', '800.00']],
      debtor: ROSSI,
    },
    {
      number: 'B-3',
      issueDate: '2025-11-15',
      total: '400.00',
      due: [['2025-12-15', '400.00']],
      debtor: BIANCHI,
    },
    {
      number: 'B-1',
      issueDate: '2026-04-01',
      total: '2440.00',
      due: [
        ['2026-05-01', '1220.00'],
        ['2026-07-15', '1220.00'],
      ],
      debtor: BIANCHI,
    },
    {
      number: 'B-2',
      issueDate: '2026-06-10',
      total: '999.99',
      currency: 'USD',
      due: [['2026-08-20', '999.99']],
      debtor: BIANCHI,
    },
    {
      number: 'V-1',
      issueDate: '2026-01-10',
      total: '600.00',
      due: [['2026-02-09', '600.00']],
      debtor: VERDI,
    },
  ];
  await addInvoices(ctx, [
    ...acmeLines.map((l) => invoiceOf(CREDITOR_VAT, l)),
    {
      number: 'NC-1',
      type: 'credit-note',
      issueDate: '2026-05-15',
      total: '500.00',
      debtor: ROSSI,
      creditor: { vatNumber: CREDITOR_VAT },
      relatedInvoice: { number: 'INV-4' },
    },
    invoiceOf(BETA_VAT, {
      number: 'Z-1',
      issueDate: '2026-05-01',
      total: '100.00',
      due: [['2026-06-01', '100.00']],
      debtor: ROSSI,
    }),
  ]);
  const payments: Array<[string, string, string, string]> = [
    [DEBTOR_VAT, 'INV-6', '300.00', '2025-08-01'],
    [DEBTOR_VAT, 'INV-1', '1000.00', '2025-10-30'],
    [DEBTOR_VAT, 'INV-2', '1000.00', '2025-11-30'],
    [DEBTOR_VAT, 'INV-2', '1000.00', '2026-01-09'],
    [DEBTOR_VAT, 'INV-4', '1000.00', '2026-05-31'],
    [DEBTOR_VAT, 'INV-7', '300.00', '2026-07-05'],
    [OTHER_DEBTOR_VAT, 'B-1', '1220.00', '2026-05-01'],
    [OTHER_DEBTOR_VAT, 'B-3', '400.00', '2026-06-20'],
    [VERDI_VAT, 'V-1', '600.00', '2026-02-09'],
  ];
  for (const [debtor, invoice, amount, date] of payments) {
    await recordPayment(ctx, { debtor, creditor: CREDITOR_VAT, invoices: [invoice], amount, date });
  }
  return { acmeId: acme.id, betaId: beta.id };
}
