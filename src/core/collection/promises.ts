import { addDays, type TCalendarDate } from '../shared/calendar-date.ts';
import type { TPromiseFacts, TPromiseUpdate } from './case-state.ts';

/**
 * Days after a promised date before the promise counts as broken: a transfer ordered on the
 * promised day is credited a business day or two later and reaches the ledger with the next
 * bank statement. Breaking a promise too early would send a letter to a debtor who kept it.
 */
export const PROMISE_GRACE_DAYS = 3;

export type TPromiseReview = {
  updates: TPromiseUpdate[];
  isBroken: boolean;
  /** A promise or plan instalment still runs: the case pauses. */
  isPending: boolean;
};

/**
 * A single promise is kept when what was paid since it was made covers the promised amount (or
 * nothing is owed any more), broken when the grace period after its date passes without that.
 * A payment plan is a chain of promises with running totals: each instalment is followed like a
 * promise, and breaking one breaks the plan (its later instalments are cancelled).
 */
export function reviewPromises(
  promises: readonly TPromiseFacts[],
  today: TCalendarDate,
  owedCents: number,
): TPromiseReview {
  const review: TPromiseReview = { updates: [], isBroken: false, isPending: false };
  const groups = new Map<string, TPromiseFacts[]>();
  for (const p of promises) {
    const key = p.planId === null ? `promise:${p.id}` : `plan:${p.planId}`;
    groups.set(key, [...(groups.get(key) ?? []), p]);
  }
  for (const group of groups.values()) {
    group.sort((a, b) => a.seq - b.seq);
    let runningCents = 0;
    let isGroupBroken = false;
    for (const p of group) {
      runningCents += p.amountCents;
      if (p.status !== 'pending') {
        if (p.status === 'broken') isGroupBroken = true;
        continue;
      }
      if (isGroupBroken) {
        review.updates.push({ promiseId: p.id, status: 'cancelled' });
        continue;
      }
      if (owedCents <= 0 || p.paidSinceCents >= runningCents) {
        review.updates.push({ promiseId: p.id, status: 'kept' });
      } else if (today > addDays(p.dueDate, PROMISE_GRACE_DAYS)) {
        review.updates.push({ promiseId: p.id, status: 'broken' });
        review.isBroken = true;
        isGroupBroken = true;
      } else {
        review.isPending = true;
      }
    }
  }
  return review;
}
