import type { TTaskKind } from './policy.ts';

/**
 * What an operator can record when a task is done. Contact outcomes come from the seeds: no
 * answer; a promise to pay (date, amount); "already paid" (ask for proof); a dispute; wrong bank
 * details or a forgotten invoice (seed 000: resend the payment instructions); a payment plan;
 * unreachable. `approved` closes a review (evidence confirmed, or details verified: go on).
 */
export const TASK_OUTCOMES = [
  'no-answer',
  'promise',
  'paid',
  'dispute',
  'plan',
  'wrong-details',
  'unreachable',
  'approved',
] as const;
export type TTaskOutcome = (typeof TASK_OUTCOMES)[number];

const CONTACT_OUTCOMES: readonly TTaskOutcome[] = [
  'no-answer',
  'promise',
  'paid',
  'dispute',
  'plan',
  'wrong-details',
  'unreachable',
];

export const OUTCOMES_BY_KIND: Record<TTaskKind, readonly TTaskOutcome[]> = {
  'phone-call': CONTACT_OUTCOMES,
  visit: CONTACT_OUTCOMES,
  review: ['approved', 'promise', 'paid', 'dispute', 'plan'],
  tracing: ['approved', 'unreachable', 'wrong-details'],
};

export function isOutcomeAllowed(kind: TTaskKind, outcome: TTaskOutcome): boolean {
  return OUTCOMES_BY_KIND[kind].includes(outcome);
}
