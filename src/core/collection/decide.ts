import type { TCalendarDate } from '../shared/calendar-date.ts';
import { sumCents } from '../shared/money.ts';
import { resolvePolicy } from './assignment.ts';
import type {
  TActionInstalment,
  TCaseFacts,
  TCollectionState,
  TDecision,
  TInstalmentFacts,
  TPlannedAction,
  TPolicyBook,
  TStepRecord,
} from './case-state.ts';
import { isChaseable, isOverdue } from './eligibility.ts';
import { evidenceGaps } from './evidence.ts';
import { isPreDueStep, isTaskChannel, type TPolicy, type TPolicyStep, type TTaskKind } from './policy.ts';
import { reviewPromises } from './promises.ts';
import { isPassedBySwitch, passedRecord, scheduleFrom } from './step-schedule.ts';

/**
 * At most one contact per case per day: the debtor sees one determined creditor, not a burst of
 * messages (insistent contact can be harassment), and it makes the run idempotent: a second run
 * on the same day finds today's step already taken and stops there.
 */
export const MAX_STEPS_PER_CASE_PER_DAY = 1;

/**
 * The decision for one debtor on `today`: open a case when the first step of its policy is due,
 * let newly overdue instalments join the open case, settle promises whose date passed, take the
 * next step of the sequence when it is due, close the case when nothing is owed any more.
 *
 * Catch-up is built in: a step is due when its date is on or before today, not equal to it, and
 * the sequence is walked in order, so after days of downtime each step still happens exactly
 * once and never before the previous one is done. Pure: no clock, no I/O.
 */
export function decide(state: TCollectionState, book: TPolicyBook, today: TCalendarDate): TDecision {
  const decision: TDecision = {
    debtorId: state.debtor.id,
    caseId: state.openCase?.id ?? null,
    openCase: null,
    joinInstalmentIds: [],
    promiseUpdates: [],
    isPromiseBroken: false,
    actions: [],
    closeCase: false,
  };
  if (state.openCase) return continueCase(state, book, state.openCase, today, decision);
  return openCaseIfDue(state, book, today, decision);
}

function openCaseIfDue(
  state: TCollectionState,
  book: TPolicyBook,
  today: TCalendarDate,
  decision: TDecision,
): TDecision {
  const candidates = state.instalments
    .filter((i) => i.caseId === null && isChaseable(state, i, today))
    .sort(byDueDate);
  const first = candidates[0];
  if (!first) return decision;
  const { policyId, source: policySource } = resolvePolicy(
    book,
    state.debtor,
    first.invoicePolicyId,
    sumCents(candidates.map((c) => c.outstandingCents)),
  );
  const policy = book.policies.get(policyId)!;
  const included = candidates.filter((i) => scheduleFrom(policy.steps[0]!, i.dueDate, new Map()) <= today);
  if (included.length === 0) return decision;
  const anchorDueDate = included[0]!.dueDate;
  const facts: TCaseFacts = {
    id: 0,
    policyId,
    anchorDueDate,
    steps: [],
    openTaskCount: 0,
    promises: [],
    brokenPromiseCount: 0,
  };
  const opened: TDecision = {
    ...decision,
    openCase: { policyId, policySource, anchorDueDate, instalmentIds: included.map((i) => i.id) },
  };
  const members = included.map((i) => ({ ...i, caseId: 0 }));
  return { ...opened, actions: walkSteps(state, policy, facts, members, today, false) };
}

function continueCase(
  state: TCollectionState,
  book: TPolicyBook,
  openCase: TCaseFacts,
  today: TCalendarDate,
  decision: TDecision,
): TDecision {
  if (openCase.handedOverOn) return handedOverCase(state, openCase, decision);
  const joining = state.instalments.filter((i) => i.caseId === null && isOverdue(i, today));
  const members = [
    ...state.instalments.filter((i) => i.caseId === openCase.id),
    ...joining.map((i) => ({ ...i, caseId: openCase.id })),
  ].sort(byDueDate);
  const owedCents = sumCents(members.map((m) => m.outstandingCents));
  const promises = reviewPromises(openCase.promises, today, owedCents);
  const withPromises = {
    ...decision,
    joinInstalmentIds: joining.map((i) => i.id),
    promiseUpdates: promises.updates,
    isPromiseBroken: promises.isBroken,
  };
  // Everything the case chased is paid or credited: promises were kept, the case is over.
  if (members.length === 0) return { ...withPromises, closeCase: true };
  if (openCase.openTaskCount > 0 || promises.isPending) return withPromises;

  const policy = book.policies.get(openCase.policyId);
  if (!policy) return withPromises;
  const isFlagged = promises.isBroken || openCase.brokenPromiseCount > 0;
  return { ...withPromises, actions: walkSteps(state, policy, openCase, members, today, isFlagged) };
}

/**
 * A case handed over to an agency is the agency's now: the company takes no step, lets no new
 * instalment join (the mandate covers what the case file lists) and only closes the case once
 * payments, which still reconcile, have settled everything it chased.
 */
