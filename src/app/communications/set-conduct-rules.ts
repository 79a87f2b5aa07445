import { parseConduct, type TConductRules } from '../../core/communications/conduct.ts';
import { parseVatNumber } from '../../core/ledger/tax-identifiers.ts';
import { AppError, invalid } from '../../core/shared/errors.ts';
import { findCreditorByVat } from '../../db/queries/creditors.ts';
import { setCreditorSetting } from '../../db/queries/interest.ts';
import { appendRegisterEntries } from '../register/append-register-entries.ts';
import type { TContext } from '../shared/context.ts';

export type TConductInput = {
  creditor: string;
  quietFromHour?: number | string;
  quietToHour?: number | string;
  weeklyCap?: number | string;
};

function whole(value: number | string | undefined, field: string, max: number): number | undefined {
  if (value === undefined) return undefined;
  const n = typeof value === 'number' ? value : /^\d{1,3}$/.test(value) ? Number(value) : Number.NaN;
  if (!Number.isInteger(n) || n < 0 || n > max)
    throw invalid(field, value, `is not a whole number from 0 to ${max}`);
  return n;
}

/**
 * The creditor's conduct rules for the outbox: the local hours (Europe/Rome) in which nothing is
 * sent and the most communications a debtor gets in any 7 days. Fields not given keep their
 * value; equal quiet hours (e.g. 0 and 0) mean no quiet hours. Written to the register. Without
 * any field, answers the rules in force.
 */
export async function setConductRules(
  ctx: TContext,
  input: TConductInput,
): Promise<{ creditor: string } & TConductRules> {
  const vat = parseVatNumber(input.creditor, 'creditor').full;
  const change = {
    quietFromHour: whole(input.quietFromHour, 'quietFromHour', 23),
    quietToHour: whole(input.quietToHour, 'quietToHour', 23),
    weeklyCap: whole(input.weeklyCap, 'weeklyCap', 100),
  };
  return ctx.db.transaction(async (db) => {
    const creditor = await findCreditorByVat(db, vat);
    if (!creditor)
      throw new AppError('NOT_FOUND', `creditor: "${input.creditor}" is not a creditor`, {
        field: 'creditor',
        value: input.creditor,
      });
    const current = parseConduct(creditor.settings);
    const rules: TConductRules = {
      quietFromHour: change.quietFromHour ?? current.quietFromHour,
      quietToHour: change.quietToHour ?? current.quietToHour,
      weeklyCap: change.weeklyCap ?? current.weeklyCap,
    };
    const isChange = Object.values(change).some((v) => v !== undefined);
    if (isChange) {
      await setCreditorSetting(db, creditor.id, 'conduct', rules);
      await appendRegisterEntries({ ...ctx, db }, creditor.id, [
        {
          action: 'creditor.conduct-set',
          subjectType: 'creditor',
          subjectId: creditor.id,
          data: { ...rules },
        },
      ]);
    }
    return { creditor: creditor.vat_number, ...rules };
  });
}
