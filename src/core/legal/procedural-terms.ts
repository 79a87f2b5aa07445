import { isItalianHoliday } from '../collection/business-calendar.ts';
import { addDays, dayOfWeek, type TCalendarDate } from '../shared/calendar-date.ts';

/**
 * Procedural terms of Italian civil procedure, on calendar dates. Pure: no clock.
 *
 * - Art. 155 c.1 c.p.c.: the day the term starts from is not counted (dies a quo non computatur).
 * - L. 742/1969 art. 1: procedural terms are suspended from 1 to 31 August; a term that would
 *   start during the suspension starts on 1 September.
 * - Art. 155 c.4 c.p.c.: a term ending on a public holiday (Sundays included) ends on the next
 *   working day; c.5: the same for a Saturday (for acts done outside a hearing).
 */

/** The summer suspension (sospensione feriale), days of the month of August. */
export function isSummerSuspension(date: TCalendarDate): boolean {
  return date.slice(5, 7) === '08';
}

/** Sunday, Saturday or an Italian national public holiday (Easter Monday included). */
export function isNonWorkingForTerms(date: TCalendarDate): boolean {
  const weekday = dayOfWeek(date);
  return weekday === 0 || weekday === 6 || isItalianHoliday(date);
}

/** Art. 155 c.4–5: the last day moves to the next day that is not a Saturday, Sunday or holiday. */
export function rollForward(date: TCalendarDate): TCalendarDate {
  let day = date;
  while (isNonWorkingForTerms(day)) day = addDays(day, 1);
  return day;
}

export type TTermOptions = {
  /** Apply the summer suspension (true for the terms of a civil case, false e.g. for art. 481). */
  summerSuspension: boolean;
  /** Move a last day on a Saturday, Sunday or holiday to the next working day. */
  rollForward?: boolean;
};

/**
 * The last day of a term of `days` days from `from` (the event: a grant, a service), counting
 * calendar days from the day after, skipping August when the suspension applies, then moved off
 * a Saturday, Sunday or holiday.
 */
export function termEnd(from: TCalendarDate, days: number, options: TTermOptions): TCalendarDate {
  if (!Number.isInteger(days) || days < 1)
    throw new Error(`a term is a positive number of days, not ${days}`);
  let day = from;
  let counted = 0;
  while (counted < days) {
    day = addDays(day, 1);
    if (options.summerSuspension && isSummerSuspension(day)) continue;
    counted += 1;
  }
  return options.rollForward === false ? day : rollForward(day);
}
