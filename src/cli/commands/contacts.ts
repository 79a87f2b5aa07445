import type { Command } from 'commander';
import { filePecDirectory } from '../../adapters/pec-directory/pec-directory.ts';
import { recordTracing, TRACING_OUTCOMES } from '../../app/contacts/record-tracing.ts';
import { verifyContacts } from '../../app/contacts/verify-contacts.ts';
import { addPartnerOffice } from '../../app/mandates/setup-agency.ts';
import { invalid } from '../../core/shared/errors.ts';
import { commandContext, output, printTable, type TGlobalOptions } from '../runtime.ts';

/** Env var naming the PEC directory file (CSV vatNumber,pec) when --directory is not given. */
export const PEC_DIRECTORY_ENV = 'RISCOSSA_PEC_DIRECTORY';

export function registerContactCommands(program: Command): void {
  const contacts = program
    .command('contacts')
    .description("verify a debtor's contact details before the first letter");
  contacts
    .command('verify')
    .description(
      'PEC against the public directory, addresses normalised; approves a waiting verify-details review',
    )
    .requiredOption('--debtor <vat>', 'the debtor')
    .option('--directory <file>', `PEC directory CSV (vatNumber,pec); default env ${PEC_DIRECTORY_ENV}`)
    .option('--creditor <vat>', 'the creditor, when several')
    .action(async (opts, cmd: Command) => {
      const options = cmd.optsWithGlobals<TGlobalOptions & { date?: string }>();
      const file = opts.directory ?? process.env[PEC_DIRECTORY_ENV];
      if (!file) throw invalid('--directory', null, `is required (or set ${PEC_DIRECTORY_ENV})`);
      const ctx = await commandContext(options);
      const result = await verifyContacts(
        ctx,
        { debtor: opts.debtor, creditor: opts.creditor },
        filePecDirectory(file),
      );
      output(options, result, () => {
        process.stdout.write(`PEC ${result.pec.status}: ${result.pec.after ?? '(none)'}\n`);
        printTable(
          result.addresses.map((a) => ({ ...a, issues: a.issues.join('; ') })),
          ['id', 'street', 'postalCode', 'city', 'province', 'country', 'changed', 'issues'],
        );
      });
    });

  const tracing = program.command('tracing').description('tracing (rintraccio) of unreachable debtors');
  tracing
    .command('record')
    .description('the outcome of a tracing task: new-address, new-phone, deceased, company-closed, not-found')
    .requiredOption('--task <id>', 'the tracing task')
    .requiredOption('--outcome <outcome>', TRACING_OUTCOMES.join(' | '))
    .option('--street <street>', 'new address: street and number')
    .option('--postal-code <cap>', 'new address: CAP')
    .option('--city <city>', 'new address: city')
    .option('--province <code>', 'new address: province')
    .option('--country <cc>', 'new address: country', 'IT')
    .option('--phone <phone>', 'new phone number')
    .option('--note <text>', 'a note', '')
    .action(async (opts, cmd: Command) => {
      const options = cmd.optsWithGlobals<TGlobalOptions & { date?: string }>();
      const ctx = await commandContext(options);
      const result = await recordTracing(ctx, {
        taskId: Number(opts.task),
        outcome: opts.outcome,
        address: opts.street
          ? {
              street: opts.street,
              postalCode: opts.postalCode,
              city: opts.city ?? '',
              province: opts.province,
              country: opts.country,
            }
          : null,
        phone: opts.phone ?? null,
        note: opts.note,
      });
      output(options, result, () =>
        process.stdout.write(`task ${result.taskId}: ${result.outcome} (${result.taskOutcome})\n`),
      );
    });

  const agency = program.commands.find((c) => c.name() === 'agency');
  agency
    ?.command('partner-add')
    .description('an office abroad following the debtors of some countries (seed 002)')
    .requiredOption('--name <name>', 'the office')
    .requiredOption('--countries <list>', 'ISO country codes, comma-separated')
    .option('--email <email>', 'its e-mail')
    .option('--agency <vat>', 'the agency, when several')
    .action(async (opts, cmd: Command) => {
      const options = cmd.optsWithGlobals<TGlobalOptions>();
      const ctx = await commandContext({ dataDir: options.dataDir });
      const row = await addPartnerOffice(ctx, {
        agency: opts.agency,
        name: opts.name,
        countries: String(opts.countries)
          .split(',')
          .map((c: string) => c.trim().toUpperCase()),
        email: opts.email ?? null,
      });
      output(options, row, () => process.stdout.write(`partner office ${row.id} ${row.name}\n`));
    });
}
