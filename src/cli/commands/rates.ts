import type { Command } from 'commander';
import { addRate } from '../../app/interest/add-rate.ts';
import { toRateView } from '../../app/interest/rate-table.ts';
import { invalid } from '../../core/shared/errors.ts';
import { listInterestRates } from '../../db/queries/interest.ts';
import { commandContext, database, output, printTable, type TGlobalOptions } from '../runtime.ts';

export function registerRateCommands(program: Command): void {
  const rates = program
    .command('rates')
    .description(
      'interest rates: D.Lgs. 231/2002 late-payment (per semester) and legal art. 1284 c.c. (per year)',
    );
  rates
    .command('list')
    .description('list the rate table with each row’s Gazzetta Ufficiale source')
    .option('--kind <kind>', 'commercial or legal')
    .action(async (opts, cmd: Command) => {
      const options = cmd.optsWithGlobals<TGlobalOptions>();
      if (opts.kind && !['commercial', 'legal'].includes(opts.kind)) {
        throw invalid('--kind', opts.kind, 'must be commercial or legal');
      }
      const rows = (await listInterestRates(await database(options), opts.kind ?? null)).map(toRateView);
      output(options, rows, () =>
        printTable(
          rows.map((r) => ({ ...r, verified: r.isVerified ? 'yes' : 'NO' })),
          ['kind', 'period', 'from', 'ecbRate', 'ratePercent', 'verified', 'source'],
        ),
      );
    });
  rates
    .command('add')
    .description(
      'add (or confirm an unverified) rate with its Gazzetta Ufficiale reference, without a release',
    )
    .requiredOption('--kind <kind>', 'commercial (per semester) or legal (per year)')
    .requiredOption('--from <date>', 'first day of the semester (YYYY-01-01 / YYYY-07-01) or year')
    .option(
      '--ecb-rate <percent>',
      'commercial: ECB main refinancing rate on that day, e.g. 2.15 (rate = + 8 points)',
    )
    .option('--rate <percent>', 'legal: the rate; commercial: optional check of ECB + 8')
    .requiredOption('--source <text>', 'Gazzetta Ufficiale reference, e.g. "GU n. 15 del 20/01/2026"')
    .option('--unverified', 'the figure comes from a secondary source: computations refuse it unless allowed')
    .action(async (opts, cmd: Command) => {
      const options = cmd.optsWithGlobals<TGlobalOptions>();
      const result = await addRate(await commandContext(options), {
        kind: opts.kind,
        from: opts.from,
        ecbRate: opts.ecbRate,
        rate: opts.rate,
        source: opts.source,
        isVerified: !opts.unverified,
      });
      output(options, result, () =>
        process.stdout.write(
          `${result.kind} rate ${result.period} ${result.status}: ${result.ratePercent} %${result.ecbRate !== null ? ` (ECB ${result.ecbRate} + 8)` : ''}, ${result.isVerified ? 'verified' : 'UNVERIFIED'}, source: ${result.source}\n`,
        ),
      );
    });
}
