import { z } from 'zod';
import { parseDate } from '../../core/shared/calendar-date.ts';
import { AppError } from '../../core/shared/errors.ts';
import { clearHoldRows, findLiveHolds, lockDebtorRow } from '../../db/queries/collection-work.ts';
import { appendRegisterEntries } from '../register/append-register-entries.ts';
import type { TContext } from '../shared/context.ts';
import { parseInput } from '../shared/parse-input.ts';
import { resolveHoldTarget } from './hold-target.ts';
import { type THoldView, toHoldView } from './hold-view.ts';

export const ZClearHold = z.object({
  debtor: z.string().nullish(),
  invoice: z.string().nullish(),
  year: z.coerce.number().int().min(1900).max(9999).nullish(),
  creditor: z.string().nullish(),
  reason: z.string().trim().max(2000).nullish(),
  date: z.string().nullish(),
});
export type TClearHold = z.input<typeof ZClearHold>;

/** Lifts the hold of a debtor or an invoice: the escalation resumes where the case stands. */
export async function clearHold(ctx: TContext, raw: TClearHold): Promise<THoldView[]> {
  const input = parseInput(ZClearHold, raw);
  const on = input.date ? parseDate(input.date, 'date') : ctx.today;
  return ctx.db.transaction(async (db) => {
    const target = await resolveHoldTarget(db, input);
    await lockDebtorRow(db, target.creditorId, target.debtorId);
    const live = await findLiveHolds(db, target.creditorId, target.debtorId, target.invoiceId, on);
    if (live.length === 0) {
      const field = target.invoiceId ? 'invoice' : 'debtor';
      throw new AppError('NOT_FOUND', `${field}: "${input.invoice ?? input.debtor}" is not on hold`, {
        field,
        value: input.invoice ?? input.debtor,
      });
    }
    const cleared = await clearHoldRows(
      db,
      target.creditorId,
      live.map((h) => h.id),
      on,
    );
    await appendRegisterEntries(
      { ...ctx, db },
      target.creditorId,
      cleared.map((h) => ({
        action: 'hold.cleared',
        subjectType: 'hold',
        subjectId: h.id,
        debtorId: target.debtorId,
        reason: input.reason || null,
        data: {
          scope: h.invoice_id ? 'invoice' : 'debtor',
          invoiceNumber: target.label.invoice,
          clearedOn: on,
        },
      })),
    );
    return cleared.map((h) => toHoldView(h, target));
  });
}
