import { describe, expect, it } from 'vitest';
import { DOMAIN_RATE_ROWS } from '../../../test/interest/rate-rows.ts';
import { parseDate } from '../shared/calendar-date.ts';
import { AppError } from '../shared/errors.ts';
import { checkRateRow, rateOn, semesterOf } from './rate-table.ts';

const d = (s: string) => parseDate(s);

describe('the rate table', () => {
  it('finds the semester of a date and its rate', () => {
    expect(semesterOf(d('2026-06-30'))).toEqual({ start: '2026-01-01', end: '2026-06-30', label: '2026 H1' });
    expect(semesterOf(d('2026-07-01')).label).toBe('2026 H2');
    expect(rateOn(DOMAIN_RATE_ROWS, 'commercial', d('2024-08-15'))).toMatchObject({
      ratePpm: 122_500,
      source: 'GU n. 176 del 29/07/2024',
    });
    expect(rateOn(DOMAIN_RATE_ROWS, 'legal', d('2023-05-05')).ratePpm).toBe(50_000);
  });

  it('applies ECB + 7 points to contracts concluded before 2013', () => {
    expect(rateOn(DOMAIN_RATE_ROWS, 'commercial', d('2024-03-01'), { isPre2013Contract: true }).ratePpm).toBe(
      115_000,
    );
  });

  it('refuses a period it does not have, naming the semester or the year', () => {
    const error = (() => {
      try {
        rateOn(DOMAIN_RATE_ROWS, 'commercial', d('2027-02-01'));
      } catch (e) {
        return e as AppError;
      }
    })();
    expect(error).toBeInstanceOf(AppError);
    expect(error!.code).toBe('MISSING_RATE');
    expect(error!.message).toContain('no late-payment rate for 2027 H1');
    expect(() => rateOn(DOMAIN_RATE_ROWS, 'legal', d('2019-12-31'))).toThrow(
      'no legal interest rate for 2019',
    );
  });

  it('refuses an unverified rate unless explicitly allowed', () => {
    expect(() => rateOn(DOMAIN_RATE_ROWS, 'commercial', d('2026-09-01'))).toThrow(
      'the late-payment rate (D.Lgs. 231/2002) for 2026 H2 (10.40 %) is not verified',
    );
    expect(rateOn(DOMAIN_RATE_ROWS, 'commercial', d('2026-09-01'), { allowUnverified: true })).toMatchObject({
      ratePpm: 104_000,
      isVerified: false,
    });
  });

  it('accepts a new row only on a period start and with rate = ECB + 8', () => {
    const row = {
      kind: 'commercial' as const,
      periodStart: d('2027-01-01'),
      referencePpm: 20_000,
      ratePpm: 100_000,
      source: 'GU n. 1',
      isVerified: true,
    };
    expect(checkRateRow(row)).toBe(row);
    expect(() => checkRateRow({ ...row, periodStart: d('2027-02-01') })).toThrow('does not start a semester');
    expect(() => checkRateRow({ ...row, ratePpm: 90_000 })).toThrow('is not the ECB rate 2.00 + 8 points');
    expect(() => checkRateRow({ ...row, kind: 'legal', periodStart: d('2027-07-01') })).toThrow(
      'does not start a year',
    );
  });
});
