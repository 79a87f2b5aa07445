import type { TSql } from '../database.ts';

export type TSwitchableCaseRow = {
  id: number;
  debtor_id: number;
  policy_id: number;
  anchor_due_date: string;
  policy_switched_on: string | null;
  country: string;
  customer_group: string | null;
  owed_cents: number;
};

/**
 * Open cases of these debtors whose policy came from a rule or the default (an override stays),
 * not handed over (the agency's now), with what they still chase: rules on amount see it.
 */
export async function loadSwitchableCases(
  db: TSql,
  creditorId: number,
  debtorIds: readonly number[],
): Promise<TSwitchableCaseRow[]> {
  if (debtorIds.length === 0) return [];
  return db.query<TSwitchableCaseRow>(
    `select c.id, c.debtor_id, c.policy_id, c.anchor_due_date, c.policy_switched_on, d.country, d.customer_group,
            coalesce((select sum(t.amount_cents - coalesce((select sum(a.amount_cents) from allocations a
                                                             where a.creditor_id = t.creditor_id and a.instalment_id = t.id), 0))
                      from case_instalments ci
                      join instalments t on t.creditor_id = ci.creditor_id and t.id = ci.instalment_id
                      where ci.creditor_id = c.creditor_id and ci.case_id = c.id), 0)::int8 as owed_cents
     from collection_cases c
     join debtors d on d.creditor_id = c.creditor_id and d.id = c.debtor_id
     where c.creditor_id = $1 and c.debtor_id = any($2::int8[]) and c.status = 'open'
       and c.handed_over_on is null and c.policy_source in ('rule', 'default')
     order by c.id`,
    [creditorId, debtorIds],
  );
}

/** Switches the case; the guard on the old policy makes a concurrent switch a no-op, not a double. */
export async function switchCasePolicy(
  db: TSql,
  creditorId: number,
  c: { caseId: number; fromPolicyId: number; toPolicyId: number; source: 'rule' | 'default'; on: string },
): Promise<boolean> {
  const rows = await db.query(
    `update collection_cases set policy_id = $4, policy_source = $5, policy_switched_on = $6::date
     where creditor_id = $1 and id = $2 and policy_id = $3 and status = 'open'
     returning id`,
    [creditorId, c.caseId, c.fromPolicyId, c.toPolicyId, c.source, c.on],
  );
  return rows.length === 1;
}
