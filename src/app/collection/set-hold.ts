import { z } from 'zod';
import { parseDate } from '../../core/shared/calendar-date.ts';
import { AppError, invalid } from '../../core/shared/errors.ts';
import { findLiveHolds, insertHold, lockDebtorRow } from '../../db/queries/collection-work.ts';
import { appendRegisterEntries } from '../register/append-register-entries.ts';
import type { TContext } from '../shared/context.ts';
import { parseInput } from '../shared/parse-input.ts';
import { resolveHoldTarget } from './hold-target.ts';
import { type THoldView, toHoldView } from './hold-view.ts';

export const ZSetHold = z.object({
  debtor: z.string().nullish(),
  invoice: z.string().nullish(),
  year: z.coerce.number().int().min(1900).max(9999).nullish(),
  creditor: z.string().nullish(),
  reason: z.string().trim().min(1, 'a hold needs a reason').max(2000),
  until: z.string().nullish(),
  date: z.string().nullish(),
});
export type TSetHold = z.input<typeof ZSetHold>;

/** Pauses the escalation of a debtor or an invoice from `date`, until `until` (inclusive) or cleared. */
export async function setHold(ctx: TContext, raw: TSetHold): Promise<THoldView> {
  const input = parseInput(ZSetHold, raw);
  const startsOn = input.date ? parseDate(input.date, 'date') : ctx.today;
  const endsOn = input.until ? parseDate(input.until, 'until') : null;
  if (endsOn && endsOn < startsOn)
    throw invalid('until', input.until, `is before the hold starts (${startsOn})`);
  return ctx.db.transaction(async (db) => {
    const target = await resolveHoldTarget(db, input);
    await lockDebtorRow(db, target.creditorId, target.debtorId);
    const [live] = await findLiveHolds(db, target.creditorId, target.debtorId, target.invoiceId, startsOn);
    if (live) {
      throw new AppError(
        'CONFLICT',
        `${target.invoiceId ? 'invoice' : 'debtor'}: already on hold since ${live.starts_on}${live.ends_on ? ` until ${live.ends_on}` : ''} (${live.reason}); clear it first`,
        { field: target.invoiceId ? 'invoice' : 'debtor', value: input.invoice ?? input.debtor },
      );
    }
    const row = await insertHold(db, target.creditorId, {
      debtorId: target.debtorId,
      invoiceId: target.invoiceId,
      reason: input.reason,
      startsOn,
      endsOn,
    });
    await appendRegisterEntries({ ...ctx, db }, target.creditorId, [
      {
        action: 'hold.set',
        subjectType: 'hold',
        subjectId: row.id,
        debtorId: target.debtorId,
        reason: input.reason,
        data: {
          scope: target.invoiceId ? 'invoice' : 'debtor',
          invoiceNumber: target.label.invoice,
          startsOn,
          endsOn,
        },
      },
    ]);
    return toHoldView(row, target);
  });
}
