import type { Command } from 'commander';
import { recordPayment } from '../../app/ledger/record-payment.ts';
import { commandContext, output, printTable, type TGlobalOptions } from '../runtime.ts';

export function registerPaymentCommands(program: Command): void {
  const payments = program.command('payments').description('payments received and what they settle');
  payments
    .command('add')
    .description('record a payment and allocate it to open instalments, oldest due first')
    .requiredOption('--debtor <vat>', 'the payer: VAT number or codice fiscale')
    .requiredOption('--amount <amount>', 'amount, e.g. 1220.00')
    .requiredOption('--date <date>', 'value date (YYYY-MM-DD)')
    .option('--invoice <number...>', 'settle only these invoices')
    .option('--creditor <vat>', 'the creditor, when the debtor owes several')
    .option('--currency <code>', 'ISO 4217 currency', 'EUR')
    .option('--allow-credit', "keep what exceeds the open amount as the debtor's credit")
    .option('--reference <text>', 'payment reference (bank remittance text)')
    .option('--external-id <id>', "the bank's id of the payment: recording it again changes nothing")
    .action(async (opts, cmd: Command) => {
      const options = cmd.optsWithGlobals<TGlobalOptions>();
      const result = await recordPayment(await commandContext({ ...options, date: undefined }), {
        debtor: opts.debtor,
        creditor: opts.creditor,
        amount: opts.amount,
        currency: opts.currency,
        date: opts.date,
        invoices: opts.invoice ?? [],
        allowCredit: Boolean(opts.allowCredit),
        reference: opts.reference,
        externalId: opts.externalId,
      });
      output(options, result, () => {
        process.stdout.write(
          `payment ${result.id} ${result.status}: ${result.amount} ${result.currency}, allocated ${result.allocated}, credit ${result.credit}\n`,
        );
        printTable(result.allocations, ['invoiceNumber', 'dueDate', 'amount']);
      });
    });
}
