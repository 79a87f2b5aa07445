import type { TRiskClass } from '../../core/collection/policy.ts';
import type { TCalendarDate } from '../../core/shared/calendar-date.ts';
import { formatAmount, sumCents } from '../../core/shared/money.ts';
import type { TSql } from '../../db/database.ts';
import { listTaskRows } from '../../db/queries/collection-lists.ts';
import { loadRiskClasses } from '../../db/queries/collection-state.ts';

/** The public JSON shape of a task (`tasks list --json`). */
export type TTaskView = {
  id: number;
  caseId: number;
  dueDate: string;
  stepKey: string | null;
  kind: string;
  status: string;
  isLate: boolean;
  assignee: string | null;
  reason: string | null;
  outcome: string | null;
  completedOn: string | null;
  hasBrokenPromise: boolean;
  riskClass: string | null;
  debtor: { id: number; name: string; vatNumber: string | null; fiscalCode: string | null };
  instalments: Array<{
    id: number;
    invoiceNumber: string;
    dueDate: string;
    outstanding: string;
    currency: string;
  }>;
  amount: string;
};

export type TListTasksParams = {
  asOf: TCalendarDate;
  creditorId?: number | null;
  debtorId?: number | null;
  assignee?: string | null;
  includeDone?: boolean;
  limit?: number;
};

/**
 * The operators' worklist for a day: open tasks due by then (late ones marked), in priority
 * order (broken promises, amount, age, risk: src/core/collection/priority.ts, applied by the
 * query from keys stored on each task), then completed tasks on request.
 */
export async function listTasks(db: TSql, p: TListTasksParams): Promise<TTaskView[]> {
  const rows = await listTaskRows(db, {
    creditorId: p.creditorId ?? null,
    asOf: p.asOf,
    assignee: p.assignee ?? null,
    includeDone: p.includeDone ?? false,
    debtorId: p.debtorId ?? null,
    limit: p.limit ?? 1000,
  });
  const risk = new Map<string, string>();
  for (const creditorId of new Set(rows.map((r) => r.creditor_id))) {
    const classes = await loadRiskClasses(
      db,
      creditorId,
      rows.filter((r) => r.creditor_id === creditorId).map((r) => r.debtor_id),
    );
    for (const [debtorId, cls] of classes) risk.set(`${creditorId}:${debtorId}`, cls);
  }
  return rows.map((r) => {
    const amountCents = sumCents(r.instalments.map((i) => Number(i.outstandingCents)));
    const riskClass = (risk.get(`${r.creditor_id}:${r.debtor_id}`) as TRiskClass | undefined) ?? null;
    const currency = r.instalments[0]?.currency ?? 'EUR';
    return {
      id: r.id,
      caseId: r.case_id,
      dueDate: r.due_date,
      stepKey: r.step_key,
      kind: r.kind,
      status: r.status,
      isLate: r.status === 'open' && r.due_date < p.asOf,
      assignee: r.assignee,
      reason: r.reason,
      outcome: r.outcome,
      completedOn: r.completed_on,
      hasBrokenPromise: r.broken_promises > 0,
      riskClass,
      debtor: {
        id: r.debtor_id,
        name: r.debtor_name,
        vatNumber: r.debtor_vat_number,
        fiscalCode: r.debtor_fiscal_code,
      },
      instalments: r.instalments.map((i) => ({
        id: i.id,
        invoiceNumber: i.invoiceNumber,
        dueDate: i.dueDate,
        outstanding: formatAmount(Number(i.outstandingCents), i.currency),
        currency: i.currency,
      })),
      amount: formatAmount(amountCents, currency),
    };
  });
}
