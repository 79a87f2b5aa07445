import { AppError } from '../../core/shared/errors.ts';
import { findCreditorById } from '../../db/queries/creditors.ts';
import { setRiskSettings } from '../../db/queries/risk.ts';
import { appendRegisterEntries } from '../register/append-register-entries.ts';
import type { TContext } from '../shared/context.ts';
import { riskSettingsOf, type TCreditorRiskSettings } from './risk-settings.ts';

/**
 * Changes a creditor's risk thresholds (merged into the current ones); the new classes appear at
 * the next `risk score`, which records every debtor whose class the change moved.
 */
export async function updateRiskSettings(
  ctx: TContext,
  creditorId: number,
  changes: Partial<Omit<TCreditorRiskSettings, 'chronic'>> & {
    chronic?: Partial<TCreditorRiskSettings['chronic']>;
  },
): Promise<TCreditorRiskSettings> {
  return ctx.db.transaction(async (db) => {
    await db.query('select id from creditors where id = $1 for update', [creditorId]);
    const creditor = await findCreditorById(db, creditorId);
    if (!creditor) throw new AppError('NOT_FOUND', `creditor ${creditorId} not found`);
    const before = riskSettingsOf(creditor.settings);
    const after = riskSettingsOf({
      risk: { ...before, ...changes, chronic: { ...before.chronic, ...changes.chronic } },
    });
    await setRiskSettings(db, creditorId, after);
    await appendRegisterEntries({ ...ctx, db }, creditorId, [
      {
        action: 'risk.settings-changed',
        subjectType: 'creditor',
        subjectId: creditorId,
        data: { from: before, to: after },
      },
    ]);
    return after;
  });
}
