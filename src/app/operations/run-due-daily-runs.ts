import {
  dueRunDate,
  MAX_RUN_ATTEMPTS,
  RUN_LEASE_MS,
  scheduleOf,
} from '../../core/operations/daily-schedule.ts';
import { AppError } from '../../core/shared/errors.ts';
import { listCreditorRows } from '../../db/queries/creditors.ts';
import { claimDailyRun, finishDailyRun, heartbeatDailyRun } from '../../db/queries/daily-runs.ts';
import { runCollection, type TRunResult } from '../collection/run-collection.ts';
import type { TContext } from '../shared/context.ts';

export type TDailyRunReport = {
  creditorId: number;
  runDate: string;
  attempt: number;
  status: 'done' | 'failed';
  durationMs: number;
  summary: Omit<TRunResult, 'actions'> | null;
  error: string | null;
};

export type TDailyRunOptions = {
  worker: string;
  /** The worker's clock, read at every heartbeat; ctx.now is the tick's instant. */
  clock: () => Date;
  /** Debtors per transaction (the fault suite makes it small to have many commit points). */
  batchSize?: number;
  /** Told when a claimed run starts (the worker logs it). */
  onStart?: (run: { creditorId: number; runDate: string; attempt: number }) => void;
};

/**
 * One scheduler pass: for every creditor whose daily run is due at ctx.now and not yet done,
 * claim it, run it, record how it went. Several workers may call this at once: each run is
 * claimed by one of them, and the run being idempotent, a takeover after a crash finishes the
 * work without doubling any action.
 */
export async function runDueDailyRuns(ctx: TContext, options: TDailyRunOptions): Promise<TDailyRunReport[]> {
  const reports: TDailyRunReport[] = [];
  for (const creditor of await listCreditorRows(ctx.db)) {
    const runDate = dueRunDate(scheduleOf(creditor.settings), ctx.now);
    if (!runDate) continue;
    const claimed = await claimDailyRun(ctx.db, {
      creditorId: creditor.id,
      runDate,
      worker: options.worker,
      now: ctx.now,
      staleBefore: new Date(ctx.now.getTime() - RUN_LEASE_MS),
      maxAttempts: MAX_RUN_ATTEMPTS,
      retryBaseMinutes: 1,
    });
    if (!claimed) continue;
    options.onStart?.({ creditorId: creditor.id, runDate, attempt: claimed.attempts });
    reports.push(await runClaimed(ctx, options, creditor.id, runDate, claimed.attempts));
  }
  return reports;
}

async function runClaimed(
  ctx: TContext,
  options: TDailyRunOptions,
  creditorId: number,
  runDate: string,
  attempt: number,
): Promise<TDailyRunReport> {
  const key = { creditorId, runDate, worker: options.worker };
  const started = performance.now();
  const heartbeat = async () => {
    if (!(await heartbeatDailyRun(ctx.db, { ...key, now: options.clock() }))) {
      throw new AppError('CONFLICT', `the run of creditor ${creditorId} on ${runDate} was taken over`);
    }
  };
  try {
    const { actions: _actions, ...summary } = await runCollection(
      { ...ctx, today: runDate as TContext['today'] },
      { date: runDate, creditorId, includeActions: false, batchSize: options.batchSize },
      { onBatch: heartbeat },
    );
    const durationMs = Math.round(performance.now() - started);
    await finishDailyRun(
      ctx.db,
      { ...key, now: options.clock() },
      {
        status: 'done',
        durationMs,
        result: summary,
        error: null,
      },
    );
    return { creditorId, runDate, attempt, status: 'done', durationMs, summary, error: null };
  } catch (error) {
    const durationMs = Math.round(performance.now() - started);
    const message = error instanceof Error ? error.message : String(error);
    await finishDailyRun(
      ctx.db,
      { ...key, now: options.clock() },
      {
        status: 'failed',
        durationMs,
        result: null,
        error: message,
      },
    );
    return { creditorId, runDate, attempt, status: 'failed', durationMs, summary: null, error: message };
  }
}
