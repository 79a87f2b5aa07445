import { describe, expect, it } from 'vitest';
import { parseDate } from '../shared/calendar-date.ts';
import { collectionEffectiveness, defaultCeiPeriod } from './cei.ts';

describe('collection effectiveness index', () => {
  it('computes the textbook example to the cent and the basis point', () => {
    // B 50,000.00 + S 30,000.00 - E 40,000.00 = 40,000.00 collected
    // B 50,000.00 + S 30,000.00 - C 15,000.00 = 65,000.00 collectible -> 61.538% -> 61.54
    expect(
      collectionEffectiveness({
        beginningCents: 5_000_000,
        creditSalesCents: 3_000_000,
        endingCents: 4_000_000,
        endingCurrentCents: 1_500_000,
      }),
    ).toEqual({ collectedCents: 4_000_000, collectibleCents: 6_500_000, ceiPercent: 61.54 });
  });

  it('is 100 when everything due was collected', () => {
    expect(
      collectionEffectiveness({
        beginningCents: 1_000,
        creditSalesCents: 500,
        endingCents: 500,
        endingCurrentCents: 500,
      }).ceiPercent,
    ).toBe(100);
  });

  it('is null when nothing was collectible', () => {
    expect(
      collectionEffectiveness({
        beginningCents: 0,
        creditSalesCents: 700,
        endingCents: 700,
        endingCurrentCents: 700,
      }).ceiPercent,
    ).toBeNull();
  });

  it('defaults to the month ending on the as-of date', () => {
    expect(defaultCeiPeriod(parseDate('2026-03-31'))).toEqual({ from: '2026-03-01', to: '2026-03-31' });
    expect(defaultCeiPeriod(parseDate('2026-03-15'))).toEqual({ from: '2026-02-16', to: '2026-03-15' });
  });
});
