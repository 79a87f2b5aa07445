import type { Command } from 'commander';
import { createLink } from '../../app/self-service/create-link.ts';
import { revokeLink } from '../../app/self-service/revoke-link.ts';
import { invalid } from '../../core/shared/errors.ts';
import { commandContext, output, type TGlobalOptions } from '../runtime.ts';

export function registerLinkCommands(program: Command): void {
  const links = program
    .command('links')
    .description("the debtor's personal self-service links (/pay/<token>)");
  links
    .command('create')
    .description('a new link for one debtor (VAT number or codice fiscale); the token is shown once')
    .requiredOption('--debtor <id>', 'the debtor: VAT number or codice fiscale')
    .option('--creditor <vat>', 'the creditor, when several have this debtor')
    .option('--days <n>', 'days until it expires (1 to 365)', '30')
    .option(
      '--base-url <url>',
      'public address of the server, for the full link (env RISCOSSA_PUBLIC_URL)',
      process.env.RISCOSSA_PUBLIC_URL ?? 'http://127.0.0.1:3000',
    )
    .action(async (opts, cmd: Command) => {
      const options = cmd.optsWithGlobals<TGlobalOptions>();
      if (!/^\d{1,3}$/.test(String(opts.days))) throw invalid('--days', opts.days, 'is not a number of days');
      const result = await createLink(await commandContext(options), {
        debtor: opts.debtor,
        creditor: opts.creditor,
        days: Number(opts.days),
        baseUrl: opts.baseUrl,
      });
      output(options, result, () =>
        process.stdout.write(
          `link ${result.id} for ${result.debtor.name}, valid until ${result.expiresAt}:\n${result.url ?? result.path}\n`,
        ),
      );
    });
  links
    .command('revoke')
    .description('revoke a link at once (its page then says it is no longer valid)')
    .argument('<id>', 'the link id printed by links create')
    .option('--creditor <vat>', 'the creditor the link belongs to')
    .action(async (id: string, opts, cmd: Command) => {
      const options = cmd.optsWithGlobals<TGlobalOptions>();
      if (!/^\d{1,15}$/.test(id)) throw invalid('id', id, 'is not a link id');
      const result = await revokeLink(await commandContext(options), {
        id: Number(id),
        creditor: opts.creditor,
      });
      output(options, result, () => process.stdout.write(`link ${result.id} ${result.status}\n`));
    });
}
