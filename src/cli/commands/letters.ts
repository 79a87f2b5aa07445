import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Command } from 'commander';
import { resolveCreditorId, resolveCreditorIdOrNull } from '../../app/collection/resolve-creditor.ts';
import { batchLetters } from '../../app/communications/batch-letters.ts';
import { recordTracking } from '../../app/communications/record-tracking.ts';
import { invalid } from '../../core/shared/errors.ts';
import { commandContext, output, printTable, type TGlobalOptions } from '../runtime.ts';

export function registerLetterCommands(program: Command): void {
  const letters = program
    .command('letters')
    .description('printable letters and registered letters (Raccomandata A/R)');

  letters
    .command('batch')
    .description(
      'the print batch of a day: one PDF per letter, a merged PDF and the dispatch lists; the same on every rerun',
    )
    .requiredOption('--date <date>', 'the batch day (YYYY-MM-DD)')
    .requiredOption('--out <dir>', 'directory to write the files to')
    .option('--creditor <vat>', 'the creditor, when there are several')
    .action(async (opts, cmd: Command) => {
      const options = cmd.optsWithGlobals<TGlobalOptions & { date?: string }>();
      const ctx = await commandContext(options);
      const creditorId = await resolveCreditorId(ctx.db, opts.creditor, '--creditor');
      const batch = await batchLetters(ctx, { creditorId, date: ctx.today });
      const dir = opts.out as string;
      mkdirSync(join(dir, 'letters'), { recursive: true });
      const day = batch.date.replaceAll('-', '');
      for (const l of batch.letters) writeFileSync(join(dir, 'letters', l.fileName), l.pdf);
      const files = {
        letters: batch.letters.map((l) => join(dir, 'letters', l.fileName)),
        merged: batch.merged ? join(dir, `batch-${day}.pdf`) : null,
        dispatchList: join(dir, `dispatch-${day}.csv`),
        registeredList: join(dir, `registered-${day}.csv`),
      };
      if (batch.merged) writeFileSync(files.merged!, batch.merged);
      writeFileSync(files.dispatchList, batch.dispatchCsv);
      writeFileSync(files.registeredList, batch.registeredCsv);
      const result = {
        date: batch.date,
        letters: batch.letters.map(({ pdf: _pdf, ...l }) => l),
        cancelled: batch.cancelled,
        files,
      };
      output(options, result, () => {
        printTable(
          result.letters.map((l) => ({ ...l, debtor: l.debtor.name })),
          ['id', 'service', 'debtor', 'pages', 'fileName', 'trackingNumber'],
        );
        process.stdout.write(
          `${result.letters.length} letters, ${result.cancelled.length} cancelled; files in ${dir}\n`,
        );
      });
    });

  letters
    .command('tracking <id> <number>')
    .description(
      'record the postal tracking number of a registered letter and, once delivered, the day of delivery (interrupts prescription)',
    )
    .option('--delivered-on <date>', 'the day the post delivered it (tracking, return receipt)')
    .option('--creditor <vat>', 'the creditor')
    .action(async (id: string, number: string, opts, cmd: Command) => {
      const options = cmd.optsWithGlobals<TGlobalOptions>();
      if (!/^\d+$/.test(id)) throw invalid('id', id, 'is not an id');
      const ctx = await commandContext(options);
      const result = await recordTracking(ctx, {
        id: Number(id),
        creditorId: await resolveCreditorIdOrNull(ctx.db, opts.creditor, '--creditor'),
        trackingNumber: number,
        deliveredOn: opts.deliveredOn ?? null,
      });
      output(options, result, () =>
        process.stdout.write(
          `letter ${result.id}: tracking number ${result.trackingNumber}${
            result.deliveredOn
              ? `, delivered ${result.deliveredOn} (${result.interruptions} prescription interruptions written)`
              : ''
          }\n`,
        ),
      );
    });
}
