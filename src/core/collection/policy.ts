import { z } from 'zod';
import { RISK_CLASSES } from '../insight/risk-score.ts';
import { invalid } from '../shared/errors.ts';

/**
 * A collection policy: an ordered list of steps. Each step says through which channels the
 * debtor is contacted, in which tone, with which template, and when: N days from the due date
 * (negative = before it) or N days after an earlier step was actually done. Conditions restrict
 * a step to some cases; a step whose conditions do not hold is skipped, never postponed.
 */
export const CHANNELS = [
  'email',
  'pec',
  'letter',
  'registered-letter',
  'sms',
  'phone-call',
  'visit',
  'review',
  'agency-handover',
  'legal',
] as const;
export type TChannel = (typeof CHANNELS)[number];

/** Channels that are work for a person: the step is done when the task's outcome is recorded. */
export const TASK_KINDS = ['phone-call', 'visit', 'review', 'tracing'] as const;
export type TTaskKind = (typeof TASK_KINDS)[number];
const TASK_CHANNELS: ReadonlySet<TChannel> = new Set(['phone-call', 'visit', 'review']);

export function isTaskChannel(channel: TChannel): boolean {
  return TASK_CHANNELS.has(channel);
}

/** Channels that put something in writing in front of the debtor (a demand for prescription purposes). */
const WRITTEN_CHANNELS: ReadonlySet<TChannel> = new Set(['letter', 'registered-letter', 'pec']);
export function isWrittenChannel(channel: TChannel): boolean {
  return WRITTEN_CHANNELS.has(channel);
}

export const TONES = ['friendly', 'firm', 'formal'] as const;
export type TTone = (typeof TONES)[number];

// Seed 003's classes (healthy, under observation, to avoid), as the risk scoring assigns them.
export { RISK_CLASSES, type TRiskClass } from '../insight/risk-score.ts';

/** No step is planned more than a year away from its reference: a typo, not a policy. */
const MAX_OFFSET_DAYS = 365;
const STEP_KEY = /^[a-z0-9][a-z0-9-]{0,39}$/;

export const ZStepTiming = z.discriminatedUnion('from', [
  z.object({
    from: z.literal('due-date'),
    days: z.number().int().min(-MAX_OFFSET_DAYS).max(MAX_OFFSET_DAYS),
  }),
  z.object({
    from: z.literal('step'),
    step: z.string().regex(STEP_KEY),
    days: z.number().int().min(0).max(MAX_OFFSET_DAYS),
  }),
]);
export type TStepTiming = z.infer<typeof ZStepTiming>;

export const ZStepConditions = z.object({
  /** The case's open amount (all instalments it chases) must be at least this many cents. */
  minAmountCents: z.number().int().positive().optional(),
  riskClasses: z.array(z.enum(RISK_CLASSES)).min(1).optional(),
  countries: z
    .array(z.string().regex(/^[A-Z]{2}$/))
    .min(1)
    .optional(),
  /** FatturaPA ModalitaPagamento codes (MP05 bank transfer, MP12 RiBa, ...). */
  paymentMethods: z.array(z.string().min(1)).min(1).optional(),
});
export type TStepConditions = z.infer<typeof ZStepConditions>;

export const ZPolicyStep = z.object({
  key: z.string().regex(STEP_KEY, 'must be lower-case letters, digits and dashes'),
  channels: z.array(z.enum(CHANNELS)).min(1),
  tone: z.enum(TONES),
  template: z.string().min(1),
  when: ZStepTiming,
  conditions: ZStepConditions.default({}),
  /** Seed 001: before this step every evidence question must be answered "yes". */
  requiresEvidence: z.boolean().default(false),
  description: z.string().optional(),
});
export type TPolicyStep = z.infer<typeof ZPolicyStep>;

export const ZPolicy = z.object({
  key: z.string().regex(STEP_KEY, 'must be lower-case letters, digits and dashes'),
  name: z.string().min(1),
  description: z.string().default(''),
  steps: z.array(ZPolicyStep).min(1).max(50),
});
export type TPolicy = z.infer<typeof ZPolicy>;

/**
 * Checks what the schema cannot: unique step keys and channels, a first step anchored on the due
 * date (a case needs a start), and "after step S" only for an S earlier in the list, which keeps
 * the sequence a straight line that can always be walked.
 */
export function checkPolicy(policy: TPolicy, field = 'policy'): TPolicy {
  const seen = new Set<string>();
  for (const [i, step] of policy.steps.entries()) {
    const path = `${field}.steps[${i}]`;
    if (seen.has(step.key)) throw invalid(`${path}.key`, step.key, 'is used by an earlier step');
    if (new Set(step.channels).size !== step.channels.length) {
      throw invalid(`${path}.channels`, step.channels, 'names a channel twice');
    }
    if (i === 0 && step.when.from !== 'due-date') {
      throw invalid(`${path}.when`, step.when, 'must count from the due date for the first step');
    }
    if (step.when.from === 'step' && !seen.has(step.when.step)) {
      throw invalid(`${path}.when.step`, step.when.step, 'is not an earlier step of this policy');
    }
    seen.add(step.key);
  }
  return policy;
}

/** Days before the due date at which the policy's first step happens (0 when it starts after). */
export function leadDays(policy: TPolicy): number {
  const first = policy.steps[0]!.when;
  return first.from === 'due-date' && first.days < 0 ? -first.days : 0;
}

/** A reminder that payment is coming due: pointless once the due date has passed. */
export function isPreDueStep(step: TPolicyStep): boolean {
  return step.when.from === 'due-date' && step.when.days < 0;
}
