import type { Command } from 'commander';
import { anonymiseDebtor, exportDebtorPersonalData } from '../../app/privacy/debtor-personal-data.ts';
import { resolveDebtorRef } from '../../app/privacy/resolve-debtor-ref.ts';
import { commandContext, output, printJson, type TGlobalOptions } from '../runtime.ts';
import { creditorFilter } from './shared-options.ts';

export function registerPrivacyCommands(program: Command): void {
  const privacy = program
    .command('privacy')
    .description("a debtor's personal data: access requests and erasure");
  privacy
    .command('export')
    .description('every row about a debtor, as JSON (an access request); logged as a security event')
    .requiredOption('--debtor <ref>', 'debtor id, VAT number or codice fiscale')
    .option('--creditor <vat>', 'the creditor, when the debtor is one of several creditors')
    .action(async (opts, cmd: Command) => {
      const options = cmd.optsWithGlobals<TGlobalOptions>();
      const ctx = await commandContext(options);
      const debtor = await resolveDebtorRef(
        ctx.db,
        opts.debtor,
        await creditorFilter(ctx.db, opts.creditor),
        '--debtor',
      );
      printJson(await exportDebtorPersonalData(ctx, debtor.creditor_id, debtor.id));
    });
  privacy
    .command('anonymise')
    .description("replace a debtor's identifying data, when the ten-year retention of their records is over")
    .requiredOption('--debtor <ref>', 'debtor id, VAT number or codice fiscale')
    .option('--creditor <vat>', 'the creditor, when the debtor is one of several creditors')
    .action(async (opts, cmd: Command) => {
      const options = cmd.optsWithGlobals<TGlobalOptions>();
      const ctx = await commandContext(options);
      const debtor = await resolveDebtorRef(
        ctx.db,
        opts.debtor,
        await creditorFilter(ctx.db, opts.creditor),
        '--debtor',
      );
      const result = await anonymiseDebtor(ctx, debtor.creditor_id, debtor.id);
      output(options, result, () => process.stdout.write(`debtor ${result.debtorId} anonymised\n`));
    });
}
