import { z } from 'zod';
import { formatAmount, parseAmount, parseCurrency } from '../../core/shared/money.ts';
import { lockDebtorRisk, updateCreditLimit } from '../../db/queries/risk.ts';
import { resolveDebtor } from '../ledger/resolve-debtor.ts';
import { appendRegisterEntries } from '../register/append-register-entries.ts';
import type { TContext } from '../shared/context.ts';
import { parseInput } from '../shared/parse-input.ts';

export const ZSetCreditLimit = z.object({
  debtor: z.string().min(1),
  creditorId: z.number().int().positive().nullable().default(null),
  /** null removes the limit. */
  amount: z.union([z.string(), z.number()]).nullable(),
  currency: z.string().default('EUR'),
});

export type TCreditLimitResult = {
  debtorId: number;
  status: 'set' | 'unchanged';
  creditLimit: string | null;
  previous: string | null;
  currency: string;
};

/** Sets (or removes) a debtor's credit limit; the change and its register row commit together. */
export async function setCreditLimit(
  ctx: TContext,
  raw: z.input<typeof ZSetCreditLimit>,
): Promise<TCreditLimitResult> {
  const input = parseInput(ZSetCreditLimit, raw);
  const currency = parseCurrency(input.currency);
  const cents =
    input.amount === null ? null : parseAmount(input.amount, 'amount', currency, { allowZero: true });
  return ctx.db.transaction(async (db) => {
    const debtor = await resolveDebtor(db, input.debtor, input.creditorId);
    const before = await lockDebtorRisk(db, debtor.creditor_id, debtor.id);
    const previous =
      before.credit_limit_cents === null
        ? null
        : formatAmount(before.credit_limit_cents, before.credit_limit_currency);
    const result = {
      debtorId: debtor.id,
      creditLimit: cents === null ? null : formatAmount(cents, currency),
      previous,
      currency,
    };
    if (before.credit_limit_cents === cents && before.credit_limit_currency === currency) {
      return { ...result, status: 'unchanged' };
    }
    await updateCreditLimit(db, debtor.creditor_id, debtor.id, cents, currency, ctx.now);
    await appendRegisterEntries({ ...ctx, db }, debtor.creditor_id, [
      {
        action: 'risk.credit-limit-set',
        subjectType: 'debtor',
        subjectId: debtor.id,
        debtorId: debtor.id,
        data: {
          from: previous,
          fromCurrency: before.credit_limit_currency,
          to: result.creditLimit,
          currency,
        },
      },
    ]);
    return { ...result, status: 'set' };
  });
}
