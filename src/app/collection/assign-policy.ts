import { z } from 'zod';
import { RISK_CLASSES } from '../../core/collection/policy.ts';
import { AppError, invalid } from '../../core/shared/errors.ts';
import { parseAmount } from '../../core/shared/money.ts';
import {
  deleteRule,
  findPolicyByKey,
  insertRule,
  setDefaultPolicy,
  upsertDebtorPolicy,
  upsertInvoicePolicy,
} from '../../db/queries/collection-policies.ts';
import { resolveDebtor } from '../ledger/resolve-debtor.ts';
import { appendRegisterEntries } from '../register/append-register-entries.ts';
import type { TContext } from '../shared/context.ts';
import { parseInput } from '../shared/parse-input.ts';
import { ensurePresetPolicies } from './policy-book.ts';
import { resolveInvoice } from './resolve-invoice.ts';

export const ZAssignPolicy = z.object({
  /** The policy key; null with a debtor or invoice removes the override. */
  policy: z.string().nullish(),
  debtor: z.string().nullish(),
  invoice: z.string().nullish(),
  year: z.coerce.number().int().nullish(),
  rule: z
    .object({
      position: z.coerce.number().int().positive().nullish(),
      minAmount: z.union([z.string(), z.number()]).nullish(),
      riskClasses: z.array(z.enum(RISK_CLASSES)).min(1).nullish(),
      customerGroups: z.array(z.string().min(1)).min(1).nullish(),
      countries: z
        .array(z.string().regex(/^[A-Z]{2}$/))
        .min(1)
        .nullish(),
    })
    .nullish(),
  removeRule: z.coerce.number().int().positive().nullish(),
  /** true: make the policy the creditor's default (what new cases follow when nothing else decides). */
  default: z.boolean().nullish(),
});
export type TAssignPolicy = z.input<typeof ZAssignPolicy>;

export type TAssignPolicyResult = {
  scope: 'debtor' | 'invoice' | 'rule' | 'default';
  policy: string | null;
  target: string | number;
  ruleId: number | null;
};

/**
 * Says which policy new cases follow: per invoice, per debtor, or by a rule on amount, risk
 * class, customer group or country (tried in position order), or as the creditor's default when
 * nothing else decides. A case keeps the policy it opened with.
 */
export async function assignPolicy(
  ctx: TContext,
  creditorId: number,
  raw: TAssignPolicy,
): Promise<TAssignPolicyResult> {
  const input = parseInput(ZAssignPolicy, raw);
  const scopes = [input.debtor, input.invoice, input.rule, input.removeRule, input.default || null].filter(
    (s) => s !== null && s !== undefined,
  );
  if (scopes.length !== 1) {
    throw new AppError(
      'INVALID_INPUT',
      'policy: say exactly one of --debtor, --invoice, --rule, --remove-rule or --default',
      {
        field: 'policy',
        value: input.policy ?? null,
      },
    );
  }
  await ensurePresetPolicies(ctx, creditorId);
  return ctx.db.transaction(async (db) => {
    const policy = input.policy ? await findPolicyByKey(db, creditorId, input.policy) : undefined;
    if (input.policy && !policy)
      throw new AppError('NOT_FOUND', `policy: "${input.policy}" is not a policy`, {
        field: 'policy',
        value: input.policy,
      });
    const register = (
      action: string,
      subjectType: string,
      subjectId: number,
      debtorId: number | null,
      data: Record<string, unknown>,
    ) =>
      appendRegisterEntries({ ...ctx, db }, creditorId, [{ action, subjectType, subjectId, debtorId, data }]);

    if (input.removeRule) {
      if (!(await deleteRule(db, creditorId, input.removeRule))) {
        throw new AppError('NOT_FOUND', `rule: ${input.removeRule} is not a rule`, {
          field: 'rule',
          value: input.removeRule,
        });
      }
      await register('policy.rule-removed', 'policy-rule', input.removeRule, null, {});
      return { scope: 'rule', policy: null, target: input.removeRule, ruleId: input.removeRule };
    }
    if (input.default) {
      if (!policy) throw invalid('policy', input.policy ?? null, 'is required for the default');
      await setDefaultPolicy(db, creditorId, policy.id);
      await register('policy.default-set', 'policy', policy.id, null, { policy: policy.key });
      return { scope: 'default', policy: policy.key, target: policy.key, ruleId: null };
    }
    if (input.rule) {
      if (!policy) throw invalid('policy', input.policy ?? null, 'is required for a rule');
      const r = input.rule;
      const rule = {
        policyId: policy.id,
        position: r.position ?? null,
        minAmountCents: r.minAmount ? parseAmount(r.minAmount, 'rule.minAmount') : null,
        riskClasses: r.riskClasses ?? null,
        customerGroups: r.customerGroups ?? null,
        countries: r.countries ?? null,
      };
      const [clash] = await db.query(
        'select 1 from collection_policy_rules where creditor_id = $1 and position = $2',
        [creditorId, rule.position],
      );
      if (clash)
        throw new AppError('CONFLICT', `rule.position: ${rule.position} is taken by another rule`, {
          field: 'rule.position',
          value: rule.position,
        });
      const row = await insertRule(db, creditorId, rule);
      await register('policy.rule-added', 'policy-rule', row.id, null, {
        policy: policy.key,
        ...r,
        position: row.position,
      });
      return { scope: 'rule', policy: policy.key, target: row.position, ruleId: row.id };
    }
    if (input.debtor) {
      const debtor = await resolveDebtor(db, input.debtor, creditorId);
      await upsertDebtorPolicy(db, creditorId, debtor.id, policy?.id ?? null);
      await register('policy.assigned', 'debtor', debtor.id, debtor.id, { policy: policy?.key ?? null });
      return { scope: 'debtor', policy: policy?.key ?? null, target: input.debtor, ruleId: null };
    }
    const invoice = await resolveInvoice(db, input.invoice!, creditorId, input.year ?? null);
    await upsertInvoicePolicy(db, creditorId, invoice.id, policy?.id ?? null);
    await register('policy.assigned', 'invoice', invoice.id, invoice.debtor_id, {
      policy: policy?.key ?? null,
      invoiceNumber: invoice.number,
    });
    return { scope: 'invoice', policy: policy?.key ?? null, target: invoice.number, ruleId: null };
  });
}
