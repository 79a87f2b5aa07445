import type { Command } from 'commander';
import { closeDispute } from '../../app/collection/close-dispute.ts';
import { openDispute } from '../../app/collection/open-dispute.ts';
import { commandContext, output, type TGlobalOptions } from '../runtime.ts';

export function registerDisputeCommands(program: Command): void {
  const dispute = program
    .command('dispute')
    .description('a contested invoice leaves the escalation until closed');
  dispute
    .command('open')
    .description('open a dispute on an invoice')
    .argument('<invoice>', 'invoice number')
    .option('--reason <text>', 'what the debtor contests', 'disputed by the debtor')
    .option('--year <year>', 'issue year, when the number repeats across years')
    .option('--creditor <vat>', 'the creditor, when several issued that number')
    .option('--date <date>', 'when (YYYY-MM-DD), default today')
    .action(async (invoice: string, opts, cmd: Command) => {
      const options = cmd.optsWithGlobals<TGlobalOptions & { date?: string }>();
      const result = await openDispute(await commandContext(options), {
        invoice,
        reason: opts.reason,
        year: opts.year,
        creditor: opts.creditor,
      });
      output(options, result, () =>
        process.stdout.write(`dispute ${result.id} opened on ${result.invoice.number}: ${result.reason}\n`),
      );
    });
  dispute
    .command('close')
    .description("close an invoice's dispute: it rejoins the escalation")
    .argument('<invoice>', 'invoice number')
    .option('--resolution <text>', 'how it was settled')
    .option('--year <year>', 'issue year, when the number repeats across years')
    .option('--creditor <vat>', 'the creditor, when several issued that number')
    .option('--date <date>', 'when (YYYY-MM-DD), default today')
    .action(async (invoice: string, opts, cmd: Command) => {
      const options = cmd.optsWithGlobals<TGlobalOptions & { date?: string }>();
      const result = await closeDispute(await commandContext(options), {
        invoice,
        resolution: opts.resolution,
        year: opts.year,
        creditor: opts.creditor,
      });
      output(options, result, () =>
        process.stdout.write(`dispute ${result.id} on ${result.invoice.number} closed\n`),
      );
    });
}
