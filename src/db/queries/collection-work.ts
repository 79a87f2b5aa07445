import type { TSql } from '../database.ts';

/** Tasks, disputes, holds, promises: what operators change between runs. */

export type TInvoiceRef = {
  id: number;
  creditor_id: number;
  debtor_id: number;
  number: string;
  issue_date: string;
  type: string;
};

export async function findInvoicesByNumber(
  db: TSql,
  number: string,
  creditorId: number | null,
  year: number | null,
): Promise<TInvoiceRef[]> {
  return db.query<TInvoiceRef>(
    `select id, creditor_id, debtor_id, number, issue_date, type from invoices
     where number = $1 and ($2::int8 is null or creditor_id = $2) and ($3::int is null or issue_year = $3)
     order by creditor_id, issue_year desc`,
    [number, creditorId, year],
  );
}

export type TDisputeRow = {
  id: number;
  invoice_id: number;
  status: string;
  reason: string;
  opened_on: string;
  closed_on: string | null;
  resolution: string | null;
};

const DISPUTE_COLUMNS = 'id, invoice_id, status, reason, opened_on, closed_on, resolution';

/** Opens a dispute on each invoice not disputed yet; returns the ones opened. */
export async function insertDisputes(
  db: TSql,
  creditorId: number,
  invoiceIds: readonly number[],
  reason: string,
  openedOn: string,
): Promise<TDisputeRow[]> {
  if (invoiceIds.length === 0) return [];
  return db.query<TDisputeRow>(
    `insert into collection_disputes (creditor_id, invoice_id, reason, opened_on)
     select $1, x, $3, $4::date from unnest($2::int8[]) as x
     on conflict (creditor_id, invoice_id) where status = 'open' do nothing
     returning ${DISPUTE_COLUMNS}`,
    [creditorId, invoiceIds, reason, openedOn],
  );
}

export async function closeDisputeRow(
  db: TSql,
  creditorId: number,
  invoiceId: number,
  closedOn: string,
  resolution: string | null,
): Promise<TDisputeRow | undefined> {
  const [row] = await db.query<TDisputeRow>(
    `update collection_disputes set status = 'closed', closed_on = $3::date, resolution = $4
     where creditor_id = $1 and invoice_id = $2 and status = 'open'
     returning ${DISPUTE_COLUMNS}`,
    [creditorId, invoiceId, closedOn, resolution],
  );
  return row;
}

export type THoldRow = {
  id: number;
  debtor_id: number;
  invoice_id: number | null;
  reason: string;
  starts_on: string;
  ends_on: string | null;
  cleared_on: string | null;
};

const HOLD_COLUMNS = 'id, debtor_id, invoice_id, reason, starts_on, ends_on, cleared_on';

/** Holds of this scope not cleared and not ended before `today` (current or future). */
export async function findLiveHolds(
  db: TSql,
  creditorId: number,
  debtorId: number,
  invoiceId: number | null,
  today: string,
): Promise<THoldRow[]> {
  return db.query<THoldRow>(
    `select ${HOLD_COLUMNS} from collection_holds
     where creditor_id = $1 and debtor_id = $2 and invoice_id is not distinct from $3
       and cleared_on is null and (ends_on is null or ends_on >= $4::date)
     order by id`,
    [creditorId, debtorId, invoiceId, today],
  );
}

export async function insertHold(
  db: TSql,
  creditorId: number,
  h: { debtorId: number; invoiceId: number | null; reason: string; startsOn: string; endsOn: string | null },
): Promise<THoldRow> {
  const [row] = await db.query<THoldRow>(
    `insert into collection_holds (creditor_id, debtor_id, invoice_id, reason, starts_on, ends_on)
     values ($1, $2, $3, $4, $5, $6) returning ${HOLD_COLUMNS}`,
    [creditorId, h.debtorId, h.invoiceId, h.reason, h.startsOn, h.endsOn],
  );
  return row!;
}

export async function clearHoldRows(
  db: TSql,
  creditorId: number,
  ids: readonly number[],
  clearedOn: string,
): Promise<THoldRow[]> {
  return db.query<THoldRow>(
    `update collection_holds set cleared_on = $3::date
     where creditor_id = $1 and id = any($2::int8[]) and cleared_on is null returning ${HOLD_COLUMNS}`,
    [creditorId, ids, clearedOn],
  );
}

/** Serialises changes to one debtor's holds (two operators setting a hold at once). */
export async function lockDebtorRow(db: TSql, creditorId: number, debtorId: number): Promise<void> {
  await db.query('select id from debtors where creditor_id = $1 and id = $2 for update', [
    creditorId,
    debtorId,
  ]);
}

export type TTaskRow = {
  id: number;
  creditor_id: number;
  assignee: string | null;
  case_id: number;
  action_id: number | null;
  step_key: string | null;
  kind: string;
  status: string;
  due_date: string;
  outcome: string | null;
  created_on: string;
  completed_on: string | null;
  debtor_id: number;
  action_status: string | null;
  action_channels: string[] | null;
};

