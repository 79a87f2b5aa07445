import { formatAmount } from '../../core/shared/money.ts';
import type { TSql } from '../../db/database.ts';
import { listUnmatchedPaymentRows } from '../../db/queries/matching.ts';

/** The public shape of a payment waiting for a person (docs/imports.md). */
export type TUnmatchedPaymentView = {
  id: number;
  creditor: { id: number; name: string };
  amount: string;
  currency: string;
  date: string;
  payerName: string | null;
  payerIban: string | null;
  remittance: string | null;
  creditorReference: string | null;
  suggestions: Array<{ invoiceNumber: string; debtorName: string; outstanding: string; reason: string }>;
};

export async function listUnmatchedPayments(
  db: TSql,
  f: { creditorId?: number | null; afterId?: number; limit?: number } = {},
): Promise<TUnmatchedPaymentView[]> {
  const rows = await listUnmatchedPaymentRows(db, {
    creditorId: f.creditorId ?? null,
    afterId: f.afterId ?? 0,
    limit: Math.min(f.limit ?? 1000, 10_000),
  });
  return rows.map((r) => ({
    id: r.id,
    creditor: { id: r.creditor_id, name: r.creditor_name },
    amount: formatAmount(r.amount_cents, r.currency),
    currency: r.currency,
    date: r.value_date,
    payerName: r.payer_name,
    payerIban: r.payer_iban,
    remittance: r.reference,
    creditorReference: r.creditor_reference,
    suggestions: r.suggestions.map((s) => ({
      invoiceNumber: String(s.invoiceNumber),
      debtorName: String(s.debtorName),
      outstanding: formatAmount(Number(s.outstandingCents), r.currency),
      reason: String(s.reason),
    })),
  }));
}
