import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import type { Command } from 'commander';
import { findInvoice } from '../../app/interest/find-invoice.ts';
import { resolveDebtor } from '../../app/ledger/resolve-debtor.ts';
import { prescriptionClocks } from '../../app/prescription/prescription-clocks.ts';
import { recordInterruption } from '../../app/prescription/record-interruption.ts';
import { setPrescriptionTerms } from '../../app/prescription/set-prescription-terms.ts';
import { invalid } from '../../core/shared/errors.ts';
import { commandContext, output, printTable, type TGlobalOptions } from '../runtime.ts';
import { creditorFilter } from './shared-options.ts';

export function registerPrescriptionCommands(program: Command): void {
  const prescription = program
    .command('prescription')
    .description('limitation periods per instalment (10/5/3 years), their interruptions and expiry warnings');
  prescription
    .command('list')
    .description(
      'the clock of every open instalment; --warnings: only those within 180 days of expiry or expired',
    )
    .option('--debtor <vat>', 'only this debtor')
    .option('--invoice <number>', 'only this invoice')
    .option('--creditor <vat>', 'only this creditor')
    .option('--date <date>', 'as of this date (YYYY-MM-DD), default today')
    .option('--warnings', 'only instalments at 180, 90 or 30 days from expiry, or expired')
    .action(async (opts, cmd: Command) => {
      const options = cmd.optsWithGlobals<TGlobalOptions & { date?: string }>();
      const ctx = await commandContext(options);
      const creditorId = await creditorFilter(ctx.db, opts.creditor);
      const debtor = opts.debtor ? await resolveDebtor(ctx.db, opts.debtor, creditorId, '--debtor') : null;
      const invoice = opts.invoice
        ? await findInvoice(ctx.db, { invoice: opts.invoice, debtor: opts.debtor, creditor: opts.creditor })
        : null;
      const rows = await prescriptionClocks(ctx.db, {
        asOf: ctx.today,
        creditorId: invoice?.creditor_id ?? debtor?.creditor_id ?? creditorId,
        debtorId: debtor?.id ?? null,
        invoiceId: invoice?.id ?? null,
        isWarningsOnly: Boolean(opts.warnings),
      });
      output(options, rows, () =>
        printTable(
          rows.map((r) => ({
            ...r,
            debtor: r.debtor.name,
            expiresOn: r.expiresOn ?? `held by court claim of ${r.suspendedSince}`,
            warning: r.isExpired ? 'EXPIRED' : r.warningDays ? `${r.warningDays} days` : '',
            interruptions: r.history.filter((h) => h.effect === 'interrupted').length,
          })),
          [
            'invoice',
            'instalmentSeq',
            'debtor',
            'dueDate',
            'outstanding',
            'basis',
            'years',
            'interruptions',
            'expiresOn',
            'daysLeft',
            'warning',
          ],
        ),
      );
    });
  prescription
    .command('interrupt')
    .description(
      'record a demand actually DELIVERED (registered letter, PEC), an acknowledgement of the debt, or a court case (claim, final judgment, extinction)',
    )
    .requiredOption('--invoice <number>', 'the invoice')
    .requiredOption(
      '--kind <kind>',
      'registered-letter, pec, acknowledgement, court-claim (holds the clock until the case ends), judgment-final (10 years from then) or claim-extinguished',
    )
    .requiredOption(
      '--delivered-on <date>',
      'day of delivery (return receipt, PEC delivery receipt); for a claim the day it was served, for a judgment the day it became final',
    )
    .requiredOption('--reference <text>', 'receipt number or PEC message id')
    .option('--instalment <seq>', 'only this instalment (default: the whole invoice)')
    .option('--proof <file>', 'the receipt (stored with the event)')
    .option('--debtor <vat>', 'the debtor, when the number is ambiguous')
    .option('--creditor <vat>', 'the creditor, when the number is ambiguous')
    .action(async (opts, cmd: Command) => {
      const options = cmd.optsWithGlobals<TGlobalOptions>();
      if (opts.instalment && !/^\d+$/.test(opts.instalment))
        throw invalid('--instalment', opts.instalment, 'is not a number');
      let proof: { fileName: string; bytes: Uint8Array<ArrayBuffer> } | null = null;
      if (opts.proof) {
        try {
          proof = { fileName: basename(opts.proof), bytes: new Uint8Array(readFileSync(opts.proof)) };
        } catch (error) {
          throw invalid(
            '--proof',
            opts.proof,
            `cannot be read (${(error as NodeJS.ErrnoException).code ?? 'error'})`,
          );
        }
      }
      const result = await recordInterruption(await commandContext({ ...options, date: undefined }), {
        invoice: opts.invoice,
        debtor: opts.debtor,
        creditor: opts.creditor,
        instalmentSeq: opts.instalment ? Number(opts.instalment) : null,
        kind: opts.kind,
        deliveredOn: opts.deliveredOn,
        reference: opts.reference,
        proof,
      });
      output(options, result, () =>
        process.stdout.write(
          `interruption ${result.id} recorded on invoice ${result.invoice}: ${result.kind} delivered ${result.deliveredOn}\n`,
        ),
      );
    });
  prescription
    .command('terms')
    .description(
      "set an invoice's limitation period: ordinary 10y, periodic 5y, professional-fees 3y, payment-order 10y",
    )
    .requiredOption('--invoice <number>', 'the invoice')
    .requiredOption('--basis <basis>', 'ordinary, periodic, professional-fees or payment-order')
    .option('--years <n>', 'a different number of years')
    .option('--note <text>', 'why')
    .option('--debtor <vat>', 'the debtor, when the number is ambiguous')
    .option('--creditor <vat>', 'the creditor, when the number is ambiguous')
    .action(async (opts, cmd: Command) => {
      const options = cmd.optsWithGlobals<TGlobalOptions>();
      if (opts.years && !/^\d+$/.test(opts.years)) throw invalid('--years', opts.years, 'is not a number');
      const result = await setPrescriptionTerms(await commandContext({ ...options, date: undefined }), {
        invoice: opts.invoice,
        debtor: opts.debtor,
        creditor: opts.creditor,
        basis: opts.basis,
        years: opts.years ? Number(opts.years) : null,
        note: opts.note,
      });
      output(options, result, () =>
        process.stdout.write(
          `invoice ${result.invoice}: prescription ${result.basis}, ${result.years} years\n`,
        ),
      );
    });
}
