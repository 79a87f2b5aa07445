import type { Command } from 'commander';
import { resolveCreditorId } from '../../app/collection/resolve-creditor.ts';
import { benchCollection } from '../../bench/collection-bench.ts';
import { dateInZone, parseDate } from '../../core/shared/calendar-date.ts';
import { invalid } from '../../core/shared/errors.ts';
import { cliActor, database, output, type TGlobalOptions } from '../runtime.ts';

/**
 * `riscossa bench run`, added to the `bench` group that `bench generate` creates (registered
 * after it in main.ts; creates the group itself when alone).
 */
export function registerBenchRunCommand(program: Command): void {
  const bench =
    program.commands.find((c) => c.name() === 'bench') ??
    program.command('bench').description('benchmark tools: synthetic data and timings');
  bench
    .command('run')
    .description(
      'time the collection run on a fresh portfolio: first run (every case has a step due) against a set-based SQL floor, then a steady-state day',
    )
    .option('--creditor <vat>', 'the tenant (default: the only creditor)')
    .option(
      '--date <date>',
      'date of the first run (YYYY-MM-DD): the --date given to bench generate; default today',
    )
    .option('--batch <n>', 'debtors per transaction')
    .action(async (opts, cmd: Command) => {
      const options = cmd.optsWithGlobals<TGlobalOptions & { date?: string }>();
      const now = new Date();
      const date = options.date ? parseDate(options.date, '--date') : dateInZone(now);
      if (opts.batch !== undefined && !/^\d{1,6}$/.test(opts.batch))
        throw invalid('--batch', opts.batch, 'is not a whole number');
      const db = await database(options);
      const result = await benchCollection(db, {
        creditorId: await resolveCreditorId(db, opts.creditor, '--creditor'),
        date,
        now,
        actor: cliActor(),
        ...(opts.batch ? { batchSize: Number(opts.batch) } : {}),
      });
      output(options, result, () => {
        const s = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
        process.stdout.write(
          `${result.engine}: ${result.portfolio.debtors} debtors, ${result.portfolio.instalments} instalments\n` +
            `first run ${date}: ${s(result.firstRun.ms)} (${result.firstRun.casesOpened} cases, ${result.firstRun.stepsTaken} steps, ${result.firstRun.stepsSkipped} skips, ${result.firstRun.tasksCreated} tasks)\n` +
            `floor: ${s(result.floor.ms)} for ${result.floor.rows} rows; engine/floor = ${result.ratio}\n` +
            `steady state ${result.steadyState.date}: ${s(result.steadyState.ms)} (${result.steadyState.stepsTaken} steps)\n` +
            `peak memory ${Math.round(result.peakRssBytes / 1024 / 1024)} MB\n`,
        );
      });
    });
}
