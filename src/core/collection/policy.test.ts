import { describe, expect, it } from 'vitest';
import { parseDate } from '../shared/calendar-date.ts';
import { resolvePolicyId } from './assignment.ts';
import type { TDebtorFacts, TPolicyBook } from './case-state.ts';
import { checkPolicy, leadDays, ZPolicy } from './policy.ts';
import { AGENCY_POLICY, GENTLE_POLICY, STANDARD_POLICY } from './presets.ts';
import { reviewPromises } from './promises.ts';

describe('policies', () => {
  it('ships the standard preset exactly as the table of issue 3', () => {
    expect(
      STANDARD_POLICY.steps.map((s) => [s.key, s.channels.join('+'), s.tone, s.when, s.conditions]),
    ).toEqual([
      ['pre-due-email', 'email', 'friendly', { from: 'due-date', days: -5 }, {}],
      [
        'pre-due-call',
        'phone-call',
        'friendly',
        { from: 'due-date', days: -3 },
        { minAmountCents: 1_000_000 },
      ],
      ['call-1', 'phone-call', 'friendly', { from: 'due-date', days: 15 }, {}],
      ['letter-1', 'letter', 'friendly', { from: 'step', step: 'call-1', days: 15 }, {}],
      ['call-2', 'phone-call', 'firm', { from: 'step', step: 'letter-1', days: 3 }, {}],
      ['letter-2', 'registered-letter', 'firm', { from: 'step', step: 'letter-1', days: 10 }, {}],
      ['handover', 'agency-handover', 'formal', { from: 'step', step: 'letter-2', days: 10 }, {}],
    ]);
    expect(STANDARD_POLICY.steps.filter((s) => s.requiresEvidence).map((s) => s.key)).toEqual([
      'letter-2',
      'handover',
    ]);
    expect(leadDays(STANDARD_POLICY)).toBe(5);
    expect(leadDays(GENTLE_POLICY)).toBe(0);
    expect(AGENCY_POLICY.steps.map((s) => s.key)).toEqual([
      'pre-due-email',
      'verify-details',
      'reminder-letter',
      'call',
      'second-letter',
      'legal-notice',
      'payment-order',
    ]);
  });

  it('refuses a policy whose sequence cannot be walked', () => {
    const step = (key: string, when: unknown) => ({
      key,
      channels: ['email'],
      tone: 'firm',
      template: 't',
      when,
    });
    const parse = (steps: unknown[]) => checkPolicy(ZPolicy.parse({ key: 'p', name: 'P', steps }));
    expect(() => parse([step('a', { from: 'step', step: 'b', days: 1 })])).toThrow(
      'policy.steps[0].when: {"from":"step","step":"b","days":1} must count from the due date for the first step',
    );
    expect(() =>
      parse([step('a', { from: 'due-date', days: 1 }), step('b', { from: 'step', step: 'c', days: 1 })]),
    ).toThrow('policy.steps[1].when.step: "c" is not an earlier step of this policy');
    expect(() =>
      parse([step('a', { from: 'due-date', days: 1 }), step('a', { from: 'due-date', days: 2 })]),
    ).toThrow('policy.steps[1].key: "a" is used by an earlier step');
    expect(() =>
      ZPolicy.parse({
        key: 'p',
        name: 'P',
        steps: [{ ...step('a', { from: 'due-date', days: 1 }), channels: ['fax'] }],
      }),
    ).toThrow();
  });
});

describe('policy assignment', () => {
  const book: TPolicyBook = {
    policies: new Map([
      [1, STANDARD_POLICY],
      [2, GENTLE_POLICY],
      [3, AGENCY_POLICY],
    ]),
    rules: [
      {
        id: 1,
        position: 2,
        policyId: 3,
        minAmountCents: 5_000_000,
        riskClasses: null,
        customerGroups: null,
        countries: null,
      },
      {
        id: 2,
        position: 1,
        policyId: 3,
        minAmountCents: null,
        riskClasses: ['to-avoid'],
        customerGroups: null,
        countries: null,
      },
      {
        id: 3,
        position: 3,
        policyId: 2,
        minAmountCents: null,
        riskClasses: null,
        customerGroups: ['vip'],
        countries: null,
      },
    ],
    defaultPolicyId: 1,
  };
  const debtor: TDebtorFacts = {
    id: 1,
    country: 'IT',
    riskClass: 'healthy',
    customerGroup: 'vip',
    policyId: null,
  };

  it('applies overrides, then the first matching rule by position, then the default', () => {
    expect(resolvePolicyId(book, debtor, null, 100_00)).toBe(2); // customer group vip
    expect(resolvePolicyId(book, { ...debtor, customerGroup: null }, null, 100_00)).toBe(1);
    expect(resolvePolicyId(book, debtor, null, 60_000_00)).toBe(3); // large amount: act faster
    expect(resolvePolicyId(book, { ...debtor, riskClass: 'to-avoid' }, null, 1)).toBe(3);
    expect(resolvePolicyId(book, { ...debtor, policyId: 1 }, null, 60_000_00)).toBe(1);
    expect(resolvePolicyId(book, { ...debtor, policyId: 1 }, 2, 60_000_00)).toBe(2);
  });
});

describe('promises and payment plans', () => {
  const p = (over: Record<string, unknown>) => ({
    id: 1,
    planId: null,
    seq: 1,
    madeOn: parseDate('2026-04-01'),
    dueDate: parseDate('2026-04-30'),
    amountCents: 100_00,
    status: 'pending' as const,
    paidSinceCents: 0,
    ...over,
  });

  it('keeps a promise paid in full, waits through the grace days, then breaks it', () => {
    expect(reviewPromises([p({ paidSinceCents: 100_00 })], parseDate('2026-04-10'), 50_00).updates).toEqual([
      { promiseId: 1, status: 'kept' },
    ]);
    expect(reviewPromises([p({ paidSinceCents: 99_99 })], parseDate('2026-05-03'), 50_00)).toEqual({
      updates: [],
      isBroken: false,
      isPending: true,
    });
    expect(reviewPromises([p({ paidSinceCents: 99_99 })], parseDate('2026-05-04'), 50_00)).toEqual({
      updates: [{ promiseId: 1, status: 'broken' }],
      isBroken: true,
      isPending: false,
    });
  });

  it('follows each plan instalment on running totals and cancels the rest when one is broken', () => {
    const plan = [
      p({ id: 1, planId: 9, seq: 1, dueDate: parseDate('2026-04-30'), paidSinceCents: 100_00 }),
      p({ id: 2, planId: 9, seq: 2, dueDate: parseDate('2026-05-31'), paidSinceCents: 100_00 }),
      p({ id: 3, planId: 9, seq: 3, dueDate: parseDate('2026-06-30'), paidSinceCents: 100_00 }),
    ];
    expect(reviewPromises(plan, parseDate('2026-06-04'), 200_00).updates).toEqual([
      { promiseId: 1, status: 'kept' },
      { promiseId: 2, status: 'broken' },
      { promiseId: 3, status: 'cancelled' },
    ]);
  });
});
