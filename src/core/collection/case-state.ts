import type { TCalendarDate } from '../shared/calendar-date.ts';
import type { TCents } from '../shared/money.ts';
import type { TPolicySource } from './assignment.ts';
import type { TChannel, TPolicy, TRiskClass, TTaskKind, TTone } from './policy.ts';

/**
 * What the decision needs to know about one debtor of one creditor on a given day. The
 * application loads it from the database; tests build it by hand. Only instalments with
 * something still to pay are listed: a settled instalment simply is not there.
 */
export type TEvidenceAnswer = 'yes' | 'no' | 'unknown' | 'not-applicable';

export type TEvidence = {
  termsAgreed: TEvidenceAnswer;
  invoiceAccurate: TEvidenceAnswer;
  receiptConfirmed: TEvidenceAnswer;
  deliveryProof: TEvidenceAnswer;
  paymentInstructions: TEvidenceAnswer;
};

export type TInstalmentFacts = {
  id: number;
  invoiceId: number;
  invoiceNumber: string;
  dueDate: TCalendarDate;
  amountCents: TCents;
  outstandingCents: TCents;
  paymentMethod: string | null;
  evidence: TEvidence;
  /** The open case chasing it, null when it is in none yet. */
  caseId: number | null;
  /** Per-invoice policy override. */
  invoicePolicyId: number | null;
};

/** A pause: on the whole debtor (invoiceId null) or one invoice, from a day, optionally until a day. */
export type THoldFacts = {
  id: number;
  invoiceId: number | null;
  startsOn: TCalendarDate;
  endsOn: TCalendarDate | null;
};

/** A step already decided for the case: `waiting` until its task (or review) is completed. */
export type TStepRecord = {
  stepKey: string;
  state: 'waiting' | 'done';
  isSkipped: boolean;
  createdOn: TCalendarDate;
  doneOn: TCalendarDate | null;
};

export type TPromiseFacts = {
  id: number;
  planId: number | null;
  seq: number;
  madeOn: TCalendarDate;
  dueDate: TCalendarDate;
  amountCents: TCents;
  status: 'pending' | 'kept' | 'broken' | 'cancelled';
  /** Paid on the case's instalments with a value date on or after the promise (or plan) was made. */
  paidSinceCents: TCents;
};

export type TCaseFacts = {
  id: number;
  policyId: number;
  anchorDueDate: TCalendarDate;
  steps: readonly TStepRecord[];
  /** Tasks of the case not completed yet: the case waits for them. */
  openTaskCount: number;
  promises: readonly TPromiseFacts[];
  brokenPromiseCount: number;
  /** Handed over to an agency on this day: the company's escalation stops (null = not handed over). */
  handedOverOn?: TCalendarDate | null;
  /** The day the case last switched policy on a risk-class change (see step-schedule.ts). */
  policySwitchedOn?: TCalendarDate | null;
};

export type TDebtorFacts = {
  id: number;
  country: string;
  riskClass: TRiskClass | null;
  customerGroup: string | null;
  /** Per-debtor policy override. */
  policyId: number | null;
};

export type TCollectionState = {
  debtor: TDebtorFacts;
  instalments: readonly TInstalmentFacts[];
  disputedInvoiceIds: ReadonlySet<number>;
  holds: readonly THoldFacts[];
  openCase: TCaseFacts | null;
};

/** An assignment rule: the first rule (by position) whose every stated criterion matches wins. */
export type TAssignmentRule = {
  id: number;
  position: number;
  policyId: number;
  minAmountCents: TCents | null;
  riskClasses: readonly TRiskClass[] | null;
  customerGroups: readonly string[] | null;
  countries: readonly string[] | null;
};

export type TPolicyBook = {
  policies: ReadonlyMap<number, TPolicy>;
  rules: readonly TAssignmentRule[];
  defaultPolicyId: number;
};

// ---- the decision ------------------------------------------------------------------------

export type TActionInstalment = {
  id: number;
  invoiceNumber: string;
  dueDate: TCalendarDate;
  outstandingCents: TCents;
};

export type TEvidenceGap = { invoiceNumber: string; question: string; answer: string };

/**
 * `queued`: messages go out (the step is done today). `pending`: tasks were created and the
 * step is done when they are. `review`: the evidence check failed; a review task replaces the
 * step until a credit manager approves. `skipped`: conditions not met or the moment passed.
 */
export type TPlannedStatus = 'queued' | 'pending' | 'review' | 'skipped';

export type TPlannedAction = {
  stepKey: string;
  stepIndex: number;
  status: TPlannedStatus;
  channels: readonly TChannel[];
  tone: TTone;
  template: string;
  scheduledOn: TCalendarDate;
  instalments: readonly TActionInstalment[];
  totalCents: TCents;
  taskKinds: readonly TTaskKind[];
  evidenceGaps: readonly TEvidenceGap[];
  reason: string | null;
  isAfterBrokenPromise: boolean;
};

export type TPromiseUpdate = { promiseId: number; status: 'kept' | 'broken' | 'cancelled' };

export type TDecision = {
  debtorId: number;
  /** The case this decision concerns: an existing id, or null when `openCase` creates it. */
  caseId: number | null;
  openCase: {
    policyId: number;
    policySource: TPolicySource;
    anchorDueDate: TCalendarDate;
    instalmentIds: readonly number[];
  } | null;
  joinInstalmentIds: readonly number[];
  promiseUpdates: readonly TPromiseUpdate[];
  isPromiseBroken: boolean;
  actions: readonly TPlannedAction[];
  closeCase: boolean;
};

export function isEmptyDecision(d: TDecision): boolean {
  return (
    !d.openCase &&
    d.joinInstalmentIds.length === 0 &&
    d.promiseUpdates.length === 0 &&
    d.actions.length === 0 &&
    !d.closeCase
  );
}
