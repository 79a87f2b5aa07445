import { describe, expect, it } from 'vitest';
import { parseDate } from '../shared/calendar-date.ts';
import { easterSunday, isBusinessDay, italianHolidays, onOrNextBusinessDay } from './business-calendar.ts';

const d = (s: string) => parseDate(s);

describe('Italian business-day calendar', () => {
  it('computes Gregorian Easter Sunday', () => {
    expect(easterSunday(2019)).toBe('2019-04-21');
    expect(easterSunday(2024)).toBe('2024-03-31');
    expect(easterSunday(2025)).toBe('2025-04-20');
    expect(easterSunday(2026)).toBe('2026-04-05');
    expect(easterSunday(2027)).toBe('2027-03-28');
    expect(easterSunday(2038)).toBe('2038-04-25'); // the latest possible date
    expect(easterSunday(2285)).toBe('2285-03-22'); // the earliest possible date
  });

  it('lists the eleven national holidays of a year, Easter Monday included', () => {
    expect([...italianHolidays(2026)].sort()).toEqual([
      '2026-01-01',
      '2026-01-06',
      '2026-04-06',
      '2026-04-25',
      '2026-05-01',
      '2026-06-02',
      '2026-08-15',
      '2026-11-01',
      '2026-12-08',
      '2026-12-25',
      '2026-12-26',
    ]);
    // 2011: Easter Monday and Liberation Day fall on the same day; still one holiday.
    expect(italianHolidays(2011).size).toBe(10);
  });

  it('knows weekdays, weekends and holidays', () => {
    expect(isBusinessDay(d('2026-04-03'))).toBe(true); // Good Friday is a working day in Italy
    expect(isBusinessDay(d('2026-04-04'))).toBe(false); // Saturday
    expect(isBusinessDay(d('2026-04-06'))).toBe(false); // Easter Monday
    expect(isBusinessDay(d('2026-06-02'))).toBe(false); // Tuesday, Festa della Repubblica
    expect(isBusinessDay(d('2026-06-03'))).toBe(true);
  });

  it('moves a date to the next business day', () => {
    //   April 2026
    //   Sa 4  Su 5 (Easter)  Mo 6 (Easter Monday)  Tu 7
    expect(onOrNextBusinessDay(d('2026-04-04'))).toBe('2026-04-07');
    expect(onOrNextBusinessDay(d('2026-04-07'))).toBe('2026-04-07');
    //   Christmas 2026: Fr 25, Sa 26 (Santo Stefano), Su 27 -> Mo 28
    expect(onOrNextBusinessDay(d('2026-12-25'))).toBe('2026-12-28');
    //   New Year 2027: Fr 1 Jan -> Mo 4; Epiphany We 6 -> Th 7
    expect(onOrNextBusinessDay(d('2027-01-01'))).toBe('2027-01-04');
    expect(onOrNextBusinessDay(d('2027-01-06'))).toBe('2027-01-07');
  });
});
