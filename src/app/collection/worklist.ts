import type { TSql } from '../../db/database.ts';
import { prescriptionClocks, type TPrescriptionView } from '../prescription/prescription-clocks.ts';
import { listTasks, type TListTasksParams, type TTaskView } from './list-tasks.ts';

/**
 * An instalment whose prescription expires within 180 days (or has expired), as the worklist
 * shows it: the clock without its history, and what to do about it.
 */
export type TPrescriptionWarning = Omit<TPrescriptionView, 'history'> & {
  /** What the operator does: a registered demand (or PEC) delivered before the expiry interrupts. */
  action: 'send-registered-demand' | 'expired';
};

/** `tasks list --with-prescription --json`, `GET /api/v1/tasks?withPrescription=true`. */
export type TWorklist = {
  date: string;
  tasks: TTaskView[];
  prescriptionWarnings: TPrescriptionWarning[];
};

/**
 * The operators' day: the open tasks, and the instalments whose prescription is near its end
 * (180, 90, 30 days) or past it, the savable ones nearest expiry first, then the expired. The warnings are read from the clocks at
 * each look, not stored as tasks: a demand delivered (PEC receipt, letter tracking) or a payment
 * takes one off the list at once, and there is no task to close or to duplicate. They belong to
 * the creditor, not to an operator: a list filtered by assignee shows none. `withPrescription: false`
 * skips them (the plain array of tasks does not show them).
 */
export async function worklist(
  db: TSql,
  p: TListTasksParams & { withPrescription: boolean },
): Promise<TWorklist> {
  const tasks = await listTasks(db, p);
  const clocks =
    !p.withPrescription || p.assignee
      ? []
      : await prescriptionClocks(db, {
          asOf: p.asOf,
          creditorId: p.creditorId ?? null,
          debtorId: p.debtorId ?? null,
          isWarningsOnly: true,
        });
  const prescriptionWarnings = clocks
    .map(({ history: _history, ...clock }) => ({
      ...clock,
      action: clock.isExpired ? ('expired' as const) : ('send-registered-demand' as const),
    }))
    // Those still savable first, nearest expiry first; the expired (nothing to send) after them.
    .sort(
      (a, b) =>
        Number(a.isExpired) - Number(b.isExpired) ||
        (a.isExpired ? (b.daysLeft ?? 0) - (a.daysLeft ?? 0) : (a.daysLeft ?? 0) - (b.daysLeft ?? 0)) ||
        a.invoice.localeCompare(b.invoice) ||
        a.instalmentSeq - b.instalmentSeq,
    );
  return { date: p.asOf, tasks, prescriptionWarnings };
}
