import { z } from 'zod';
import { parseDate } from '../../core/shared/calendar-date.ts';
import { AppError, invalid } from '../../core/shared/errors.ts';
import { insertDisputes } from '../../db/queries/collection-work.ts';
import { appendRegisterEntries } from '../register/append-register-entries.ts';
import type { TContext } from '../shared/context.ts';
import { parseInput } from '../shared/parse-input.ts';
import { type TDisputeView, toDisputeView } from './dispute-view.ts';
import { resolveCreditorIdOrNull } from './resolve-creditor.ts';
import { resolveInvoice } from './resolve-invoice.ts';

export const ZOpenDispute = z.object({
  invoice: z.string().trim().min(1),
  year: z.coerce.number().int().min(1900).max(9999).nullish(),
  creditor: z.string().nullish(),
  reason: z.string().trim().min(1).max(2000).default('disputed by the debtor'),
  date: z.string().nullish(),
});
export type TOpenDispute = z.input<typeof ZOpenDispute>;

/** A disputed invoice leaves the escalation (all its instalments) until the dispute is closed. */
export async function openDispute(ctx: TContext, raw: TOpenDispute): Promise<TDisputeView> {
  const input = parseInput(ZOpenDispute, raw);
  const on = input.date ? parseDate(input.date, 'date') : ctx.today;
  return ctx.db.transaction(async (db) => {
    const creditorId = await resolveCreditorIdOrNull(db, input.creditor);
    const invoice = await resolveInvoice(db, input.invoice, creditorId, input.year ?? null);
    if (invoice.type === 'credit-note')
      throw invalid('invoice', input.invoice, 'is a credit note: nothing to dispute');
    const [row] = await insertDisputes(db, invoice.creditor_id, [invoice.id], input.reason, on);
    if (!row) {
      throw new AppError('CONFLICT', `invoice: "${input.invoice}" is already disputed`, {
        field: 'invoice',
        value: input.invoice,
      });
    }
    await appendRegisterEntries({ ...ctx, db }, invoice.creditor_id, [
      {
        action: 'dispute.opened',
        subjectType: 'dispute',
        subjectId: row.id,
        debtorId: invoice.debtor_id,
        reason: input.reason,
        data: { invoiceNumber: invoice.number, invoiceId: invoice.id, openedOn: on },
      },
    ]);
    return toDisputeView(row, invoice);
  });
}
