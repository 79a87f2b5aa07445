import { describe, expect, it } from 'vitest';
import { roundedRatio } from './ratio.ts';

describe('roundedRatio', () => {
  it('rounds half away from zero at the requested decimals', () => {
    expect(roundedRatio(1, 8, 2)).toBe(0.13); // 0.125
    expect(roundedRatio(-1, 8, 2)).toBe(-0.13);
    expect(roundedRatio(2, 3, 1)).toBe(0.7);
    expect(roundedRatio(10, 4, 0)).toBe(3); // 2.5
  });

  it('stays exact beyond 2^53 in the intermediate product', () => {
    // 31 days x 9e15 cents / 9e15 cents = 31 exactly
    expect(roundedRatio(31n * 9_000_000_000_000_000n, 9_000_000_000_000_000n, 1)).toBe(31);
  });

  it('refuses a zero denominator', () => {
    expect(() => roundedRatio(1, 0, 1)).toThrow(/division by zero/);
  });
});
