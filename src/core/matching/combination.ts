import type { TCents } from '../shared/money.ts';

/** More open instalments than this for one debtor are not searched exhaustively (2^n grows fast). */
export const MAX_COMBINATION_ITEMS = 24;
/** Search steps before giving up: a person is better at the rest than a long search. */
const MAX_STEPS = 200_000;

/**
 * Picks open items (oldest first) whose outstanding amounts add up exactly to `amount`. The oldest
 * prefix is tried first (paying the oldest N is what people do), then any subset, preferring
 * older items; null when there is none, or the search would be too long.
 */
export function findExactCombination<T extends { outstandingCents: TCents }>(
  amount: TCents,
  items: readonly T[],
): T[] | null {
  let sum = 0;
  for (let i = 0; i < items.length; i++) {
    sum += items[i]!.outstandingCents;
    if (sum === amount) return items.slice(0, i + 1);
    if (sum > amount) break;
  }
  const pool = items.slice(0, MAX_COMBINATION_ITEMS);
  const suffix: number[] = new Array(pool.length + 1).fill(0);
  for (let i = pool.length - 1; i >= 0; i--) suffix[i] = suffix[i + 1]! + pool[i]!.outstandingCents;
  if (suffix[0]! < amount) return null;
  const chosen: number[] = [];
  let steps = 0;
  const search = (start: number, left: number): boolean => {
    if (left === 0) return true;
    if (++steps > MAX_STEPS) return false;
    for (let i = start; i < pool.length; i++) {
      const v = pool[i]!.outstandingCents;
      if (v > left || suffix[i]! < left) continue;
      chosen.push(i);
      if (search(i + 1, left - v)) return true;
      chosen.pop();
    }
    return false;
  };
  return search(0, amount) ? chosen.map((i) => pool[i]!) : null;
}
