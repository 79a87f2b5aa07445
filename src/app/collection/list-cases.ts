import { formatAmount } from '../../core/shared/money.ts';
import type { TSql } from '../../db/database.ts';
import { listCaseRows, type TCaseListRow } from '../../db/queries/collection-lists.ts';

/** The public JSON shape of a case (`cases list --json`). */
export type TCaseView = {
  id: number;
  status: string;
  /** Why nothing moves, or that it does: closed, waiting-for-task, promised, active. */
  state: 'closed' | 'waiting-for-task' | 'promised' | 'active';
  policy: string;
  openedOn: string;
  anchorDueDate: string;
  closedOn: string | null;
  closeReason: string | null;
  assignee: string | null;
  brokenPromises: number;
  debtor: { id: number; name: string; vatNumber: string | null; fiscalCode: string | null };
  instalmentCount: number;
  outstanding: string;
  openTasks: number;
  lastStep: { key: string; status: string; date: string } | null;
};

function stateOf(r: TCaseListRow): TCaseView['state'] {
  if (r.status === 'closed') return 'closed';
  if (r.open_tasks > 0) return 'waiting-for-task';
  if (r.pending_promises > 0) return 'promised';
  return 'active';
}

export async function listCases(
  db: TSql,
  p: {
    creditorId?: number | null;
    debtorId?: number | null;
    status?: 'open' | 'closed' | null;
    afterId?: number;
    limit?: number;
    assignee?: string | null;
  },
): Promise<TCaseView[]> {
  const rows = await listCaseRows(db, {
    creditorId: p.creditorId ?? null,
    debtorId: p.debtorId ?? null,
    status: p.status ?? null,
    afterId: p.afterId ?? 0,
    limit: Math.min(p.limit ?? 1000, 10_000),
    assignee: p.assignee ?? null,
  });
  return rows.map((r) => ({
    id: r.id,
    status: r.status,
    state: stateOf(r),
    policy: r.policy_key,
    openedOn: r.opened_on,
    anchorDueDate: r.anchor_due_date,
    closedOn: r.closed_on,
    closeReason: r.close_reason,
    assignee: r.assignee,
    brokenPromises: r.broken_promises,
    debtor: {
      id: r.debtor_id,
      name: r.debtor_name,
      vatNumber: r.debtor_vat_number,
      fiscalCode: r.debtor_fiscal_code,
    },
    instalmentCount: r.instalment_count,
    outstanding: formatAmount(r.outstanding_cents),
    openTasks: r.open_tasks,
    lastStep: r.last_step_key
      ? { key: r.last_step_key, status: r.last_step_status!, date: r.last_step_on! }
      : null,
  }));
}
