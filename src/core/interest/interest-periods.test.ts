import { describe, expect, it } from 'vitest';
import { DOMAIN_RATE_ROWS } from '../../../test/interest/rate-rows.ts';
import { parseDate } from '../shared/calendar-date.ts';
import { lateInterest, type TInterestRegime } from './interest-periods.ts';

const d = (s: string) => parseDate(s);
const commercial: TInterestRegime = { kind: 'commercial' };
const rows = (regime: TInterestRegime, capital: number, due: string, to: string, allowUnverified = false) =>
  lateInterest(capital, d(due), d(to), { regime, rates: DOMAIN_RATE_ROWS, options: { allowUnverified } }).map(
    (p) => [p.from, p.to, p.days, p.basis, p.ratePeriod, p.ratePpm, p.interestCents],
  );
const total = (r: unknown[][]) => r.reduce((sum, p) => sum + (p[6] as number), 0);

// Every figure below was computed by hand as capital(cents) × rate % / 100 × days / 365 with
// `bc` (scale 6) and rounded half up; the unrounded value is in the comment.
describe('commercial late-payment interest (D.Lgs. 231/2002)', () => {
  it('crosses a semester and a year boundary at each semester’s rate', () => {
    //   June 2025            Jul–Dec 2025              Jan 2026
    //   16 … 30 (15 days)    1 Jul … 31 Dec (184)      1 … 31 (31)
    //   11.15 %  4582.19     10.15 %  51167.12         10.15 %  8620.55
    const r = rows(commercial, 1_000_000, '2025-06-15', '2026-01-31');
    expect(r).toEqual([
      ['2025-06-16', '2025-06-30', 15, 'commercial', '2025 H1', 111_500, 4582],
      ['2025-07-01', '2025-12-31', 184, 'commercial', '2025 H2', 101_500, 51167],
      ['2026-01-01', '2026-01-31', 31, 'commercial', '2026 H1', 101_500, 8621],
    ]);
    expect(total(r)).toBe(64370); // 643.70 EUR
  });

  it('counts 29 February in a leap year (actual days / 365)', () => {
    // 1,000.00 due 15 Feb 2024 paid 15 Mar 2024: 16–29 Feb (14) + 1–15 Mar (15) = 29 days at
    // 12.50 % = 993.15… cents → 993. The same dates in 2023: 28 days at 10.50 % = 805.48 → 805.
    expect(rows(commercial, 100_000, '2024-02-15', '2024-03-15')).toEqual([
      ['2024-02-16', '2024-03-15', 29, 'commercial', '2024 H1', 125_000, 993],
    ]);
    expect(rows(commercial, 100_000, '2023-02-15', '2023-03-15')).toEqual([
      ['2023-02-16', '2023-03-15', 28, 'commercial', '2023 H1', 105_000, 805],
    ]);
  });

  it('follows a rate change at 1 July', () => {
    // 1,000.00 due 20 Jun 2023: 21–30 Jun, 10 days at 10.50 % = 287.67 → 288;
    // 1–10 Jul, 10 days at 12.00 % = 328.77 → 329.
    expect(rows(commercial, 100_000, '2023-06-20', '2023-07-10')).toEqual([
      ['2023-06-21', '2023-06-30', 10, 'commercial', '2023 H1', 105_000, 288],
      ['2023-07-01', '2023-07-10', 10, 'commercial', '2023 H2', 120_000, 329],
    ]);
  });

  it('uses ECB + 7 points for a contract concluded before 2013', () => {
    // 2024 H1: ECB 4.50 + 7 = 11.50 %; 1,000.00 for 29 days = 913.70 → 914.
    expect(
      rows({ kind: 'commercial', isPre2013Contract: true }, 100_000, '2024-02-15', '2024-03-15'),
    ).toEqual([['2024-02-16', '2024-03-15', 29, 'commercial', '2024 H1', 115_000, 914]]);
  });

  it('is zero when paid on the due date (and before it)', () => {
    expect(rows(commercial, 1_000_000, '2025-06-15', '2025-06-15')).toEqual([]);
    expect(rows(commercial, 1_000_000, '2025-06-15', '2025-06-01')).toEqual([]);
    // Paid the day after: exactly one day counted.
    expect(rows(commercial, 1_000_000, '2025-06-15', '2025-06-16')).toEqual([
      ['2025-06-16', '2025-06-16', 1, 'commercial', '2025 H1', 111_500, 305],
    ]);
  });

  it('refuses a period without a known rate, naming the semester', () => {
    expect(() => rows(commercial, 1_000_000, '2019-12-15', '2020-01-31')).toThrow(
      'no late-payment rate for 2019 H2',
    );
    expect(() => rows(commercial, 1_000_000, '2026-06-15', '2026-07-31')).toThrow(
      'for 2026 H2 (10.40 %) is not verified',
    );
    // Explicitly allowed: the unverified semester is used and flagged. 31 days at 10.40 % on
    // 10,000.00 = 8832.88 → 8833.
    const allowed = lateInterest(1_000_000, d('2026-06-30'), d('2026-07-31'), {
      regime: commercial,
      rates: DOMAIN_RATE_ROWS,
      options: { allowUnverified: true },
    });
    expect(allowed.map((p) => [p.days, p.ratePpm, p.interestCents, p.isVerified])).toEqual([
      [31, 104_000, 8833, false],
    ]);
  });
});

