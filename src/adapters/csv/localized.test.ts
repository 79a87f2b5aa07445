import { describe, expect, it } from 'vitest';
import { parseLocalizedAmount, parseLocalizedDate } from './localized.ts';

describe('Italian and English numbers and dates', () => {
  it('reads amounts in either language', () => {
    expect(parseLocalizedAmount('1.234,56', 'a')).toBe('1234.56');
    expect(parseLocalizedAmount('1,234.56', 'a')).toBe('1234.56');
    expect(parseLocalizedAmount('1234,5', 'a')).toBe('1234.5');
    expect(parseLocalizedAmount('1.234', 'a')).toBe('1234');
    expect(parseLocalizedAmount('1,234,567', 'a')).toBe('1234567');
    expect(parseLocalizedAmount('€ -1.220,00', 'a')).toBe('-1220.00');
    expect(parseLocalizedAmount('(50.00)', 'a')).toBe('-50.00');
    expect(parseLocalizedAmount('12,00-', 'a')).toBe('-12.00');
    expect(parseLocalizedAmount('1.234', 'a', '.')).toBe('1.234');
    expect(() => parseLocalizedAmount('12a', 'line 3 (importo)')).toThrow(
      'line 3 (importo): "12a" is not an amount',
    );
  });

  it('reads dates in day-month order unless told otherwise', () => {
    expect(parseLocalizedDate('31/12/2025', 'd')).toBe('2025-12-31');
    expect(parseLocalizedDate('1.2.25', 'd')).toBe('2025-02-01');
    expect(parseLocalizedDate('2025-12-31', 'd')).toBe('2025-12-31');
    expect(parseLocalizedDate('12/31/2025', 'd', 'MDY')).toBe('2025-12-31');
    expect(() => parseLocalizedDate('31/02/2025', 'd')).toThrow('is not a real calendar date');
  });
});
