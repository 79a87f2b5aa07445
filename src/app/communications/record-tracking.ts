import { compareDates, dateInZone, parseDate } from '../../core/shared/calendar-date.ts';
import { AppError, invalid } from '../../core/shared/errors.ts';
import { findOutboxRow, updateOutboxRow } from '../../db/queries/communication-outbox.ts';
import { interruptByDeliveredDemand } from '../prescription/interrupt-by-delivered-demand.ts';
import { appendRegisterEntries } from '../register/append-register-entries.ts';
import type { TContext } from '../shared/context.ts';

/** Poste Italiane numbers are 12 digits; other carriers use letters too: a plain shape check. */
const TRACKING_NUMBER = /^[A-Z0-9]{8,30}$/;

export type TTrackingResult = {
  id: number;
  trackingNumber: string;
  /** The day the post delivered the letter, once recorded. */
  deliveredOn: string | null;
  /** Prescription interruptions the delivery wrote now (one per demanded instalment; 0 when repeated). */
  interruptions: number;
};

/**
 * Records the postal tracking number of a registered letter once it is posted and, when the
 * tracking (or the return receipt) shows it, the day it was DELIVERED: a registered demand the
 * debtor received interrupts prescription from that day (art. 2943 c.4), for every instalment
 * it demanded. The same number or day again is a no-op; a different one for a letter that has
 * one is refused (a correction is a person's decision, not an overwrite).
 */
export async function recordTracking(
  ctx: TContext,
  input: { id: number; creditorId: number | null; trackingNumber: string; deliveredOn?: string | null },
): Promise<TTrackingResult> {
  const number = input.trackingNumber.replace(/\s+/g, '').toUpperCase();
  if (!TRACKING_NUMBER.test(number))
    throw invalid(
      'trackingNumber',
      input.trackingNumber,
      'is not a tracking number (8 to 30 letters or digits)',
    );
  const deliveredOn = input.deliveredOn ? parseDate(input.deliveredOn, 'deliveredOn') : null;
  if (deliveredOn && compareDates(deliveredOn, ctx.today) > 0)
    throw invalid('deliveredOn', input.deliveredOn, `is after today (${ctx.today})`);
  return ctx.db.transaction(async (db) => {
    const row = await findOutboxRow(db, input.creditorId, input.id);
    if (row?.channel !== 'registered-letter')
      throw new AppError('NOT_FOUND', `letter: ${input.id} is not a registered letter`, {
        field: 'id',
        value: input.id,
      });
    if (row.status !== 'sent')
      throw new AppError('CONFLICT', `letter: ${input.id} is ${row.status}, not printed yet`, {
        field: 'id',
        value: input.id,
      });
    if (row.tracking_number && row.tracking_number !== number)
      throw new AppError(
        'CONFLICT',
        `letter: ${input.id} already has tracking number ${row.tracking_number}`,
        { field: 'trackingNumber', value: input.trackingNumber },
      );
    if (deliveredOn && row.delivered_on && row.delivered_on !== deliveredOn)
      throw new AppError('CONFLICT', `letter: ${input.id} was already delivered on ${row.delivered_on}`, {
        field: 'deliveredOn',
        value: input.deliveredOn,
      });
    const printedOn = row.sent_at ? dateInZone(row.sent_at) : null;
    if (deliveredOn && printedOn && compareDates(deliveredOn, printedOn) < 0)
      throw invalid('deliveredOn', input.deliveredOn, `is before the letter was printed (${printedOn})`);
    const tx = { ...ctx, db };
    if (!row.tracking_number) {
      await updateOutboxRow(db, { creditor_id: row.creditor_id, id: row.id, tracking_number: number });
      await appendRegisterEntries(tx, row.creditor_id, [
        {
          action: 'letter.tracking-recorded',
          subjectType: 'outbox',
          subjectId: row.id,
          data: { actionId: row.action_id, trackingNumber: number },
        },
      ]);
    }
    let interruptions = 0;
    if (deliveredOn) {
      if (!row.delivered_on) {
        await updateOutboxRow(db, { creditor_id: row.creditor_id, id: row.id, delivered_on: deliveredOn });
        await appendRegisterEntries(tx, row.creditor_id, [
          {
            action: 'letter.delivered',
            subjectType: 'outbox',
            subjectId: row.id,
            data: { actionId: row.action_id, trackingNumber: number, deliveredOn },
          },
        ]);
      }
      interruptions = await interruptByDeliveredDemand(tx, {
        creditorId: row.creditor_id,
        outboxId: row.id,
        channel: 'registered-letter',
        deliveredOn,
        reference: `registered letter ${number} delivered on ${deliveredOn}`,
      });
    }
    return {
      id: row.id,
      trackingNumber: number,
      deliveredOn: deliveredOn ?? row.delivered_on,
      interruptions,
    };
  });
}
