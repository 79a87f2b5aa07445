import { z } from 'zod';
import {
  isKnownTimeZone,
  parseTimeOfDay,
  scheduleOf,
  type TDailySchedule,
} from '../../core/operations/daily-schedule.ts';
import { AppError } from '../../core/shared/errors.ts';
import { findCreditorById } from '../../db/queries/creditors.ts';
import { setDailyScheduleSettings } from '../../db/queries/daily-runs.ts';
import { appendRegisterEntries } from '../register/append-register-entries.ts';
import type { TContext } from '../shared/context.ts';
import { parseInput } from '../shared/parse-input.ts';

export const ZSetDailySchedule = z.object({
  at: z.string().optional(),
  enabled: z.boolean().optional(),
  timeZone: z.string().optional(),
});

/** Changes when a creditor's daily run starts (merged into the current schedule), registered. */
export async function setDailySchedule(
  ctx: TContext,
  creditorId: number,
  raw: z.input<typeof ZSetDailySchedule>,
): Promise<TDailySchedule> {
  const input = parseInput(ZSetDailySchedule, raw);
  if (input.at !== undefined) parseTimeOfDay(input.at, 'at');
  if (input.timeZone !== undefined && !isKnownTimeZone(input.timeZone)) {
    throw new AppError('INVALID_INPUT', `timeZone: "${input.timeZone}" is not a known time zone`, {
      field: 'timeZone',
      value: input.timeZone,
    });
  }
  return ctx.db.transaction(async (db) => {
    await db.query('select id from creditors where id = $1 for update', [creditorId]);
    const creditor = await findCreditorById(db, creditorId);
    if (!creditor) throw new AppError('NOT_FOUND', `creditor ${creditorId} not found`);
    const before = scheduleOf(creditor.settings);
    const after: TDailySchedule = {
      enabled: input.enabled ?? before.enabled,
      at: input.at ?? before.at,
      timeZone: input.timeZone ?? before.timeZone,
    };
    await setDailyScheduleSettings(db, creditorId, after);
    await appendRegisterEntries({ ...ctx, db }, creditorId, [
      {
        action: 'schedule.changed',
        subjectType: 'creditor',
        subjectId: creditorId,
        data: { from: before, to: after },
      },
    ]);
    return after;
  });
}
