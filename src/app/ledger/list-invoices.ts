import { daysOverdue, instalmentStatus, outstandingOf } from '../../core/ledger/instalment-status.ts';
import type { TCalendarDate } from '../../core/shared/calendar-date.ts';
import { formatAmount } from '../../core/shared/money.ts';
import type { TSql } from '../../db/database.ts';
import {
  instalmentBalances,
  listInvoiceRows,
  type TInstalmentBalanceRow,
} from '../../db/queries/invoices.ts';

/** The public JSON shape of an invoice (documented in docs/cli.md; scripts rely on it). */
export type TInvoiceView = {
  id: number;
  number: string;
  type: string;
  documentType: string | null;
  issueDate: string;
  currency: string;
  total: string;
  outstanding: string;
  unappliedCredit: string | null;
  paymentMethod: string | null;
  paymentIban: string | null;
  relatedInvoice: { number: string; issueDate: string } | null;
  debtor: { id: number; name: string; vatNumber: string | null; fiscalCode: string | null };
  creditor: { id: number; name: string; vatNumber: string };
  instalments: Array<{
    id: number;
    seq: number;
    dueDate: string;
    amount: string;
    outstanding: string;
    paid: string;
    credited: string;
    status: string;
    isOverdue: boolean;
    daysOverdue: number;
  }>;
  evidence: {
    termsAgreed: string;
    invoiceAccurate: string;
    receiptConfirmed: string;
    deliveryProof: string;
    paymentInstructions: string;
  };
};

export type TListInvoicesParams = {
  asOf: TCalendarDate;
  creditorId?: number | null;
  debtorId?: number | null;
  afterId?: number;
  limit?: number;
};

export const MAX_PAGE_SIZE = 10_000;

export async function listInvoices(db: TSql, p: TListInvoicesParams): Promise<TInvoiceView[]> {
  const rows = await listInvoiceRows(db, {
    creditorId: p.creditorId ?? null,
    debtorId: p.debtorId ?? null,
    afterId: p.afterId ?? 0,
    limit: Math.min(p.limit ?? 1000, MAX_PAGE_SIZE),
  });
  if (rows.length === 0) return [];
  const balances = await instalmentBalances(
    db,
    p.creditorId ?? null,
    rows.map((r) => r.id),
  );
  const byInvoice = new Map<string, TInstalmentBalanceRow[]>();
  for (const b of balances) {
    const key = `${b.creditor_id}:${b.invoice_id}`;
    const list = byInvoice.get(key) ?? [];
    list.push(b);
    byInvoice.set(key, list);
  }
  return rows.map((r) => {
    const instalments = (byInvoice.get(`${r.creditor_id}:${r.id}`) ?? []).map((b) => {
      const balance = {
        dueDate: b.due_date as TCalendarDate,
        amountCents: b.amount_cents,
        paidCents: b.paid_cents,
        creditedCents: b.credited_cents,
      };
      const overdueDays = daysOverdue(balance, p.asOf);
      return {
        id: b.id,
        seq: b.seq,
        dueDate: b.due_date,
        amount: formatAmount(b.amount_cents, r.currency),
        outstanding: formatAmount(outstandingOf(balance), r.currency),
        paid: formatAmount(b.paid_cents, r.currency),
        credited: formatAmount(b.credited_cents, r.currency),
        status: instalmentStatus(balance),
        isOverdue: overdueDays > 0,
        daysOverdue: overdueDays,
      };
    });
    const outstandingCents = (byInvoice.get(`${r.creditor_id}:${r.id}`) ?? []).reduce(
      (sum, b) => sum + b.amount_cents - b.paid_cents - b.credited_cents,
      0,
    );
    const isCreditNote = r.type === 'credit-note';
    return {
      id: r.id,
      number: r.number,
      type: r.type,
      documentType: r.document_type,
      issueDate: r.issue_date,
      currency: r.currency,
      total: formatAmount(r.total_cents, r.currency),
      outstanding: formatAmount(outstandingCents, r.currency),
      unappliedCredit: isCreditNote ? formatAmount(r.total_cents - r.credit_applied_cents, r.currency) : null,
      paymentMethod: r.payment_method,
      paymentIban: r.payment_iban,
      relatedInvoice: r.related_number
        ? { number: r.related_number, issueDate: r.related_issue_date! }
        : null,
      debtor: {
        id: r.debtor_id,
        name: r.debtor_name,
        vatNumber: r.debtor_vat_number,
        fiscalCode: r.debtor_fiscal_code,
      },
      creditor: { id: r.creditor_id, name: r.creditor_name, vatNumber: r.creditor_vat_number },
      instalments,
      evidence: {
        termsAgreed: r.terms_agreed,
        invoiceAccurate: r.invoice_accurate,
        receiptConfirmed: r.receipt_confirmed,
        deliveryProof: r.delivery_proof,
        paymentInstructions: r.payment_instructions,
      },
    };
  });
}
