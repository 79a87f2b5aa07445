import type { Command } from 'commander';
import { listCases } from '../../app/collection/list-cases.ts';
import { resolveDebtor } from '../../app/ledger/resolve-debtor.ts';
import { invalid } from '../../core/shared/errors.ts';
import { database, output, printTable, type TGlobalOptions } from '../runtime.ts';
import { creditorFilter, pageOptions } from './shared-options.ts';

export function registerCaseCommands(program: Command): void {
  const cases = program.command('cases').description("collection cases: one debtor's overdue instalments");
  pageOptions(
    cases
      .command('list')
      .description('cases with their policy, last step, open tasks and what is still owed')
      .option('--status <status>', 'open | closed | all', 'open')
      .option('--debtor <vat>', 'only this debtor')
      .option('--creditor <vat>', 'only this creditor'),
  ).action(async (opts, cmd: Command) => {
    const options = cmd.optsWithGlobals<TGlobalOptions>();
    if (!['open', 'closed', 'all'].includes(opts.status))
      throw invalid('--status', opts.status, 'is not open, closed or all');
    const db = await database(options);
    const creditorId = await creditorFilter(db, opts.creditor);
    const debtor = opts.debtor ? await resolveDebtor(db, opts.debtor, creditorId, '--debtor') : null;
    const rows = await listCases(db, {
      creditorId: debtor?.creditor_id ?? creditorId,
      debtorId: debtor?.id ?? null,
      status: opts.status === 'all' ? null : opts.status,
      afterId: Number(opts.after ?? 0),
      limit: Number(opts.limit),
    });
    output(options, rows, () =>
      printTable(
        rows.map((r) => ({
          ...r,
          debtor: r.debtor.vatNumber ?? r.debtor.fiscalCode,
          lastStep: r.lastStep ? `${r.lastStep.key} (${r.lastStep.status} ${r.lastStep.date})` : '',
        })),
        [
          'id',
          'status',
          'state',
          'policy',
          'debtor',
          'openedOn',
          'instalmentCount',
          'outstanding',
          'lastStep',
          'openTasks',
        ],
      ),
    );
  });
}
