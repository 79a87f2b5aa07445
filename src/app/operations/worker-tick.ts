import type { TLogger } from '../../adapters/logging/logger.ts';
import type { TSql } from '../../db/database.ts';
import { makeContext, type TContext } from '../shared/context.ts';
import { runDueDailyRuns, type TDailyRunReport } from './run-due-daily-runs.ts';

/**
 * Work a worker does on every tick besides the scheduled runs (the outbox sender, webhook
 * deliveries...). Each duty claims its own rows, so any number of workers can run it at once.
 */
export type TWorkerDuty = { name: string; run(ctx: TContext): Promise<number> };

export type TWorkerConfig = {
  db: TSql;
  clock: () => Date;
  worker: string;
  duties: readonly TWorkerDuty[];
  logger: TLogger;
  batchSize?: number;
};

export type TTickReport = { runs: TDailyRunReport[]; duties: Record<string, number | string> };

/** One pass: the due daily runs, then every duty. A failing duty is logged and retried next tick. */
export async function workerTick(config: TWorkerConfig): Promise<TTickReport> {
  const ctx = makeContext(config.db, `worker:${config.worker}`, config.clock());
  const runs = await runDueDailyRuns(ctx, {
    worker: config.worker,
    clock: config.clock,
    batchSize: config.batchSize,
    onStart: (run) => config.logger.info(run, 'daily run started'),
  });
  for (const run of runs) {
    const { summary: _s, ...fields } = run;
    if (run.status === 'done') config.logger.info({ ...fields, ...run.summary }, 'daily run done');
    else config.logger.error(fields, 'daily run failed');
  }
  const duties: Record<string, number | string> = {};
  for (const duty of config.duties) {
    try {
      duties[duty.name] = await duty.run(makeContext(config.db, `worker:${config.worker}`, config.clock()));
      if (duties[duty.name])
        config.logger.info({ duty: duty.name, processed: duties[duty.name] }, 'duty done');
    } catch (error) {
      duties[duty.name] = error instanceof Error ? error.message : String(error);
      config.logger.error({ duty: duty.name, err: error }, 'duty failed');
    }
  }
  return { runs, duties };
}

/** Ticks every `intervalMs` until the signal aborts; a tick in progress finishes first. */
export async function runWorkerLoop(
  config: TWorkerConfig,
  intervalMs: number,
  signal: AbortSignal,
): Promise<void> {
  config.logger.info({ worker: config.worker, intervalMs }, 'worker started');
  while (!signal.aborted) {
    try {
      await workerTick(config);
    } catch (error) {
      // The database restarting, a network blip: log and try again on the next tick.
      config.logger.error({ err: error }, 'worker tick failed');
    }
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, intervalMs);
      signal.addEventListener(
        'abort',
        () => {
          clearTimeout(timer);
          resolve();
        },
        { once: true },
      );
    });
  }
  config.logger.info({ worker: config.worker }, 'worker stopped');
}
