import type { Command } from 'commander';
import { listUnmatchedPayments } from '../../app/imports/list-unmatched-payments.ts';
import { matchPayment } from '../../app/imports/match-payment.ts';
import { commandContext, output, printTable, type TGlobalOptions } from '../runtime.ts';
import { creditorFilter, pageOptions } from './shared-options.ts';

/** Adds the reconciliation queue to the `payments` command (registered after it). */
export function registerPaymentMatchingCommands(program: Command): void {
  const payments =
    program.commands.find((c) => c.name() === 'payments') ??
    program.command('payments').description('payments received and what they settle');
  pageOptions(
    payments
      .command('unmatched')
      .description('bank payments no rule could match, with suggestions, waiting for a person')
      .option('--creditor <vat>', 'only this creditor'),
  ).action(async (opts, cmd: Command) => {
    const options = cmd.optsWithGlobals<TGlobalOptions>();
    const ctx = await commandContext(options);
    const rows = await listUnmatchedPayments(ctx.db, {
      creditorId: await creditorFilter(ctx.db, opts.creditor),
      afterId: Number(opts.after ?? 0),
      limit: Number(opts.limit),
    });
    output(options, rows, () =>
      printTable(
        rows.map((r) => ({
          ...r,
          suggestions: r.suggestions
            .map((s) => `${s.invoiceNumber} (${s.debtorName}, ${s.outstanding}: ${s.reason})`)
            .join('; '),
        })),
        ['id', 'date', 'amount', 'payerName', 'payerIban', 'remittance', 'suggestions'],
      ),
    );
  });
  payments
    .command('match')
    .description(
      "settle an unmatched payment against invoices of one debtor, oldest due first; the rest stays as the debtor's credit",
    )
    .argument('<payment>', 'payment id (from payments unmatched)')
    .argument('<invoices...>', 'invoice numbers')
    .action(async (payment: string, invoices: string[], _opts, cmd: Command) => {
      const options = cmd.optsWithGlobals<TGlobalOptions>();
      const result = await matchPayment(await commandContext(options), { paymentId: payment, invoices });
      output(options, result, () => {
        process.stdout.write(
          `payment ${result.id} matched: ${result.amount}, allocated ${result.allocated}, credit ${result.credit}\n`,
        );
        printTable(result.allocations, ['invoiceNumber', 'dueDate', 'amount']);
      });
    });
}