function handedOverCase(state: TCollectionState, openCase: TCaseFacts, decision: TDecision): TDecision {
  const isOwed = state.instalments.some((i) => i.caseId === openCase.id);
  return isOwed ? decision : { ...decision, closeCase: true };
}

/**
 * Walks the policy from its first step: steps already done are passed, a step waiting for its
 * task stops the walk, the first step not taken yet is taken when its date has come (or skipped
 * when its conditions do not hold, and the walk goes on to the next one).
 */
function walkSteps(
  state: TCollectionState,
  policy: TPolicy,
  openCase: TCaseFacts,
  members: readonly TInstalmentFacts[],
  today: TCalendarDate,
  isFlagged: boolean,
): TPlannedAction[] {
  const records = new Map<string, TStepRecord>(openCase.steps.map((s) => [s.stepKey, s]));
  const takenToday = openCase.steps.filter((s) => !s.isSkipped && s.createdOn === today).length;
  if (takenToday >= MAX_STEPS_PER_CASE_PER_DAY) return [];
  const planned: TPlannedAction[] = [];
  for (const [stepIndex, step] of policy.steps.entries()) {
    const record = records.get(step.key);
    if (record) {
      if (record.state === 'waiting') break;
      continue;
    }
    if (isPreDueStep(step) && today > openCase.anchorDueDate) {
      // A reminder that payment is coming due has no moment left once the due date has passed
      // (a case opened late, or catching up): it is passed over, as if done on the due date,
      // without a row: nothing was decided about the debtor.
      const anchor = openCase.anchorDueDate;
      records.set(step.key, {
        stepKey: step.key,
        state: 'done',
        isSkipped: true,
        createdOn: anchor,
        doneOn: anchor,
      });
      continue;
    }
    const scheduledOn = scheduleFrom(step, openCase.anchorDueDate, records);
    if (isPassedBySwitch(policy, stepIndex, scheduledOn, openCase.policySwitchedOn)) {
      records.set(step.key, passedRecord(step.key, scheduledOn));
      continue;
    }
    if (scheduledOn > today) break;
    const chased = members.filter(
      (m) => isChaseable(state, m, today) && (isPreDueStep(step) || isOverdue(m, today)),
    );
    if (chased.length === 0) break;
    const base = {
      stepKey: step.key,
      stepIndex,
      channels: step.channels,
      tone: step.tone,
      template: step.template,
      scheduledOn,
      instalments: chased.map(toActionInstalment),
      totalCents: sumCents(chased.map((c) => c.outstandingCents)),
      isAfterBrokenPromise: isFlagged,
    };
    const skipReason = reasonToSkip(state, step, chased);
    if (skipReason) {
      planned.push({ ...base, status: 'skipped', taskKinds: [], evidenceGaps: [], reason: skipReason });
      records.set(step.key, {
        stepKey: step.key,
        state: 'done',
        isSkipped: true,
        createdOn: today,
        doneOn: today,
      });
      continue;
    }
    const gaps = step.requiresEvidence ? evidenceGaps(chased, today) : [];
    if (gaps.length > 0) {
      planned.push({
        ...base,
        status: 'review',
        taskKinds: ['review'],
        evidenceGaps: gaps,
        reason: 'evidence check failed: a credit manager reviews before this step',
      });
    } else {
      const taskKinds = step.channels.filter(isTaskChannel) as TTaskKind[];
      planned.push({
        ...base,
        status: taskKinds.length > 0 ? 'pending' : 'queued',
        taskKinds,
        evidenceGaps: [],
        reason: null,
      });
    }
    break;
  }
  return planned;
}

function reasonToSkip(
  state: TCollectionState,
  step: TPolicyStep,
  chased: readonly TInstalmentFacts[],
): string | null {
  const c = step.conditions;
  const totalCents = sumCents(chased.map((i) => i.outstandingCents));
  if (c.minAmountCents !== undefined && totalCents < c.minAmountCents) {
    return `amount below the step's minimum of ${c.minAmountCents} cents`;
  }
  const debtor = state.debtor;
  if (c.riskClasses && !(debtor.riskClass && c.riskClasses.includes(debtor.riskClass))) {
    return `risk class ${debtor.riskClass ?? 'unknown'} not in ${c.riskClasses.join(', ')}`;
  }
  if (c.countries && !c.countries.includes(debtor.country)) {
    return `country ${debtor.country} not in ${c.countries.join(', ')}`;
  }
  if (
    c.paymentMethods &&
    !chased.some((i) => i.paymentMethod && c.paymentMethods!.includes(i.paymentMethod))
  ) {
    return `payment method not in ${c.paymentMethods.join(', ')}`;
  }
  return null;
}

function toActionInstalment(i: TInstalmentFacts): TActionInstalment {
  return {
    id: i.id,
    invoiceNumber: i.invoiceNumber,
    dueDate: i.dueDate,
    outstandingCents: i.outstandingCents,
  };
}

function byDueDate(a: TInstalmentFacts, b: TInstalmentFacts): number {
  return a.dueDate < b.dueDate ? -1 : a.dueDate > b.dueDate ? 1 : a.id - b.id;
}
