import { z } from 'zod';
import { lateInterest, type TInterestRegime } from '../../core/interest/interest-periods.ts';
import { formatRatePercent, parseRatePercent } from '../../core/interest/rate.ts';
import { parseDate } from '../../core/shared/calendar-date.ts';
import { invalid } from '../../core/shared/errors.ts';
import { formatAmount, parseAmount, parseCurrency, sumCents } from '../../core/shared/money.ts';
import type { TSql } from '../../db/database.ts';
import { parseInput } from '../shared/parse-input.ts';
import { INTEREST_CONVENTION, type TPeriodView, toPeriodView } from './interest-view.ts';
import { loadRateTable } from './rate-table.ts';

export const ZAmountInterest = z.object({
  amount: z.union([z.string(), z.number()]),
  currency: z.string().default('EUR'),
  from: z.string(),
  to: z.string(),
  kind: z.enum(['commercial', 'legal']).default('commercial'),
  isPre2013Contract: z.boolean().default(false),
  courtClaimFiledOn: z.string().nullish(),
  contractualRate: z.union([z.string(), z.number()]).nullish(),
  contractualFrom: z.string().nullish(),
  allowUnverifiedRates: z.boolean().default(false),
});

export type TAmountInterest = z.input<typeof ZAmountInterest>;

export type TAmountInterestResult = {
  principal: string;
  currency: string;
  from: string;
  to: string;
  kind: 'commercial' | 'legal';
  isPre2013Contract: boolean;
  courtClaimFiledOn: string | null;
  contractual: { ratePercent: string; from: string } | null;
  total: string;
  periods: TPeriodView[];
  convention: string;
};

export function parseRegime(input: {
  kind: 'commercial' | 'legal';
  isPre2013Contract: boolean;
  courtClaimFiledOn?: string | null | undefined;
  contractualRate?: string | number | null | undefined;
  contractualFrom?: string | null | undefined;
}): TInterestRegime {
  const hasRate = input.contractualRate !== undefined && input.contractualRate !== null;
  if (hasRate !== Boolean(input.contractualFrom)) {
    throw invalid(
      hasRate ? 'contractualFrom' : 'contractualRate',
      null,
      'is required with the other contractual field',
    );
  }
  return {
    kind: input.kind,
    isPre2013Contract: input.isPre2013Contract,
    courtClaimFiledOn: input.courtClaimFiledOn
      ? parseDate(input.courtClaimFiledOn, 'courtClaimFiledOn')
      : null,
    contractual: hasRate
      ? {
          ratePpm: parseRatePercent(input.contractualRate!, 'contractualRate'),
          from: parseDate(input.contractualFrom!, 'contractualFrom'),
          source: 'contractual rate (agreed by the parties)',
        }
      : null,
  };
}

/** Interest on an amount due on `from` and paid on `to` (no payments in between). */
export async function computeAmountInterest(db: TSql, raw: TAmountInterest): Promise<TAmountInterestResult> {
  const input = parseInput(ZAmountInterest, raw);
  const currency = parseCurrency(input.currency);
  const principal = parseAmount(input.amount, 'amount', currency);
  const from = parseDate(input.from, 'from');
  const to = parseDate(input.to, 'to');
  const regime = parseRegime(input);
  const periods = lateInterest(principal, from, to, {
    regime,
    rates: await loadRateTable(db),
    options: { allowUnverified: input.allowUnverifiedRates },
  });
  return {
    principal: formatAmount(principal, currency),
    currency,
    from,
    to,
    kind: input.kind,
    isPre2013Contract: input.isPre2013Contract,
    courtClaimFiledOn: regime.courtClaimFiledOn ?? null,
    contractual: regime.contractual
      ? { ratePercent: formatRatePercent(regime.contractual.ratePpm), from: regime.contractual.from }
      : null,
    total: formatAmount(sumCents(periods.map((p) => p.interestCents)), currency),
    periods: periods.map((p) => toPeriodView(p, currency)),
    convention: INTEREST_CONVENTION,
  };
}
