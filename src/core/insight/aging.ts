import { daysBetween, type TCalendarDate } from '../shared/calendar-date.ts';
import { safeCents, type TCents } from '../shared/money.ts';

/**
 * Aging buckets of an open amount by days past its due date on the as-of date. An instalment due
 * on the as-of date itself is "not yet due" (the debtor still has the whole day to pay); the day
 * after it is 1 day past due. The bounds are the ones credit managers in Italy use for the
 * scaduto (issue 7): 1-30, 31-60, 61-90, 91-180, over 180 days.
 */
export const AGING_BUCKETS = [
  { key: 'notDue', label: 'not yet due', fromDays: null, toDays: 0 },
  { key: 'days1to30', label: '1-30 days', fromDays: 1, toDays: 30 },
  { key: 'days31to60', label: '31-60 days', fromDays: 31, toDays: 60 },
  { key: 'days61to90', label: '61-90 days', fromDays: 61, toDays: 90 },
  { key: 'days91to180', label: '91-180 days', fromDays: 91, toDays: 180 },
  { key: 'over180', label: 'over 180 days', fromDays: 181, toDays: null },
] as const;

export type TAgingBucketKey = (typeof AGING_BUCKETS)[number]['key'];

/**
 * The first day of every bucket after "not yet due", ascending. SQL buckets with
 * `width_bucket(days_past_due, <these bounds>)`, which gives the same index as agingBucketIndex:
 * 0 below the first bound, i for a value in [bound i-1, bound i).
 */
export const AGING_LOWER_BOUNDS: readonly number[] = AGING_BUCKETS.slice(1).map((b) => b.fromDays as number);

export function agingBucketIndex(daysPastDue: number): number {
  let index = 0;
  for (const bound of AGING_LOWER_BOUNDS) if (daysPastDue >= bound) index += 1;
  return index;
}

export function agingBucketOf(dueDate: TCalendarDate, asOf: TCalendarDate): TAgingBucketKey {
  return AGING_BUCKETS[agingBucketIndex(daysBetween(dueDate, asOf))]!.key;
}

export type TAgingTotals = Record<TAgingBucketKey, TCents> & { totalCents: TCents; overdueCents: TCents };

export function emptyAgingTotals(): TAgingTotals {
  const totals = { totalCents: 0, overdueCents: 0 } as TAgingTotals;
  for (const b of AGING_BUCKETS) totals[b.key] = 0;
  return totals;
}

/** Adds an amount to the bucket at `index` (from SQL or agingBucketIndex), keeping the totals. */
export function addToAging(totals: TAgingTotals, index: number, cents: TCents): TAgingTotals {
  const bucket = AGING_BUCKETS[index];
  if (!bucket) throw new Error(`aging bucket index ${index} out of range`);
  totals[bucket.key] = safeCents(totals[bucket.key] + cents);
  totals.totalCents = safeCents(totals.totalCents + cents);
  if (index > 0) totals.overdueCents = safeCents(totals.overdueCents + cents);
  return totals;
}

export type TAgingItem = { dueDate: TCalendarDate; outstandingCents: TCents };

/** Ages open amounts on `asOf` (the reference the SQL report is tested against). */
export function ageItems(items: readonly TAgingItem[], asOf: TCalendarDate): TAgingTotals {
  const totals = emptyAgingTotals();
  for (const item of items) {
    if (item.outstandingCents <= 0) continue;
    addToAging(totals, agingBucketIndex(daysBetween(item.dueDate, asOf)), item.outstandingCents);
  }
  return totals;
}
