import { writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import { closeCase } from '../../app/legal/close-case.ts';
import { draftPetition } from '../../app/legal/draft-petition.ts';
import type { TLegalView } from '../../app/legal/legal-view.ts';
import { recordLegalStage } from '../../app/legal/record-legal-stage.ts';
import { showLegal } from '../../app/legal/show-legal.ts';
import { CLOSING_OUTCOMES, LEGAL_STAGES } from '../../core/legal/legal-stages.ts';
import { commandContext, output, printTable, type TGlobalOptions } from '../runtime.ts';
import { caseIdOption } from './casefile.ts';

function printLegal(view: TLegalView): void {
  process.stdout.write(`case ${view.caseId} (${view.caseStatus}) on ${view.date}\n`);
  printTable(view.stages, ['on', 'stage', 'reference', 'note']);
  printTable(view.deadlines, ['key', 'date', 'status', 'basis']);
  if (view.outcome)
    process.stdout.write(
      `closed ${view.outcome.closedOn}: ${view.outcome.outcome}, written off ${view.outcome.writtenOff} ${view.outcome.currency}\n`,
    );
}

export function registerLegalCommands(program: Command): void {
  const legal = program
    .command('legal')
    .description('the legal phase: notice, payment order, service, opposition, enforcement');
  legal
    .command('record')
    .description(
      'record a stage on the day it happened; deadlines follow (art. 641, 644, 481, 482, 497 c.p.c.)',
    )
    .requiredOption('--case <id>', 'the case id')
    .requiredOption('--stage <stage>', LEGAL_STAGES.join(' | '))
    .option('--on <date>', 'the day it happened (YYYY-MM-DD), default today')
    .option('--reference <text>', 'court roll number, order number, bailiff report', '')
    .option('--note <text>', 'a note', '')
    .option('--creditor <vat>', 'the creditor, when several')
    .action(async (opts, cmd: Command) => {
      const options = cmd.optsWithGlobals<TGlobalOptions & { date?: string }>();
      const ctx = await commandContext(options);
      const view = await recordLegalStage(ctx, {
        caseId: caseIdOption(opts.case),
        creditor: opts.creditor ?? null,
        stage: opts.stage,
        date: opts.on ?? null,
        reference: opts.reference,
        note: opts.note,
      });
      output(options, view, () => printLegal(view));
    });
  legal
    .command('show')
    .description("a case's legal stages, deadlines and outcome")
    .requiredOption('--case <id>', 'the case id')
    .option('--date <date>', 'the day the deadlines are judged on, default today')
    .option('--creditor <vat>', 'the creditor, when several')
    .action(async (opts, cmd: Command) => {
      const options = cmd.optsWithGlobals<TGlobalOptions>();
      const ctx = await commandContext({ dataDir: options.dataDir });
      const view = await showLegal(ctx, {
        caseId: caseIdOption(opts.case),
        creditor: opts.creditor,
        date: opts.date,
      });
      output(options, view, () => printLegal(view));
    });
  legal
    .command('petition')
    .description('draft petition for a payment order (art. 633 c.p.c.) filled from the case, as a PDF')
    .requiredOption('--case <id>', 'the case id')
    .requiredOption('--out <file>', 'where to write the PDF')
    .option('--date <date>', 'amounts and interest as of this date, default today')
    .option(
      '--allow-unverified-rates',
      'compute interest with rates not confirmed by a Gazzetta Ufficiale reference',
    )
    .option('--creditor <vat>', 'the creditor, when several')
    .action(async (opts, cmd: Command) => {
      const options = cmd.optsWithGlobals<TGlobalOptions>();
      const ctx = await commandContext({ dataDir: options.dataDir });
      const { draft, pdf } = await draftPetition(ctx, {
        caseId: caseIdOption(opts.case),
        creditor: opts.creditor,
        date: opts.date,
        allowUnverifiedRates: Boolean(opts.allowUnverifiedRates),
      });
      writeFileSync(opts.out, pdf);
      output(options, { ...draft, out: opts.out, bytes: pdf.length }, () =>
        process.stdout.write(
          `${opts.out}: draft petition for case ${draft.caseId}, ${draft.proofs.length} written proofs\n`,
        ),
      );
    });

  const cases = program.commands.find((c) => c.name() === 'cases');
  if (!cases) throw new Error('register the cases command first');
  cases
    .command('close')
    .description('close a case with its outcome: paid, settled, written-off, uncollectable')
    .requiredOption('--case <id>', 'the case id')
    .requiredOption('--outcome <outcome>', CLOSING_OUTCOMES.join(' | '))
    .option('--written-off <amount>', 'the amount given up (default: all still owed; 0 for paid)')
    .option('--on <date>', 'the day (YYYY-MM-DD), default today')
    .option('--note <text>', 'why', '')
    .option('--creditor <vat>', 'the creditor, when several')
    .action(async (opts, cmd: Command) => {
      const options = cmd.optsWithGlobals<TGlobalOptions & { date?: string }>();
      const ctx = await commandContext(options);
      const view = await closeCase(ctx, {
        caseId: caseIdOption(opts.case),
        creditor: opts.creditor ?? null,
        outcome: opts.outcome,
        writtenOff: opts.writtenOff ?? null,
        date: opts.on ?? null,
        note: opts.note,
      });
      output(options, view, () => printLegal(view));
    });
}
