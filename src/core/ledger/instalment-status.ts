import { daysBetween, type TCalendarDate } from '../shared/calendar-date.ts';
import type { TCents } from '../shared/money.ts';

/** Settlement state of an instalment; whether it is overdue is a separate, date-relative fact. */
export type TInstalmentStatus = 'open' | 'partially-paid' | 'paid' | 'credited';

export type TInstalmentBalance = {
  dueDate: TCalendarDate;
  amountCents: TCents;
  paidCents: TCents;
  creditedCents: TCents;
};

export function outstandingOf(b: TInstalmentBalance): TCents {
  return b.amountCents - b.paidCents - b.creditedCents;
}

export function instalmentStatus(b: TInstalmentBalance): TInstalmentStatus {
  const outstanding = outstandingOf(b);
  if (outstanding > 0) return outstanding === b.amountCents ? 'open' : 'partially-paid';
  // Settled: "credited" when a credit note, not money, closed most of it.
  return b.creditedCents > b.paidCents ? 'credited' : 'paid';
}

/** Days past the due date on `asOf`, 0 when not yet due or settled. */
export function daysOverdue(b: TInstalmentBalance, asOf: TCalendarDate): number {
  if (outstandingOf(b) <= 0) return 0;
  return Math.max(0, daysBetween(b.dueDate, asOf));
}
