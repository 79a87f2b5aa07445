import {
  LEGAL_STAGES,
  legalDeadlines,
  type TLegalDeadline,
  type TLegalEvent,
  type TLegalStage,
} from '../../core/legal/legal-stages.ts';
import type { TCalendarDate } from '../../core/shared/calendar-date.ts';
import { formatAmount } from '../../core/shared/money.ts';
import type { TSql } from '../../db/database.ts';
import type { TCaseHeadRow } from '../../db/queries/case-files.ts';
import { findCaseOutcome, listLegalStages } from '../../db/queries/legal.ts';

/** The public JSON shape of a case's legal phase (`legal show --json`, `legal record --json`). */
export type TLegalView = {
  caseId: number;
  caseStatus: string;
  date: string;
  stages: Array<{
    id: number;
    stage: string;
    on: string;
    reference: string;
    note: string;
    recordedBy: string;
  }>;
  deadlines: TLegalDeadline[];
  outcome: {
    outcome: string;
    closedOn: string;
    outstanding: string;
    writtenOff: string;
    currency: string;
    note: string;
  } | null;
};

export function toEvents(rows: ReadonlyArray<{ stage: string; happened_on: string }>): TLegalEvent[] {
  return rows
    .filter((r) => (LEGAL_STAGES as readonly string[]).includes(r.stage))
    .map((r) => ({ stage: r.stage as TLegalStage, on: r.happened_on as TCalendarDate }));
}

export async function legalView(db: TSql, head: TCaseHeadRow, today: TCalendarDate): Promise<TLegalView> {
  const rows = await listLegalStages(db, head.creditor_id, head.id);
  const outcome = await findCaseOutcome(db, head.creditor_id, head.id);
  return {
    caseId: head.id,
    caseStatus: head.status,
    date: today,
    stages: rows.map((r) => ({
      id: r.id,
      stage: r.stage,
      on: r.happened_on,
      reference: r.reference,
      note: r.note,
      recordedBy: r.recorded_by,
    })),
    deadlines: legalDeadlines(toEvents(rows), today),
    outcome: outcome
      ? {
          outcome: outcome.outcome,
          closedOn: outcome.closed_on,
          outstanding: formatAmount(outcome.outstanding_cents, outcome.currency),
          writtenOff: formatAmount(outcome.written_off_cents, outcome.currency),
          currency: outcome.currency,
          note: outcome.note,
        }
      : null,
  };
}
