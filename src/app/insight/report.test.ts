import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatAmount } from '../../core/shared/money.ts';
import { amount } from './report.ts';

describe('report amounts', () => {
  it('format exactly as formatAmount for any cents and currency', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -1e15, max: 1e15 }),
        fc.constantFrom('EUR', 'USD', 'JPY', 'KWD'),
        (c, cur) => {
          expect(amount(c, cur)).toBe(formatAmount(c, cur));
        },
      ),
    );
    expect([amount(5, 'EUR'), amount(-120, 'EUR'), amount(100, 'JPY')]).toEqual(['0.05', '-1.20', '100']);
  });
});
