import type { TCalendarDate } from '../shared/calendar-date.ts';
import type { TCollectionState, THoldFacts, TInstalmentFacts } from './case-state.ts';

export function isHoldInEffect(hold: THoldFacts, today: TCalendarDate): boolean {
  return hold.startsOn <= today && (hold.endsOn === null || today <= hold.endsOn);
}

export function isDebtorOnHold(state: TCollectionState, today: TCalendarDate): boolean {
  return state.holds.some((h) => h.invoiceId === null && isHoldInEffect(h, today));
}

/**
 * Whether the escalation may touch this instalment today: something is still owed, it is not
 * disputed and neither it, its invoice nor its debtor is on hold. Promises and plans pause the
 * whole case and are handled there.
 */
export function isChaseable(state: TCollectionState, inst: TInstalmentFacts, today: TCalendarDate): boolean {
  if (inst.outstandingCents <= 0) return false;
  if (state.disputedInvoiceIds.has(inst.invoiceId)) return false;
  return !state.holds.some(
    (h) => (h.invoiceId === null || h.invoiceId === inst.invoiceId) && isHoldInEffect(h, today),
  );
}

export function isOverdue(inst: TInstalmentFacts, today: TCalendarDate): boolean {
  return inst.dueDate < today;
}
