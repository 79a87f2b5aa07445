import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { addInvoices } from '../../app/ledger/add-invoices.ts';
import { listInvoices } from '../../app/ledger/list-invoices.ts';
import { resolveDebtor } from '../../app/ledger/resolve-debtor.ts';
import { invalid } from '../../core/shared/errors.ts';
import { commandContext, output, printTable, type TGlobalOptions } from '../runtime.ts';
import { creditorFilter, pageOptions } from './shared-options.ts';

function readJsonFile(path: string): unknown {
  let text: string;
  try {
    text = path === '-' ? readFileSync(0, 'utf8') : readFileSync(path, 'utf8');
  } catch (error) {
    throw invalid('--file', path, `cannot be read (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw invalid('--file', path, `is not valid JSON (${(error as Error).message})`);
  }
}

export function registerInvoiceCommands(program: Command): void {
  const invoices = program.command('invoices').description('invoices, credit notes and their instalments');
  pageOptions(
    invoices
      .command('list')
      .description('list invoices with instalments and outstanding amounts')
      .option('--debtor <vat>', 'only this debtor (VAT number or codice fiscale)')
      .option('--creditor <vat>', 'only this creditor')
      .option('--date <date>', 'as of this date (YYYY-MM-DD), default today'),
  ).action(async (opts, cmd: Command) => {
    const options = cmd.optsWithGlobals<TGlobalOptions & { date?: string }>();
    const ctx = await commandContext(options);
    const creditorId = await creditorFilter(ctx.db, opts.creditor);
    const debtor = opts.debtor ? await resolveDebtor(ctx.db, opts.debtor, creditorId, '--debtor') : null;
    const rows = await listInvoices(ctx.db, {
      asOf: ctx.today,
      creditorId: debtor?.creditor_id ?? creditorId,
      debtorId: debtor?.id ?? null,
      afterId: Number(opts.after ?? 0),
      limit: Number(opts.limit),
    });
    output(options, rows, () =>
      printTable(
        rows.map((r) => ({
          ...r,
          debtor: r.debtor.name,
          dueDates: r.instalments.map((i) => i.dueDate).join(' '),
          status: [...new Set(r.instalments.map((i) => (i.isOverdue ? 'overdue' : i.status)))].join(','),
        })),
        ['id', 'number', 'type', 'issueDate', 'debtor', 'total', 'outstanding', 'dueDates', 'status'],
      ),
    );
  });
  invoices
    .command('add')
    .description(
      'add invoices from a JSON file: one object or an array, in the shape `invoices list --json` prints',
    )
    .requiredOption('--file <path>', 'JSON file ("-" for standard input)')
    .action(async (opts, cmd: Command) => {
      const options = cmd.optsWithGlobals<TGlobalOptions>();
      const results = await addInvoices(await commandContext(options), readJsonFile(opts.file), 'cli');
      output(options, results, () => printTable(results, ['number', 'issueDate', 'status', 'id']));
    });
}
