import { writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import { caseFileSummary, getCaseFile } from '../../app/agency/get-case-file.ts';
import { invalid } from '../../core/shared/errors.ts';
import { commandContext, output, type TGlobalOptions } from '../runtime.ts';

export function caseIdOption(value: string, field = '--case'): number {
  if (!/^\d+$/.test(value) || Number(value) < 1) throw invalid(field, value, 'is not a case id');
  return Number(value);
}

export function registerCaseFileCommands(program: Command): void {
  const casefile = program
    .command('casefile')
    .description(
      'the case file handed to an agency or a lawyer (ZIP: index, invoices, evidence, proofs, register, statement)',
    );
  casefile
    .command('build')
    .description('write the case file of a case: the one stored at handover, or one built as of --date')
    .requiredOption('--case <id>', 'the case id (riscossa cases list)')
    .requiredOption('--out <file>', 'where to write the ZIP')
    .option('--date <date>', 'build anew as of this date (YYYY-MM-DD) instead of returning the stored file')
    .option('--creditor <vat>', 'the creditor, when several')
    .option(
      '--allow-unverified-rates',
      'compute interest with rates not confirmed by a Gazzetta Ufficiale reference',
    )
    .action(async (opts, cmd: Command) => {
      const options = cmd.optsWithGlobals<TGlobalOptions>();
      const ctx = await commandContext({ dataDir: options.dataDir });
      const result = await getCaseFile(ctx, {
        caseId: caseIdOption(opts.case),
        creditor: opts.creditor,
        date: opts.date ?? null,
        allowUnverifiedRates: Boolean(opts.allowUnverifiedRates),
      });
      writeFileSync(opts.out, result.bytes);
      const summary = caseFileSummary(result, opts.out);
      output(options, summary, () => {
        process.stdout.write(
          `${opts.out}: case ${summary.caseId} as of ${summary.asOf}${summary.isStored ? ' (stored at handover)' : ''}, ${summary.files.length} files, ${summary.bytes} bytes, sha256 ${summary.sha256}\n`,
        );
        for (const [currency, a] of Object.entries(summary.amounts)) {
          process.stdout.write(
            `due ${a.due} ${currency} (capital ${a.capitalOutstanding}, interest ${a.interestOutstanding}, costs ${a.costsOutstanding})\n`,
          );
        }
        const v = summary.register.verification;
        process.stdout.write(
          `register: ${v.isValid ? `chain verified (${v.entries} entries)` : `chain BROKEN: ${v.problem}`}; extract ${summary.register.extract.entries} entries\n`,
        );
      });
    });
}
