import type { TSql } from '../database.ts';

/**
 * What the daily run reads, one range of debtor ids at a time (debtor_id in (afterId, upToId]):
 * a handful of set-based queries per batch instead of one query per debtor.
 */
export type TDebtorRange = { creditorId: number; afterId: number; upToId: number };

/** The upper bound of the next batch: the id of the `size`-th debtor after `afterId`. */
export async function nextDebtorRange(
  db: TSql,
  creditorId: number,
  afterId: number,
  size: number,
): Promise<TDebtorRange | null> {
  const [row] = await db.query<{ up_to: number | null }>(
    `select max(id)::int8 as up_to from (
       select id from debtors where creditor_id = $1 and id > $2 order by id limit $3) d`,
    [creditorId, afterId, size],
  );
  return row?.up_to ? { creditorId, afterId, upToId: row.up_to } : null;
}

/**
 * The debtors of the range with something to decide; the rest cost one server-side pass and
 * no rows. A debtor is a candidate when it has an owed instalment due by `horizon` that no case
 * chases yet (a case to open, or an instalment to join), an open case not waiting for a task
 * (its next step may be due), a pending promise (to keep or break), or an open case with nothing
 * owed any more (to close, even while a task waits).
 */
export async function candidateDebtorIds(db: TSql, r: TDebtorRange, horizon: string): Promise<number[]> {
  const rows = await db.query<{ debtor_id: number }>(
    `select i.debtor_id from invoices i
     join instalments t on t.creditor_id = i.creditor_id and t.invoice_id = i.id
     where i.creditor_id = $1 and i.debtor_id > $2 and i.debtor_id <= $3 and t.due_date <= $4::date
       and not exists (select 1 from case_instalments ci where ci.creditor_id = t.creditor_id and ci.instalment_id = t.id)
       and t.amount_cents > coalesce((select sum(a.amount_cents) from allocations a
                                      where a.creditor_id = t.creditor_id and a.instalment_id = t.id), 0)
     union
     select c.debtor_id from collection_cases c
     where c.creditor_id = $1 and c.debtor_id > $2 and c.debtor_id <= $3 and c.status = 'open'
       and ((c.handed_over_on is null -- a handed-over case only needs a look once settled
             and (not exists (select 1 from collection_tasks k where k.creditor_id = c.creditor_id and k.case_id = c.id and k.status = 'open')
                  or exists (select 1 from collection_promises p where p.creditor_id = c.creditor_id and p.case_id = c.id and p.status = 'pending')))
            or not exists (
              select 1 from case_instalments ci
              join instalments t on t.creditor_id = ci.creditor_id and t.id = ci.instalment_id
              where ci.creditor_id = c.creditor_id and ci.case_id = c.id
                and t.amount_cents > coalesce((select sum(a.amount_cents) from allocations a
                                               where a.creditor_id = t.creditor_id and a.instalment_id = t.id), 0)))`,
    [r.creditorId, r.afterId, r.upToId, horizon],
  );
  return rows.map((x) => x.debtor_id).sort((a, b) => a - b);
}

export type TStateInstalmentRow = {
  id: number;
  invoice_id: number;
  debtor_id: number;
  invoice_number: string;
  currency: string;
  due_date: string;
  amount_cents: number;
  outstanding_cents: number;
  payment_method: string | null;
  terms_agreed: string;
  invoice_accurate: string;
  receipt_confirmed: string;
  delivery_proof: string;
  payment_instructions: string;
  case_id: number | null;
  invoice_policy_id: number | null;
};

/**
 * Instalments with something still owed that are due by `horizon` (today plus the longest lead
 * of any policy) or already chased by an open case. Instalments of a closed case stay out.
 */
