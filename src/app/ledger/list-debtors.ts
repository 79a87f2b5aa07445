import type { TCalendarDate } from '../../core/shared/calendar-date.ts';
import { formatAmount } from '../../core/shared/money.ts';
import type { TSql } from '../../db/database.ts';
import { listDebtorSummaries } from '../../db/queries/debtors.ts';

export type TDebtorView = {
  id: number;
  creditor: { id: number; name: string };
  name: string;
  kind: string;
  country: string;
  vatNumber: string | null;
  fiscalCode: string | null;
  pec: string | null;
  emails: string[];
  phones: string[];
  language: string;
  invoiceCount: number;
  outstanding: string;
  overdue: string;
};

export async function listDebtors(
  db: TSql,
  p: {
    asOf: TCalendarDate;
    creditorId?: number | null;
    afterId?: number;
    limit?: number;
    /** Part of the name, VAT number or codice fiscale (the web app's search box). */
    search?: string | null;
  },
): Promise<TDebtorView[]> {
  const rows = await listDebtorSummaries(db, {
    creditorId: p.creditorId ?? null,
    asOf: p.asOf,
    afterId: p.afterId ?? 0,
    limit: Math.min(p.limit ?? 1000, 10_000),
    search: p.search?.replace(/[%_\\]/g, '').trim() || null,
  });
  // Balances are summed in EUR cents; multi-currency debtors are shown per invoice in `invoices list`.
  return rows.map((r) => ({
    id: r.id,
    creditor: { id: r.creditor_id, name: r.creditor_name },
    name: r.name,
    kind: r.kind,
    country: r.country,
    vatNumber: r.vat_number,
    fiscalCode: r.fiscal_code,
    pec: r.pec,
    emails: r.emails,
    phones: r.phones,
    language: r.language,
    invoiceCount: r.invoice_count,
    outstanding: formatAmount(r.outstanding_cents),
    overdue: formatAmount(r.overdue_cents),
  }));
}
