import type { z } from 'zod';
import { DEMO_CREDITOR, generateDemoPortfolio } from '../../core/demo/demo-portfolio.ts';
import { AppError } from '../../core/shared/errors.ts';
import { addCreditor } from '../ledger/add-creditor.ts';
import { addInvoices } from '../ledger/add-invoices.ts';
import type { ZInvoiceInput } from '../ledger/invoice-input.ts';
import { recordPayment, type TRecordPayment } from '../ledger/record-payment.ts';
import type { TContext } from '../shared/context.ts';

export type TLoadDemoOptions = {
  seed: number;
  /** Do nothing when the database already has any creditor (so restarting never duplicates). */
  onlyIfEmpty: boolean;
};

export type TLoadDemoResult = {
  status: 'created' | 'skipped';
  creditor: { name: string; vatNumber: string };
  debtors: number;
  invoices: number;
  creditNotes: number;
  instalments: number;
  payments: number;
};

/**
 * Loads the demo portfolio as of `ctx.today` through the ordinary ledger use cases (so the data
 * and its register rows are exactly what real use produces), in ONE transaction: either the whole
 * portfolio is there or nothing is.
 */
export async function loadDemoPortfolio(ctx: TContext, options: TLoadDemoOptions): Promise<TLoadDemoResult> {
  const portfolio = generateDemoPortfolio(options.seed, ctx.today);
  // Typed against the use-case inputs: a change there breaks the build here, not the demo at run time.
  const invoices: Array<z.input<typeof ZInvoiceInput>> = portfolio.invoices;
  const payments: TRecordPayment[] = portfolio.payments;
  const creditNoteCount = portfolio.invoices.filter((i) => i.type === 'credit-note').length;
  const result = (status: TLoadDemoResult['status'], isCreated: boolean): TLoadDemoResult => ({
    status,
    creditor: { name: DEMO_CREDITOR.name, vatNumber: DEMO_CREDITOR.vatNumber },
    debtors: isCreated ? portfolio.debtors.length : 0,
    invoices: isCreated ? portfolio.invoices.length - creditNoteCount : 0,
    creditNotes: isCreated ? creditNoteCount : 0,
    instalments: isCreated ? portfolio.invoices.reduce((n, i) => n + i.instalments.length, 0) : 0,
    payments: isCreated ? payments.length : 0,
  });

  return ctx.db.transaction(async (db) => {
    // Two processes starting at once (`npm start` twice) must not both find the database empty.
    await db.query('lock table creditors in share row exclusive mode');
    const [row] = await db.query<{ creditors: number; hasDemo: boolean }>(
      'select count(*)::int8 as creditors, bool_or(vat_number = $1) as "hasDemo" from creditors',
      [DEMO_CREDITOR.vatNumber],
    );
    if (options.onlyIfEmpty && row!.creditors > 0) return result('skipped', false);
    if (row!.hasDemo) {
      throw new AppError(
        'CONFLICT',
        `the demo creditor ${DEMO_CREDITOR.name} (${DEMO_CREDITOR.vatNumber}) already exists in this database; use a fresh data directory or database for a new demo, or --if-empty to skip when data exists`,
        { field: 'creditor.vatNumber', value: DEMO_CREDITOR.vatNumber },
      );
    }
    const tx: TContext = { ...ctx, db };
    await addCreditor(tx, portfolio.creditor);
    await addInvoices(tx, invoices, 'demo');
    for (const payment of payments) await recordPayment(tx, payment);
    return result('created', true);
  });
}
