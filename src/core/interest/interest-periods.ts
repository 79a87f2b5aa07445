import { addDays, compareDates, daysBetween, type TCalendarDate } from '../shared/calendar-date.ts';
import { invalid } from '../shared/errors.ts';
import type { TCents } from '../shared/money.ts';
import { interestForDays, type TRatePpm } from './rate.ts';
import {
  rateOn,
  ratePeriodOf,
  type TRateKind,
  type TRateLookupOptions,
  type TRateRow,
} from './rate-table.ts';

/**
 * Which law sets the rate of a debt, day by day.
 * - `kind`: 'commercial' (D.Lgs. 231/2002, business and public-administration debtors) or
 *   'legal' (art. 1284 c.c., consumers and other credits).
 * - `courtClaimFiledOn`: art. 1284 c.4: from the day a court claim is filed (that day included)
 *   the legal rate becomes the D.Lgs. 231/2002 rate. Ignored under a contractual rate, which
 *   c.4 leaves alone ("se le parti non ne hanno determinato la misura").
 * - `contractual`: a rate the parties agreed (D.Lgs. 231/2002 art. 5, FatturaPA
 *   DataDecorrenzaPenale), applying from its start date, that day included.
 */
export type TInterestRegime = {
  kind: TRateKind;
  isPre2013Contract?: boolean;
  courtClaimFiledOn?: TCalendarDate | null;
  contractual?: { ratePpm: TRatePpm; from: TCalendarDate; source: string } | null;
};

export type TRateBasis = TRateKind | 'contractual';

export type TInterestPeriod = {
  capitalId: string;
  /** First and last day counted, both included. */
  from: TCalendarDate;
  to: TCalendarDate;
  days: number;
  capitalCents: TCents;
  basis: TRateBasis;
  /** The semester ("2025 H2"), year ("2025") or "contract" whose rate applies. */
  ratePeriod: string;
  ratePpm: TRatePpm;
  source: string;
  isVerified: boolean;
  interestCents: TCents;
};

export type TRateContext = {
  regime: TInterestRegime;
  rates: readonly TRateRow[];
  options?: Pick<TRateLookupOptions, 'allowUnverified'>;
};

function basisOn(regime: TInterestRegime, day: TCalendarDate): TRateBasis {
  if (regime.contractual && compareDates(day, regime.contractual.from) >= 0) return 'contractual';
  if (
    regime.kind === 'legal' &&
    regime.courtClaimFiledOn &&
    compareDates(day, regime.courtClaimFiledOn) >= 0
  ) {
    return 'commercial';
  }
  return regime.kind;
}

/** The last day, from `day` on, before the basis may change (a switch date or a period end). */
function segmentEnd(regime: TInterestRegime, basis: TRateBasis, day: TCalendarDate, last: TCalendarDate) {
  let end = last;
  if (basis !== 'contractual') {
    const periodEnd = ratePeriodOf(basis, day).end;
    if (compareDates(periodEnd, end) < 0) end = periodEnd;
  }
  for (const switchDay of [regime.contractual?.from, regime.courtClaimFiledOn]) {
    if (switchDay && compareDates(switchDay, day) > 0 && compareDates(addDays(switchDay, -1), end) < 0) {
      end = addDays(switchDay, -1);
    }
  }
  return end;
}

/**
 * Interest on a constant capital for the days `first`..`last` (both included), one period per
 * range of days under one rate: split at every semester (commercial) or year (legal) boundary and
 * at the court-claim and contractual start dates. Each period is rounded on its own (rate.ts).
 */
export function interestPeriods(
  capitalId: string,
  capitalCents: TCents,
  first: TCalendarDate,
  last: TCalendarDate,
  ctx: TRateContext,
): TInterestPeriod[] {
  const periods: TInterestPeriod[] = [];
  if (capitalCents <= 0) return periods;
  let day = first;
  while (compareDates(day, last) <= 0) {
    const basis = basisOn(ctx.regime, day);
    const end = segmentEnd(ctx.regime, basis, day, last);
    const days = daysBetween(day, end) + 1;
    let rate: { ratePpm: TRatePpm; label: string; source: string; isVerified: boolean };
    if (basis === 'contractual') {
      const c = ctx.regime.contractual!;
      rate = { ratePpm: c.ratePpm, label: 'contract', source: c.source, isVerified: true };
    } else {
      const r = rateOn(ctx.rates, basis, day, {
        isPre2013Contract: ctx.regime.isPre2013Contract ?? false,
        allowUnverified: ctx.options?.allowUnverified ?? false,
      });
      rate = { ratePpm: r.ratePpm, label: r.period.label, source: r.source, isVerified: r.isVerified };
    }
    periods.push({
      capitalId,
      from: day,
      to: end,
      days,
      capitalCents,
      basis,
      ratePeriod: rate.label,
      ratePpm: rate.ratePpm,
      source: rate.source,
      isVerified: rate.isVerified,
      interestCents: interestForDays(capitalCents, rate.ratePpm, days),
    });
    day = addDays(end, 1);
  }
  return periods;
}

/**
 * Late-payment interest on an amount that fell due on `dueDate` and is paid on `to`.
 *
 * Day-count convention: interest runs from the day AFTER the due date (D.Lgs. 231/2002 art. 4:
 * interest is due "dal giorno successivo alla scadenza"; art. 2963 c.c.: the first day is not
 * counted) up to the payment date INCLUDED: the creditor has the money only at the end of the
 * day it arrives, so paying on day N means the debtor kept it for N − due days. Paid on the due
 * date: 0 days, 0 interest.
 */
export function lateInterest(
  capitalCents: TCents,
  dueDate: TCalendarDate,
  to: TCalendarDate,
  ctx: TRateContext,
): TInterestPeriod[] {
  if (!Number.isSafeInteger(capitalCents) || capitalCents < 0) {
    throw invalid('amount', capitalCents, 'must be a non-negative whole number of cents');
  }
  return interestPeriods('capital', capitalCents, addDays(dueDate, 1), to, ctx);
}
