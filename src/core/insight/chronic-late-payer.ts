import type { TCalendarDate } from '../shared/calendar-date.ts';
import type { TCents } from '../shared/money.ts';
import {
  behaviourWindows,
  isInWindow,
  measureInstalment,
  type TBehaviourAggregates,
  type TBehaviourInstalment,
} from './payment-behaviour.ts';

/**
 * Seed 001 tip 3: reconsider selling on credit to a chronic late payer. A debtor is one when, of
 * the instalments due in the last 12 months, at least `minLateInstalments` were paid (or are
 * still open) more than `minDaysLate` days beyond terms AND they are at least `minSharePercent`
 * of them: a habit, not an accident. The instalments that met the rule are the evidence.
 */
export type TChronicRule = { minLateInstalments: number; minDaysLate: number; minSharePercent: number };

export const DEFAULT_CHRONIC_RULE: TChronicRule = {
  minLateInstalments: 3,
  minDaysLate: 30,
  minSharePercent: 50,
};

export function isChronicLatePayer(b: TBehaviourAggregates, rule: TChronicRule): boolean {
  return (
    b.dueCount > 0 &&
    b.veryLateCount >= rule.minLateInstalments &&
    b.veryLateCount * 100 >= rule.minSharePercent * b.dueCount
  );
}

export type TLateEvidence = {
  invoiceNumber: string;
  dueDate: TCalendarDate;
  amountCents: TCents;
  openCents: TCents;
  daysBeyondTerms: number;
  settledOn: TCalendarDate | null;
};

/** The instalments of the behaviour window that went more than `minDaysLate` days beyond terms. */
export function chronicEvidence(
  items: readonly TBehaviourInstalment[],
  asOf: TCalendarDate,
  rule: TChronicRule,
): TLateEvidence[] {
  const windows = behaviourWindows(asOf);
  const evidence: TLateEvidence[] = [];
  for (const item of items) {
    if (item.dueDate > asOf) continue;
    const m = measureInstalment(item, asOf);
    if (!m || !isInWindow(m, windows) || m.daysBeyondTerms <= rule.minDaysLate) continue;
    evidence.push({
      invoiceNumber: m.invoiceNumber,
      dueDate: m.dueDate,
      amountCents: m.measuredCents,
      openCents: m.openCents,
      daysBeyondTerms: m.daysBeyondTerms,
      settledOn: m.settledOn,
    });
  }
  return evidence.sort((a, b) => (a.dueDate < b.dueDate ? -1 : a.dueDate > b.dueDate ? 1 : 0));
}