describe('legal interest (art. 1284 c.c.)', () => {
  it('runs per calendar year, 366 days of 2024 counted over 365', () => {
    // 10,000.00 at 2.50 % for 366 days = 25068.49 → 25068.
    expect(rows({ kind: 'legal' }, 1_000_000, '2023-12-31', '2024-12-31')).toEqual([
      ['2024-01-01', '2024-12-31', 366, 'legal', '2024', 25_000, 25068],
    ]);
  });

  it('does not split at 1 July', () => {
    expect(rows({ kind: 'legal' }, 1_000_000, '2025-03-31', '2025-12-31').map((p) => p[2])).toEqual([275]);
  });

  it('switches to the late-payment rate from the day a court claim is filed (art. 1284 c.4)', () => {
    // Due 31 Mar 2025, claim filed 1 Sep 2025:
    //   1 Apr … 31 Aug: 153 days legal 2.00 %      = 8383.56  → 8384
    //   1 Sep … 31 Dec: 122 days commercial 10.15 % = 33926.03 → 33926
    const r = rows(
      { kind: 'legal', courtClaimFiledOn: d('2025-09-01') },
      1_000_000,
      '2025-03-31',
      '2025-12-31',
    );
    expect(r).toEqual([
      ['2025-04-01', '2025-08-31', 153, 'legal', '2025', 20_000, 8384],
      ['2025-09-01', '2025-12-31', 122, 'commercial', '2025 H2', 101_500, 33926],
    ]);
    expect(total(r)).toBe(42310);
  });
});

describe('contractual rate', () => {
  it('applies from its start date, the statutory rate before', () => {
    // 10,000.00 due 31 Jan 2025, 9.50 % agreed from 1 Mar 2025:
    //   1–28 Feb: 28 days at 11.15 % = 8553.42 → 8553;  1–31 Mar: 31 days at 9.50 % = 8068.49 → 8068
    const regime: TInterestRegime = {
      kind: 'commercial',
      contractual: { ratePpm: 95_000, from: d('2025-03-01'), source: 'contract art. 7' },
    };
    expect(rows(regime, 1_000_000, '2025-01-31', '2025-03-31')).toEqual([
      ['2025-02-01', '2025-02-28', 28, 'commercial', '2025 H1', 111_500, 8553],
      ['2025-03-01', '2025-03-31', 31, 'contractual', 'contract', 95_000, 8068],
    ]);
  });
});
