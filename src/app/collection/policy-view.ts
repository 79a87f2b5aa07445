import type { TPolicy } from '../../core/collection/policy.ts';
import { formatAmount, parseAmount } from '../../core/shared/money.ts';

/**
 * Policies as people read and write them: amounts as decimal text ("10000.00"), like every
 * other amount in the JSON; the core keeps cents.
 */
export type TPolicyStepView = Omit<TPolicy['steps'][number], 'conditions'> & {
  conditions: Omit<TPolicy['steps'][number]['conditions'], 'minAmountCents'> & { minAmount?: string };
};
export type TPolicyView = {
  id: number | null;
  key: string;
  name: string;
  description: string;
  isPreset: boolean;
  isDefault: boolean;
  steps: TPolicyStepView[];
};

export function stepsToView(policy: TPolicy): TPolicyStepView[] {
  return policy.steps.map(({ conditions: { minAmountCents, ...rest }, ...step }) => ({
    ...step,
    conditions: {
      ...rest,
      ...(minAmountCents === undefined ? {} : { minAmount: formatAmount(minAmountCents) }),
    },
  }));
}

/** Turns `minAmount` text into the core's `minAmountCents` in each step of a policy file. */
export function stepsFromInput(steps: unknown): unknown {
  if (!Array.isArray(steps)) return steps;
  return steps.map((step, i) => {
    const conditions = (step as { conditions?: Record<string, unknown> })?.conditions;
    if (!conditions || conditions.minAmount === undefined) return step;
    const { minAmount, ...rest } = conditions;
    return {
      ...step,
      conditions: {
        ...rest,
        minAmountCents: parseAmount(minAmount as string, `policy.steps[${i}].conditions.minAmount`),
      },
    };
  });
}
