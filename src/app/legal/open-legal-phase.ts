import { legalDeadlines } from '../../core/legal/legal-stages.ts';
import type { TCalendarDate } from '../../core/shared/calendar-date.ts';
import type { TSql } from '../../db/database.ts';
import type { TRegisterEntryInput } from '../register/append-register-entries.ts';

export type TLegalStepTaken = { caseId: number; debtorId: number; actionId: number; stepKey: string };

/**
 * A queued policy step of channel `legal` hands the case to the lawyer: it opens the case's legal
 * phase with its first stage, the legal notice (diffida legale), dated the day the step is taken,
 * in the caller's transaction (the run's, or the approval's that released the step). Only for a
 * case whose legal phase is not open yet (a stage recorded by hand wins, and a second legal step
 * adds nothing): exactly once per case, by the unique (case, stage) and the `not exists`.
 * Returns the register entries to append with the step's, carrying the deadlines the stage opens.
 */
export async function openLegalPhaseByStep(
  db: TSql,
  creditorId: number,
  taken: readonly TLegalStepTaken[],
  on: TCalendarDate,
  actor: string,
): Promise<TRegisterEntryInput[]> {
  if (taken.length === 0) return [];
  const opened = await db.query<{ id: number; case_id: number; reference: string }>(
    `insert into legal_stages (creditor_id, case_id, stage, happened_on, reference, note, recorded_by)
     select distinct on (x.case_id) $1, x.case_id, 'legal-notice', $2::date, 'step ' || x.step_key,
            'opened by the policy step ' || x.step_key || ' (action ' || x.action_id || ')', $3
     from unnest($4::int8[], $5::int8[], $6::text[]) as x(case_id, action_id, step_key)
     where not exists (select 1 from legal_stages s where s.creditor_id = $1 and s.case_id = x.case_id)
     order by x.case_id, x.action_id
     on conflict (creditor_id, case_id, stage) do nothing
     returning id, case_id, reference`,
    [
      creditorId,
      on,
      actor,
      taken.map((t) => t.caseId),
      taken.map((t) => t.actionId),
      taken.map((t) => t.stepKey),
    ],
  );
  const deadlines = legalDeadlines([{ stage: 'legal-notice', on }], on);
  return opened.map((row) => {
    const step = taken.find((t) => t.caseId === row.case_id)!;
    return {
      action: 'legal.legal-notice',
      subjectType: 'case',
      subjectId: row.case_id,
      debtorId: step.debtorId,
      reason: `legal step ${step.stepKey} taken: the legal phase opens with the legal notice`,
      data: {
        stageId: row.id,
        on,
        reference: row.reference,
        actionId: step.actionId,
        deadlines: deadlines.map(({ key, date, basis }) => ({ key, date, basis })),
      },
    };
  });
}
