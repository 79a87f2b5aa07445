import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import type { Command } from 'commander';
import { importFiles, type TImportFile } from '../../app/imports/import-files.ts';
import type { TImportProgress } from '../../app/imports/import-types.ts';
import { invalid } from '../../core/shared/errors.ts';
import { commandContext, output, printTable, type TGlobalOptions } from '../runtime.ts';

function readInput(path: string): TImportFile {
  try {
    return { name: basename(path), bytes: new Uint8Array(readFileSync(path)) };
  } catch (error) {
    throw invalid('file', path, `cannot be read (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
  }
}

/** A saved mapping's name, or a JSON file holding the mapping. */
function mappingOption(value: string | undefined): string | Record<string, unknown> | null {
  if (!value) return null;
  if (!/\.json$/i.test(value)) return value;
  try {
    return JSON.parse(readFileSync(value, 'utf8')) as Record<string, unknown>;
  } catch (error) {
    throw invalid('--mapping', value, `is not a readable JSON file (${(error as Error).message})`);
  }
}

/** A progress bar on standard error when a person watches (a terminal, no --json). */
function progressBar(isEnabled: boolean): (e: TImportProgress) => void {
  if (!isEnabled) return () => undefined;
  return (e) => {
    const width = 30;
    const done = Math.round((e.filesDone / Math.max(1, e.filesTotal)) * width);
    process.stderr.write(
      `\r[${'#'.repeat(done)}${'.'.repeat(width - done)}] ${e.filesDone}/${e.filesTotal} files`,
    );
    if (e.filesDone === e.filesTotal && e.status) process.stderr.write('\n');
  };
}

export function registerImportCommands(program: Command): void {
  program
    .command('import')
    .description(
      'import FatturaPA invoices (.xml, .xml.p7m, .zip), CSV files, camt.053/054 and CBI RH statements',
    )
    .argument('<files...>', 'files to import; the format is told from the content')
    .option('--create-creditor', "create a FatturaPA file's seller as a creditor when it is not one yet")
    .option('--payment-term-days <days>', 'due date of invoices without DatiPagamento: issue date + days')
    .option('--creditor <vat>', 'the creditor a bank statement or CSV file belongs to')
    .option('--mapping <name|file.json>', 'CSV column mapping: a saved name or a JSON file')
    .option('--save-mapping <name>', 'save the --mapping file under this name for the next files')
    .option(
      '--batch-size <n>',
      'FatturaPA files per transaction (1 to 5000, default 500); each file is still accepted or refused whole',
    )
    .action(async (paths: string[], opts, cmd: Command) => {
      const options = cmd.optsWithGlobals<TGlobalOptions>();
      const days = opts.paymentTermDays === undefined ? null : Number(opts.paymentTermDays);
      if (days !== null && (!Number.isInteger(days) || days < 0 || days > 3650)) {
        throw invalid(
          '--payment-term-days',
          opts.paymentTermDays,
          'must be a whole number of days (0 to 3650)',
        );
      }
      const batchSize = opts.batchSize === undefined ? undefined : Number(opts.batchSize);
      if (batchSize !== undefined && (!/^\d{1,4}$/.test(opts.batchSize) || batchSize < 1 || batchSize > 5000))
        throw invalid('--batch-size', opts.batchSize, 'must be a whole number from 1 to 5000');
      const files = paths.map(readInput);
      const results = await importFiles(await commandContext(options), files, {
        createCreditor: Boolean(opts.createCreditor),
        paymentTermDays: days,
        creditorVat: opts.creditor ?? null,
        mapping: mappingOption(opts.mapping),
        saveMappingAs: opts.saveMapping ?? null,
        ...(batchSize === undefined ? {} : { batchSize }),
        onProgress: progressBar(!options.json && process.stderr.isTTY === true),
      });
      output(options, results, () => {
        printTable(
          results.map((r) => ({
            ...r,
            counts: Object.entries(r.counts)
              .filter(([, n]) => n > 0)
              .map(([k, n]) => `${k}=${n}`)
              .join(' '),
            errors: r.errors.map((e) => `${e.where}: ${e.message}`).join('; '),
          })),
          ['file', 'format', 'status', 'counts', 'errors'],
        );
      });
      if (results.some((r) => r.status === 'rejected')) process.exitCode = 1;
    });
}
