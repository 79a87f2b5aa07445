import { addDays, type TCalendarDate } from '../shared/calendar-date.ts';
import { safeCents, type TCents } from '../shared/money.ts';
import { monthsBefore } from './months-before.ts';
import { roundedRatio } from './ratio.ts';

export type TCeiInput = {
  /** Receivables open at the end of the day before the period starts. */
  beginningCents: TCents;
  /** Instalments of invoices issued within the period. */
  creditSalesCents: TCents;
  /** Receivables open at the end of the period's last day. */
  endingCents: TCents;
  /** Of the ending receivables, those not yet due on the last day. */
  endingCurrentCents: TCents;
};

export type TCeiResult = {
  collectedCents: TCents;
  collectibleCents: TCents;
  /** Percent with 2 decimals; null when nothing was collectible in the period. */
  ceiPercent: number | null;
};

/**
 * Collection effectiveness index over a period:
 *
 *   CEI = (B + S - E) / (B + S - C) x 100
 *
 * B beginning receivables, S credit sales of the period, E ending receivables, C ending current
 * (not yet due) receivables. The numerator is what left receivables during the period; the
 * denominator what could have: all that was there or was invoiced, minus what was legitimately
 * not due yet at the end. 100 means every collectible euro was collected. A credit note applied
 * to an instalment also takes it out of receivables and counts as resolved, as in the textbook
 * formula (which only sees balances).
 */
export function collectionEffectiveness(input: TCeiInput): TCeiResult {
  const collectedCents = safeCents(input.beginningCents + input.creditSalesCents - input.endingCents);
  const collectibleCents = safeCents(
    input.beginningCents + input.creditSalesCents - input.endingCurrentCents,
  );
  return {
    collectedCents,
    collectibleCents,
    ceiPercent: collectibleCents === 0 ? null : roundedRatio(collectedCents * 100, collectibleCents, 2),
  };
}

/** The default CEI period: the month that ends on `asOf` ((asOf - 1 month, asOf]; June for June 30). */
export function defaultCeiPeriod(asOf: TCalendarDate): { from: TCalendarDate; to: TCalendarDate } {
  return { from: addDays(monthsBefore(asOf, 1), 1), to: asOf };
}
