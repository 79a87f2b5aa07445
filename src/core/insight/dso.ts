import { addDays, daysBetween, type TCalendarDate } from '../shared/calendar-date.ts';
import type { TCents } from '../shared/money.ts';
import { monthsBefore } from './months-before.ts';
import { roundedRatio } from './ratio.ts';

/**
 * Receivables older than this many months of sales are not "days of sales outstanding" any more
 * but an aging problem; the countback stops there and says the DSO is at least the window.
 */
export const DSO_MAX_MONTHS = 24;

export type TCountbackPeriod = { index: number; from: TCalendarDate; to: TCalendarDate; days: number };

/**
 * The monthly periods counted back from `asOf`, most recent first. Period k covers
 * (asOf - (k+1) months, asOf - k months], each bound computed from asOf itself (monthsBefore) so
 * that short months do not drift: as of 2026-03-31 or 2026-06-30 the periods are calendar months
 * (Mar 1-31, Feb 1-28, ...), as of 2026-03-15 they run Feb 16 - Mar 15, Jan 16 - Feb 15, ...
 */
export function countbackPeriods(asOf: TCalendarDate, months = DSO_MAX_MONTHS): TCountbackPeriod[] {
  const periods: TCountbackPeriod[] = [];
  for (let k = 0; k < months; k += 1) {
    const to = monthsBefore(asOf, k);
    const from = addDays(monthsBefore(asOf, k + 1), 1);
    periods.push({ index: k, from, to, days: daysBetween(from, to) + 1 });
  }
  return periods;
}

export type TDsoResult = {
  /** Days of sales outstanding, rounded to 0.1 day; 0 when nothing is receivable. */
  dsoDays: number;
  /** Whole periods fully absorbed plus the one partly absorbed. */
  periodsCounted: number;
  /** True when the receivables exceed every sale in the window: the DSO is at least dsoDays. */
  isCapped: boolean;
};

/**
 * DSO by the countback method. Let AR be the receivables open on the as-of date (all open
 * instalments of invoices issued by then, due or not) and S_k the credit sales of period k
 * (invoice totals by issue date, credit notes not deducted), most recent first. Walking back:
 *
 *   while AR >= S_k:  DSO += days_k;  AR -= S_k;  k += 1
 *   then:             DSO += days_k * AR / S_k
 *
 * So receivables are explained by the most recent sales, and the DSO is the number of calendar
 * days of sales they amount to. Unlike AR / average daily sales it does not move with seasonal
 * swings of older months. A period without sales adds its whole length.
 */
export function dsoCountback(
  receivablesCents: TCents,
  periods: ReadonlyArray<TCountbackPeriod & { salesCents: TCents }>,
): TDsoResult {
  if (receivablesCents <= 0) return { dsoDays: 0, periodsCounted: 0, isCapped: false };
  let remaining = BigInt(receivablesCents);
  let wholeDays = 0n;
  for (const [i, p] of periods.entries()) {
    const sales = BigInt(p.salesCents);
    if (remaining >= sales) {
      wholeDays += BigInt(p.days);
      remaining -= sales;
      if (remaining === 0n) return { dsoDays: Number(wholeDays), periodsCounted: i + 1, isCapped: false };
      continue;
    }
    // remaining / sales of this period's days, with the whole days kept exact.
    const numerator = wholeDays * sales + BigInt(p.days) * remaining;
    return { dsoDays: roundedRatio(numerator, sales, 1), periodsCounted: i + 1, isCapped: false };
  }
  return { dsoDays: Number(wholeDays), periodsCounted: periods.length, isCapped: true };
}
