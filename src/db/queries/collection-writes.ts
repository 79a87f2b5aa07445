import type { TSql } from '../database.ts';

/** What the run writes, set-based (unnest), each insert guarded by the constraint that makes it once-only. */

export type TNewCase = { debtorId: number; policyId: number; policySource: string; anchorDueDate: string };

/** Opens cases; a debtor that already has an open case (a concurrent run) gets none. */
export async function insertCases(
  db: TSql,
  creditorId: number,
  openedOn: string,
  cases: readonly TNewCase[],
): Promise<Array<{ id: number; debtor_id: number }>> {
  if (cases.length === 0) return [];
  return db.query(
    `insert into collection_cases (creditor_id, debtor_id, policy_id, opened_on, anchor_due_date, policy_source)
     select $1, c.debtor_id, c.policy_id, $2::date, c.anchor_due_date, c.policy_source
     from unnest($3::int8[], $4::int8[], $5::date[], $6::text[]) as c(debtor_id, policy_id, anchor_due_date, policy_source)
     on conflict (creditor_id, debtor_id) where status = 'open' do nothing
     returning id, debtor_id`,
    [
      creditorId,
      openedOn,
      cases.map((c) => c.debtorId),
      cases.map((c) => c.policyId),
      cases.map((c) => c.anchorDueDate),
      cases.map((c) => c.policySource),
    ],
  );
}

export async function insertCaseInstalments(
  db: TSql,
  creditorId: number,
  joinedOn: string,
  rows: ReadonlyArray<{ caseId: number; instalmentId: number }>,
): Promise<Array<{ case_id: number; instalment_id: number }>> {
  if (rows.length === 0) return [];
  return db.query(
    `insert into case_instalments (creditor_id, case_id, instalment_id, joined_on)
     select $1, r.case_id, r.instalment_id, $2::date from unnest($3::int8[], $4::int8[]) as r(case_id, instalment_id)
     on conflict do nothing
     returning case_id, instalment_id`,
    [creditorId, joinedOn, rows.map((r) => r.caseId), rows.map((r) => r.instalmentId)],
  );
}

export async function resolvePromiseRows(
  db: TSql,
  creditorId: number,
  resolvedOn: string,
  updates: ReadonlyArray<{ promiseId: number; status: string }>,
): Promise<Array<{ id: number; case_id: number; status: string; amount_cents: number; due_date: string }>> {
  if (updates.length === 0) return [];
  return db.query(
    `update collection_promises p set status = u.status, resolved_on = $2::date
     from unnest($3::int8[], $4::text[]) as u(id, status)
     where p.creditor_id = $1 and p.id = u.id and p.status = 'pending'
     returning p.id, p.case_id, p.status, p.amount_cents, p.due_date`,
    [creditorId, resolvedOn, updates.map((u) => u.promiseId), updates.map((u) => u.status)],
  );
}

export async function countBrokenPromises(
  db: TSql,
  creditorId: number,
  caseIds: readonly number[],
): Promise<void> {
  if (caseIds.length === 0) return;
  await db.query(
    `update collection_cases set broken_promises = broken_promises + 1 where creditor_id = $1 and id = any($2::int8[])`,
    [creditorId, caseIds],
  );
}

export type TNewAction = {
  caseId: number;
  stepKey: string;
  channels: readonly string[];
  tone: string;
  template: string;
  status: string;
  scheduledOn: string;
  doneOn: string | null;
  totalCents: number;
  instalments: unknown;
  evidenceGaps: unknown;
  reason: string | null;
  isAfterBrokenPromise: boolean;
};

