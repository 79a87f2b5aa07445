import type { TCalendarDate } from '../../core/shared/calendar-date.ts';
import { insertDeliveredDemandInterruptions } from '../../db/queries/prescription.ts';
import { appendRegisterEntries } from '../register/append-register-entries.ts';
import type { TContext } from '../shared/context.ts';

/**
 * The channels whose delivery is proven (PEC delivery receipt, registered letter's tracking or
 * return receipt): a written demand the debtor received interrupts prescription (art. 2943 c.4,
 * 1219 c.c.) for every instalment it demanded. An ordinary letter, an e-mail or an SMS prove no
 * delivery and interrupt nothing by themselves (a person records one with its proof if any).
 */
export const DELIVERY_PROVEN_CHANNELS = ['pec', 'registered-letter'] as const;
export type TDeliveryProvenChannel = (typeof DELIVERY_PROVEN_CHANNELS)[number];

export function isDeliveryProven(channel: string): channel is TDeliveryProvenChannel {
  return (DELIVERY_PROVEN_CHANNELS as readonly string[]).includes(channel);
}

/**
 * Writes, in the caller's transaction, the interruption of a delivered demand: one row per
 * instalment of the message's action, dated on the day of DELIVERY, naming the message and the
 * receipt. Once only per (message, instalment): ingesting the receipt again writes nothing.
 */
export async function interruptByDeliveredDemand(
  ctx: TContext,
  d: {
    creditorId: number;
    outboxId: number;
    channel: TDeliveryProvenChannel;
    deliveredOn: TCalendarDate;
    reference: string;
  },
): Promise<number> {
  const rows = await insertDeliveredDemandInterruptions(ctx.db, {
    creditorId: d.creditorId,
    outboxId: d.outboxId,
    kind: d.channel,
    deliveredOn: d.deliveredOn,
    reference: d.reference,
    addedBy: ctx.actor,
    addedAt: ctx.now,
  });
  await appendRegisterEntries(
    ctx,
    d.creditorId,
    rows.map((r) => ({
      action: 'prescription.interrupted',
      subjectType: 'invoice',
      subjectId: r.invoice_id,
      debtorId: r.debtor_id,
      data: {
        id: r.id,
        instalmentId: r.instalment_id,
        kind: d.channel,
        deliveredOn: d.deliveredOn,
        reference: d.reference,
        outboxId: d.outboxId,
      },
    })),
  );
  return rows.length;
}
