import type { Command } from 'commander';
import { computeAmountInterest } from '../../app/interest/compute-amount-interest.ts';
import { computeInvoiceInterest } from '../../app/interest/compute-invoice-interest.ts';
import type { TPeriodView } from '../../app/interest/interest-view.ts';
import { setInterestTerms } from '../../app/interest/set-interest-terms.ts';
import { invalid } from '../../core/shared/errors.ts';
import { commandContext, output, printTable, type TGlobalOptions } from '../runtime.ts';
import { registerCostCommands } from './costs.ts';
import { registerPrescriptionCommands } from './prescription.ts';
import { registerRateCommands } from './rates.ts';
import { registerStatementCommands } from './statement.ts';

function printPeriods(periods: ReadonlyArray<TPeriodView & { instalmentSeq?: number }>): void {
  printTable(
    periods.map((p) => ({ ...p, rate: `${p.ratePercent}${p.isVerified ? '' : ' UNVERIFIED'}` })),
    [
      ...(periods.some((p) => p.instalmentSeq !== undefined) ? ['instalmentSeq'] : []),
      'from',
      'to',
      'days',
      'capital',
      'rate',
      'interest',
      'source',
    ],
  );
}

/** The money-law commands: rates, interest, costs, statement, prescription (one entry point for main.ts). */
export function registerInterestCommands(program: Command): void {
  registerRateCommands(program);
  registerInterestCommand(program);
  registerCostCommands(program);
  registerStatementCommands(program);
  registerPrescriptionCommands(program);
}

