import { onOrNextBusinessDay } from '../../core/collection/business-calendar.ts';
import type { TCalendarDate } from '../../core/shared/calendar-date.ts';
import type { TSql } from '../../db/database.ts';
import { insertTasks } from '../../db/queries/collection-writes.ts';
import { findOpenCase, type TDebtorLinkRow } from '../../db/queries/debtor-links.ts';
import type { TRegisterEntryInput } from '../register/append-register-entries.ts';

/** Who acts when a debtor uses the page: the link, never a person's account. */
export function linkActor(link: TDebtorLinkRow): string {
  return `debtor-link:${link.id}`;
}

/**
 * What a debtor says on the page lands in the operators' worklist as a review task on the open
 * case (the operator checks the receipt, the dispute, the promised date). Without an open case
 * there is no worklist entry: the register row still records it.
 */
export async function addSelfServiceTask(
  db: TSql,
  link: TDebtorLinkRow,
  on: TCalendarDate,
  reason: string,
  register: TRegisterEntryInput[],
): Promise<{ taskId: number | null; caseId: number | null }> {
  const open = await findOpenCase(db, link.creditor_id, link.debtor_id);
  if (!open) return { taskId: null, caseId: null };
  const [task] = await insertTasks(db, link.creditor_id, on, [
    {
      caseId: open.id,
      actionId: null,
      stepKey: null,
      kind: 'review',
      dueDate: onOrNextBusinessDay(on),
      assignee: null,
      reason,
    },
  ]);
  register.push({
    action: 'task.created',
    subjectType: 'task',
    subjectId: task!.id,
    debtorId: link.debtor_id,
    reason,
    data: { caseId: open.id, kind: 'review', source: 'self-service', linkId: link.id },
  });
  return { taskId: task!.id, caseId: open.id };
}
