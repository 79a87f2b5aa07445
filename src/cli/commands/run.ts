import type { Command } from 'commander';
import { runCollection } from '../../app/collection/run-collection.ts';
import { commandContext, output, printTable, type TGlobalOptions } from '../runtime.ts';
import { creditorFilter } from './shared-options.ts';

export function registerRunCommands(program: Command): void {
  program
    .command('run')
    .description(
      'the daily collection run: open cases, take every step due on or before the date (once), resolve promises; safe to repeat',
    )
    .option('--date <date>', 'run as of this date (YYYY-MM-DD), default today')
    .option('--dry-run', 'show exactly what would be created and change nothing')
    .option('--creditor <vat>', 'only this creditor')
    .action(async (opts, cmd: Command) => {
      const options = cmd.optsWithGlobals<TGlobalOptions & { date?: string }>();
      const ctx = await commandContext(options);
      const result = await runCollection(ctx, {
        dryRun: Boolean(opts.dryRun),
        creditorId: await creditorFilter(ctx.db, opts.creditor),
      });
      output(options, result, () => {
        process.stdout.write(
          `${result.isDryRun ? 'dry run (nothing written) ' : ''}${result.date}: ${result.casesOpened} case(s) opened, ` +
            `${result.stepsTaken} step(s) taken, ${result.stepsSkipped} skipped, ${result.tasksCreated} task(s), ` +
            `${result.promisesKept} promise(s) kept, ${result.promisesBroken} broken, ${result.casesClosed} case(s) closed` +
            `${result.droppedAsSettled ? `, ${result.droppedAsSettled} dropped (paid meanwhile)` : ''}\n`,
        );
        printTable(
          result.actions.map((a) => ({
            ...a,
            debtor: a.debtor.vatNumber ?? a.debtor.fiscalCode,
            invoices: a.instalments.map((i) => i.invoiceNumber).join(' '),
          })),
          ['id', 'stepKey', 'channel', 'status', 'scheduledOn', 'debtor', 'total', 'invoices'],
        );
      });
    });
}
