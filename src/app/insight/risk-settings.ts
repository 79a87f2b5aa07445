import { z } from 'zod';
import { DEFAULT_CHRONIC_RULE, type TChronicRule } from '../../core/insight/chronic-late-payer.ts';
import { type TRiskSettings, validateRiskSettings } from '../../core/insight/risk-score.ts';
import { parseInput } from '../shared/parse-input.ts';

/**
 * A creditor's risk thresholds, kept in creditors.settings.risk. Defaults: 70 and 40 split the
 * 0-100 score into thirds weighted towards caution (a debtor must lose 31 points, e.g. pay a
 * month late habitually, to leave "healthy"); an external rating weighs 30 % because the
 * debtor's behaviour with this creditor is the better evidence of how it will pay this creditor.
 */
const score = z.number().int().min(0).max(100);
export const ZRiskSettings = z.object({
  healthyFromScore: score.default(70),
  toAvoidBelowScore: score.default(40),
  externalWeightPercent: score.default(30),
  chronic: z
    .object({
      minLateInstalments: z.number().int().min(1).default(DEFAULT_CHRONIC_RULE.minLateInstalments),
      minDaysLate: z.number().int().min(0).default(DEFAULT_CHRONIC_RULE.minDaysLate),
      minSharePercent: score.default(DEFAULT_CHRONIC_RULE.minSharePercent),
    })
    .default(DEFAULT_CHRONIC_RULE),
});

export type TCreditorRiskSettings = TRiskSettings & { chronic: TChronicRule };

export function riskSettingsOf(settings: Record<string, unknown>): TCreditorRiskSettings {
  const parsed = parseInput(ZRiskSettings, settings.risk ?? {}, 'settings.risk');
  validateRiskSettings(parsed, 'settings.risk');
  return parsed;
}
