import { resolveByRules } from '../../core/collection/assignment.ts';
import type { TCaseFacts } from '../../core/collection/case-state.ts';
import type { TRiskClass } from '../../core/collection/policy.ts';
import { type TUpcomingStep, upcomingStep } from '../../core/collection/step-schedule.ts';
import type { TCalendarDate } from '../../core/shared/calendar-date.ts';
import { loadSwitchableCases, switchCasePolicy } from '../../db/queries/case-policy-switch.ts';
import { loadCaseSteps } from '../../db/queries/collection-state.ts';
import { appendRegisterEntries, type TRegisterEntryInput } from '../register/append-register-entries.ts';
import type { TContext } from '../shared/context.ts';
import { toStepRecord } from './load-states.ts';
import { loadPolicyBook } from './policy-book.ts';

export type TClassChange = { debtorId: number; from: TRiskClass | null; to: TRiskClass };

export type TPolicySwitch = {
  caseId: number;
  debtorId: number;
  from: string;
  to: string;
  nextStep: { key: string; on: string } | null;
};

function stepView(s: TUpcomingStep | null): { key: string; on: string } | null {
  return s ? { key: s.stepKey, on: s.on } : null;
}

/**
 * A debtor changed risk class: its open case, when its policy came from a rule or the default,
 * is resolved again by the rules with the new class and switches when the answer differs. Steps
 * already taken stay taken; the case goes on at the new policy's first step not yet reached on
 * the switch day (step-schedule.ts). Called in the scoring run's transaction, once per change of
 * class, so scoring again without a change switches nothing. One register row per switch with
 * old and new policy, the class change that caused it and the next step before and after.
 */
export async function switchCasePolicies(
  ctx: TContext,
  creditorId: number,
  changes: readonly TClassChange[],
): Promise<TPolicySwitch[]> {
  const byDebtor = new Map(changes.map((c) => [c.debtorId, c]));
  const cases = await loadSwitchableCases(ctx.db, creditorId, [...byDebtor.keys()]);
  if (cases.length === 0) return [];
  const book = await loadPolicyBook(ctx.db, creditorId);
  const stepRows = await loadCaseSteps(
    ctx.db,
    creditorId,
    cases.map((c) => c.id),
  );
  const today = ctx.today;
  const switches: TPolicySwitch[] = [];
  const entries: TRegisterEntryInput[] = [];
  for (const c of cases) {
    const change = byDebtor.get(c.debtor_id)!;
    const resolved = resolveByRules(
      book,
      {
        id: c.debtor_id,
        country: c.country,
        customerGroup: c.customer_group,
        riskClass: change.to,
        policyId: null,
      },
      c.owed_cents,
    );
    // A preset not stored yet has a negative id: no case can follow it before the run stores it.
    if (resolved.policyId === c.policy_id || resolved.policyId < 0) continue;
    const facts: TCaseFacts = {
      id: c.id,
      policyId: c.policy_id,
      anchorDueDate: c.anchor_due_date as TCalendarDate,
      steps: stepRows.filter((s) => s.case_id === c.id).map(toStepRecord),
      openTaskCount: 0,
      promises: [],
      brokenPromiseCount: 0,
      policySwitchedOn: c.policy_switched_on as TCalendarDate | null,
    };
    const before = upcomingStep(book.policies.get(c.policy_id)!, facts, today);
    const after = upcomingStep(
      book.policies.get(resolved.policyId)!,
      { ...facts, policyId: resolved.policyId, policySwitchedOn: today },
      today,
    );
    const isSwitched = await switchCasePolicy(ctx.db, creditorId, {
      caseId: c.id,
      fromPolicyId: c.policy_id,
      toPolicyId: resolved.policyId,
      source: resolved.source,
      on: today,
    });
    if (!isSwitched) continue;
    const from = book.keys.get(c.policy_id)!;
    const to = book.keys.get(resolved.policyId)!;
    switches.push({ caseId: c.id, debtorId: c.debtor_id, from, to, nextStep: stepView(after) });
    entries.push({
      action: 'case.policy-switched',
      subjectType: 'case',
      subjectId: c.id,
      debtorId: c.debtor_id,
      reason: `risk class changed from ${change.from ?? 'none'} to ${change.to}`,
      data: {
        from,
        to,
        source: resolved.source,
        riskClass: { from: change.from, to: change.to },
        switchedOn: today,
        nextStepBefore: stepView(before),
        nextStep: stepView(after),
      },
    });
  }
  await appendRegisterEntries(ctx, creditorId, entries);
  return switches;
}
