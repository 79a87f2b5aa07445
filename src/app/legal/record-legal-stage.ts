import { z } from 'zod';
import { checkStage, LEGAL_STAGES, oppositionReminderDate } from '../../core/legal/legal-stages.ts';
import { parseDate } from '../../core/shared/calendar-date.ts';
import { AppError, invalid } from '../../core/shared/errors.ts';
import { insertTasks } from '../../db/queries/collection-writes.ts';
import { insertLegalStage, listLegalStages } from '../../db/queries/legal.ts';
import { requireCase } from '../agency/build-case-file.ts';
import { resolveCreditorIdOrNull } from '../collection/resolve-creditor.ts';
import { appendRegisterEntries } from '../register/append-register-entries.ts';
import type { TContext } from '../shared/context.ts';
import { parseInput } from '../shared/parse-input.ts';
import { legalView, type TLegalView, toEvents } from './legal-view.ts';

export const ZRecordLegalStage = z.object({
  caseId: z.number().int().positive(),
  creditor: z.string().nullish(),
  stage: z.enum(LEGAL_STAGES),
  date: z.string().nullish(),
  reference: z.string().default(''),
  note: z.string().default(''),
});
export type TRecordLegalStage = z.input<typeof ZRecordLegalStage>;

/**
 * Records a stage of the legal phase on the day it happened, in order (a petition before its
 * grant, a service after it, no final order inside the opposition window, no attachment before
 * 10 days from the precetto). Serving the order creates the reminder for the day after the
 * opposition window closes (art. 641 c.p.c.): check no opposition was filed, ask for the
 * executive formula (art. 647).
 */
export async function recordLegalStage(ctx: TContext, raw: TRecordLegalStage): Promise<TLegalView> {
  const input = parseInput(ZRecordLegalStage, raw);
  const on = input.date ? parseDate(input.date, 'date') : ctx.today;
  if (on > ctx.today) throw invalid('date', on, `is after today (${ctx.today})`);
  const creditorId = await resolveCreditorIdOrNull(ctx.db, input.creditor);
  const head = await requireCase(ctx, input.caseId, creditorId);
  if (head.status !== 'open')
    throw new AppError('CONFLICT', `case: ${head.id} is closed (${head.close_reason ?? ''})`, {
      field: 'case',
      value: head.id,
    });
  return ctx.db.transaction(async (db) => {
    const tx: TContext = { ...ctx, db };
    await db.query('select 1 from collection_cases where creditor_id = $1 and id = $2 for update', [
      head.creditor_id,
      head.id,
    ]);
    checkStage(toEvents(await listLegalStages(db, head.creditor_id, head.id)), input.stage, on);
    const row = await insertLegalStage(db, head.creditor_id, {
      caseId: head.id,
      stage: input.stage,
      on,
      reference: input.reference,
      note: input.note,
      by: ctx.actor,
    });
    if (!row) throw invalid('stage', input.stage, 'is already recorded for this case');
    const taskIds: number[] = [];
    if (input.stage === 'order-served') {
      const reminder = oppositionReminderDate(on);
      const [task] = await insertTasks(db, head.creditor_id, ctx.today, [
        {
          caseId: head.id,
          actionId: null,
          stepKey: null,
          kind: 'review',
          dueDate: reminder,
          assignee: head.assignee,
          reason: `opposition window (art. 641 c.p.c.) closed the day before ${reminder}: check with the registry that no opposition was filed, then ask for the executive formula (art. 647 c.p.c.)`,
        },
      ]);
      taskIds.push(task!.id);
    }
    await appendRegisterEntries(tx, head.creditor_id, [
      {
        action: `legal.${input.stage}`,
        subjectType: 'case',
        subjectId: head.id,
        debtorId: head.debtor_id,
        reason: input.note || null,
        data: { stageId: row.id, on, reference: input.reference, reminderTaskIds: taskIds },
      },
    ]);
    return legalView(db, head, ctx.today);
  });
}
