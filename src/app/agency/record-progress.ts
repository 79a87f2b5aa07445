import { z } from 'zod';
import { parseDate } from '../../core/shared/calendar-date.ts';
import { AppError, invalid } from '../../core/shared/errors.ts';
import { formatAmount, parseAmount } from '../../core/shared/money.ts';
import { insertCaseProgress, listCaseProgress } from '../../db/queries/case-files.ts';
import { resolveCreditorIdOrNull } from '../collection/resolve-creditor.ts';
import { appendRegisterEntries } from '../register/append-register-entries.ts';
import type { TContext } from '../shared/context.ts';
import { parseInput } from '../shared/parse-input.ts';
import { requireCase } from './build-case-file.ts';

/** What an agency reports on a handed-over case (free stages are allowed: lower-case-with-dashes). */
export const PROGRESS_STAGES = [
  'received',
  'contact-made',
  'promise',
  'payment-plan',
  'partial-payment',
  'legal-notice',
  'payment-order',
  'enforcement',
  'returned',
  'closed',
] as const;

export const ZRecordProgress = z.object({
  caseId: z.number().int().positive(),
  creditor: z.string().nullish(),
  stage: z.string().regex(/^[a-z0-9][a-z0-9-]{0,39}$/, 'must be lower-case letters, digits and dashes'),
  note: z.string().default(''),
  amount: z.union([z.string(), z.number()]).nullish(),
  date: z.string().nullish(),
});
export type TRecordProgress = z.input<typeof ZRecordProgress>;

export type TProgressView = {
  id: number;
  caseId: number;
  date: string;
  stage: string;
  note: string;
  amount: string | null;
  recordedBy: string;
};

/**
 * Records the agency's progress on a case it was handed (seed 002: contact made, promise, legal
 * notice...). Money still reaches the ledger only as payments, which reconcile as always: an
 * amount here is what the agency reports, not a payment.
 */
export async function recordProgress(ctx: TContext, raw: TRecordProgress): Promise<TProgressView> {
  const input = parseInput(ZRecordProgress, raw);
  const date = input.date ? parseDate(input.date, 'date') : ctx.today;
  if (date > ctx.today) throw invalid('date', date, `is after today (${ctx.today})`);
  const creditorId = await resolveCreditorIdOrNull(ctx.db, input.creditor);
  const head = await requireCase(ctx, input.caseId, creditorId);
  if (!head.handed_over_on)
    throw new AppError('CONFLICT', `case: ${head.id} was not handed over to an agency`, {
      field: 'case',
      value: head.id,
    });
  const amountCents =
    input.amount == null ? null : parseAmount(String(input.amount), 'amount', 'EUR', { allowZero: true });
  return ctx.db.transaction(async (db) => {
    const row = await insertCaseProgress(db, head.creditor_id, {
      caseId: head.id,
      recordedOn: date,
      stage: input.stage,
      note: input.note,
      amountCents,
      by: ctx.actor,
    });
    await appendRegisterEntries({ ...ctx, db }, head.creditor_id, [
      {
        action: 'case.progress',
        subjectType: 'case',
        subjectId: head.id,
        debtorId: head.debtor_id,
        reason: input.note || null,
        data: { progressId: row.id, stage: row.stage, date, amountCents },
      },
    ]);
    return progressView(row);
  });
}

export async function listProgress(
  ctx: TContext,
  caseId: number,
  creditor?: string | null,
): Promise<TProgressView[]> {
  const head = await requireCase(ctx, caseId, await resolveCreditorIdOrNull(ctx.db, creditor));
  return (await listCaseProgress(ctx.db, head.creditor_id, head.id)).map(progressView);
}

function progressView(r: {
  id: number;
  case_id: number;
  recorded_on: string;
  stage: string;
  note: string;
  amount_cents: number | null;
  recorded_by: string;
}): TProgressView {
  return {
    id: r.id,
    caseId: r.case_id,
    date: r.recorded_on,
    stage: r.stage,
    note: r.note,
    amount: r.amount_cents === null ? null : formatAmount(r.amount_cents, 'EUR'),
    recordedBy: r.recorded_by,
  };
}
