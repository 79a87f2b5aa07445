import type { Command } from 'commander';
import { listDebtors } from '../../app/ledger/list-debtors.ts';
import { commandContext, output, printTable, type TGlobalOptions } from '../runtime.ts';
import { creditorFilter, pageOptions } from './shared-options.ts';

export function registerDebtorCommands(program: Command): void {
  const debtors = program.command('debtors').description('the customers who owe');
  pageOptions(
    debtors
      .command('list')
      .description('list debtors with their outstanding and overdue balance')
      .option('--creditor <vat>', 'only this creditor')
      .option('--date <date>', 'as of this date (YYYY-MM-DD), default today'),
  ).action(async (opts, cmd: Command) => {
    const options = cmd.optsWithGlobals<TGlobalOptions & { date?: string }>();
    const ctx = await commandContext(options);
    const rows = await listDebtors(ctx.db, {
      asOf: ctx.today,
      creditorId: await creditorFilter(ctx.db, opts.creditor),
      afterId: Number(opts.after ?? 0),
      limit: Number(opts.limit),
    });
    output(options, rows, () =>
      printTable(rows, ['id', 'name', 'vatNumber', 'fiscalCode', 'invoiceCount', 'outstanding', 'overdue']),
    );
  });
}
