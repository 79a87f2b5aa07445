import { formatAmount } from '../../core/shared/money.ts';
import type { TSql } from '../../db/database.ts';
import { listPolicyRows, listRuleRows } from '../../db/queries/collection-policies.ts';
import { loadPolicyBook } from './policy-book.ts';
import { stepsToView, type TPolicyView } from './policy-view.ts';

export type TRuleView = {
  id: number;
  position: number;
  policy: string;
  minAmount: string | null;
  riskClasses: string[] | null;
  customerGroups: string[] | null;
  countries: string[] | null;
};

export type TPoliciesView = { policies: TPolicyView[]; rules: TRuleView[] };

/** A creditor's policies (presets not stored yet included, with a null id) and assignment rules. */
export async function listPolicies(db: TSql, creditorId: number): Promise<TPoliciesView> {
  const book = await loadPolicyBook(db, creditorId);
  const rows = new Map((await listPolicyRows(db, creditorId)).map((r) => [r.id, r]));
  const policies = [...book.policies.entries()]
    .sort(([a], [b]) => (a < 0 && b < 0 ? b - a : a < 0 ? 1 : b < 0 ? -1 : a - b))
    .map(([id, policy]) => ({
      id: id > 0 ? id : null,
      key: policy.key,
      name: policy.name,
      description: policy.description,
      isPreset: rows.get(id)?.is_preset ?? true,
      isDefault: id === book.defaultPolicyId,
      steps: stepsToView(policy),
    }));
  const rules = (await listRuleRows(db, creditorId)).map((r) => ({
    id: r.id,
    position: r.position,
    policy: r.policy_key,
    minAmount: r.min_amount_cents === null ? null : formatAmount(r.min_amount_cents),
    riskClasses: r.risk_classes,
    customerGroups: r.customer_groups,
    countries: r.countries,
  }));
  return { policies, rules };
}
