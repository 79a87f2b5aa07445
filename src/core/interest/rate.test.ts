import { describe, expect, it } from 'vitest';
import { formatRatePercent, interestForDays, parseRatePercent } from './rate.ts';

describe('rates as exact decimals', () => {
  it('reads percentages digit by digit into millionths and writes them back', () => {
    expect(parseRatePercent('10.15')).toBe(101_500);
    expect(parseRatePercent('0.01')).toBe(100);
    expect(parseRatePercent('8')).toBe(80_000);
    expect(parseRatePercent('2.4000')).toBe(24_000);
    expect(parseRatePercent('-0.50', 'ecbRate', { allowNegative: true })).toBe(-5_000);
    expect([101_500, 100, 80_000, 104_000, 95_125, 0].map(formatRatePercent)).toEqual([
      '10.15',
      '0.01',
      '8.00',
      '10.40',
      '9.5125',
      '0.00',
    ]);
  });

  it('refuses what is not an exact percentage, naming field and value', () => {
    expect(() => parseRatePercent('10,15', 'rate')).toThrow('rate: "10,15" is not a percentage like 10.15');
    expect(() => parseRatePercent('1.23456')).toThrow('has more than 4 decimals');
    expect(() => parseRatePercent('-1')).toThrow('rate: "-1" must not be negative');
  });
});

describe('the rounding rule: exact fraction, half up, once per period', () => {
  it('computes capital × rate × days / 365 and rounds half up to the cent', () => {
    // 10,000.00 at 10.15 % for 31 days = 8620.547945… cents → 8621 (86.21 EUR).
    expect(interestForDays(1_000_000, 101_500, 31)).toBe(8621);
    // 10,000.00 at 11.15 % for 15 days = 4582.19… cents → 4582.
    expect(interestForDays(1_000_000, 111_500, 15)).toBe(4582);
    // 365.00 at 10 % for 1 day = 10 cents exactly; 18.25 at 10 % for 1 day = 0.5 cent exactly,
    // which rounds up to 1; 18.24 gives 0.4997… → 0.
    expect(interestForDays(36_500, 100_000, 1)).toBe(10);
    expect(interestForDays(1825, 100_000, 1)).toBe(1);
    expect(interestForDays(1824, 100_000, 1)).toBe(0);
  });

  it('gives zero for zero days or zero capital and stays exact on large amounts', () => {
    expect(interestForDays(1_000_000, 101_500, 0)).toBe(0);
    expect(interestForDays(0, 101_500, 365)).toBe(0);
    // 90 billion euros in cents at 12.5 % for a year: beyond float precision in the product.
    expect(interestForDays(9_000_000_000_000, 125_000, 365)).toBe(1_125_000_000_000);
  });
});
