import type { Command } from 'commander';
import { addCreditor } from '../../app/ledger/add-creditor.ts';
import { toCreditorView } from '../../app/ledger/creditor-view.ts';
import { listCreditorRows } from '../../db/queries/creditors.ts';
import { commandContext, database, output, printTable, type TGlobalOptions } from '../runtime.ts';

export function registerCreditorCommands(program: Command): void {
  const creditors = program
    .command('creditors')
    .description('the companies whose receivables are collected (tenants)');
  creditors
    .command('add')
    .description('add a creditor')
    .requiredOption('--name <name>', 'legal name')
    .requiredOption('--vat-number <vat>', 'partita IVA (IT01234567890 or 01234567890)')
    .option('--fiscal-code <code>', 'codice fiscale')
    .option('--iban <iban>', 'IBAN where debtors pay')
    .option('--pec <address>', 'certified e-mail address')
    .option('--email <address>', 'e-mail address')
    .option('--phone <number>', 'phone number')
    .action(async (opts, cmd: Command) => {
      const options = cmd.optsWithGlobals<TGlobalOptions>();
      const creditor = await addCreditor(await commandContext(options), {
        name: opts.name,
        vatNumber: opts.vatNumber,
        fiscalCode: opts.fiscalCode,
        iban: opts.iban,
        pec: opts.pec,
        email: opts.email,
        phone: opts.phone,
      });
      output(options, creditor, () =>
        process.stdout.write(`creditor ${creditor.id} added: ${creditor.name} (${creditor.vatNumber})\n`),
      );
    });
  creditors
    .command('list')
    .description('list creditors')
    .action(async (_opts, cmd: Command) => {
      const options = cmd.optsWithGlobals<TGlobalOptions>();
      const rows = (await listCreditorRows(await database(options))).map(toCreditorView);
      output(options, rows, () => printTable(rows, ['id', 'name', 'vatNumber', 'iban']));
    });
}