export async function loadStateInstalments(
  db: TSql,
  r: TDebtorRange,
  debtorIds: readonly number[],
  horizon: string,
): Promise<TStateInstalmentRow[]> {
  return db.query<TStateInstalmentRow>(
    `select t.id, t.invoice_id, i.debtor_id, i.number as invoice_number, i.currency, t.due_date, t.amount_cents,
            (t.amount_cents - coalesce(s.settled, 0))::int8 as outstanding_cents, i.payment_method,
            i.terms_agreed, i.invoice_accurate, i.receipt_confirmed, i.delivery_proof, i.payment_instructions,
            ci.case_id, ip.policy_id as invoice_policy_id
     from invoices i
     join instalments t on t.creditor_id = i.creditor_id and t.invoice_id = i.id
     left join lateral (select sum(a.amount_cents) as settled from allocations a
                        where a.creditor_id = t.creditor_id and a.instalment_id = t.id) s on true
     left join case_instalments ci on ci.creditor_id = t.creditor_id and ci.instalment_id = t.id
     left join collection_cases cc on cc.creditor_id = ci.creditor_id and cc.id = ci.case_id
     left join invoice_policies ip on ip.creditor_id = i.creditor_id and ip.invoice_id = i.id
     where i.creditor_id = $1 and i.debtor_id > $4 and i.debtor_id <= $5 and i.debtor_id = any($2::int8[])
       and (t.due_date <= $3::date or cc.status = 'open')
       and t.amount_cents > coalesce(s.settled, 0)
       and (cc.status is null or cc.status = 'open')
     order by i.debtor_id, t.due_date, t.id`,
    [r.creditorId, debtorIds, horizon, r.afterId, r.upToId],
  );
}

export type TStateDebtorRow = {
  id: number;
  name: string;
  vat_number: string | null;
  fiscal_code: string | null;
  country: string;
  customer_group: string | null;
  policy_id: number | null;
};

export async function loadStateDebtors(
  db: TSql,
  creditorId: number,
  ids: readonly number[],
): Promise<TStateDebtorRow[]> {
  return db.query<TStateDebtorRow>(
    `select d.id, d.name, d.vat_number, d.fiscal_code, d.country, d.customer_group, dp.policy_id
     from debtors d
     left join debtor_policies dp on dp.creditor_id = d.creditor_id and dp.debtor_id = d.id
     where d.creditor_id = $1 and d.id = any($2::int8[])`,
    [creditorId, ids],
  );
}

let hasRiskTable: boolean | undefined;

/**
 * Risk classes come from the risk scoring's debtor_risk table. The collection engine does not
 * depend on that module being installed: without the table every debtor's class is unknown.
 */
export async function loadRiskClasses(
  db: TSql,
  creditorId: number,
  ids: readonly number[],
): Promise<Map<number, string>> {
  if (hasRiskTable !== true) {
    const [row] = await db.query<{ present: boolean }>(
      `select to_regclass('debtor_risk') is not null as present`,
    );
    hasRiskTable = row?.present === true ? true : undefined;
    if (!hasRiskTable) return new Map();
  }
  const rows = await db.query<{ debtor_id: number; class: string }>(
    `select debtor_id, class from debtor_risk where creditor_id = $1 and debtor_id = any($2::int8[]) and class is not null`,
    [creditorId, ids],
  );
  return new Map(rows.map((r) => [r.debtor_id, r.class]));
}

export type TStateCaseRow = {
  id: number;
  debtor_id: number;
  policy_id: number;
  anchor_due_date: string;
  broken_promises: number;
  handed_over_on: string | null;
  policy_switched_on: string | null;
  open_tasks: number;
};

export async function loadOpenCases(
  db: TSql,
  creditorId: number,
  debtorIds: readonly number[],
): Promise<TStateCaseRow[]> {
  return db.query<TStateCaseRow>(
    `select c.id, c.debtor_id, c.policy_id, c.anchor_due_date, c.broken_promises, c.handed_over_on, c.policy_switched_on,
            (select count(*) from collection_tasks k
             where k.creditor_id = c.creditor_id and k.case_id = c.id and k.status = 'open')::int8 as open_tasks
     from collection_cases c
     where c.creditor_id = $1 and c.debtor_id = any($2::int8[]) and c.status = 'open'`,
    [creditorId, debtorIds],
  );
}

export type TStateStepRow = {
  case_id: number;
  step_key: string;
  status: string;
  created_on: string;
  done_on: string | null;
};

