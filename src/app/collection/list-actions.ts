import type { TEvidenceGap } from '../../core/collection/case-state.ts';
import { formatAmount } from '../../core/shared/money.ts';
import type { TSql } from '../../db/database.ts';
import { listActionRows } from '../../db/queries/collection-lists.ts';
import { instalmentViews, type TActionView, type TStoredInstalment } from './action-view.ts';

export type TListActionsParams = {
  creditorId?: number | null;
  debtorId?: number | null;
  date?: string | null;
  afterId?: number;
  limit?: number;
};

export type TListedActionView = TActionView & { doneOn: string | null };

/** Every action taken (or skipped) in every case, oldest first: what was sent, to whom, about what. */
export async function listActions(db: TSql, p: TListActionsParams = {}): Promise<TListedActionView[]> {
  const rows = await listActionRows(db, {
    creditorId: p.creditorId ?? null,
    debtorId: p.debtorId ?? null,
    date: p.date ?? null,
    afterId: p.afterId ?? 0,
    limit: Math.min(p.limit ?? 1000, 10_000),
  });
  return rows.map((r) => {
    const instalments = r.instalments as TStoredInstalment[];
    return {
      id: r.id,
      caseId: r.case_id,
      date: r.created_on,
      scheduledOn: r.scheduled_on,
      doneOn: r.done_on,
      stepKey: r.step_key,
      channel: r.channels.join('+'),
      channels: r.channels,
      tone: r.tone,
      template: r.template,
      status: r.status,
      debtor: {
        id: r.debtor_id,
        name: r.debtor_name,
        vatNumber: r.debtor_vat_number,
        fiscalCode: r.debtor_fiscal_code,
      },
      instalments: instalmentViews(instalments),
      total: formatAmount(r.total_cents, instalments[0]?.currency ?? 'EUR'),
      tasks: r.task_kinds,
      reason: r.reason,
      evidenceGaps: r.evidence_gaps as TEvidenceGap[],
      isAfterBrokenPromise: r.is_after_broken_promise,
    };
  });
}
