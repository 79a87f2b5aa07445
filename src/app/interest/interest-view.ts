import type { TInterestPeriod } from '../../core/interest/interest-periods.ts';
import { formatRatePercent } from '../../core/interest/rate.ts';
import { formatAmount } from '../../core/shared/money.ts';

/** The conventions every interest figure follows, printed with it (docs/interest.md). */
export const INTEREST_CONVENTION =
  'simple interest, actual days / 365; from the day after the due date to the end date included; ' +
  'one period per capital and rate (split at 1 January / 1 July for D.Lgs. 231/2002, at 1 January for art. 1284 c.c.); ' +
  'each period rounded half up to the cent';

export type TPeriodView = {
  from: string;
  to: string;
  days: number;
  capital: string;
  ratePercent: string;
  basis: string;
  ratePeriod: string;
  interest: string;
  source: string;
  isVerified: boolean;
};

export function toPeriodView(p: TInterestPeriod, currency: string): TPeriodView {
  return {
    from: p.from,
    to: p.to,
    days: p.days,
    capital: formatAmount(p.capitalCents, currency),
    ratePercent: formatRatePercent(p.ratePpm),
    basis: p.basis,
    ratePeriod: p.ratePeriod,
    interest: formatAmount(p.interestCents, currency),
    source: p.source,
    isVerified: p.isVerified,
  };
}
