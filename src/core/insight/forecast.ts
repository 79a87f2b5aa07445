import { addDays, daysBetween, type TCalendarDate } from '../shared/calendar-date.ts';
import { safeCents, type TCents } from '../shared/money.ts';

/** A quarter of weekly cash planning: the horizon treasurers use for a rolling 13-week forecast. */
export const FORECAST_WEEKS = 13;

export type TForecastWeek = { week: number; from: TCalendarDate; to: TCalendarDate };

/**
 * Rolling weeks starting on the as-of date: week 1 is asOf .. asOf+6. Anything due before the
 * as-of date and still open is "overdue" (no date can be promised from due dates alone), anything
 * after week 13 is "later".
 */
export function forecastWeeks(asOf: TCalendarDate, weeks = FORECAST_WEEKS): TForecastWeek[] {
  return Array.from({ length: weeks }, (_, i) => ({
    week: i + 1,
    from: addDays(asOf, 7 * i),
    to: addDays(asOf, 7 * i + 6),
  }));
}

/** 0 = overdue, 1..weeks = the week, weeks+1 = later. SQL: floor((due - asOf) / 7) + 1, clamped. */
export function forecastSlot(dueDate: TCalendarDate, asOf: TCalendarDate, weeks = FORECAST_WEEKS): number {
  const days = daysBetween(asOf, dueDate);
  if (days < 0) return 0;
  return Math.min(Math.floor(days / 7) + 1, weeks + 1);
}

export type TForecastTotals = { overdueCents: TCents; weekCents: TCents[]; laterCents: TCents };

export function emptyForecast(weeks = FORECAST_WEEKS): TForecastTotals {
  return { overdueCents: 0, weekCents: Array(weeks).fill(0), laterCents: 0 };
}

export function addToForecast(totals: TForecastTotals, slot: number, cents: TCents): TForecastTotals {
  const weeks = totals.weekCents.length;
  if (slot === 0) totals.overdueCents = safeCents(totals.overdueCents + cents);
  else if (slot > weeks) totals.laterCents = safeCents(totals.laterCents + cents);
  else totals.weekCents[slot - 1] = safeCents(totals.weekCents[slot - 1]! + cents);
  return totals;
}
