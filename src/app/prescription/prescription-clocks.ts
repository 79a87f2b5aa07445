import {
  prescriptionClock,
  type TInterruption,
  type TInterruptionKind,
  type TPrescriptionBasis,
} from '../../core/prescription/prescription-clock.ts';
import type { TCalendarDate } from '../../core/shared/calendar-date.ts';
import { formatAmount } from '../../core/shared/money.ts';
import type { TSql } from '../../db/database.ts';
import {
  listInterruptions,
  listPaymentDates,
  listPrescriptionInstalments,
} from '../../db/queries/prescription.ts';

export type TPrescriptionView = {
  invoice: string;
  instalmentSeq: number;
  debtor: { id: number; name: string };
  dueDate: string;
  outstanding: string;
  currency: string;
  basis: TPrescriptionBasis;
  years: number;
  /** Null while a court claim is pending (art. 2945 c.2): nothing expires until the judgment is final. */
  expiresOn: string | null;
  daysLeft: number | null;
  isExpired: boolean;
  /** The day of the pending court claim holding the clock, or null. */
  suspendedSince: string | null;
  warningDays: number | null;
  history: Array<{ date: string; kind: string; reference: string; effect: string; expiresOn: string | null }>;
};

/**
 * The prescription clock of every instalment still open on `asOf` (a settled instalment has
 * nothing left to prescribe), with the delivered demands, acknowledgements and payments on
 * account that interrupted it. `warningsOnly` keeps those within 180 days of expiry or expired:
 * the worklist's input.
 */
export async function prescriptionClocks(
  db: TSql,
  params: {
    asOf: TCalendarDate;
    creditorId?: number | null;
    debtorId?: number | null;
    invoiceId?: number | null;
    isWarningsOnly?: boolean;
  },
): Promise<TPrescriptionView[]> {
  const rows = (
    await listPrescriptionInstalments(db, {
      creditorId: params.creditorId ?? null,
      debtorId: params.debtorId ?? null,
      invoiceId: params.invoiceId ?? null,
      asOf: params.asOf,
      isNearExpiryOnly: params.isWarningsOnly ?? false,
    })
  ).filter((r) => r.amount_cents > r.settled_cents);
  const invoiceKeys = [...new Map(rows.map((r) => [`${r.creditor_id}:${r.invoice_id}`, r])).values()].map(
    (r) => ({
      creditorId: r.creditor_id,
      invoiceId: r.invoice_id,
    }),
  );
  const interruptions = await listInterruptions(db, invoiceKeys);
  const payments = await listPaymentDates(
    db,
    rows.map((r) => ({ creditorId: r.creditor_id, instalmentId: r.instalment_id })),
  );
  const views = rows.map((r) => {
    const events: TInterruption[] = [
      ...interruptions
        .filter(
          (e) =>
            e.creditor_id === r.creditor_id &&
            e.invoice_id === r.invoice_id &&
            (e.instalment_id === null || e.instalment_id === r.instalment_id),
        )
        .map((e) => ({
          date: e.delivered_on as TCalendarDate,
          kind: e.kind as TInterruptionKind,
          reference: e.reference,
        })),
      ...payments
        .filter((p) => p.creditor_id === r.creditor_id && p.instalment_id === r.instalment_id)
        .map((p) => ({
          date: p.allocated_on as TCalendarDate,
          kind: 'payment' as const,
          reference: `payment ${p.payment_id} on account`,
        })),
    ];
    const basis = (r.basis ?? 'ordinary') as TPrescriptionBasis;
    const clock = prescriptionClock({
      dueDate: r.due_date as TCalendarDate,
      basis,
      years: r.years,
      interruptions: events,
      today: params.asOf,
    });
    return {
      invoice: r.invoice_number,
      instalmentSeq: r.seq,
      debtor: { id: r.debtor_id, name: r.debtor_name },
      dueDate: r.due_date,
      outstanding: formatAmount(r.amount_cents - r.settled_cents, r.currency),
      currency: r.currency,
      basis,
      years: clock.years,
      expiresOn: clock.expiresOn,
      daysLeft: clock.daysLeft,
      isExpired: clock.isExpired,
      suspendedSince: clock.suspendedSince,
      warningDays: clock.warningDays,
      history: clock.history.map((h) => ({
        date: h.date,
        kind: h.kind,
        reference: h.reference,
        effect: h.effect,
        expiresOn: h.expiresOn,
      })),
    };
  });
  return params.isWarningsOnly ? views.filter((v) => v.isExpired || v.warningDays !== null) : views;
}
