import { linkState } from '../../core/self-service/link-token.ts';
import type { TCalendarDate } from '../../core/shared/calendar-date.ts';
import { AppError } from '../../core/shared/errors.ts';
import { formatAmount } from '../../core/shared/money.ts';
import type { TSql } from '../../db/database.ts';
import { listDebtorLinkRows, listReceiptRows } from '../../db/queries/debtor-links.ts';
import {
  debtorAddresses,
  debtorContacts,
  debtorDisputes,
  debtorHolds,
  debtorPromises,
  debtorTimeline,
  type TTimelineRow,
} from '../../db/queries/debtor-page.ts';
import { findDebtorRowById } from '../../db/queries/risk.ts';
import { listInvoices, type TInvoiceView } from '../ledger/list-invoices.ts';

export type TTimelineEntry = {
  seq: number;
  at: string;
  actor: string;
  action: string;
  subject: string;
  reason: string | null;
  data: Record<string, unknown>;
};

export function timelineView(rows: readonly TTimelineRow[]): TTimelineEntry[] {
  return rows.map((r) => ({
    seq: r.seq,
    at: r.occurred_at.toISOString(),
    actor: r.actor,
    action: r.action,
    subject: r.subject_id === null ? r.subject_type : `${r.subject_type} ${r.subject_id}`,
    reason: r.reason,
    data: r.data,
  }));
}

/** GET /api/v1/debtors/:id/overview: everything the debtor page shows but the risk (its own route). */
export async function debtorOverview(db: TSql, debtorId: number, asOf: TCalendarDate, now: Date) {
  const d = await findDebtorRowById(db, debtorId, null);
  if (!d)
    throw new AppError('NOT_FOUND', `id: ${debtorId} is not a debtor`, { field: 'id', value: debtorId });
  const c = d.creditor_id;
  const invoices: TInvoiceView[] = await listInvoices(db, { asOf, creditorId: c, debtorId, limit: 500 });
  const [creditor] = await db.query<{ id: number; name: string; vat_number: string }>(
    'select id, name, vat_number from creditors where id = $1',
    [c],
  );
  return {
    asOf,
    creditor: { id: creditor!.id, name: creditor!.name, vatNumber: creditor!.vat_number },
    debtor: {
      id: d.id,
      creditorId: c,
      name: d.name,
      kind: d.kind,
      vatNumber: d.vat_number,
      fiscalCode: d.fiscal_code,
      pec: d.pec,
      emails: d.emails,
      phones: d.phones,
      language: d.language,
      notes: d.notes,
      addresses: await debtorAddresses(db, c, debtorId),
      contacts: await debtorContacts(db, c, debtorId),
    },
    invoices,
    timeline: timelineView(
      await debtorTimeline(db, { creditorId: c, debtorId, beforeSeq: null, limit: 100 }),
    ),
    promises: (await debtorPromises(db, c, debtorId)).map((p) => ({
      id: p.id,
      planId: p.plan_id,
      seq: p.seq,
      madeOn: p.made_on,
      dueDate: p.due_date,
      amount: formatAmount(p.amount_cents),
      status: p.status,
      resolvedOn: p.resolved_on,
    })),
    disputes: (await debtorDisputes(db, c, debtorId)).map((x) => ({
      id: x.id,
      invoiceNumber: x.invoice_number,
      status: x.status,
      reason: x.reason,
      openedOn: x.opened_on,
      closedOn: x.closed_on,
      resolution: x.resolution,
    })),
    holds: (await debtorHolds(db, c, debtorId)).map((h) => ({
      id: h.id,
      invoiceNumber: h.invoice_number,
      reason: h.reason,
      startsOn: h.starts_on,
      endsOn: h.ends_on,
      clearedOn: h.cleared_on,
      isActive: h.cleared_on === null && (h.ends_on === null || h.ends_on >= asOf),
    })),
    receipts: (await listReceiptRows(db, c, debtorId)).map((r) => ({
      id: r.id,
      fileName: r.file_name,
      contentType: r.content_type,
      paidOn: r.paid_on,
      note: r.note,
      receivedAt: r.created_at.toISOString(),
    })),
    links: (await listDebtorLinkRows(db, c, debtorId)).map((l) => ({
      id: l.id,
      state: linkState(l, now),
      expiresAt: l.expires_at.toISOString(),
      createdAt: l.created_at.toISOString(),
    })),
  };
}
export type TDebtorOverview = Awaited<ReturnType<typeof debtorOverview>>;
