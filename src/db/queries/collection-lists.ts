import type { TSql } from '../database.ts';

/** Read models for the worklist, the action log and the case list. */

export type TTaskListRow = {
  id: number;
  creditor_id: number;
  case_id: number;
  action_id: number | null;
  step_key: string | null;
  kind: string;
  status: string;
  due_date: string;
  assignee: string | null;
  reason: string | null;
  outcome: string | null;
  note: string | null;
  created_on: string;
  completed_on: string | null;
  broken_promises: number;
  debtor_id: number;
  debtor_name: string;
  debtor_vat_number: string | null;
  debtor_fiscal_code: string | null;
  instalments: Array<{
    id: number;
    invoiceNumber: string;
    dueDate: string;
    outstandingCents: number;
    currency: string;
  }>;
};

/** The worklist order, from the keys stored on each task (src/core/collection/priority.ts). */
const WORKLIST_ORDER = `k.priority_broken desc, k.priority_amount_cents desc, k.priority_oldest_due,
                        k.priority_risk desc, k.due_date, k.id`;

/**
 * Open tasks due on or before `asOf` (with the case's instalments still owed), in worklist order,
 * then completed ones when asked; at most `limit`. The order comes from keys stored on each task
 * (kept true by triggers, migration 20261124600900), so the index returns the first page
 * without reading every open task; the details are read for that page only.
 */
export async function listTaskRows(
  db: TSql,
  p: {
    creditorId: number | null;
    asOf: string;
    assignee: string | null;
    includeDone: boolean;
    debtorId: number | null;
    limit: number;
  },
): Promise<TTaskListRow[]> {
  const filter = `($1::int8 is null or k.creditor_id = $1)
    and ($2::text is null or k.assignee = $2)
    and ($3::int8 is null or exists (select 1 from collection_cases c
                                     where c.creditor_id = k.creditor_id and c.id = k.case_id and c.debtor_id = $3))`;
  const params = [p.creditorId, p.assignee, p.debtorId, p.limit];
  const open = await db.query<TTaskKey>(
    `select k.creditor_id, k.id from collection_tasks k
     where k.status = 'open' and k.due_date <= $5::date and ${filter}
     order by ${WORKLIST_ORDER} limit $4`,
    [...params, p.asOf],
  );
  const done =
    p.includeDone && open.length < p.limit
      ? await db.query<TTaskKey>(
          `select k.creditor_id, k.id from collection_tasks k
           where k.status <> 'open' and ${filter}
           order by ${WORKLIST_ORDER} limit $4`,
          [...params.slice(0, 3), p.limit - open.length],
        )
      : [];
  return taskRowsInOrder(db, [...open, ...done]);
}

type TTaskKey = { creditor_id: number; id: number };

async function taskRowsInOrder(db: TSql, keys: TTaskKey[]): Promise<TTaskListRow[]> {
  if (keys.length === 0) return [];
  return db.query<TTaskListRow>(
    `select k.id, k.creditor_id, k.case_id, k.action_id, k.step_key, k.kind, k.status, k.due_date, k.assignee,
            k.reason, k.outcome, k.note, k.created_on, k.completed_on, c.broken_promises,
            d.id as debtor_id, d.name as debtor_name, d.vat_number as debtor_vat_number, d.fiscal_code as debtor_fiscal_code,
            coalesce(x.instalments, '[]'::json) as instalments
     from unnest($1::int8[], $2::int8[]) with ordinality as page (creditor_id, id, position)
     join collection_tasks k on k.creditor_id = page.creditor_id and k.id = page.id
     join collection_cases c on c.creditor_id = k.creditor_id and c.id = k.case_id
     join debtors d on d.creditor_id = c.creditor_id and d.id = c.debtor_id
     left join lateral (
       select json_agg(json_build_object('id', o.id, 'invoiceNumber', o.number, 'dueDate', o.due_date,
                                         'outstandingCents', o.outstanding, 'currency', o.currency)
                       order by o.due_date, o.id) as instalments
       from (select t.id, i.number, t.due_date, i.currency,
                    t.amount_cents - coalesce((select sum(a.amount_cents) from allocations a
                                               where a.creditor_id = t.creditor_id and a.instalment_id = t.id), 0) as outstanding
             from case_instalments ci
             join instalments t on t.creditor_id = ci.creditor_id and t.id = ci.instalment_id
             join invoices i on i.creditor_id = t.creditor_id and i.id = t.invoice_id
             where ci.creditor_id = k.creditor_id and ci.case_id = k.case_id) o
       where o.outstanding > 0) x on true
     order by page.position`,
    [keys.map((k) => k.creditor_id), keys.map((k) => k.id)],
  );
}

