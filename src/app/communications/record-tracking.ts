import { AppError, invalid } from '../../core/shared/errors.ts';
import { findOutboxRow, updateOutboxRow } from '../../db/queries/communication-outbox.ts';
import { appendRegisterEntries } from '../register/append-register-entries.ts';
import type { TContext } from '../shared/context.ts';

/** Poste Italiane numbers are 12 digits; other carriers use letters too: a plain shape check. */
const TRACKING_NUMBER = /^[A-Z0-9]{8,30}$/;

/**
 * Records the postal tracking number of a registered letter once it is posted. The same number
 * again is a no-op; a different number for a letter that has one is refused (a correction is a
 * person's decision, not an overwrite).
 */
export async function recordTracking(
  ctx: TContext,
  input: { id: number; creditorId: number | null; trackingNumber: string },
): Promise<{ id: number; trackingNumber: string }> {
  const number = input.trackingNumber.replace(/\s+/g, '').toUpperCase();
  if (!TRACKING_NUMBER.test(number))
    throw invalid(
      'trackingNumber',
      input.trackingNumber,
      'is not a tracking number (8 to 30 letters or digits)',
    );
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
    if (row.tracking_number === number) return { id: row.id, trackingNumber: number };
    if (row.tracking_number)
      throw new AppError(
        'CONFLICT',
        `letter: ${input.id} already has tracking number ${row.tracking_number}`,
        { field: 'trackingNumber', value: input.trackingNumber },
      );
    await updateOutboxRow(db, { creditor_id: row.creditor_id, id: row.id, tracking_number: number });
    await appendRegisterEntries({ ...ctx, db }, row.creditor_id, [
      {
        action: 'letter.tracking-recorded',
        subjectType: 'outbox',
        subjectId: row.id,
        data: { actionId: row.action_id, trackingNumber: number },
      },
    ]);
    return { id: row.id, trackingNumber: number };
  });
}