/** The exactly-once guarantee: a (case, step) already taken is silently not inserted again. */
export async function insertActions(
  db: TSql,
  creditorId: number,
  createdOn: string,
  actions: readonly TNewAction[],
): Promise<Array<{ id: number; case_id: number; step_key: string }>> {
  if (actions.length === 0) return [];
  return db.query(
    `insert into collection_actions (creditor_id, case_id, step_key, channels, tone, template, status, scheduled_on,
       created_on, done_on, total_cents, instalments, evidence_gaps, reason, is_after_broken_promise)
     select $1, a.case_id, a.step_key, string_to_array(a.channels, ','), a.tone, a.template, a.status, a.scheduled_on,
            $2::date, a.done_on, a.total_cents, a.instalments::jsonb, a.evidence_gaps::jsonb, a.reason, a.flag
     from unnest($3::int8[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::date[], $10::date[],
                 $11::int8[], $12::text[], $13::text[], $14::text[], $15::bool[])
       as a(case_id, step_key, channels, tone, template, status, scheduled_on, done_on, total_cents, instalments,
            evidence_gaps, reason, flag)
     on conflict (creditor_id, case_id, step_key) do nothing
     returning id, case_id, step_key`,
    [
      creditorId,
      createdOn,
      actions.map((a) => a.caseId),
      actions.map((a) => a.stepKey),
      actions.map((a) => a.channels.join(',')),
      actions.map((a) => a.tone),
      actions.map((a) => a.template),
      actions.map((a) => a.status),
      actions.map((a) => a.scheduledOn),
      actions.map((a) => a.doneOn),
      actions.map((a) => a.totalCents),
      actions.map((a) => JSON.stringify(a.instalments)),
      actions.map((a) => JSON.stringify(a.evidenceGaps)),
      actions.map((a) => a.reason),
      actions.map((a) => a.isAfterBrokenPromise),
    ],
  );
}

export type TNewTask = {
  caseId: number;
  actionId: number | null;
  stepKey: string | null;
  kind: string;
  dueDate: string;
  assignee: string | null;
  reason: string | null;
};

export async function insertTasks(
  db: TSql,
  creditorId: number,
  createdOn: string,
  tasks: readonly TNewTask[],
): Promise<Array<{ id: number; case_id: number; action_id: number | null; kind: string }>> {
  if (tasks.length === 0) return [];
  return db.query(
    `insert into collection_tasks (creditor_id, case_id, action_id, step_key, kind, due_date, assignee, reason, created_on)
     select $1, t.case_id, t.action_id, t.step_key, t.kind, t.due_date, coalesce(t.assignee, c.assignee), t.reason, $2::date
     from unnest($3::int8[], $4::int8[], $5::text[], $6::text[], $7::date[], $8::text[], $9::text[])
       as t(case_id, action_id, step_key, kind, due_date, assignee, reason)
     join collection_cases c on c.creditor_id = $1 and c.id = t.case_id
     returning id, case_id, action_id, kind`,
    [
      creditorId,
      createdOn,
      tasks.map((t) => t.caseId),
      tasks.map((t) => t.actionId),
      tasks.map((t) => t.stepKey),
      tasks.map((t) => t.kind),
      tasks.map((t) => t.dueDate),
      tasks.map((t) => t.assignee),
      tasks.map((t) => t.reason),
    ],
  );
}

/** Closes settled cases; their open tasks and waiting steps have nothing left to chase. */
export async function closeCases(
  db: TSql,
  creditorId: number,
  closedOn: string,
  caseIds: readonly number[],
  reason: string,
): Promise<Array<{ id: number; debtor_id: number }>> {
  if (caseIds.length === 0) return [];
  const closed = await db.query<{ id: number; debtor_id: number }>(
    `update collection_cases set status = 'closed', closed_on = $2::date, close_reason = $3
     where creditor_id = $1 and id = any($4::int8[]) and status = 'open'
     returning id, debtor_id`,
    [creditorId, closedOn, reason, caseIds],
  );
  const ids = closed.map((c) => c.id);
  if (ids.length > 0) {
    await db.query(
      `update collection_tasks set status = 'cancelled', note = coalesce(note, 'case closed')
       where creditor_id = $1 and case_id = any($2::int8[]) and status = 'open'`,
      [creditorId, ids],
    );
    await db.query(
      `update collection_actions set status = 'cancelled', done_on = $3::date
       where creditor_id = $1 and case_id = any($2::int8[]) and status in ('pending', 'review')`,
      [creditorId, ids, closedOn],
    );
    await db.query(
      `update collection_promises set status = 'kept', resolved_on = $3::date
       where creditor_id = $1 and case_id = any($2::int8[]) and status = 'pending'`,
      [creditorId, ids, closedOn],
    );
  }
  return closed;
}

/**
 * Fresh planner statistics for the tables the run grows. A first run fills them from nothing,
 * faster than autovacuum notices: with stale statistics (zero rows) PostgreSQL sees every index
 * of collection_tasks as one page and may look cases up through the worklist index, scanning
 * every open task of the creditor for each case (a run 5x slower, measured). Sampled: cheap.
 */
export async function analyzeCollectionTables(db: TSql): Promise<void> {
  await db.query('analyze collection_cases, case_instalments, collection_actions, collection_tasks');
}
