import { describe, expect, it } from 'vitest';
import { parseDate } from '../shared/calendar-date.ts';
import { AGING_LOWER_BOUNDS, ageItems, agingBucketIndex, agingBucketOf } from './aging.ts';

const d = (s: string) => parseDate(s);

describe('aging buckets', () => {
  it('puts the due date itself in "not yet due" and the next day in 1-30', () => {
    expect(agingBucketOf(d('2026-03-31'), d('2026-03-31'))).toBe('notDue');
    expect(agingBucketOf(d('2026-03-30'), d('2026-03-31'))).toBe('days1to30');
    expect(agingBucketOf(d('2026-04-30'), d('2026-03-31'))).toBe('notDue');
  });

  it('switches bucket exactly at 31, 61, 91 and 181 days', () => {
    expect([0, 1, 30, 31, 60, 61, 90, 91, 180, 181, 5000].map(agingBucketIndex)).toEqual([
      0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5,
    ]);
    expect(AGING_LOWER_BOUNDS).toEqual([1, 31, 61, 91, 181]);
  });

  it('sums a small ledger by bucket to the cent', () => {
    // as of Tue 2026-03-31:
    //   due 2026-04-15  100.00  not due
    //   due 2026-03-31   50.00  not due (due today)
    //   due 2026-03-01  200.50  30 days  -> 1-30
    //   due 2026-01-30  300.01  60 days  -> 31-60
    //   due 2025-12-31   10.00  90 days  -> 61-90
    //   due 2025-10-01   20.00 181 days  -> over 180
    //   due 2025-01-01    7.00  paid     -> ignored
    const totals = ageItems(
      [
        { dueDate: d('2026-04-15'), outstandingCents: 10_000 },
        { dueDate: d('2026-03-31'), outstandingCents: 5_000 },
        { dueDate: d('2026-03-01'), outstandingCents: 20_050 },
        { dueDate: d('2026-01-30'), outstandingCents: 30_001 },
        { dueDate: d('2025-12-31'), outstandingCents: 1_000 },
        { dueDate: d('2025-10-01'), outstandingCents: 2_000 },
        { dueDate: d('2025-01-01'), outstandingCents: 0 },
      ],
      d('2026-03-31'),
    );
    expect(totals).toEqual({
      notDue: 15_000,
      days1to30: 20_050,
      days31to60: 30_001,
      days61to90: 1_000,
      days91to180: 0,
      over180: 2_000,
      totalCents: 68_051,
      overdueCents: 53_051,
    });
  });
});
