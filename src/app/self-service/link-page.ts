import { debtorReference, formatRfReference, instalmentReference } from '../../core/matching/rf-reference.ts';
import type { TCalendarDate } from '../../core/shared/calendar-date.ts';
import { formatAmount, parseAmount, sumCents } from '../../core/shared/money.ts';
import type { TSql } from '../../db/database.ts';
import { findCreditorById } from '../../db/queries/creditors.ts';
import type { TDebtorLinkRow } from '../../db/queries/debtor-links.ts';
import { findDebtorRowById } from '../../db/queries/risk.ts';
import { listInvoices } from '../ledger/list-invoices.ts';

/** What the debtor's page shows (GET /api/v1/public/links/:token): this debtor's, nothing else. */
export type TLinkPage = {
  expiresAt: string;
  language: string;
  creditor: {
    name: string;
    vatNumber: string;
    email: string | null;
    phone: string | null;
    pec: string | null;
  };
  debtor: { name: string };
  payment: {
    iban: string | null;
    beneficiary: string;
    reference: string;
    total: string;
    /** What is past its due date today: the amount the QR code asks for. */
    overdue: string;
    currency: string;
  };
  documents: Array<{
    id: number;
    number: string;
    issueDate: string;
    total: string;
    outstanding: string;
    isDisputed: boolean;
    instalments: Array<{
      id: number;
      dueDate: string;
      outstanding: string;
      daysOverdue: number;
      reference: string;
    }>;
  }>;
  promises: Array<{ dueDate: string; amount: string; status: string }>;
};

function centsOf(amount: string, currency: string): number {
  return parseAmount(amount, 'outstanding', currency, { allowZero: true, allowNegative: true });
}

export async function linkPage(db: TSql, link: TDebtorLinkRow, asOf: TCalendarDate): Promise<TLinkPage> {
  const creditor = (await findCreditorById(db, link.creditor_id))!;
  const debtor = (await findDebtorRowById(db, link.debtor_id, link.creditor_id))!;
  const invoices = await listInvoices(db, {
    asOf,
    creditorId: link.creditor_id,
    debtorId: link.debtor_id,
    limit: 500,
  });
  const open = invoices.filter((i) => i.type !== 'credit-note' && centsOf(i.outstanding, i.currency) > 0);
  const disputed = new Set(
    (
      await db.query<{ invoice_id: number }>(
        `select invoice_id from collection_disputes where creditor_id = $1 and status = 'open' and invoice_id = any($2::int8[])`,
        [link.creditor_id, open.map((i) => i.id)],
      )
    ).map((r) => r.invoice_id),
  );
  const promises = await db.query<{ due_date: string; amount_cents: number; status: string }>(
    `select p.due_date, p.amount_cents, p.status from collection_promises p
     join collection_cases c on c.creditor_id = p.creditor_id and c.id = p.case_id
     where p.creditor_id = $1 and c.debtor_id = $2 and p.status = 'pending' order by p.due_date limit 50`,
    [link.creditor_id, link.debtor_id],
  );
  const currency = open[0]?.currency ?? 'EUR';
  const totalCents = sumCents(open.map((i) => centsOf(i.outstanding, i.currency)));
  const overdueCents = sumCents(
    open.flatMap((i) =>
      i.instalments.filter((s) => s.isOverdue).map((s) => centsOf(s.outstanding, i.currency)),
    ),
  );
  return {
    expiresAt: link.expires_at.toISOString(),
    language: debtor.language,
    creditor: {
      name: creditor.name,
      vatNumber: creditor.vat_number,
      email: creditor.email,
      phone: creditor.phone,
      pec: creditor.pec,
    },
    debtor: { name: debtor.name },
    payment: {
      iban: open.find((i) => i.paymentIban)?.paymentIban ?? creditor.iban,
      beneficiary: creditor.name,
      reference: formatRfReference(debtorReference(link.creditor_id, link.debtor_id)),
      total: formatAmount(totalCents, currency),
      overdue: formatAmount(overdueCents, currency),
      currency,
    },
    documents: open.map((i) => ({
      id: i.id,
      number: i.number,
      issueDate: i.issueDate,
      total: i.total,
      outstanding: i.outstanding,
      isDisputed: disputed.has(i.id),
      instalments: i.instalments
        .filter((s) => s.status !== 'paid' && centsOf(s.outstanding, i.currency) > 0)
        .map((s) => ({
          id: s.id,
          dueDate: s.dueDate,
          outstanding: s.outstanding,
          daysOverdue: s.daysOverdue,
          reference: formatRfReference(instalmentReference(link.creditor_id, s.id)),
        })),
    })),
    promises: promises.map((p) => ({
      dueDate: p.due_date,
      amount: formatAmount(p.amount_cents, currency),
      status: p.status,
    })),
  };
}
