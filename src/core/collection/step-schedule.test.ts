import { describe, expect, it } from 'vitest';
import type { TCalendarDate } from '../shared/calendar-date.ts';
import type { TCaseFacts, TStepRecord } from './case-state.ts';
import { checkPolicy, type TPolicy } from './policy.ts';
import { STANDARD_POLICY } from './presets.ts';
import { upcomingStep } from './step-schedule.ts';

const d = (s: string) => s as TCalendarDate;

const FAST: TPolicy = checkPolicy({
  key: 'fast',
  name: 'Fast',
  description: '',
  steps: [
    {
      key: 'first-email',
      channels: ['email'],
      tone: 'firm',
      template: 'f1',
      when: { from: 'due-date', days: 3 },
      conditions: {},
      requiresEvidence: false,
    },
    {
      key: 'second-email',
      channels: ['email'],
      tone: 'firm',
      template: 'f2',
      when: { from: 'due-date', days: 8 },
      conditions: {},
      requiresEvidence: false,
    },
    {
      key: 'warning',
      channels: ['registered-letter'],
      tone: 'formal',
      template: 'f3',
      when: { from: 'step', step: 'second-email', days: 5 },
      conditions: {},
      requiresEvidence: false,
    },
  ],
});

const done = (stepKey: string, on: string): TStepRecord => ({
  stepKey,
  state: 'done',
  isSkipped: false,
  createdOn: d(on),
  doneOn: d(on),
});

/** Due Monday 2026-03-02; the pre-due e-mail went on 02-25. */
function caseFacts(over: Partial<TCaseFacts> = {}): TCaseFacts {
  return {
    id: 1,
    policyId: 1,
    anchorDueDate: d('2026-03-02'),
    steps: [done('pre-due-email', '2026-02-25')],
    openTaskCount: 0,
    promises: [],
    brokenPromiseCount: 0,
    ...over,
  };
}

describe('the next step of a case, before and after a policy switch', () => {
  it('follows the standard policy: the call at 15 days', () => {
    expect(upcomingStep(STANDARD_POLICY, caseFacts(), d('2026-03-09'))).toEqual({
      stepKey: 'call-1',
      stepIndex: 2,
      on: d('2026-03-17'),
    });
  });

  it('passes over the new policy steps dated before the switch day and goes on at the next', () => {
    const switched = caseFacts({ policySwitchedOn: d('2026-03-09') });
    expect(upcomingStep(FAST, switched, d('2026-03-09'))).toEqual({
      stepKey: 'second-email',
      stepIndex: 1,
      on: d('2026-03-10'),
    });
    // Without the switch date the same walk would catch up on the +3 e-mail first.
    expect(upcomingStep(FAST, caseFacts(), d('2026-03-09'))?.stepKey).toBe('first-email');
  });

  it('never passes over the last step: a case past the whole policy reaches its end', () => {
    const late = caseFacts({ policySwitchedOn: d('2026-04-30') });
    expect(upcomingStep(FAST, late, d('2026-04-30'))).toEqual({
      stepKey: 'warning',
      stepIndex: 2,
      on: d('2026-04-30'),
    });
  });

  it('keeps steps already taken and counts relative steps from them', () => {
    const taken = caseFacts({
      policySwitchedOn: d('2026-03-20'),
      steps: [done('second-email', '2026-03-11')],
    });
    // warning = second-email done 03-11 + 5 = 03-16, before the switch, but the last step: taken on 03-20.
    expect(upcomingStep(FAST, taken, d('2026-03-20'))).toEqual({
      stepKey: 'warning',
      stepIndex: 2,
      on: d('2026-03-20'),
    });
  });

  it('has no date while a step waits for its task', () => {
    const waiting = caseFacts({
      steps: [
        done('pre-due-email', '2026-02-25'),
        { stepKey: 'call-1', state: 'waiting', isSkipped: false, createdOn: d('2026-03-17'), doneOn: null },
      ],
    });
    expect(upcomingStep(STANDARD_POLICY, waiting, d('2026-03-18'))).toBeNull();
  });
});
