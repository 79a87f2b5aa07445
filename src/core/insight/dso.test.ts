import { describe, expect, it } from 'vitest';
import { parseDate } from '../shared/calendar-date.ts';
import { countbackPeriods, dsoCountback } from './dso.ts';
import { monthsBefore } from './months-before.ts';

const d = (s: string) => parseDate(s);

describe('countback periods', () => {
  it('counts calendar months back from a month end without drifting', () => {
    const p = countbackPeriods(d('2026-03-31'), 3);
    expect(p.map((x) => [x.from, x.to, x.days])).toEqual([
      ['2026-03-01', '2026-03-31', 31],
      ['2026-02-01', '2026-02-28', 28],
      ['2026-01-01', '2026-01-31', 31],
    ]);
  });

  it('counts from a mid-month date', () => {
    const p = countbackPeriods(d('2026-03-15'), 2);
    expect(p.map((x) => [x.from, x.to, x.days])).toEqual([
      ['2026-02-16', '2026-03-15', 28],
      ['2026-01-16', '2026-02-15', 31],
    ]);
  });
});

describe('DSO countback', () => {
  const periods = countbackPeriods(d('2026-03-31'), 3);
  const withSales = (sales: number[]) => periods.map((p, i) => ({ ...p, salesCents: sales[i] ?? 0 }));

  it('absorbs March whole and part of February', () => {
    // AR 15,000.00; March sales 10,000.00 (31 days) -> remaining 5,000.00;
    // February sales 8,000.00 over 28 days -> 28 x 5,000 / 8,000 = 17.5; DSO = 31 + 17.5 = 48.5
    expect(dsoCountback(1_500_000, withSales([1_000_000, 800_000, 900_000]))).toEqual({
      dsoDays: 48.5,
      periodsCounted: 2,
      isCapped: false,
    });
  });

  it('gives a fraction of the first month when receivables are smaller than its sales', () => {
    // 31 x 3,333.33 / 10,000.00 = 10.3333 -> 10.3
    expect(dsoCountback(333_333, withSales([1_000_000])).dsoDays).toBe(10.3);
  });

  it('adds a month without sales whole and stops exactly at a month boundary', () => {
    // March no sales (31), February 8,000.00 fully absorbed (28): 59 days
    expect(dsoCountback(800_000, withSales([0, 800_000, 900_000]))).toEqual({
      dsoDays: 59,
      periodsCounted: 2,
      isCapped: false,
    });
  });

  it('says when receivables exceed every sale of the window', () => {
    expect(dsoCountback(5_000_000, withSales([100, 100, 100]))).toEqual({
      dsoDays: 90,
      periodsCounted: 3,
      isCapped: true,
    });
  });

  it('is 0 without receivables', () => {
    expect(dsoCountback(0, withSales([100])).dsoDays).toBe(0);
  });
});

describe('months before a date', () => {
  it('keeps month ends on month ends', () => {
    expect(monthsBefore(d('2026-06-30'), 1)).toBe('2026-05-31');
    expect(monthsBefore(d('2026-06-30'), 6)).toBe('2025-12-31');
    expect(monthsBefore(d('2026-03-31'), 1)).toBe('2026-02-28');
    expect(monthsBefore(d('2026-03-15'), 1)).toBe('2026-02-15');
    expect(monthsBefore(d('2026-05-30'), 3)).toBe('2026-02-28');
  });

  it('makes the countback from a month end use calendar months', () => {
    expect(countbackPeriods(d('2026-06-30'), 2).map((x) => [x.from, x.to, x.days])).toEqual([
      ['2026-06-01', '2026-06-30', 30],
      ['2026-05-01', '2026-05-31', 31],
    ]);
  });
});
