import { z } from 'zod';
import { addDays, parseDate, type TCalendarDate } from '../../core/shared/calendar-date.ts';
import { AppError, invalid } from '../../core/shared/errors.ts';
import { formatAmount, parseAmount, sumCents } from '../../core/shared/money.ts';
import { insertPlan, insertPromises } from '../../db/queries/collection-work.ts';
import type { TDebtorLinkRow } from '../../db/queries/debtor-links.ts';
import { appendRegisterEntries, type TRegisterEntryInput } from '../register/append-register-entries.ts';
import type { TContext } from '../shared/context.ts';
import { parseInput } from '../shared/parse-input.ts';
import { addSelfServiceTask } from './self-service-task.ts';

/** A debtor may promise up to a year ahead, a plan of at most 24 instalments. */
export const MAX_PROMISE_DAYS = 365;
export const MAX_PLAN_INSTALMENTS = 24;

const ZItem = z.object({ date: z.string(), amount: z.union([z.string(), z.number()]) });
export const ZSelfServicePromise = z.object({
  kind: z.enum(['promise', 'plan']),
  items: z.array(ZItem).min(1).max(MAX_PLAN_INSTALMENTS),
  note: z.string().trim().max(2000).nullish(),
});
export type TSelfServicePromise = z.input<typeof ZSelfServicePromise>;

export type TSelfServicePromiseResult = {
  kind: 'promise' | 'plan';
  planId: number | null;
  promises: Array<{ id: number; dueDate: string; amount: string }>;
  taskId: number;
};

function parseItems(input: z.infer<typeof ZSelfServicePromise>, today: TCalendarDate) {
  if (input.kind === 'promise' && input.items.length !== 1)
    throw invalid('items', input.items.length, 'must be one date and amount for a promise');
  if (input.kind === 'plan' && input.items.length < 2)
    throw invalid('items', input.items.length, 'must be at least two instalments for a plan');
  const last = addDays(today, MAX_PROMISE_DAYS);
  let previous = today;
  return input.items.map((item, i) => {
    const field = `items[${i}]`;
    const dueDate = parseDate(item.date, `${field}.date`);
    if (dueDate < previous) throw invalid(`${field}.date`, item.date, `must not be before ${previous}`);
    if (dueDate > last) throw invalid(`${field}.date`, item.date, `must be by ${last}`);
    previous = dueDate;
    return { dueDate, amountCents: parseAmount(item.amount, `${field}.amount`) };
  });
}

/**
 * A promise to pay by a date, or a proposed payment plan, made on the debtor's page: stored like
 * an operator's (the engine waits for it), tied to a review task the operator works in the
 * worklist. Needs an open case: before anything is overdue there is nothing to promise.
 */
export async function selfServicePromise(
  ctx: TContext,
  link: TDebtorLinkRow,
  raw: TSelfServicePromise,
): Promise<TSelfServicePromiseResult> {
  const input = parseInput(ZSelfServicePromise, raw);
  const items = parseItems(input, ctx.today);
  const total = formatAmount(sumCents(items.map((i) => i.amountCents)));
  const note = input.note?.trim() || null;
  return ctx.db.transaction(async (db) => {
    const register: TRegisterEntryInput[] = [];
    const summary =
      input.kind === 'promise'
        ? `self-service: the debtor promises ${total} by ${items[0]!.dueDate}`
        : `self-service: the debtor proposes a plan of ${items.length} instalments, ${total} in all`;
    const { taskId, caseId } = await addSelfServiceTask(
      db,
      link,
      ctx.today,
      note ? `${summary} (${note})` : summary,
      register,
    );
    if (taskId === null || caseId === null)
      throw new AppError('CONFLICT', 'nothing is overdue yet: there is nothing to promise', {
        field: 'kind',
      });
    const planId =
      input.kind === 'plan'
        ? await insertPlan(db, link.creditor_id, { caseId, taskId, agreedOn: ctx.today })
        : null;
    const ids = await insertPromises(
      db,
      link.creditor_id,
      { caseId, taskId, planId, madeOn: ctx.today },
      items,
    );
    const promises = items.map((p, i) => ({
      id: ids[i]!,
      dueDate: p.dueDate,
      amount: formatAmount(p.amountCents),
    }));
    register.push({
      action: planId ? 'plan.proposed' : 'promise.made',
      subjectType: planId ? 'plan' : 'promise',
      subjectId: planId ?? ids[0]!,
      debtorId: link.debtor_id,
      reason: note,
      data: { caseId, promises, total, source: 'self-service', linkId: link.id, taskId },
    });
    await appendRegisterEntries({ ...ctx, db }, link.creditor_id, register);
    return { kind: input.kind, planId, promises, taskId };
  });
}
