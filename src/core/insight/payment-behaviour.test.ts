import { describe, expect, it } from 'vitest';
import { parseDate } from '../shared/calendar-date.ts';
import { aggregateBehaviour, measureInstalment } from './payment-behaviour.ts';
import { RISK_AS_OF, RISK_HISTORY } from './risk-fixture.ts';

describe('payment behaviour aggregates', () => {
  it('measures the fixture history by hand', () => {
    expect(aggregateBehaviour(RISK_HISTORY, RISK_AS_OF, 30)).toEqual({
      dueCount: 5, // INV-1, 2, 3, 4, 7
      lateCount: 4, // 30, 40, 91, 15 days
      veryLateCount: 2, // more than 30: INV-2 (40), INV-3 (91)
      daysBeyondSum: 176, // 30 + 40 + 91 + 0 + 15
      // 1,000.00 x 30 + 1,000.00 x 40 + 500.00 x 91 + 0 + 300.00 x 15 (cents x days)
      weightedDays12: 12_000_000,
      measuredCents12: 480_000, // INV-4 counts 1,000.00 after its credit note
      weightedDays6: 5_000_000,
      measuredCents6: 180_000,
      weightedDaysPrior6: 7_000_000,
      measuredCentsPrior6: 300_000,
      exposureCents: 160_000, // INV-3 500 + INV-5 800 + INV-7 300
      overdueCents: 80_000, // INV-3 + INV-7
    });
  });

  it('ignores allocations dated after the as-of date', () => {
    const m = measureInstalment(RISK_HISTORY[6]!, RISK_AS_OF);
    expect(m).toMatchObject({ openCents: 30_000, daysBeyondTerms: 15, settledOn: null });
    const later = measureInstalment(RISK_HISTORY[6]!, parseDate('2026-07-10'));
    expect(later).toMatchObject({ openCents: 0, daysBeyondTerms: 20, settledOn: '2026-07-05' });
  });

  it('leaves out an instalment fully settled by a credit note', () => {
    const m = measureInstalment(
      {
        invoiceNumber: 'X',
        dueDate: parseDate('2026-01-31'),
        amountCents: 100,
        allocations: [{ on: parseDate('2026-03-01'), cents: 100, isCreditNote: true }],
      },
      RISK_AS_OF,
    );
    expect(m).toBeNull();
  });
});

describe('instalments older than 12 months', () => {
  it('count while still open on the as-of date, and not once settled', () => {
    // as of 2026-06-30 the window starts after 2025-06-30; due 2025-06-19, 376 days before
    const old = { invoiceNumber: 'OLD', dueDate: parseDate('2025-06-19'), amountCents: 10_000 };
    const open = aggregateBehaviour([{ ...old, allocations: [] }], RISK_AS_OF, 30);
    expect([
      open.dueCount,
      open.lateCount,
      open.veryLateCount,
      open.daysBeyondSum,
      open.weightedDays12,
    ]).toEqual([1, 1, 1, 376, 3_760_000]);
    expect([open.measuredCentsPrior6, open.measuredCents6]).toEqual([10_000, 0]);
    const paid = aggregateBehaviour(
      [{ ...old, allocations: [{ on: parseDate('2025-07-01'), cents: 10_000, isCreditNote: false }] }],
      RISK_AS_OF,
      30,
    );
    expect(paid.dueCount).toBe(0);
  });
});
