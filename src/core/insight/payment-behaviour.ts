import { daysBetween, type TCalendarDate } from '../shared/calendar-date.ts';
import { safeCents, type TCents } from '../shared/money.ts';
import { monthsBefore } from './months-before.ts';

/**
 * A debtor's payment behaviour, measured on its own instalments. The measures are sums and
 * counts (aggregates) so that SQL can compute them for a whole portfolio in one pass; this file
 * is the reference definition that the SQL query is tested against.
 *
 * Windows (by due date, all ending on the as-of date; months as in monthsBefore):
 *   last 12 months  (asOf - 12 months, asOf], plus older instalments still open on asOf
 *   last 6 months   (asOf - 6 months,  asOf]
 *   prior 6 months  the rest of the 12-month window (older open instalments included)
 *
 * For an instalment due in a window:
 *   measured amount  M = amount - credit notes applied by asOf (a credit note is not a payment;
 *                    an instalment fully credited is left out)
 *   days beyond terms D = asOf - due            while something is still open on asOf
 *                       = last settlement - due when settled by asOf (never below 0)
 *   late             D > 0
 *   weighted days    sum over payments of cents x max(0, paid on - due)
 *                    + cents still open x (asOf - due)
 *                    divided by the sum of M: amount-weighted days beyond terms.
 * Only allocations dated on or before asOf count, so the measures can be taken at any past date.
 */
export type TBehaviourAllocation = { on: TCalendarDate; cents: TCents; isCreditNote: boolean };

export type TBehaviourInstalment = {
  invoiceNumber: string;
  dueDate: TCalendarDate;
  amountCents: TCents;
  allocations: readonly TBehaviourAllocation[];
};

export type TBehaviourAggregates = {
  dueCount: number;
  lateCount: number;
  /** Instalments more than `veryLateDays` beyond terms (the chronic-late-payer rule's threshold). */
  veryLateCount: number;
  daysBeyondSum: number;
  weightedDays12: number;
  measuredCents12: TCents;
  weightedDays6: number;
  measuredCents6: TCents;
  weightedDaysPrior6: number;
  measuredCentsPrior6: TCents;
  /** Open on asOf, all instalments of invoices issued by then, due or not. */
  exposureCents: TCents;
  /** Of the exposure, what was due before asOf. */
  overdueCents: TCents;
};

export type TBehaviourWindows = {
  last12After: TCalendarDate;
  last6After: TCalendarDate;
  asOf: TCalendarDate;
};

export function behaviourWindows(asOf: TCalendarDate): TBehaviourWindows {
  return { last12After: monthsBefore(asOf, 12), last6After: monthsBefore(asOf, 6), asOf };
}

export function emptyAggregates(): TBehaviourAggregates {
  return {
    dueCount: 0,
    lateCount: 0,
    veryLateCount: 0,
    daysBeyondSum: 0,
    weightedDays12: 0,
    measuredCents12: 0,
    weightedDays6: 0,
    measuredCents6: 0,
    weightedDaysPrior6: 0,
    measuredCentsPrior6: 0,
    exposureCents: 0,
    overdueCents: 0,
  };
}

export type TInstalmentMeasure = {
  invoiceNumber: string;
  dueDate: TCalendarDate;
  measuredCents: TCents;
  openCents: TCents;
  daysBeyondTerms: number;
  weightedDays: number;
  settledOn: TCalendarDate | null;
};

/** Measures one instalment as of `asOf`; null when nothing of it is measurable (fully credited). */
export function measureInstalment(
  item: TBehaviourInstalment,
  asOf: TCalendarDate,
): TInstalmentMeasure | null {
  const known = item.allocations.filter((a) => a.on <= asOf);
  const credited = known.filter((a) => a.isCreditNote).reduce((s, a) => s + a.cents, 0);
  const measuredCents = item.amountCents - credited;
  if (measuredCents <= 0) return null;
  const payments = known.filter((a) => !a.isCreditNote);
  const paid = payments.reduce((s, a) => s + a.cents, 0);
  const openCents = measuredCents - paid;
  const sinceDue = daysBetween(item.dueDate, asOf);
  let weightedDays = 0;
  for (const p of payments) weightedDays += p.cents * Math.max(0, daysBetween(item.dueDate, p.on));
  weightedDays += openCents * Math.max(0, sinceDue);
  const lastOn = known.reduce<TCalendarDate | null>((m, a) => (m === null || a.on > m ? a.on : m), null);
  const settledOn = openCents > 0 ? null : lastOn;
  const daysBeyondTerms =
    openCents > 0 ? Math.max(0, sinceDue) : Math.max(0, daysBetween(item.dueDate, settledOn ?? item.dueDate));
  return {
    invoiceNumber: item.invoiceNumber,
    dueDate: item.dueDate,
    measuredCents,
    openCents,
    daysBeyondTerms,
    weightedDays,
    settledOn,
  };
}

/**
 * Instalments due in the last 12 months, and older ones still open on asOf: a debt a year overdue
 * is the debtor's behaviour now, not history that has aged out.
 */
export function isInWindow(m: TInstalmentMeasure, w: TBehaviourWindows): boolean {
  return m.dueDate > w.last12After || m.openCents > 0;
}

/** The aggregates of one debtor's instalments as of `asOf`. */
export function aggregateBehaviour(
  items: readonly TBehaviourInstalment[],
  asOf: TCalendarDate,
  veryLateDays: number,
): TBehaviourAggregates {
  const w = behaviourWindows(asOf);
  const agg = emptyAggregates();
  for (const item of items) {
    const settledByAsOf = item.allocations.filter((a) => a.on <= asOf).reduce((s, a) => s + a.cents, 0);
    const open = item.amountCents - settledByAsOf;
    if (open > 0) {
      agg.exposureCents = safeCents(agg.exposureCents + open);
      if (item.dueDate < asOf) agg.overdueCents = safeCents(agg.overdueCents + open);
    }
    if (item.dueDate > asOf) continue;
    const m = measureInstalment(item, asOf);
    if (!m || !isInWindow(m, w)) continue;
    agg.dueCount += 1;
    if (m.daysBeyondTerms > 0) agg.lateCount += 1;
    if (m.daysBeyondTerms > veryLateDays) agg.veryLateCount += 1;
    agg.daysBeyondSum += m.daysBeyondTerms;
    agg.weightedDays12 += m.weightedDays;
    agg.measuredCents12 += m.measuredCents;
    if (item.dueDate > w.last6After) {
      agg.weightedDays6 += m.weightedDays;
      agg.measuredCents6 += m.measuredCents;
    } else {
      agg.weightedDaysPrior6 += m.weightedDays;
      agg.measuredCentsPrior6 += m.measuredCents;
    }
  }
  return agg;
}
