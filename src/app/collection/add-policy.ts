import { checkPolicy, ZPolicy } from '../../core/collection/policy.ts';
import { AppError } from '../../core/shared/errors.ts';
import { insertPolicies } from '../../db/queries/collection-policies.ts';
import { appendRegisterEntries } from '../register/append-register-entries.ts';
import type { TContext } from '../shared/context.ts';
import { parseInput } from '../shared/parse-input.ts';
import { ensurePresetPolicies } from './policy-book.ts';
import { stepsFromInput, stepsToView, type TPolicyView } from './policy-view.ts';

/**
 * Adds a creditor's own policy (the shape `policies list --json` prints). Policies are never
 * edited in place: cases already following one keep the steps they started with; a changed
 * escalation is a new policy with a new key.
 */
export async function addPolicy(ctx: TContext, creditorId: number, raw: unknown): Promise<TPolicyView> {
  const withCents =
    raw && typeof raw === 'object'
      ? { ...raw, steps: stepsFromInput((raw as { steps?: unknown }).steps) }
      : raw;
  const policy = checkPolicy(parseInput(ZPolicy, withCents, 'policy'));
  await ensurePresetPolicies(ctx, creditorId);
  return ctx.db.transaction(async (db) => {
    const [row] = await insertPolicies(db, creditorId, [{ ...policy, isPreset: false }]);
    if (!row) {
      throw new AppError('DUPLICATE', `policy.key: "${policy.key}" is already a policy of this creditor`, {
        field: 'policy.key',
        value: policy.key,
      });
    }
    await appendRegisterEntries({ ...ctx, db }, creditorId, [
      {
        action: 'policy.created',
        subjectType: 'policy',
        subjectId: row.id,
        data: { key: policy.key, name: policy.name, steps: policy.steps },
      },
    ]);
    return {
      id: row.id,
      key: policy.key,
      name: policy.name,
      description: policy.description,
      isPreset: false,
      isDefault: false,
      steps: stepsToView(policy),
    };
  });
}
