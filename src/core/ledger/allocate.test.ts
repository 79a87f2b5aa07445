import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { allocateInOrder } from './allocate.ts';

describe('allocateInOrder', () => {
  it('settles the oldest first and keeps the rest as credit', () => {
    const plan = allocateInOrder(150_000, [
      { id: 1, outstandingCents: 100_000 },
      { id: 2, outstandingCents: 30_000 },
      { id: 3, outstandingCents: 50_000 },
    ]);
    expect(plan.allocations).toEqual([
      { id: 1, amountCents: 100_000 },
      { id: 2, amountCents: 30_000 },
      { id: 3, amountCents: 20_000 },
    ]);
    expect(plan.remainderCents).toBe(0);
    expect(allocateInOrder(10_000, [{ id: 1, outstandingCents: 4_000 }]).remainderCents).toBe(6_000);
  });

  it('never allocates more than the amount or more than an item owes', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 10_000_000 }),
        fc.array(fc.integer({ min: 1, max: 5_000_000 }), { maxLength: 20 }),
        (amount, owed) => {
          const items = owed.map((o, i) => ({ id: i, outstandingCents: o }));
          const plan = allocateInOrder(amount, items);
          const total = plan.allocations.reduce((s, a) => s + a.amountCents, 0);
          expect(total + plan.remainderCents).toBe(amount);
          for (const a of plan.allocations) expect(a.amountCents).toBeLessThanOrEqual(owed[a.id]!);
        },
      ),
    );
  });
});
