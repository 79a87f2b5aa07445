import type { TCents } from '../shared/money.ts';

export type TOpenItem = { id: number; outstandingCents: TCents };
export type TAllocationPlan = {
  allocations: Array<{ id: number; amountCents: TCents }>;
  remainderCents: TCents;
};

/**
 * Spreads an amount over open items in the order given (callers pass them oldest due first),
 * each taking at most what it still owes. What is left over is the remainder: a credit.
 */
export function allocateInOrder(amountCents: TCents, items: readonly TOpenItem[]): TAllocationPlan {
  let left = amountCents;
  const allocations: TAllocationPlan['allocations'] = [];
  for (const item of items) {
    if (left <= 0) break;
    const take = Math.min(left, item.outstandingCents);
    if (take > 0) {
      allocations.push({ id: item.id, amountCents: take });
      left -= take;
    }
  }
  return { allocations, remainderCents: left };
}
