import type { TAssignmentRule, TPolicyBook } from '../../core/collection/case-state.ts';
import { checkPolicy, type TPolicy, type TRiskClass, ZPolicy } from '../../core/collection/policy.ts';
import { DEFAULT_POLICY_KEY, PRESET_POLICIES } from '../../core/collection/presets.ts';
import type { TSql } from '../../db/database.ts';
import {
  insertPolicies,
  listPolicyRows,
  listRuleRows,
  setDefaultPolicyIfNone,
  type TPolicyRow,
} from '../../db/queries/collection-policies.ts';
import { appendRegisterEntries } from '../register/append-register-entries.ts';
import type { TContext } from '../shared/context.ts';

export type TLoadedPolicyBook = TPolicyBook & { keys: ReadonlyMap<number, string> };

export function policyFromRow(row: TPolicyRow): TPolicy {
  return checkPolicy(
    ZPolicy.parse({ key: row.key, name: row.name, description: row.description, steps: row.steps }),
    `policy ${row.key}`,
  );
}

/**
 * Stores the shipped presets for a creditor the first time they are needed (standard as the
 * default), so that cases refer to a policy row and its history is in the register.
 */
export async function ensurePresetPolicies(ctx: TContext, creditorId: number): Promise<void> {
  const existing = new Set((await listPolicyRows(ctx.db, creditorId)).map((r) => r.key));
  if (PRESET_POLICIES.every((p) => existing.has(p.key))) return;
  await ctx.db.transaction(async (db) => {
    const inserted = await insertPolicies(
      db,
      creditorId,
      PRESET_POLICIES.map((p) => ({ ...p, isPreset: true })),
    );
    await setDefaultPolicyIfNone(db, creditorId, DEFAULT_POLICY_KEY);
    await appendRegisterEntries(
      { ...ctx, db },
      creditorId,
      inserted.map((row) => ({
        action: 'policy.created',
        subjectType: 'policy',
        subjectId: row.id,
        reason: 'preset shipped with Riscossa',
        data: { key: row.key, name: row.name, steps: row.steps },
      })),
    );
  });
}

/**
 * The creditor's policies and rules as the decision needs them. Presets not stored yet (a dry
 * run changes nothing, not even this) take negative ids.
 */
export async function loadPolicyBook(db: TSql, creditorId: number): Promise<TLoadedPolicyBook> {
  const rows = await listPolicyRows(db, creditorId);
  const policies = new Map<number, TPolicy>();
  const keys = new Map<number, string>();
  for (const row of rows) {
    policies.set(row.id, policyFromRow(row));
    keys.set(row.id, row.key);
  }
  PRESET_POLICIES.forEach((preset, i) => {
    if (rows.some((r) => r.key === preset.key)) return;
    policies.set(-(i + 1), preset);
    keys.set(-(i + 1), preset.key);
  });
  const defaultRow = rows.find((r) => r.is_default);
  const defaultPolicyId =
    defaultRow?.id ?? [...keys.entries()].find(([, key]) => key === DEFAULT_POLICY_KEY)![0];
  const rules: TAssignmentRule[] = (await listRuleRows(db, creditorId)).map((r) => ({
    id: r.id,
    position: r.position,
    policyId: r.policy_id,
    minAmountCents: r.min_amount_cents,
    riskClasses: r.risk_classes as TRiskClass[] | null,
    customerGroups: r.customer_groups,
    countries: r.countries,
  }));
  return { policies, rules, defaultPolicyId, keys };
}
