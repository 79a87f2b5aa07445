import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DOMAIN_RATE_ROWS } from '../../../test/interest/rate-rows.ts';
import { addDays, daysBetween, parseDate, type TCalendarDate } from '../shared/calendar-date.ts';
import { debtAccount, type TDebtAccountInput } from './debt-account.ts';
import { lateInterest } from './interest-periods.ts';

const d = (s: string) => parseDate(s);
const base = (overrides: Partial<TDebtAccountInput> = {}): TDebtAccountInput => ({
  regime: { kind: 'commercial' },
  rates: DOMAIN_RATE_ROWS,
  capitals: [{ id: 'i1', dueDate: d('2025-01-31'), amountCents: 1_000_000 }],
  payments: [],
  costs: [],
  to: d('2025-06-30'),
  imputation: 'art-1194',
  ...overrides,
});

describe('partial payments and imputation (art. 1194 c.c.)', () => {
  // 10,000.00 due 31 Jan 2025; 2,000.00 paid 31 Mar 2025; account on 30 Jun 2025 (2025 H1, 11.15 %).
  //   1 Feb … 31 Mar: 59 days on 10,000.00 = 18023.29 → 180.23 interest
  //   31 Mar payment 2,000.00 → 180.23 interest, 1,819.77 capital → capital 8,180.23
  //   1 Apr … 30 Jun: 91 days on 8,180.23 = 22739.92 → 227.40
  const payments = [{ id: 'p1', date: d('2025-03-31'), amountCents: 200_000 }];

  it('imputes to interest before capital; the reduced capital bears interest from the next day', () => {
    const account = debtAccount(base({ payments }));
    expect(account.periods.map((p) => [p.from, p.to, p.days, p.capitalCents, p.interestCents])).toEqual([
      ['2025-02-01', '2025-03-31', 59, 1_000_000, 18023],
      ['2025-04-01', '2025-06-30', 91, 818_023, 22740],
    ]);
    expect(account.payments).toEqual([
      {
        id: 'p1',
        date: '2025-03-31',
        amountCents: 200_000,
        toCostsCents: 0,
        toInterestCents: 18023,
        toCapitalCents: 181_977,
        unappliedCents: 0,
      },
    ]);
    expect(account.totals).toEqual({
      capitalOutstandingCents: 818_023,
      interestCents: 40763,
      interestOutstandingCents: 22740,
      costsCents: 0,
      costsOutstandingCents: 0,
      dueCents: 840_763,
      unappliedCents: 0,
    });
  });

  it('pays costs first, then interest, then capital', () => {
    // With the 40.00 indemnity due from 1 Feb: 40.00 costs, 180.23 interest, 1,779.77 capital →
    // capital 8,220.23; 91 days at 11.15 % = 22851.11 → 228.51.
    const account = debtAccount(
      base({
        payments,
        costs: [{ id: 'c1', date: d('2025-02-01'), amountCents: 4000, description: 'indemnity' }],
      }),
    );
    expect(account.payments[0]).toMatchObject({
      toCostsCents: 4000,
      toInterestCents: 18023,
      toCapitalCents: 177_977,
    });
    expect(account.periods[1]!.interestCents).toBe(22851);
    expect(account.totals.dueCents).toBe(822_023 + 22851);
  });

  it('lets the creditor choose capital first, and shows it', () => {
    // 2,000.00 all to capital → 8,000.00 from 1 Apr: 91 days = 22238.90 → 222.39; 180.23 still owed.
    const account = debtAccount(base({ payments, imputation: 'capital-first' }));
    expect(account.imputation).toBe('capital-first');
    expect(account.payments[0]).toMatchObject({ toInterestCents: 0, toCapitalCents: 200_000 });
    expect(account.totals).toMatchObject({
      capitalOutstandingCents: 800_000,
      interestOutstandingCents: 18023 + 22239,
    });
  });

  it('stops the interest when capital and interest are paid in full, and reports any excess', () => {
    // Paid 31 Mar: 10,000.00 + 180.23 + 50.00 too much.
    const account = debtAccount(
      base({ payments: [{ id: 'p', date: d('2025-03-31'), amountCents: 1_023_023 }] }),
    );
    expect(account.periods).toHaveLength(1);
    expect(account.totals).toMatchObject({ dueCents: 0, unappliedCents: 5000 });
  });

  it('ignores payments and costs after the account date', () => {
    const account = debtAccount(base({ payments, to: d('2025-03-30') }));
    expect(account.payments).toEqual([]);
    expect(account.totals.capitalOutstandingCents).toBe(1_000_000);
  });

  it('keeps each instalment on its own due date and pays the oldest first', () => {
    const account = debtAccount(
      base({
        capitals: [
          { id: 'second', dueDate: d('2025-02-28'), amountCents: 100_000 },
          { id: 'first', dueDate: d('2025-01-31'), amountCents: 100_000 },
        ],
        payments: [{ id: 'p', date: d('2025-01-31'), amountCents: 100_000 }],
        to: d('2025-03-31'),
      }),
    );
    // 'first' paid on its due date: no interest at all; 'second' runs 1–31 Mar.
    expect(account.periods.map((p) => [p.capitalId, p.from, p.to])).toEqual([
      ['second', '2025-03-01', '2025-03-31'],
    ]);
    expect(account.capitals.map((c) => [c.id, c.capitalOutstandingCents])).toEqual([
      ['first', 0],
      ['second', 100_000],
    ]);
  });
});

