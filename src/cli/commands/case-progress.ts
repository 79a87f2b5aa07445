import type { Command } from 'commander';
import { listProgress, recordProgress } from '../../app/agency/record-progress.ts';
import { commandContext, output, printTable, type TGlobalOptions } from '../runtime.ts';
import { caseIdOption } from './casefile.ts';

/** `riscossa cases progress add|list`: the agency's progress on a handed-over case. */
export function registerCaseProgressCommands(program: Command): void {
  const cases = program.commands.find((c) => c.name() === 'cases');
  if (!cases) throw new Error('register the cases command first');
  const progress = cases.command('progress').description("an agency's progress on a handed-over case");
  progress
    .command('add')
    .description(
      'record a stage reached (contact-made, promise, partial-payment, legal-notice, returned, closed...)',
    )
    .requiredOption('--case <id>', 'the case id')
    .requiredOption('--stage <stage>', 'lower-case-with-dashes')
    .option('--note <text>', 'what happened', '')
    .option(
      '--amount <amount>',
      'an amount the agency reports (a payment still reaches the ledger as a payment)',
    )
    .option('--on <date>', 'the day it happened (YYYY-MM-DD), default today')
    .option('--creditor <vat>', 'the creditor, when several')
    .action(async (opts, cmd: Command) => {
      const options = cmd.optsWithGlobals<TGlobalOptions & { date?: string }>();
      const ctx = await commandContext(options);
      const view = await recordProgress(ctx, {
        caseId: caseIdOption(opts.case),
        creditor: opts.creditor ?? null,
        stage: opts.stage,
        note: opts.note,
        amount: opts.amount ?? null,
        date: opts.on ?? null,
      });
      output(options, view, () =>
        process.stdout.write(`case ${view.caseId}: ${view.stage} on ${view.date} (progress ${view.id})\n`),
      );
    });
  progress
    .command('list')
    .description("the agency's progress on a case, oldest first")
    .requiredOption('--case <id>', 'the case id')
    .option('--creditor <vat>', 'the creditor, when several')
    .action(async (opts, cmd: Command) => {
      const options = cmd.optsWithGlobals<TGlobalOptions>();
      const ctx = await commandContext({ dataDir: options.dataDir });
      const rows = await listProgress(ctx, caseIdOption(opts.case), opts.creditor ?? null);
      output(options, rows, () => printTable(rows, ['id', 'date', 'stage', 'amount', 'note', 'recordedBy']));
    });
}
