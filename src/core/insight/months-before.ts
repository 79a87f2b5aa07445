import { addMonths, endOfMonth, type TCalendarDate } from '../shared/calendar-date.ts';

/**
 * The date `months` calendar months before `asOf`. From a month end it is the month end (June 30
 * minus one month is May 31, not May 30), so that windows ending on a month end are whole
 * calendar months, as a credit manager reads them; from any other day it is the same day number
 * (clamped to the month's length).
 */
export function monthsBefore(asOf: TCalendarDate, months: number): TCalendarDate {
  const shifted = addMonths(asOf, -months);
  return asOf === endOfMonth(asOf) ? endOfMonth(shifted) : shifted;
}