function registerInterestCommand(program: Command): void {
  program
    .command('interest')
    .description(
      'late-payment interest (D.Lgs. 231/2002) or legal interest (art. 1284 c.c.) on an amount or a real invoice',
    )
    .option('--amount <amount>', 'principal, e.g. 10000.00 (with --from)')
    .option('--from <date>', 'due date: interest runs from the day after')
    .option('--invoice <number>', 'a real invoice: its instalments, payments and credit notes')
    .option('--debtor <vat>', 'with --invoice: the debtor (VAT number or codice fiscale)')
    .option('--creditor <vat>', 'with --invoice: the creditor')
    .option('--year <year>', 'with --invoice: its year, when the number repeats')
    .option('--to <date>', 'last day counted (the payment date), default today')
    .option(
      '--kind <kind>',
      'commercial or legal (default: commercial; for an invoice, from the debtor kind)',
    )
    .option('--pre-2013', 'contract concluded before 2013-01-01: ECB + 7 points')
    .option(
      '--court-claim-filed-on <date>',
      'legal rate becomes the commercial rate from this day (art. 1284 c.4)',
    )
    .option('--contractual-rate <percent>', 'with --amount: agreed annual rate (with --contractual-from)')
    .option('--contractual-from <date>', 'with --amount: first day of the agreed rate')
    .option(
      '--imputation <rule>',
      'with --invoice: art-1194 (default: costs, interest, capital) or capital-first',
    )
    .option('--allow-unverified-rates', 'compute with rates not confirmed by a Gazzetta Ufficiale reference')
    .action(async (opts, cmd: Command) => {
      const options = cmd.optsWithGlobals<TGlobalOptions>();
      const ctx = await commandContext({ ...options, date: undefined });
      const to = opts.to ?? ctx.today;
      if (opts.kind && !['commercial', 'legal'].includes(opts.kind)) {
        throw invalid('--kind', opts.kind, 'must be commercial or legal');
      }
      if (Boolean(opts.invoice) === Boolean(opts.amount)) {
        throw invalid('--amount', opts.amount ?? null, 'give either --amount with --from, or --invoice');
      }
      if (opts.amount) {
        if (!opts.from) throw invalid('--from', null, 'is required with --amount (the due date)');
        const result = await computeAmountInterest(ctx.db, {
          amount: opts.amount,
          from: opts.from,
          to,
          kind: opts.kind ?? 'commercial',
          isPre2013Contract: Boolean(opts.pre2013),
          courtClaimFiledOn: opts.courtClaimFiledOn,
          contractualRate: opts.contractualRate,
          contractualFrom: opts.contractualFrom,
          allowUnverifiedRates: Boolean(opts.allowUnverifiedRates),
        });
        output(options, result, () => {
          printPeriods(result.periods);
          process.stdout.write(
            `total interest ${result.total} ${result.currency} on ${result.principal} (${result.kind}${result.isPre2013Contract ? ', pre-2013 contract' : ''}) due ${result.from}, to ${result.to}\n`,
          );
        });
        return;
      }
      if (opts.contractualRate || opts.contractualFrom) {
        throw invalid(
          '--contractual-rate',
          opts.contractualRate ?? null,
          'for an invoice is set with: riscossa interest-terms',
        );
      }
      if (opts.year && !/^\d{4}$/.test(opts.year)) throw invalid('--year', opts.year, 'is not a year');
      const result = await computeInvoiceInterest(ctx.db, {
        invoice: opts.invoice,
        debtor: opts.debtor,
        creditor: opts.creditor,
        year: opts.year ? Number(opts.year) : null,
        to,
        kind: opts.kind,
        isPre2013Contract: opts.pre2013 ? true : null,
        courtClaimFiledOn: opts.courtClaimFiledOn,
        imputation: opts.imputation,
        allowUnverifiedRates: Boolean(opts.allowUnverifiedRates),
      });
      output(options, result, () => {
        printPeriods(result.periods);
        const t = result.totals;
        process.stdout.write(
          `invoice ${result.invoice.number} to ${result.to} (${result.kind}: ${result.regime.kindReason}; imputation ${result.imputation}): ` +
            `interest ${result.total}; still due: capital ${t.capitalOutstanding} + interest ${t.interestOutstanding} + costs ${t.costsOutstanding} = ${t.due} ${result.invoice.currency}\n`,
        );
      });
    });

  // A command of its own: as a subcommand of `interest`, the parent's --invoice would swallow it.
  program
    .command('interest-terms')
    .description(
      'record how an invoice bears interest: kind, pre-2013 contract, contractual rate, court claim, imputation',
    )
    .requiredOption('--invoice <number>', 'the invoice')
    .option('--debtor <vat>', 'the debtor, when the number is ambiguous')
    .option('--creditor <vat>', 'the creditor, when the number is ambiguous')
    .option('--year <year>', 'the invoice year, when the number repeats')
    .option('--kind <kind>', 'commercial or legal (default: from the debtor kind)')
    .option('--pre-2013', 'contract concluded before 2013-01-01')
    .option('--contractual-rate <percent>', 'agreed annual rate (FatturaPA PenalitaPagamentiRitardati)')
    .option('--contractual-from <date>', 'its first day (FatturaPA DataDecorrenzaPenale)')
    .option('--court-claim-filed-on <date>', 'day the court claim was filed (art. 1284 c.4)')
    .option(
      '--imputation <rule>',
      'art-1194 (default) or capital-first (the creditor agreed otherwise)',
      'art-1194',
    )
    .action(async (opts, cmd: Command) => {
      const options = cmd.optsWithGlobals<TGlobalOptions>();
      const result = await setInterestTerms(await commandContext({ ...options, date: undefined }), {
        invoice: opts.invoice,
        debtor: opts.debtor,
        creditor: opts.creditor,
        year: opts.year ? Number(opts.year) : null,
        kind: opts.kind ?? null,
        isPre2013Contract: Boolean(opts.pre2013),
        contractualRate: opts.contractualRate ?? null,
        contractualFrom: opts.contractualFrom ?? null,
        courtClaimFiledOn: opts.courtClaimFiledOn ?? null,
        imputation: opts.imputation,
      });
      output(options, result, () =>
        process.stdout.write(
          `interest terms of invoice ${result.invoice} recorded: ${JSON.stringify(result.terms)}\n`,
        ),
      );
    });
}
