import type { Command } from 'commander';
import { createDemoLogin } from '../../app/demo/create-demo-login.ts';
import { loadDemoPortfolio } from '../../app/demo/load-demo-portfolio.ts';
import { invalid } from '../../core/shared/errors.ts';
import { commandContext, output, type TGlobalOptions } from '../runtime.ts';

export function registerDemoCommands(program: Command): void {
  program
    .command('demo')
    .description(
      'create a demo portfolio: one creditor, 50 debtors and about 300 invoices in every state, relative to today',
    )
    .option('--seed <n>', 'seed of the generator: the same seed and date give the same data', '1')
    .option('--if-empty', 'do nothing when the database already has a creditor')
    .option('--date <date>', 'the day the portfolio is built around (YYYY-MM-DD), default today')
    .action(async (opts, cmd: Command) => {
      const options = cmd.optsWithGlobals<TGlobalOptions & { date?: string }>();
      if (!/^\d{1,9}$/.test(String(opts.seed))) throw invalid('--seed', opts.seed, 'is not a whole number');
      const ctx = await commandContext(options);
      const loaded = await loadDemoPortfolio(ctx, {
        seed: Number(opts.seed),
        onlyIfEmpty: Boolean(opts.ifEmpty),
      });
      const login =
        loaded.status === 'skipped' ? null : await createDemoLogin(ctx, loaded.creditor.vatNumber);
      const result = { ...loaded, login };
      output(options, result, () => {
        const { name, vatNumber } = result.creditor;
        process.stdout.write(
          result.status === 'skipped'
            ? 'demo skipped: the database already has a creditor\n'
            : `demo created for ${name} (${vatNumber}): ${result.debtors} debtors, ${result.invoices} invoices, ${result.creditNotes} credit notes, ${result.instalments} instalments, ${result.payments} payments\n`,
        );
        if (login) {
          process.stdout.write(
            `web app log-in: ${login.email} / ${login.password} (shown once; change it with: riscossa users passwd --email ${login.email} --password-stdin)\n`,
          );
        }
      });
    });
}