describe('properties', () => {
  const dayArb = fc.integer({ min: 0, max: daysBetween(d('2020-07-01'), d('2026-06-30')) });
  const dateFrom = (n: number) => addDays(d('2020-07-01'), n);
  const sum = (capital: number, due: TCalendarDate, to: TCalendarDate, kind: 'commercial' | 'legal') =>
    lateInterest(capital, due, to, { regime: { kind }, rates: DOMAIN_RATE_ROWS }).reduce(
      (s, p) => s + p.interestCents,
      0,
    );

  it('splitting a period anywhere changes the total by at most one cent per split', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 10_000_000_000 }),
        fc.array(dayArb, { minLength: 3, maxLength: 6 }),
        fc.constantFrom('commercial' as const, 'legal' as const),
        (capital, days, kind) => {
          const [first, ...rest] = [...new Set(days)].sort((a, b) => a - b).map(dateFrom);
          if (rest.length < 2) return;
          const last = rest.at(-1)!;
          const whole = sum(capital, first!, last, kind);
          let pieces = 0;
          let from = first!;
          for (const cut of rest) {
            pieces += sum(capital, from, cut, kind);
            from = cut;
          }
          expect(Math.abs(pieces - whole)).toBeLessThanOrEqual(rest.length - 1);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('gives zero interest when paid on the due date, whatever the capital and the day', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10_000_000_000 }), dayArb, (capital, n) => {
        const due = dateFrom(n);
        const account = debtAccount(
          base({
            capitals: [{ id: 'i', dueDate: due, amountCents: capital || 1 }],
            payments: [{ id: 'p', date: due, amountCents: capital || 1 }],
            to: d('2026-06-30'),
          }),
        );
        expect(account.totals.interestCents).toBe(0);
        expect(account.totals.dueCents).toBe(0);
      }),
    );
  });

  it('never creates or loses a cent: payments = what they paid + what is left unapplied', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(dayArb, fc.integer({ min: 1, max: 500_000 })), { maxLength: 5 }),
        fc.constantFrom('art-1194' as const, 'capital-first' as const),
        (raw, imputation) => {
          const account = debtAccount(
            base({
              capitals: [{ id: 'i', dueDate: d('2021-03-31'), amountCents: 1_000_000 }],
              payments: raw.map(([n, cents], i) => ({ id: `p${i}`, date: dateFrom(n), amountCents: cents })),
              costs: [{ id: 'c', date: d('2021-04-01'), amountCents: 4000, description: 'indemnity' }],
              to: d('2026-06-30'),
              imputation,
            }),
          );
          const paid = raw.reduce((s, [, c]) => s + c, 0);
          const t = account.totals;
          const owedBefore = 1_000_000 + t.interestCents + t.costsCents;
          expect(paid - t.unappliedCents).toBe(owedBefore - t.dueCents);
        },
      ),
    );
  });
});
