import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import type { Command } from 'commander';
import { addRecoveryCost } from '../../app/interest/add-recovery-cost.ts';
import { setFlatIndemnity } from '../../app/interest/set-flat-indemnity.ts';
import { invalid } from '../../core/shared/errors.ts';
import { commandContext, output, type TGlobalOptions } from '../runtime.ts';

function readProof(path: string): { fileName: string; bytes: Uint8Array<ArrayBuffer> } {
  try {
    return { fileName: basename(path), bytes: new Uint8Array(readFileSync(path)) };
  } catch (error) {
    throw invalid('--proof', path, `cannot be read (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
  }
}

export function registerCostCommands(program: Command): void {
  const costs = program
    .command('costs')
    .description('recovery costs and the EUR 40 flat indemnity (art. 6 D.Lgs. 231/2002)');
  costs
    .command('add')
    .description('record a documented recovery cost of an invoice (postage, agency fees), with its proof')
    .requiredOption('--invoice <number>', 'the invoice')
    .requiredOption('--amount <amount>', 'amount, e.g. 12.50')
    .requiredOption('--date <date>', 'day the cost was incurred (YYYY-MM-DD)')
    .requiredOption('--description <text>', 'what it was, e.g. "Raccomandata A/R n. 123"')
    .option('--proof <file>', 'receipt or invoice of the cost (stored with it)')
    .option('--debtor <vat>', 'the debtor, when the number is ambiguous')
    .option('--creditor <vat>', 'the creditor, when the number is ambiguous')
    .option('--year <year>', 'the invoice year, when the number repeats')
    .action(async (opts, cmd: Command) => {
      const options = cmd.optsWithGlobals<TGlobalOptions>();
      const result = await addRecoveryCost(await commandContext({ ...options, date: undefined }), {
        invoice: opts.invoice,
        debtor: opts.debtor,
        creditor: opts.creditor,
        year: opts.year ? Number(opts.year) : null,
        amount: opts.amount,
        date: opts.date,
        description: opts.description,
        proof: opts.proof ? readProof(opts.proof) : null,
      });
      output(options, result, () =>
        process.stdout.write(
          `cost ${result.id} added to invoice ${result.invoice}: ${result.amount} ${result.currency} on ${result.date}, ${result.proof ? `proof ${result.proof.fileName} sha256 ${result.proof.sha256}` : 'NO proof'}\n`,
        ),
      );
    });
  costs
    .command('indemnity')
    .description("switch the creditor's EUR 40 flat indemnity on or off (on by default)")
    .requiredOption('--creditor <vat>', 'the creditor')
    .option('--on', 'claim it (default)')
    .option('--off', 'waive it')
    .action(async (opts, cmd: Command) => {
      const options = cmd.optsWithGlobals<TGlobalOptions>();
      if (Boolean(opts.on) === Boolean(opts.off))
        throw invalid('--on', null, 'give exactly one of --on or --off');
      const result = await setFlatIndemnity(await commandContext({ ...options, date: undefined }), {
        creditor: opts.creditor,
        isEnabled: Boolean(opts.on),
      });
      output(options, result, () =>
        process.stdout.write(`flat indemnity ${result.isEnabled ? 'on' : 'off'} for ${result.creditor}\n`),
      );
    });
}
