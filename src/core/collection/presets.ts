import { checkPolicy, type TPolicy } from './policy.ts';

/**
 * The policies shipped with Riscossa. `standard` is the default: seed 003's internal escalation
 * with its exact timing, preceded by seed 002's reminder before the due date and seed 001's call
 * before the due date for a large instalment.
 */

/** Seed 001 tip 1: "if the invoice is large, call the customer before the due date". */
export const LARGE_INSTALMENT_CENTS = 1_000_000;

export const STANDARD_POLICY: TPolicy = checkPolicy({
  key: 'standard',
  name: 'Standard (seed 003)',
  description: 'Call at 15 days, soft letter, second call, firm registered letter, collection agency.',
  steps: [
    {
      key: 'pre-due-email',
      channels: ['email'],
      tone: 'friendly',
      template: 'pre-due-reminder',
      when: { from: 'due-date', days: -5 },
      conditions: {},
      requiresEvidence: false,
      description: 'Reminder that payment is coming due (seed 002)',
    },
    {
      key: 'pre-due-call',
      channels: ['phone-call'],
      tone: 'friendly',
      template: 'pre-due-call',
      when: { from: 'due-date', days: -3 },
      conditions: { minAmountCents: LARGE_INSTALMENT_CENTS },
      requiresEvidence: false,
      description: 'Check the invoice arrived and raises no question (seed 001 tip 1)',
    },
    {
      key: 'call-1',
      channels: ['phone-call'],
      tone: 'friendly',
      template: 'call-1',
      when: { from: 'due-date', days: 15 },
      conditions: {},
      requiresEvidence: false,
      description: 'Sollecito telefonico',
    },
    {
      key: 'letter-1',
      channels: ['letter'],
      tone: 'friendly',
      template: 'letter-1-pay-within-10-days',
      when: { from: 'step', step: 'call-1', days: 15 },
      conditions: {},
      requiresEvidence: false,
      description: 'Soft first letter: pay within 10 days of receipt',
    },
    {
      key: 'call-2',
      channels: ['phone-call'],
      tone: 'firm',
      template: 'call-2-why-unpaid',
      when: { from: 'step', step: 'letter-1', days: 3 },
      conditions: {},
      requiresEvidence: false,
      description: 'Learn why it is unpaid: a dispute to resolve, or another reason',
    },
    {
      key: 'letter-2',
      channels: ['registered-letter'],
      tone: 'firm',
      template: 'letter-2-agency-in-10-days',
      when: { from: 'step', step: 'letter-1', days: 10 },
      conditions: {},
      requiresEvidence: true,
      description: 'Raccomandata A/R: paid within 10 days or the case goes to a collection agency',
    },
    {
      key: 'handover',
      channels: ['agency-handover'],
      tone: 'formal',
      template: 'agency-handover',
      when: { from: 'step', step: 'letter-2', days: 10 },
      conditions: {},
      requiresEvidence: true,
      description: 'Keep the promise: out-of-court collection agency',
    },
  ],
});

/** A visit costs a day of someone's time: worth it from this amount (seed 000 step 4). */
const VISIT_MIN_CENTS = 500_000;

/** Seed 000: friendly reminder, late reminder, final notice, direct contact, demand letter, agency. */
export const GENTLE_POLICY: TPolicy = checkPolicy({
  key: 'gentle',
  name: 'Gentle (seed 000)',
  description:
    'Courtesy first: reminders with payment details, a visit, a demand letter only as last resort.',
  steps: [
    {
      key: 'friendly-reminder',
      channels: ['email'],
      tone: 'friendly',
      template: 'friendly-reminder-with-payment-details',
      when: { from: 'due-date', days: 3 },
      conditions: {},
      requiresEvidence: false,
    },
    {
      key: 'late-reminder',
      channels: ['phone-call'],
      tone: 'friendly',
      template: 'late-payment-reminder',
      when: { from: 'step', step: 'friendly-reminder', days: 14 },
      conditions: {},
      requiresEvidence: false,
    },
    {
      key: 'final-notice',
      channels: ['email', 'letter'],
      tone: 'firm',
      template: 'final-notice',
      when: { from: 'step', step: 'late-reminder', days: 14 },
      conditions: {},
      requiresEvidence: false,
    },
    {
      key: 'direct-contact',
      channels: ['visit'],
      tone: 'friendly',
      template: 'visit',
      when: { from: 'step', step: 'final-notice', days: 7 },
      conditions: { minAmountCents: VISIT_MIN_CENTS },
      requiresEvidence: false,
    },
    {
      key: 'demand-letter',
      channels: ['registered-letter'],
      tone: 'formal',
      template: 'formal-demand-letter',
      when: { from: 'step', step: 'final-notice', days: 21 },
      conditions: {},
      requiresEvidence: true,
    },
    {
      key: 'handover',
      channels: ['agency-handover'],
      tone: 'formal',
      template: 'agency-or-lawyer-handover',
      when: { from: 'step', step: 'demand-letter', days: 15 },
      conditions: {},
      requiresEvidence: true,
    },
  ],
});

/** Seed 002 (an agency working for third parties): verify details, letter, call, letter, diffida, decreto. */
export const AGENCY_POLICY: TPolicy = checkPolicy({
  key: 'agency',
  name: 'Agency (seed 002)',
  description: 'Verified details, reminder letter, call, second letter, legal notice, payment order.',
  steps: [
    {
      key: 'pre-due-email',
      channels: ['email'],
      tone: 'friendly',
      template: 'pre-due-reminder',
      when: { from: 'due-date', days: -5 },
      conditions: {},
      requiresEvidence: false,
    },
    {
      key: 'verify-details',
      channels: ['review'],
      tone: 'friendly',
      template: 'verify-contact-details',
      when: { from: 'due-date', days: 5 },
      conditions: {},
      requiresEvidence: false,
    },
    {
      key: 'reminder-letter',
      channels: ['letter', 'email'],
      tone: 'friendly',
      template: 'reminder-letter',
      when: { from: 'step', step: 'verify-details', days: 1 },
      conditions: {},
      requiresEvidence: false,
    },
    {
      key: 'call',
      channels: ['phone-call'],
      tone: 'friendly',
      template: 'agency-call',
      when: { from: 'step', step: 'reminder-letter', days: 10 },
      conditions: {},
      requiresEvidence: false,
    },
    {
      key: 'second-letter',
      channels: ['letter', 'email'],
      tone: 'firm',
      template: 'second-reminder-letter',
      when: { from: 'step', step: 'call', days: 7 },
      conditions: {},
      requiresEvidence: false,
    },
    {
      key: 'legal-notice',
      channels: ['pec', 'registered-letter'],
      tone: 'formal',
      template: 'diffida-legale',
      when: { from: 'step', step: 'second-letter', days: 15 },
      conditions: {},
      requiresEvidence: true,
      description: 'Diffida legale: the last attempt to avoid court',
    },
    {
      key: 'payment-order',
      channels: ['legal'],
      tone: 'formal',
      template: 'ricorso-decreto-ingiuntivo',
      when: { from: 'step', step: 'legal-notice', days: 15 },
      conditions: {},
      requiresEvidence: true,
      description: 'Ricorso per decreto ingiuntivo: only when the relationship is no longer worth keeping',
    },
  ],
});

export const PRESET_POLICIES: readonly TPolicy[] = [STANDARD_POLICY, GENTLE_POLICY, AGENCY_POLICY];
export const DEFAULT_POLICY_KEY = STANDARD_POLICY.key;
