import { z } from 'zod';
import { parseDate } from '../../core/shared/calendar-date.ts';
import { AppError } from '../../core/shared/errors.ts';
import { closeDisputeRow } from '../../db/queries/collection-work.ts';
import { appendRegisterEntries } from '../register/append-register-entries.ts';
import type { TContext } from '../shared/context.ts';
import { parseInput } from '../shared/parse-input.ts';
import { type TDisputeView, toDisputeView } from './dispute-view.ts';
import { resolveCreditorIdOrNull } from './resolve-creditor.ts';
import { resolveInvoice } from './resolve-invoice.ts';

export const ZCloseDispute = z.object({
  invoice: z.string().trim().min(1),
  year: z.coerce.number().int().min(1900).max(9999).nullish(),
  creditor: z.string().nullish(),
  resolution: z.string().trim().max(2000).nullish(),
  date: z.string().nullish(),
});
export type TCloseDispute = z.input<typeof ZCloseDispute>;

/** Closing a dispute puts the invoice back into its case's escalation where the case stands. */
export async function closeDispute(ctx: TContext, raw: TCloseDispute): Promise<TDisputeView> {
  const input = parseInput(ZCloseDispute, raw);
  const on = input.date ? parseDate(input.date, 'date') : ctx.today;
  return ctx.db.transaction(async (db) => {
    const creditorId = await resolveCreditorIdOrNull(db, input.creditor);
    const invoice = await resolveInvoice(db, input.invoice, creditorId, input.year ?? null);
    const row = await closeDisputeRow(db, invoice.creditor_id, invoice.id, on, input.resolution || null);
    if (!row) {
      throw new AppError('NOT_FOUND', `invoice: "${input.invoice}" has no open dispute`, {
        field: 'invoice',
        value: input.invoice,
      });
    }
    await appendRegisterEntries({ ...ctx, db }, invoice.creditor_id, [
      {
        action: 'dispute.closed',
        subjectType: 'dispute',
        subjectId: row.id,
        debtorId: invoice.debtor_id,
        reason: input.resolution || null,
        data: { invoiceNumber: invoice.number, invoiceId: invoice.id, closedOn: on },
      },
    ]);
    return toDisputeView(row, invoice);
  });
}