export type TActionListRow = {
  id: number;
  creditor_id: number;
  case_id: number;
  step_key: string;
  channels: string[];
  tone: string;
  template: string;
  status: string;
  scheduled_on: string;
  created_on: string;
  done_on: string | null;
  total_cents: number;
  instalments: Array<{
    id: number;
    invoiceNumber: string;
    dueDate: string;
    outstandingCents: number;
    currency: string;
  }>;
  evidence_gaps: Array<{ invoiceNumber: string; question: string; answer: string }>;
  reason: string | null;
  is_after_broken_promise: boolean;
  debtor_id: number;
  debtor_name: string;
  debtor_vat_number: string | null;
  debtor_fiscal_code: string | null;
  task_kinds: string[];
};

export async function listActionRows(
  db: TSql,
  p: {
    creditorId: number | null;
    debtorId: number | null;
    date: string | null;
    afterId: number;
    limit: number;
  },
): Promise<TActionListRow[]> {
  return db.query<TActionListRow>(
    `select a.id, a.creditor_id, a.case_id, a.step_key, a.channels, a.tone, a.template, a.status, a.scheduled_on,
            a.created_on, a.done_on, a.total_cents, a.instalments, a.evidence_gaps, a.reason, a.is_after_broken_promise,
            d.id as debtor_id, d.name as debtor_name, d.vat_number as debtor_vat_number, d.fiscal_code as debtor_fiscal_code,
            coalesce((select array_agg(k.kind order by k.id) from collection_tasks k
                      where k.creditor_id = a.creditor_id and k.action_id = a.id), '{}') as task_kinds
     from collection_actions a
     join collection_cases c on c.creditor_id = a.creditor_id and c.id = a.case_id
     join debtors d on d.creditor_id = c.creditor_id and d.id = c.debtor_id
     where ($1::int8 is null or a.creditor_id = $1) and ($2::int8 is null or c.debtor_id = $2)
       and ($3::date is null or a.created_on = $3::date) and a.id > $4
     order by a.id
     limit $5`,
    [p.creditorId, p.debtorId, p.date, p.afterId, p.limit],
  );
}

export type TCaseListRow = {
  id: number;
  creditor_id: number;
  status: string;
  opened_on: string;
  anchor_due_date: string;
  closed_on: string | null;
  close_reason: string | null;
  assignee: string | null;
  broken_promises: number;
  policy_key: string;
  debtor_id: number;
  debtor_name: string;
  debtor_vat_number: string | null;
  debtor_fiscal_code: string | null;
  instalment_count: number;
  outstanding_cents: number;
  open_tasks: number;
  pending_promises: number;
  last_step_key: string | null;
  last_step_status: string | null;
  last_step_on: string | null;
};

export async function listCaseRows(
  db: TSql,
  p: {
    creditorId: number | null;
    debtorId: number | null;
    status: string | null;
    afterId: number;
    limit: number;
    /** Only the cases assigned to this person (an agency specialist's view). */
    assignee?: string | null;
  },
): Promise<TCaseListRow[]> {
  return db.query<TCaseListRow>(
    `select c.id, c.creditor_id, c.status, c.opened_on, c.anchor_due_date, c.closed_on, c.close_reason, c.assignee,
            c.broken_promises, p.key as policy_key,
            d.id as debtor_id, d.name as debtor_name, d.vat_number as debtor_vat_number, d.fiscal_code as debtor_fiscal_code,
            (select count(*) from case_instalments ci where ci.creditor_id = c.creditor_id and ci.case_id = c.id)::int8 as instalment_count,
            coalesce((select sum(t.amount_cents - coalesce((select sum(a.amount_cents) from allocations a
                                                             where a.creditor_id = t.creditor_id and a.instalment_id = t.id), 0))
                      from case_instalments ci join instalments t on t.creditor_id = ci.creditor_id and t.id = ci.instalment_id
                      where ci.creditor_id = c.creditor_id and ci.case_id = c.id), 0)::int8 as outstanding_cents,
            (select count(*) from collection_tasks k where k.creditor_id = c.creditor_id and k.case_id = c.id and k.status = 'open')::int8 as open_tasks,
            (select count(*) from collection_promises r where r.creditor_id = c.creditor_id and r.case_id = c.id and r.status = 'pending')::int8 as pending_promises,
            l.step_key as last_step_key, l.status as last_step_status, l.created_on as last_step_on
     from collection_cases c
     join collection_policies p on p.creditor_id = c.creditor_id and p.id = c.policy_id
     join debtors d on d.creditor_id = c.creditor_id and d.id = c.debtor_id
     left join lateral (select a.step_key, a.status, a.created_on from collection_actions a
                        where a.creditor_id = c.creditor_id and a.case_id = c.id and a.status <> 'skipped'
                        order by a.id desc limit 1) l on true
     where ($1::int8 is null or c.creditor_id = $1) and ($2::int8 is null or c.debtor_id = $2)
       and ($3::text is null or c.status = $3) and c.id > $4
       and ($6::text is null or c.assignee = $6)
     order by c.id
     limit $5`,
    [p.creditorId, p.debtorId, p.status, p.afterId, p.limit, p.assignee ?? null],
  );
}
