import type { TSql } from '../database.ts';

export type TPolicyRow = {
  id: number;
  creditor_id: number;
  key: string;
  name: string;
  description: string;
  steps: unknown;
  is_preset: boolean;
  is_default: boolean;
};

const POLICY_COLUMNS = 'id, creditor_id, key, name, description, steps, is_preset, is_default';

export async function listPolicyRows(db: TSql, creditorId: number): Promise<TPolicyRow[]> {
  return db.query<TPolicyRow>(
    `select ${POLICY_COLUMNS} from collection_policies where creditor_id = $1 order by id`,
    [creditorId],
  );
}

export async function findPolicyByKey(
  db: TSql,
  creditorId: number,
  key: string,
): Promise<TPolicyRow | undefined> {
  const [row] = await db.query<TPolicyRow>(
    `select ${POLICY_COLUMNS} from collection_policies where creditor_id = $1 and key = $2`,
    [creditorId, key],
  );
  return row;
}

/** Inserts the policies not there yet (by key); returns the ones inserted. */
export async function insertPolicies(
  db: TSql,
  creditorId: number,
  policies: ReadonlyArray<{
    key: string;
    name: string;
    description: string;
    steps: unknown;
    isPreset: boolean;
  }>,
): Promise<TPolicyRow[]> {
  if (policies.length === 0) return [];
  return db.query<TPolicyRow>(
    `insert into collection_policies (creditor_id, key, name, description, steps, is_preset)
     select $1, p.key, p.name, p.description, p.steps::jsonb, p.is_preset
     from unnest($2::text[], $3::text[], $4::text[], $5::text[], $6::bool[]) as p(key, name, description, steps, is_preset)
     on conflict (creditor_id, key) do nothing
     returning ${POLICY_COLUMNS}`,
    [
      creditorId,
      policies.map((p) => p.key),
      policies.map((p) => p.name),
      policies.map((p) => p.description),
      policies.map((p) => JSON.stringify(p.steps)),
      policies.map((p) => p.isPreset),
    ],
  );
}

/** Makes `key` the default policy when the creditor has none yet. */
export async function setDefaultPolicyIfNone(db: TSql, creditorId: number, key: string): Promise<void> {
  await db.query(
    `update collection_policies set is_default = true
     where creditor_id = $1 and key = $2
       and not exists (select 1 from collection_policies where creditor_id = $1 and is_default)`,
    [creditorId, key],
  );
}

export type TRuleRow = {
  id: number;
  position: number;
  policy_id: number;
  policy_key: string;
  min_amount_cents: number | null;
  risk_classes: string[] | null;
  customer_groups: string[] | null;
  countries: string[] | null;
};

export async function listRuleRows(db: TSql, creditorId: number): Promise<TRuleRow[]> {
  return db.query<TRuleRow>(
    `select r.id, r.position, r.policy_id, p.key as policy_key, r.min_amount_cents, r.risk_classes,
            r.customer_groups, r.countries
     from collection_policy_rules r
     join collection_policies p on p.creditor_id = r.creditor_id and p.id = r.policy_id
     where r.creditor_id = $1 order by r.position`,
    [creditorId],
  );
}

export async function insertRule(
  db: TSql,
  creditorId: number,
  rule: {
    policyId: number;
    position: number | null;
    minAmountCents: number | null;
    riskClasses: string[] | null;
    customerGroups: string[] | null;
    countries: string[] | null;
  },
): Promise<{ id: number; position: number }> {
  const [row] = await db.query<{ id: number; position: number }>(
    `insert into collection_policy_rules (creditor_id, position, policy_id, min_amount_cents, risk_classes, customer_groups, countries)
     values ($1, coalesce($2, (select coalesce(max(position), 0) + 10 from collection_policy_rules where creditor_id = $1)),
             $3, $4, $5, $6, $7)
     returning id, position`,
    [
      creditorId,
      rule.position,
      rule.policyId,
      rule.minAmountCents,
      rule.riskClasses,
      rule.customerGroups,
      rule.countries,
    ],
  );
  return row!;
}

