import { describe, expect, it } from 'vitest';
import { addDays, addMonths, daysBetween, endOfMonth, parseDate } from './calendar-date.ts';

describe('calendar dates', () => {
  it('refuses impossible dates', () => {
    expect(() => parseDate('2025-02-29', 'dueDate')).toThrow(
      'dueDate: "2025-02-29" is not a real calendar date',
    );
    expect(parseDate('2024-02-29')).toBe('2024-02-29');
    expect(() => parseDate('31/12/2025')).toThrow('is not a date in the form YYYY-MM-DD');
  });
  it('adds days across month, year and DST boundaries', () => {
    expect(addDays(parseDate('2025-03-29'), 2)).toBe('2025-03-31');
    expect(addDays(parseDate('2025-12-31'), 1)).toBe('2026-01-01');
    expect(daysBetween(parseDate('2024-01-01'), parseDate('2025-01-01'))).toBe(366);
  });
  it('adds months clamping to the month end', () => {
    expect(addMonths(parseDate('2025-01-31'), 1)).toBe('2025-02-28');
    expect(endOfMonth(parseDate('2024-02-10'))).toBe('2024-02-29');
  });
});
