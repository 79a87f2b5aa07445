import type { TCalendarDate } from '../../core/shared/calendar-date.ts';
import { AppError } from '../../core/shared/errors.ts';
import type { TSql } from '../../db/database.ts';
import { findCreditorById } from '../../db/queries/creditors.ts';
import type { TDebtorRow } from '../../db/queries/debtors.ts';
import { assessDebtors } from './assess-debtors.ts';
import { riskSettingsOf } from './risk-settings.ts';
import { debtorRiskView, type TDebtorRiskView } from './risk-view.ts';

export type TDebtorRiskReport = TDebtorRiskView & {
  creditor: { id: number; vatNumber: string; name: string };
  asOf: string;
  thresholds: { healthyFromScore: number; toAvoidBelowScore: number };
};

/**
 * One debtor's risk computed live as of a date (score, class, factors, exposure against the
 * limit, the evidence of late payments), next to the class last recorded by `risk score`.
 */
export async function showDebtorRisk(
  db: TSql,
  debtor: TDebtorRow,
  asOf: TCalendarDate,
): Promise<TDebtorRiskReport> {
  const creditor = await findCreditorById(db, debtor.creditor_id);
  if (!creditor) throw new AppError('NOT_FOUND', `creditor ${debtor.creditor_id} not found`);
  const settings = riskSettingsOf(creditor.settings);
  const [assessed] = await assessDebtors(db, {
    creditorId: creditor.id,
    debtorId: debtor.id,
    asOf,
    settings,
    isEvidenceForAll: true,
  });
  if (!assessed)
    throw new AppError('NOT_FOUND', `debtor ${debtor.id} not found`, { field: 'debtor', value: debtor.id });
  return {
    creditor: { id: creditor.id, vatNumber: creditor.vat_number, name: creditor.name },
    asOf,
    thresholds: {
      healthyFromScore: settings.healthyFromScore,
      toAvoidBelowScore: settings.toAvoidBelowScore,
    },
    ...debtorRiskView(assessed),
  };
}
