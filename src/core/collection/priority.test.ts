import { describe, expect, it } from 'vitest';
import { parseDate } from '../shared/calendar-date.ts';
import { compareWorkItems, type TWorkItem } from './priority.ts';

const item = (id: number, over: Partial<TWorkItem> = {}): TWorkItem => ({
  id,
  dueDate: parseDate('2026-04-07'),
  hasBrokenPromise: false,
  amountCents: 100_00,
  oldestDueDate: parseDate('2026-03-01'),
  riskClass: null,
  ...over,
});

describe('worklist priority', () => {
  it('puts broken promises first, then amount, age, risk, due date', () => {
    const items = [
      item(1),
      item(2, { amountCents: 500_00 }),
      item(3, { hasBrokenPromise: true, amountCents: 1 }),
      item(4, { oldestDueDate: parseDate('2026-01-15') }),
      item(5, { riskClass: 'to-avoid' }),
      item(6, { riskClass: 'healthy', dueDate: parseDate('2026-04-01') }),
      item(7, { riskClass: 'healthy' }),
    ];
    expect(items.sort(compareWorkItems).map((i) => i.id)).toEqual([3, 2, 4, 5, 6, 7, 1]);
  });
});
