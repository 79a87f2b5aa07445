import type { TCalendarDate } from '../shared/calendar-date.ts';
import type { TCents } from '../shared/money.ts';
import type { TRiskClass } from './policy.ts';

export type TWorkItem = {
  id: number;
  dueDate: TCalendarDate;
  hasBrokenPromise: boolean;
  amountCents: TCents;
  /** The oldest due date among the instalments the task is about (null: nothing owed any more). */
  oldestDueDate: TCalendarDate | null;
  riskClass: TRiskClass | null;
};

const RISK_RANK: Record<TRiskClass, number> = { 'to-avoid': 2, 'under-observation': 1, healthy: 0 };

/**
 * The worklist order: debtors who broke a promise first (seed 001: "do what you said"), then
 * the larger amount, then the older debt (the longer one waits the lower the recovery, seed
 * 004), then the worrying customer, then the task due first.
 */
export function compareWorkItems(a: TWorkItem, b: TWorkItem): number {
  if (a.hasBrokenPromise !== b.hasBrokenPromise) return a.hasBrokenPromise ? -1 : 1;
  if (a.amountCents !== b.amountCents) return b.amountCents - a.amountCents;
  const aOld = a.oldestDueDate ?? '9999-12-31';
  const bOld = b.oldestDueDate ?? '9999-12-31';
  if (aOld !== bOld) return aOld < bOld ? -1 : 1;
  const aRisk = a.riskClass ? RISK_RANK[a.riskClass] : -1;
  const bRisk = b.riskClass ? RISK_RANK[b.riskClass] : -1;
  if (aRisk !== bRisk) return bRisk - aRisk;
  if (a.dueDate !== b.dueDate) return a.dueDate < b.dueDate ? -1 : 1;
  return a.id - b.id;
}
