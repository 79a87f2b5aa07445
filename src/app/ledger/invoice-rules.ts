import { createHash } from 'node:crypto';
import { parseIban, parseVatNumber } from '../../core/ledger/tax-identifiers.ts';
import { addDays, parseDate } from '../../core/shared/calendar-date.ts';
import { canonicalJson } from '../../core/shared/canonical-json.ts';
import { AppError, invalid } from '../../core/shared/errors.ts';
import { formatAmount, parseAmount, parseCurrency, sumCents } from '../../core/shared/money.ts';
import { findCreditorByVat, type TCreditorRow } from '../../db/queries/creditors.ts';
import type { TContext } from '../shared/context.ts';
import { isCreditorReached } from '../shared/tenant-scope.ts';
import type { TInvoiceInput } from './invoice-input.ts';

/** Payment term when an invoice states no due date (commercial practice and D.Lgs. 231/2002 art. 4). */
export const DEFAULT_PAYMENT_TERM_DAYS = 30;

export type TAddInvoiceResult = {
  index: number;
  number: string;
  issueDate: string;
  status: 'imported' | 'duplicate';
  id: number;
};

export type TValidatedInvoice = {
  input: TInvoiceInput;
  issueDate: string;
  currency: string;
  totalCents: number;
  instalments: Array<{ dueDate: string; amountCents: number }>;
  paymentIban: string | null;
};

export function validateInvoice(input: TInvoiceInput, path: string, termDays: number): TValidatedInvoice {
  const issueDate = parseDate(input.issueDate, `${path}.issueDate`);
  const currency = parseCurrency(input.currency, `${path}.currency`);
  const totalCents = parseAmount(input.total, `${path}.total`, currency);
  const paymentIban = input.paymentIban ? parseIban(input.paymentIban, `${path}.paymentIban`) : null;
  const isCreditNote = input.type === 'credit-note';
  if (isCreditNote && input.instalments.length > 0) {
    throw invalid(
      `${path}.instalments`,
      input.instalments.length,
      'must be empty for a credit note (it owes nothing)',
    );
  }
  const instalments = input.instalments.map((t, i) => ({
    dueDate: parseDate(t.dueDate, `${path}.instalments[${i}].dueDate`),
    amountCents: parseAmount(t.amount, `${path}.instalments[${i}].amount`, currency),
  }));
  if (!isCreditNote && instalments.length === 0) {
    instalments.push({ dueDate: addDays(issueDate, termDays), amountCents: totalCents });
  }
  if (!isCreditNote) {
    const sum = sumCents(instalments.map((t) => t.amountCents));
    if (sum !== totalCents) {
      throw invalid(
        `${path}.instalments`,
        formatAmount(sum, currency),
        `add up to ${formatAmount(sum, currency)} but the total is ${formatAmount(totalCents, currency)}`,
      );
    }
  }
  return { input, issueDate, currency, totalCents, instalments, paymentIban };
}

export async function requireCreditor(ctx: TContext, vatNumber: string, path: string): Promise<TCreditorRow> {
  const vat = parseVatNumber(vatNumber, `${path}.creditor.vatNumber`);
  const creditor = await findCreditorByVat(ctx.db, vat.full);
  // A creditor the acting principal does not reach is answered as unknown (tenant-scope.ts).
  if (!creditor || !isCreditorReached(ctx, creditor.id)) {
    throw new AppError(
      'UNKNOWN_CREDITOR',
      `${path}.creditor.vatNumber: "${vatNumber}" is not a creditor of this Riscossa; add it first with: riscossa creditors add --name "<name>" --vat-number ${vat.full}`,
      { field: `${path}.creditor.vatNumber`, value: vatNumber },
    );
  }
  return creditor;
}

/**
 * What makes "the same invoice again": importing it twice is a duplicate, while another invoice
 * with the same number and year is a conflict. The debtor is its id (or, before it is written,
 * a placeholder that no stored fingerprint can match).
 */
export function invoiceFingerprint(
  debtorId: number | string,
  v: TValidatedInvoice,
  related: TInvoiceInput['relatedInvoice'],
): string {
  return createHash('sha256')
    .update(
      canonicalJson({
        debtor: debtorId,
        type: v.input.type,
        number: v.input.number,
        issueDate: v.issueDate,
        currency: v.currency,
        total: v.totalCents,
        instalments: v.instalments,
        related: related ?? null,
      }),
    )
    .digest('hex');
}

/** The invoice.added register entry's data (the same for the one-by-one and the set-based paths). */
export function invoiceAddedData(v: TValidatedInvoice, source: string, creditAppliedCents: number) {
  return {
    number: v.input.number,
    type: v.input.type,
    issueDate: v.issueDate,
    total: formatAmount(v.totalCents, v.currency),
    currency: v.currency,
    instalments: v.instalments.map((t) => ({
      dueDate: t.dueDate,
      amount: formatAmount(t.amountCents, v.currency),
    })),
    source,
    ...(v.input.type === 'credit-note'
      ? { creditApplied: formatAmount(creditAppliedCents, v.currency) }
      : {}),
  };
}
