import { invalid } from './errors.ts';

/**
 * A calendar date without time or zone ('YYYY-MM-DD'). Due dates and interest periods are days,
 * not instants: storing them as timestamps creates the day-off bug east of UTC. Arithmetic goes
 * through UTC midnight, where every day has exactly 24 hours.
 */
export type TCalendarDate = string & { readonly __brand: 'CalendarDate' };

const DAY_MS = 86_400_000;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export function parseDate(value: string, field = 'date'): TCalendarDate {
  const text = String(value).trim();
  const match = ISO_DATE.exec(text);
  if (!match) throw invalid(field, value, 'is not a date in the form YYYY-MM-DD');
  const [, y, m, d] = match.map(Number) as [number, number, number, number];
  const utc = new Date(Date.UTC(y, m - 1, d));
  if (utc.getUTCFullYear() !== y || utc.getUTCMonth() !== m - 1 || utc.getUTCDate() !== d) {
    throw invalid(field, value, 'is not a real calendar date');
  }
  return text as TCalendarDate;
}

function toUtcMs(date: TCalendarDate): number {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return Date.UTC(y, m - 1, d);
}

function fromUtcMs(ms: number): TCalendarDate {
  return new Date(ms).toISOString().slice(0, 10) as TCalendarDate;
}

export function addDays(date: TCalendarDate, days: number): TCalendarDate {
  return fromUtcMs(toUtcMs(date) + days * DAY_MS);
}

/** Whole days from `from` to `to` (positive when `to` is later). */
export function daysBetween(from: TCalendarDate, to: TCalendarDate): number {
  return Math.round((toUtcMs(to) - toUtcMs(from)) / DAY_MS);
}

export function compareDates(a: TCalendarDate, b: TCalendarDate): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function dayOfWeek(date: TCalendarDate): number {
  return new Date(toUtcMs(date)).getUTCDay();
}

export function yearOf(date: TCalendarDate): number {
  return Number(date.slice(0, 4));
}

/** The calendar date of an instant in the given IANA time zone (Italy by default). */
export function dateInZone(instant: Date, timeZone = 'Europe/Rome'): TCalendarDate {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(instant);
  return parts as TCalendarDate;
}

export function addMonths(date: TCalendarDate, months: number): TCalendarDate {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const target = new Date(Date.UTC(y, m - 1 + months, 1));
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(d, lastDay));
  return fromUtcMs(target.getTime());
}

export function endOfMonth(date: TCalendarDate): TCalendarDate {
  const [y, m] = date.split('-').map(Number) as [number, number];
  return fromUtcMs(Date.UTC(y, m, 0));
}
