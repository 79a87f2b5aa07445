import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { addCreditor } from '../../app/ledger/add-creditor.ts';
import { toCreditorView } from '../../app/ledger/creditor-view.ts';
import { updateCreditor } from '../../app/ledger/update-creditor.ts';
import { invalid } from '../../core/shared/errors.ts';
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
    .command('update')
    .description('change a creditor\'s own data (the VAT number never changes); "" clears a field')
    .requiredOption('--creditor <vat>', 'the creditor, by VAT number')
    .option('--name <name>', 'legal name')
    .option('--street <street>', 'street and number')
    .option('--postal-code <cap>', 'postal code (CAP)')
    .option('--city <city>', 'city')
    .option('--province <code>', 'province (two letters)')
    .option('--country <code>', 'country (two letters, IT when not given)')
    .option('--pec <address>', 'certified e-mail address')
    .option('--email <address>', 'e-mail address')
    .option('--phone <number>', 'phone number')
    .option('--iban <iban>', 'IBAN where debtors pay')
    .option('--logo <file>', 'letterhead logo: a PNG or JPEG file of at most 512 KB')
    .option('--no-logo', 'remove the logo')
    .action(async (opts, cmd: Command) => {
      const options = cmd.optsWithGlobals<TGlobalOptions>();
      // commander turns --logo/--no-logo into one option: a file name, false, or true (neither).
      let logo: Buffer | null | undefined;
      if (opts.logo === false) logo = null;
      else if (typeof opts.logo === 'string') {
        try {
          logo = readFileSync(opts.logo);
        } catch {
          throw invalid('logo', opts.logo, 'cannot be read');
        }
      }
      const result = await updateCreditor(await commandContext(options), {
        creditor: opts.creditor,
        name: opts.name,
        street: opts.street,
        postalCode: opts.postalCode,
        city: opts.city,
        province: opts.province,
        country: opts.country,
        pec: opts.pec,
        email: opts.email,
        phone: opts.phone,
        iban: opts.iban,
        logo,
      });
      output(options, result, () =>
        process.stdout.write(
          result.changed.length > 0
            ? `creditor ${result.vatNumber} updated: ${result.changed.join(', ')}\n`
            : `creditor ${result.vatNumber}: nothing to change\n`,
        ),
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