export async function deleteRule(db: TSql, creditorId: number, ruleId: number): Promise<boolean> {
  const rows = await db.query(
    'delete from collection_policy_rules where creditor_id = $1 and id = $2 returning id',
    [creditorId, ruleId],
  );
  return rows.length > 0;
}

export async function upsertDebtorPolicy(
  db: TSql,
  creditorId: number,
  debtorId: number,
  policyId: number | null,
): Promise<void> {
  if (policyId === null) {
    await db.query('delete from debtor_policies where creditor_id = $1 and debtor_id = $2', [
      creditorId,
      debtorId,
    ]);
    return;
  }
  await db.query(
    `insert into debtor_policies (creditor_id, debtor_id, policy_id) values ($1, $2, $3)
     on conflict (creditor_id, debtor_id) do update set policy_id = excluded.policy_id`,
    [creditorId, debtorId, policyId],
  );
}

export async function upsertInvoicePolicy(
  db: TSql,
  creditorId: number,
  invoiceId: number,
  policyId: number | null,
): Promise<void> {
  if (policyId === null) {
    await db.query('delete from invoice_policies where creditor_id = $1 and invoice_id = $2', [
      creditorId,
      invoiceId,
    ]);
    return;
  }
  await db.query(
    `insert into invoice_policies (creditor_id, invoice_id, policy_id) values ($1, $2, $3)
     on conflict (creditor_id, invoice_id) do update set policy_id = excluded.policy_id`,
    [creditorId, invoiceId, policyId],
  );
}

/**
 * Makes one policy the creditor's default. Two statements in the caller's transaction: the
 * partial unique index (one default per creditor) is checked row by row, so the old default is
 * cleared first.
 */
export async function setDefaultPolicy(db: TSql, creditorId: number, policyId: number): Promise<void> {
  await db.query(
    'update collection_policies set is_default = false where creditor_id = $1 and is_default and id <> $2',
    [creditorId, policyId],
  );
  await db.query('update collection_policies set is_default = true where creditor_id = $1 and id = $2', [
    creditorId,
    policyId,
  ]);
}

export type TOverrideRow = {
  scope: 'debtor' | 'invoice';
  debtor_vat: string | null;
  debtor_fiscal_code: string | null;
  debtor_name: string;
  invoice_number: string | null;
  invoice_year: number | null;
  policy_key: string;
};

/** The per-debtor and per-invoice overrides, optionally for one debtor, debtors first then invoices. */
export async function listOverrideRows(
  db: TSql,
  creditorId: number,
  debtorId: number | null,
  limit: number,
): Promise<TOverrideRow[]> {
  return db.query<TOverrideRow>(
    `select * from (
       select 'debtor' as scope, d.vat_number as debtor_vat, d.fiscal_code as debtor_fiscal_code,
              d.name as debtor_name, null::text as invoice_number, null::int4 as invoice_year, p.key as policy_key,
              d.id as debtor_id, 0::int8 as invoice_id
       from debtor_policies dp
       join debtors d on d.creditor_id = dp.creditor_id and d.id = dp.debtor_id
       join collection_policies p on p.creditor_id = dp.creditor_id and p.id = dp.policy_id
       where dp.creditor_id = $1 and ($2::int8 is null or dp.debtor_id = $2)
       union all
       select 'invoice', d.vat_number, d.fiscal_code, d.name, i.number,
              i.issue_year::int4, p.key, d.id, i.id
       from invoice_policies ip
       join invoices i on i.creditor_id = ip.creditor_id and i.id = ip.invoice_id
       join debtors d on d.creditor_id = i.creditor_id and d.id = i.debtor_id
       join collection_policies p on p.creditor_id = ip.creditor_id and p.id = ip.policy_id
       where ip.creditor_id = $1 and ($2::int8 is null or i.debtor_id = $2)
     ) o
     order by o.scope, o.debtor_name, o.debtor_id, o.invoice_id
     limit $3`,
    [creditorId, debtorId, limit],
  );
}
