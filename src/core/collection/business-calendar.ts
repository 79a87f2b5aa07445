import { addDays, dayOfWeek, type TCalendarDate, yearOf } from '../shared/calendar-date.ts';

/**
 * The Italian business-day calendar: Monday to Friday, except the national public holidays
 * (L. 260/1949 and later amendments). Collection steps fall on business days only, so a step
 * whose date is a Saturday, Sunday or holiday moves to the next business day. Local patron
 * saints' days (Milan 7 Dec, Rome 29 Jun, ...) are not national and are not included.
 */
const FIXED_HOLIDAYS = [
  '01-01', // Capodanno
  '01-06', // Epifania
  '04-25', // Festa della Liberazione
  '05-01', // Festa del Lavoro
  '06-02', // Festa della Repubblica
  '08-15', // Ferragosto
  '11-01', // Ognissanti
  '12-08', // Immacolata Concezione
  '12-25', // Natale
  '12-26', // Santo Stefano
] as const;

/** Gregorian Easter Sunday (the anonymous "Meeus/Jones/Butcher" algorithm). */
export function easterSunday(year: number): TCalendarDate {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}` as TCalendarDate;
}

const holidayCache = new Map<number, ReadonlySet<string>>();

/** The national holidays of a year, Easter Monday (Lunedì dell'Angelo) included. */
export function italianHolidays(year: number): ReadonlySet<string> {
  let holidays = holidayCache.get(year);
  if (!holidays) {
    holidays = new Set([
      ...FIXED_HOLIDAYS.map((md) => `${String(year).padStart(4, '0')}-${md}`),
      addDays(easterSunday(year), 1),
    ]);
    holidayCache.set(year, holidays);
  }
  return holidays;
}

export function isItalianHoliday(date: TCalendarDate): boolean {
  return italianHolidays(yearOf(date)).has(date);
}

export function isBusinessDay(date: TCalendarDate): boolean {
  const weekday = dayOfWeek(date);
  return weekday !== 0 && weekday !== 6 && !isItalianHoliday(date);
}

/** The date itself when it is a business day, else the first business day after it. */
export function onOrNextBusinessDay(date: TCalendarDate): TCalendarDate {
  let day = date;
  while (!isBusinessDay(day)) day = addDays(day, 1);
  return day;
}
