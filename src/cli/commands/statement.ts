import { writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import { debtorStatement } from '../../app/statement/debtor-statement.ts';
import { statementPdfOf } from '../../app/statement/statement-pdf-of.ts';
import { commandContext, output, printTable, type TGlobalOptions } from '../runtime.ts';

export function registerStatementCommands(program: Command): void {
  program
    .command('statement')
    .description(
      "a debtor's statement of account (estratto conto) on a date: instalments, payments, interest, costs, total due",
    )
    .requiredOption('--debtor <vat>', 'the debtor (VAT number or codice fiscale)')
    .option('--creditor <vat>', 'the creditor, when the debtor owes several')
    .option('--date <date>', 'statement date (YYYY-MM-DD), default today')
    .option('--pdf <file>', 'also write the statement as a PDF (Italian) to this file')
    .option('--allow-unverified-rates', 'compute with rates not confirmed by a Gazzetta Ufficiale reference')
    .action(async (opts, cmd: Command) => {
      const options = cmd.optsWithGlobals<TGlobalOptions & { date?: string }>();
      const ctx = await commandContext(options);
      const statement = await debtorStatement(ctx.db, {
        debtor: opts.debtor,
        creditor: opts.creditor,
        date: ctx.today,
        allowUnverifiedRates: Boolean(opts.allowUnverifiedRates),
      });
      if (opts.pdf) writeFileSync(opts.pdf, await statementPdfOf(ctx.db, statement, ctx.now));
      output(options, statement, () => {
        process.stdout.write(
          `${statement.title}: ${statement.debtor.name} owes ${statement.creditor.name}\n`,
        );
        printTable(
          statement.invoices.map((i) => ({
            number: i.invoice.number,
            kind: i.regime.kind,
            principal: i.totals.principal,
            capitalOutstanding: i.totals.capitalOutstanding,
            interestOutstanding: i.totals.interestOutstanding,
            costsOutstanding: i.totals.costsOutstanding,
            due: i.totals.due,
          })),
          [
            'number',
            'kind',
            'principal',
            'capitalOutstanding',
            'interestOutstanding',
            'costsOutstanding',
            'due',
          ],
        );
        for (const [currency, t] of Object.entries(statement.totals)) {
          process.stdout.write(
            `total due ${t.due} ${currency} (capital ${t.capitalOutstanding}, interest ${t.interestOutstanding}, costs ${t.costsOutstanding})\n`,
          );
        }
      });
    });
}
