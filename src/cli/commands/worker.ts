import { hostname } from 'node:os';
import type { Command } from 'commander';
import { createLogger } from '../../adapters/logging/logger.ts';
import { sendersFromEnv } from '../../app/communications/mail-settings.ts';
import { listDailySchedules } from '../../app/operations/list-daily-schedules.ts';
import { setDailySchedule } from '../../app/operations/set-daily-schedule.ts';
import { workerDuties } from '../../app/operations/worker-duties.ts';
import { runWorkerLoop, workerTick } from '../../app/operations/worker-tick.ts';
import { AppError } from '../../core/shared/errors.ts';
import { commandContext, database, output, printTable, type TGlobalOptions } from '../runtime.ts';
import { creditorFilter } from './shared-options.ts';

function positiveInteger(value: string, field: string): number {
  const n = Number(value);
  if (!Number.isSafeInteger(n) || n <= 0) {
    throw new AppError('INVALID_INPUT', `${field}: "${value}" is not a positive whole number`, {
      field,
      value,
    });
  }
  return n;
}

function fixedClock(value: string): () => Date {
  const instant = new Date(value);
  if (Number.isNaN(instant.getTime())) {
    throw new AppError('INVALID_INPUT', `--now: "${value}" is not an ISO instant like 2026-04-07T05:00:00Z`, {
      field: '--now',
      value,
    });
  }
  return () => instant;
}

export function registerWorkerCommands(program: Command): void {
  program
    .command('worker')
    .description(
      "background work: each creditor's daily run at its scheduled time, then the delivery duties; any number of workers may share one PostgreSQL",
    )
    .option('--once', 'one pass, then exit (for cron or a test)')
    .option('--interval <seconds>', 'seconds between passes', '30')
    .option('--worker-id <id>', 'name in logs and claims (default host:pid)')
    .option('--batch-size <n>', 'debtors per transaction in the daily run')
    .option('--now <instant>', 'act as if it were this ISO instant (replays, the fault suite)')
    .action(async (opts, cmd: Command) => {
      const options = cmd.optsWithGlobals<TGlobalOptions>();
      const db = await database(options);
      const config = {
        db,
        clock: opts.now ? fixedClock(opts.now) : () => new Date(),
        worker: opts.workerId ?? `${hostname()}:${process.pid}`,
        duties: workerDuties(sendersFromEnv()),
        logger: createLogger('riscossa-worker'),
        batchSize: opts.batchSize ? positiveInteger(opts.batchSize, '--batch-size') : undefined,
      };
      if (opts.once) {
        const report = await workerTick(config);
        output(options, report, () =>
          process.stdout.write(
            `${report.runs.length} daily run(s): ${report.runs.map((r) => `creditor ${r.creditorId} ${r.runDate} ${r.status}`).join(', ') || 'none due'}\n`,
          ),
        );
        return;
      }
      // Runs until SIGINT/SIGTERM, whose handlers close the database; a run cut short is
      // finished by the next pass (claims expire, every step is created once).
      await runWorkerLoop(
        config,
        positiveInteger(opts.interval, '--interval') * 1000,
        new AbortController().signal,
      );
    });

  const schedule = program.command('schedule').description("when each creditor's daily run starts");
  schedule
    .command('list')
    .description("every creditor's run time and its latest run")
    .action(async (_opts, cmd: Command) => {
      const options = cmd.optsWithGlobals<TGlobalOptions>();
      const ctx = await commandContext(options);
      const views = await listDailySchedules(ctx);
      output(options, views, () =>
        printTable(
          views.map((v) => ({
            creditor: v.creditorName,
            enabled: v.schedule.enabled ? 'yes' : 'no',
            at: `${v.schedule.at} ${v.schedule.timeZone}`,
            lastRun: v.lastRun ? `${v.lastRun.runDate} ${v.lastRun.status}` : '',
            durationMs: v.lastRun?.durationMs ?? '',
          })),
          ['creditor', 'enabled', 'at', 'lastRun', 'durationMs'],
        ),
      );
    });
  schedule
    .command('set')
    .description("set a creditor's daily run time (local time in its zone)")
    .requiredOption('--creditor <vat>', 'the creditor')
    .option('--at <HH:MM>', 'local time of day, e.g. 06:30')
    .option('--time-zone <zone>', 'IANA zone, default Europe/Rome')
    .option('--enable', 'run every day')
    .option('--disable', 'no scheduled run (the run command still works)')
    .action(async (opts, cmd: Command) => {
      const options = cmd.optsWithGlobals<TGlobalOptions>();
      const ctx = await commandContext(options);
      const creditorId = (await creditorFilter(ctx.db, opts.creditor))!;
      if (opts.enable && opts.disable) {
        throw new AppError('INVALID_INPUT', '--enable and --disable: choose one', {
          field: '--enable',
          value: true,
        });
      }
      const result = await setDailySchedule(ctx, creditorId, {
        at: opts.at,
        timeZone: opts.timeZone,
        enabled: opts.enable ? true : opts.disable ? false : undefined,
      });
      output(options, { creditorId, schedule: result }, () =>
        process.stdout.write(
          `daily run ${result.enabled ? `at ${result.at} (${result.timeZone})` : 'disabled'}\n`,
        ),
      );
    });
}
