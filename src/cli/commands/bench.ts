import type { Command } from 'commander';
import { loadSyntheticPortfolio } from '../../bench/load-synthetic-portfolio.ts';
import { MAX_SYNTHETIC_INVOICES } from '../../bench/synthetic-portfolio.ts';
import { dateInZone, parseDate } from '../../core/shared/calendar-date.ts';
import { invalid } from '../../core/shared/errors.ts';
import { cliActor, database, output, type TGlobalOptions } from '../runtime.ts';

/**
 * `riscossa bench ...`: benchmark tools. Each subcommand registers itself on the `bench` group
 * from its own function (a later one can live in its own file and be added to this list).
 */
const BENCH_SUBCOMMANDS: ReadonlyArray<(bench: Command) => void> = [registerBenchGenerateCommand];

export function registerBenchCommands(program: Command): void {
  const bench = program.command('bench').description('benchmark tools: synthetic data and timings');
  for (const register of BENCH_SUBCOMMANDS) register(bench);
}

function wholeNumber(field: string, value: unknown, min: number, max: number): number {
  const text = String(value);
  if (!/^\d{1,10}$/.test(text) || Number(text) < min || Number(text) > max) {
    throw invalid(field, value, `is not a whole number from ${min} to ${max}`);
  }
  return Number(text);
}

export function registerBenchGenerateCommand(bench: Command): void {
  bench
    .command('generate')
    .description(
      'load a synthetic portfolio (1-3 instalments per invoice, ~10 per debtor, some paid) into a new tenant; the same --invoices, --seed and --date give the same data',
    )
    .requiredOption('--invoices <n>', 'number of invoices (about twice as many instalments)')
    .option('--seed <n>', 'seed of the generator', '1')
    .option('--date <date>', 'reference date: due dates fall in the 18 months before it (default today)')
    .option(
      '--row-checks',
      'fire the per-row foreign-key and allocation triggers (slower) instead of set-based checks',
    )
    .action(async (opts, cmd: Command) => {
      const options = cmd.optsWithGlobals<TGlobalOptions & { date?: string }>();
      const invoices = wholeNumber('--invoices', opts.invoices, 1, MAX_SYNTHETIC_INVOICES);
      const seed = wholeNumber('--seed', opts.seed, 0, 0xffff_ffff);
      const now = new Date();
      const referenceDate = options.date ? parseDate(options.date, '--date') : dateInZone(now);
      const db = await database(options);
      const result = await loadSyntheticPortfolio(db, {
        invoices,
        seed,
        referenceDate,
        now,
        actor: cliActor(),
        isRowChecked: Boolean(opts.rowChecks),
      });
      // A benchmark tool reports its own cost: peak resident memory and CPU time of this process
      // (which includes the embedded database, but not a PostgreSQL server).
      const usage = process.resourceUsage();
      const report = {
        ...result,
        peakRssBytes: usage.maxRSS * 1024,
        cpuMs: Math.round((usage.userCPUTime + usage.systemCPUTime) / 1000),
      };
      output(options, report, () => {
        const { rows, timings } = result;
        const perSecond = Math.round((rows.instalments * 1000) / Math.max(timings.total, 1));
        process.stdout.write(
          `generated ${result.creditor.name} (${result.creditor.vatNumber}) on ${result.engine}: ` +
            `${rows.debtors} debtors, ${rows.invoices} invoices, ${rows.instalments} instalments, ` +
            `${rows.payments} payments, ${rows.allocations} allocations in ${(timings.total / 1000).toFixed(1)} s ` +
            `(${perSecond} instalments/s, ${result.integrity.mode} checks, peak RSS ${Math.round(report.peakRssBytes / 1048576)} MiB)\n`,
        );
      });
    });
}
