import { AppError, invalid } from '../../core/shared/errors.ts';
import type { TSql } from '../../db/database.ts';
import { resolveDebtor } from '../ledger/resolve-debtor.ts';
import { resolveCreditorIdOrNull } from './resolve-creditor.ts';
import { resolveInvoice } from './resolve-invoice.ts';

export type THoldTarget = {
  creditorId: number;
  debtorId: number;
  invoiceId: number | null;
  label: { debtor: string | null; invoice: string | null };
};

/** A hold applies to exactly one debtor (all its invoices) or one invoice. */
export async function resolveHoldTarget(
  db: TSql,
  t: { debtor?: string | null; invoice?: string | null; year?: number | null; creditor?: string | null },
): Promise<THoldTarget> {
  if (Boolean(t.debtor) === Boolean(t.invoice)) {
    throw new AppError(
      'INVALID_INPUT',
      'debtor: give either a debtor (VAT number) or an invoice number, not both',
      {
        field: 'debtor',
        value: t.debtor ?? null,
      },
    );
  }
  const creditorId = await resolveCreditorIdOrNull(db, t.creditor);
  if (t.debtor) {
    const debtor = await resolveDebtor(db, t.debtor, creditorId);
    return {
      creditorId: debtor.creditor_id,
      debtorId: debtor.id,
      invoiceId: null,
      label: { debtor: debtor.vat_number ?? debtor.fiscal_code, invoice: null },
    };
  }
  const invoice = await resolveInvoice(db, t.invoice!, creditorId, t.year ?? null);
  if (invoice.type === 'credit-note')
    throw invalid('invoice', t.invoice, 'is a credit note: nothing to hold');
  return {
    creditorId: invoice.creditor_id,
    debtorId: invoice.debtor_id,
    invoiceId: invoice.id,
    label: { debtor: null, invoice: invoice.number },
  };
}
