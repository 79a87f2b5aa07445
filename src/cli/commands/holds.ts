import type { Command } from 'commander';
import { clearHold } from '../../app/collection/clear-hold.ts';
import { setHold } from '../../app/collection/set-hold.ts';
import { commandContext, output, printTable, type TGlobalOptions } from '../runtime.ts';

function targetOptions(cmd: Command): Command {
  return cmd
    .option('--debtor <vat>', 'the whole debtor (VAT number or codice fiscale)')
    .option('--invoice <number>', 'one invoice')
    .option('--year <year>', 'issue year, when the invoice number repeats across years')
    .option('--creditor <vat>', 'the creditor, when the debtor or number is ambiguous')
    .option('--date <date>', 'when (YYYY-MM-DD), default today');
}

export function registerHoldCommands(program: Command): void {
  const hold = program.command('hold').description('pause the escalation of a debtor or an invoice');
  targetOptions(hold.command('set').description('put a debtor or an invoice on hold'))
    .requiredOption('--reason <text>', 'why')
    .option('--until <date>', 'last day of the hold (YYYY-MM-DD); none: until cleared')
    .action(async (opts, cmd: Command) => {
      const options = cmd.optsWithGlobals<TGlobalOptions & { date?: string }>();
      const result = await setHold(await commandContext(options), {
        debtor: opts.debtor,
        invoice: opts.invoice,
        year: opts.year,
        creditor: opts.creditor,
        reason: opts.reason,
        until: opts.until,
      });
      output(options, result, () =>
        process.stdout.write(
          `hold ${result.id} on ${result.scope} ${result.invoice?.number ?? result.debtor.vatNumber} from ${result.startsOn}${result.endsOn ? ` until ${result.endsOn}` : ''}\n`,
        ),
      );
    });
  targetOptions(hold.command('clear').description('lift the hold of a debtor or an invoice'))
    .option('--reason <text>', 'why')
    .action(async (opts, cmd: Command) => {
      const options = cmd.optsWithGlobals<TGlobalOptions & { date?: string }>();
      const result = await clearHold(await commandContext(options), {
        debtor: opts.debtor,
        invoice: opts.invoice,
        year: opts.year,
        creditor: opts.creditor,
        reason: opts.reason,
      });
      output(options, result, () =>
        printTable(result, ['id', 'scope', 'startsOn', 'endsOn', 'clearedOn', 'reason']),
      );
    });
}