export async function loadCaseSteps(
  db: TSql,
  creditorId: number,
  caseIds: readonly number[],
): Promise<TStateStepRow[]> {
  if (caseIds.length === 0) return [];
  return db.query<TStateStepRow>(
    `select case_id, step_key, status, created_on, done_on from collection_actions
     where creditor_id = $1 and case_id = any($2::int8[])`,
    [creditorId, caseIds],
  );
}

export type TStatePromiseRow = {
  id: number;
  case_id: number;
  plan_id: number | null;
  seq: number;
  made_on: string;
  due_date: string;
  amount_cents: number;
  status: 'pending' | 'kept' | 'broken' | 'cancelled';
  paid_since_cents: number;
};

/**
 * Promises of open cases that still matter: pending ones, and every promise of a plan that has
 * a pending one (a plan is judged on running totals). Paid-since counts payments (not credit
 * notes) on the case's instalments with a value date on or after the promise was made.
 */
export async function loadCasePromises(
  db: TSql,
  creditorId: number,
  caseIds: readonly number[],
): Promise<TStatePromiseRow[]> {
  if (caseIds.length === 0) return [];
  return db.query<TStatePromiseRow>(
    `select p.id, p.case_id, p.plan_id, p.seq, p.made_on, p.due_date, p.amount_cents, p.status,
            coalesce((select sum(a.amount_cents) from case_instalments ci
                      join allocations a on a.creditor_id = ci.creditor_id and a.instalment_id = ci.instalment_id
                      where ci.creditor_id = p.creditor_id and ci.case_id = p.case_id
                        and a.payment_id is not null and a.allocated_on >= p.made_on), 0)::int8 as paid_since_cents
     from collection_promises p
     where p.creditor_id = $1 and p.case_id = any($2::int8[])
       and (p.status = 'pending' or (p.plan_id is not null and exists (
             select 1 from collection_promises q
             where q.creditor_id = p.creditor_id and q.plan_id = p.plan_id and q.status = 'pending')))`,
    [creditorId, caseIds],
  );
}

export async function loadOpenDisputes(
  db: TSql,
  creditorId: number,
  debtorIds: readonly number[],
): Promise<Array<{ invoice_id: number }>> {
  return db.query<{ invoice_id: number }>(
    `select x.invoice_id from collection_disputes x
     join invoices i on i.creditor_id = x.creditor_id and i.id = x.invoice_id
     where x.creditor_id = $1 and i.debtor_id = any($2::int8[]) and x.status = 'open'`,
    [creditorId, debtorIds],
  );
}

export type TStateHoldRow = {
  id: number;
  debtor_id: number;
  invoice_id: number | null;
  starts_on: string;
  ends_on: string | null;
};

export async function loadHolds(
  db: TSql,
  creditorId: number,
  debtorIds: readonly number[],
): Promise<TStateHoldRow[]> {
  return db.query<TStateHoldRow>(
    `select id, debtor_id, invoice_id, starts_on, ends_on from collection_holds
     where creditor_id = $1 and debtor_id = any($2::int8[]) and cleared_on is null`,
    [creditorId, debtorIds],
  );
}

/**
 * The balance at the moment of creation: locks the instalments (payments lock them too, so a
 * payment and the creation of a message about it never interleave) and returns what is owed.
 */
export async function lockOutstanding(
  db: TSql,
  creditorId: number,
  instalmentIds: readonly number[],
): Promise<Map<number, number>> {
  if (instalmentIds.length === 0) return new Map();
  await db.query(
    'select id from instalments where creditor_id = $1 and id = any($2::int8[]) order by id for share',
    [creditorId, instalmentIds],
  );
  const rows = await db.query<{ id: number; outstanding_cents: number }>(
    `select t.id, (t.amount_cents - coalesce(sum(a.amount_cents), 0))::int8 as outstanding_cents
     from instalments t
     left join allocations a on a.creditor_id = t.creditor_id and a.instalment_id = t.id
     where t.creditor_id = $1 and t.id = any($2::int8[])
     group by t.id, t.creditor_id`,
    [creditorId, instalmentIds],
  );
  return new Map(rows.map((r) => [r.id, r.outstanding_cents]));
}