export async function lockTask(db: TSql, taskId: number): Promise<TTaskRow | undefined> {
  const [row] = await db.query<TTaskRow>(
    `select k.id, k.creditor_id, k.assignee, k.case_id, k.action_id, k.step_key, k.kind, k.status, k.due_date, k.outcome,
            k.created_on, k.completed_on, c.debtor_id, a.status as action_status, a.channels as action_channels
     from collection_tasks k
     join collection_cases c on c.creditor_id = k.creditor_id and c.id = k.case_id
     left join collection_actions a on a.creditor_id = k.creditor_id and a.id = k.action_id
     where k.id = $1
     for update of k`,
    [taskId],
  );
  return row;
}

export async function markTaskDone(
  db: TSql,
  creditorId: number,
  taskId: number,
  done: { outcome: string; note: string | null; on: string; by: string },
): Promise<boolean> {
  const rows = await db.query(
    `update collection_tasks set status = 'done', outcome = $3, note = $4, completed_on = $5::date, completed_by = $6
     where creditor_id = $1 and id = $2 and status = 'open' returning id`,
    [creditorId, taskId, done.outcome, done.note, done.on, done.by],
  );
  return rows.length > 0;
}

export async function countOpenActionTasks(db: TSql, creditorId: number, actionId: number): Promise<number> {
  const [row] = await db.query<{ n: number }>(
    `select count(*)::int8 as n from collection_tasks where creditor_id = $1 and action_id = $2 and status = 'open'`,
    [creditorId, actionId],
  );
  return row?.n ?? 0;
}

export async function setActionStatus(
  db: TSql,
  creditorId: number,
  actionId: number,
  status: string,
  doneOn: string | null,
): Promise<void> {
  await db.query(
    `update collection_actions set status = $3, done_on = $4::date where creditor_id = $1 and id = $2`,
    [creditorId, actionId, status, doneOn],
  );
}

export type TCaseInstalmentRow = {
  id: number;
  invoice_id: number;
  invoice_number: string;
  currency: string;
  due_date: string;
  outstanding_cents: number;
};

/** The case's instalments with something still owed, oldest due first. */
export async function caseOpenInstalments(
  db: TSql,
  creditorId: number,
  caseId: number,
): Promise<TCaseInstalmentRow[]> {
  return db
    .query<TCaseInstalmentRow>(
      `select t.id, t.invoice_id, i.number as invoice_number, i.currency, t.due_date,
            (t.amount_cents - coalesce((select sum(a.amount_cents) from allocations a
                                        where a.creditor_id = t.creditor_id and a.instalment_id = t.id), 0))::int8 as outstanding_cents
     from case_instalments ci
     join instalments t on t.creditor_id = ci.creditor_id and t.id = ci.instalment_id
     join invoices i on i.creditor_id = t.creditor_id and i.id = t.invoice_id
     where ci.creditor_id = $1 and ci.case_id = $2
     order by t.due_date, t.id`,
      [creditorId, caseId],
    )
    .then((rows) => rows.filter((r) => r.outstanding_cents > 0));
}

/** Whether a written communication (letter, registered letter, PEC) already went out in the case. */
export async function hasWrittenStep(db: TSql, creditorId: number, caseId: number): Promise<boolean> {
  const [row] = await db.query(
    `select 1 from collection_actions
     where creditor_id = $1 and case_id = $2 and status in ('queued', 'sent', 'done')
       and channels && array['letter', 'registered-letter', 'pec']::text[]
     limit 1`,
    [creditorId, caseId],
  );
  return row !== undefined;
}

export async function insertPlan(
  db: TSql,
  creditorId: number,
  p: { caseId: number; taskId: number; agreedOn: string },
): Promise<number> {
  const [row] = await db.query<{ id: number }>(
    `insert into payment_plans (creditor_id, case_id, task_id, agreed_on) values ($1, $2, $3, $4) returning id`,
    [creditorId, p.caseId, p.taskId, p.agreedOn],
  );
  return row!.id;
}

export async function insertPromises(
  db: TSql,
  creditorId: number,
  p: { caseId: number; taskId: number; planId: number | null; madeOn: string },
  items: ReadonlyArray<{ dueDate: string; amountCents: number }>,
): Promise<number[]> {
  const rows = await db.query<{ id: number }>(
    `insert into collection_promises (creditor_id, case_id, task_id, plan_id, seq, made_on, due_date, amount_cents)
     select $1, $2, $3, $4, x.seq, $5::date, x.due_date, x.amount_cents
     from unnest($6::int[], $7::date[], $8::int8[]) as x(seq, due_date, amount_cents)
     order by x.seq
     returning id`,
    [
      creditorId,
      p.caseId,
      p.taskId,
      p.planId,
      p.madeOn,
      items.map((_, i) => i + 1),
      items.map((i) => i.dueDate),
      items.map((i) => i.amountCents),
    ],
  );
  return rows.map((r) => r.id);
}
