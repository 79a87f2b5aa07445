import { dueRunDate, scheduleOf, type TDailySchedule } from '../../core/operations/daily-schedule.ts';
import { listCreditorRows } from '../../db/queries/creditors.ts';
import { latestDailyRuns } from '../../db/queries/daily-runs.ts';
import type { TContext } from '../shared/context.ts';

export type TDailyScheduleView = {
  creditorId: number;
  creditorName: string;
  schedule: TDailySchedule;
  dueNow: string | null;
  lastRun: {
    runDate: string;
    status: string;
    attempts: number;
    worker: string;
    startedAt: string;
    finishedAt: string | null;
    durationMs: number | null;
    error: string | null;
  } | null;
};

/** Every creditor's schedule and its latest run: what an administrator checks in the morning. */
export async function listDailySchedules(ctx: TContext): Promise<TDailyScheduleView[]> {
  const [creditors, runs] = await Promise.all([listCreditorRows(ctx.db), latestDailyRuns(ctx.db)]);
  const lastByCreditor = new Map(runs.map((r) => [r.creditor_id, r]));
  return creditors.map((c) => {
    const schedule = scheduleOf(c.settings);
    const last = lastByCreditor.get(c.id);
    return {
      creditorId: c.id,
      creditorName: c.name,
      schedule,
      dueNow: dueRunDate(schedule, ctx.now),
      lastRun: last
        ? {
            runDate: last.run_date,
            status: last.status,
            attempts: last.attempts,
            worker: last.worker,
            startedAt: last.started_at.toISOString(),
            finishedAt: last.finished_at?.toISOString() ?? null,
            durationMs: last.duration_ms,
            error: last.error,
          }
        : null,
    };
  });
}
