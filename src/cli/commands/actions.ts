import type { Command } from 'commander';
import { listActions } from '../../app/collection/list-actions.ts';
import { resolveDebtor } from '../../app/ledger/resolve-debtor.ts';
import { parseDate } from '../../core/shared/calendar-date.ts';
import { database, output, printTable, type TGlobalOptions } from '../runtime.ts';
import { creditorFilter, pageOptions } from './shared-options.ts';

export function registerActionCommands(program: Command): void {
  const actions = program
    .command('actions')
    .description('what the collection engine did: messages, tasks, skips');
  pageOptions(
    actions
      .command('list')
      .description('every step taken or skipped, oldest first')
      .option('--debtor <vat>', 'only this debtor (VAT number or codice fiscale)')
      .option('--creditor <vat>', 'only this creditor')
      .option('--on <date>', 'only actions created on this date'),
  ).action(async (opts, cmd: Command) => {
    const options = cmd.optsWithGlobals<TGlobalOptions>();
    const db = await database(options);
    const creditorId = await creditorFilter(db, opts.creditor);
    const debtor = opts.debtor ? await resolveDebtor(db, opts.debtor, creditorId, '--debtor') : null;
    const rows = await listActions(db, {
      creditorId: debtor?.creditor_id ?? creditorId,
      debtorId: debtor?.id ?? null,
      date: opts.on ? parseDate(opts.on, '--on') : null,
      afterId: Number(opts.after ?? 0),
      limit: Number(opts.limit),
    });
    output(options, rows, () =>
      printTable(
        rows.map((r) => ({
          ...r,
          debtor: r.debtor.vatNumber ?? r.debtor.fiscalCode,
          invoices: r.instalments.map((i) => i.invoiceNumber).join(' '),
        })),
        ['id', 'date', 'stepKey', 'channel', 'status', 'debtor', 'total', 'invoices'],
      ),
    );
  });
}
