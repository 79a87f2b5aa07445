import { addDays, type TCalendarDate } from '../shared/calendar-date.ts';
import { onOrNextBusinessDay } from './business-calendar.ts';
import type { TCaseFacts, TStepRecord } from './case-state.ts';
import { isPreDueStep, type TPolicy, type TPolicyStep } from './policy.ts';

/** The business day a step is due: from the case's due date, or from the day step S was done. */
export function scheduleFrom(
  step: TPolicyStep,
  anchorDueDate: TCalendarDate,
  records: ReadonlyMap<string, TStepRecord>,
): TCalendarDate {
  if (step.when.from === 'due-date') return onOrNextBusinessDay(addDays(anchorDueDate, step.when.days));
  const reference = records.get(step.when.step);
  // checkPolicy guarantees S comes earlier, so the walk has passed it: it is done or skipped.
  return onOrNextBusinessDay(addDays(reference!.doneOn!, step.when.days));
}

/**
 * After a case switched policy (its debtor changed risk class), the new policy's steps that fell
 * before the switch day are passed over: the case continues at the new policy's first step not
 * yet reached, instead of catching up on every contact it "missed" in a burst. The last step is
 * never passed over: a case that has gone past the whole new policy still reaches its end (the
 * hand-over, the legal step) rather than falling silent.
 */
export function isPassedBySwitch(
  policy: TPolicy,
  stepIndex: number,
  scheduledOn: TCalendarDate,
  switchedOn: TCalendarDate | null | undefined,
): boolean {
  if (!switchedOn) return false;
  return stepIndex < policy.steps.length - 1 && scheduledOn < switchedOn;
}

/** A step passed over without a row (nothing was decided about the debtor), as if done on `on`. */
export function passedRecord(stepKey: string, on: TCalendarDate): TStepRecord {
  return { stepKey, state: 'done', isSkipped: true, createdOn: on, doneOn: on };
}

export type TUpcomingStep = { stepKey: string; stepIndex: number; on: TCalendarDate };

/**
 * The next step the case will take under `policy`, seen from `on`: the first step without a row,
 * not passed over, with the date it falls due (never before `on`: a late step is caught up on the
 * next run). Null when a step waits for its task (its completion dates what follows) or when
 * every step is done. Step conditions are not evaluated: a step whose conditions do not hold on
 * its day is still skipped then.
 */
export function upcomingStep(policy: TPolicy, openCase: TCaseFacts, on: TCalendarDate): TUpcomingStep | null {
  const records = new Map<string, TStepRecord>(openCase.steps.map((s) => [s.stepKey, s]));
  for (const [stepIndex, step] of policy.steps.entries()) {
    const record = records.get(step.key);
    if (record) {
      if (record.state === 'waiting') return null;
      continue;
    }
    if (isPreDueStep(step) && on > openCase.anchorDueDate) {
      records.set(step.key, passedRecord(step.key, openCase.anchorDueDate));
      continue;
    }
    const scheduledOn = scheduleFrom(step, openCase.anchorDueDate, records);
    if (isPassedBySwitch(policy, stepIndex, scheduledOn, openCase.policySwitchedOn)) {
      records.set(step.key, passedRecord(step.key, scheduledOn));
      continue;
    }
    return { stepKey: step.key, stepIndex, on: scheduledOn > on ? scheduledOn : on };
  }
  return null;
}
