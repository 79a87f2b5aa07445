import { z } from 'zod';
import { CLOSING_OUTCOMES } from '../../core/legal/legal-stages.ts';
import { parseDate } from '../../core/shared/calendar-date.ts';
import { AppError, invalid } from '../../core/shared/errors.ts';
import { formatAmount, parseAmount } from '../../core/shared/money.ts';
import { closeCases } from '../../db/queries/collection-writes.ts';
import { caseOutstanding, insertCaseOutcome } from '../../db/queries/legal.ts';
import { requireCase } from '../agency/build-case-file.ts';
import { resolveCreditorIdOrNull } from '../collection/resolve-creditor.ts';
import { appendRegisterEntries } from '../register/append-register-entries.ts';
import type { TContext } from '../shared/context.ts';
import { parseInput } from '../shared/parse-input.ts';
import { legalView, type TLegalView } from './legal-view.ts';

export const ZCloseCase = z.object({
  caseId: z.number().int().positive(),
  creditor: z.string().nullish(),
  outcome: z.enum(CLOSING_OUTCOMES),
  /** What is given up; default: all still owed (written-off, uncollectable, settled), 0 for paid. */
  writtenOff: z.union([z.string(), z.number()]).nullish(),
  date: z.string().nullish(),
  note: z.string().default(''),
});
export type TCloseCase = z.input<typeof ZCloseCase>;

/**
 * Closes a case with its outcome: `paid` (nothing owed any more on the ledger), `settled` (an
 * agreement: what is left is given up), `written-off` or `uncollectable` (the amount written
 * off, at most what is owed). The case's open tasks are cancelled; its instalments are never
 * chased again (an instalment belongs to one case only).
 */
export async function closeCase(ctx: TContext, raw: TCloseCase): Promise<TLegalView> {
  const input = parseInput(ZCloseCase, raw);
  const on = input.date ? parseDate(input.date, 'date') : ctx.today;
  if (on > ctx.today) throw invalid('date', on, `is after today (${ctx.today})`);
  const head = await requireCase(ctx, input.caseId, await resolveCreditorIdOrNull(ctx.db, input.creditor));
  return ctx.db.transaction(async (db) => {
    const owed = await caseOutstanding(db, head.creditor_id, head.id);
    if (owed.length > 1)
      throw new AppError(
        'CONFLICT',
        `case: ${head.id} is owed in ${owed.length} currencies: close it per invoice`,
        {
          field: 'case',
          value: head.id,
        },
      );
    const currency = owed[0]?.currency ?? 'EUR';
    const outstandingCents = owed[0]?.outstanding_cents ?? 0;
    let writtenOffCents: number;
    if (input.outcome === 'paid') {
      if (outstandingCents > 0)
        throw new AppError(
          'CONFLICT',
          `outcome: "paid" but the case still owes ${formatAmount(outstandingCents, currency)} ${currency}: record the payment first`,
          { field: 'outcome', value: input.outcome },
        );
      writtenOffCents = 0;
    } else if (input.writtenOff !== null && input.writtenOff !== undefined) {
      writtenOffCents = parseAmount(input.writtenOff, 'writtenOff', currency, { allowZero: true });
      if (writtenOffCents > outstandingCents)
        throw invalid(
          'writtenOff',
          input.writtenOff,
          `is more than what is owed (${formatAmount(outstandingCents, currency)})`,
        );
    } else writtenOffCents = outstandingCents;

    const closed = await closeCases(db, head.creditor_id, on, [head.id], input.outcome);
    if (closed.length === 0)
      throw new AppError('CONFLICT', `case: ${head.id} is already closed (${head.close_reason ?? ''})`, {
        field: 'case',
        value: head.id,
      });
    await insertCaseOutcome(db, head.creditor_id, {
      caseId: head.id,
      outcome: input.outcome,
      on,
      outstandingCents,
      writtenOffCents,
      currency,
      note: input.note,
      by: ctx.actor,
    });
    await appendRegisterEntries({ ...ctx, db }, head.creditor_id, [
      {
        action: 'case.closed',
        subjectType: 'case',
        subjectId: head.id,
        debtorId: head.debtor_id,
        reason: input.note || input.outcome,
        data: { outcome: input.outcome, closedOn: on, outstandingCents, writtenOffCents, currency },
      },
    ]);
    return legalView(db, { ...head, status: 'closed', close_reason: input.outcome }, ctx.today);
  });
}
