import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import type { Command } from 'commander';
import { importExternalRatings } from '../../app/insight/import-external-ratings.ts';
import { riskSettingsOf } from '../../app/insight/risk-settings.ts';
import { scoreDebtors } from '../../app/insight/score-debtors.ts';
import { setCreditLimit } from '../../app/insight/set-credit-limit.ts';
import { updateRiskSettings } from '../../app/insight/set-risk-settings.ts';
import { showDebtorRisk } from '../../app/insight/show-debtor-risk.ts';
import { resolveDebtor } from '../../app/ledger/resolve-debtor.ts';
import { AppError, invalid } from '../../core/shared/errors.ts';
import type { TSql } from '../../db/database.ts';
import { findCreditorById, listCreditorRows } from '../../db/queries/creditors.ts';
import { commandContext, output, printTable, type TGlobalOptions } from '../runtime.ts';
import { creditorFilter } from './shared-options.ts';

/** The creditor named by --creditor, or the only one there is. */
async function oneCreditor(db: TSql, vat: string | undefined): Promise<number> {
  const id = await creditorFilter(db, vat);
  if (id !== null) return id;
  const all = await listCreditorRows(db);
  if (all.length === 1) return all[0]!.id;
  throw invalid('--creditor', null, `is needed: there are ${all.length} creditors`);
}

function wholeNumber(value: string | undefined, field: string): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d{1,3}$/.test(value)) throw invalid(field, value, 'is not a whole number 0 to 999');
  return Number(value);
}

export function registerRiskCommands(program: Command): void {
  const risk = program
    .command('risk')
    .description('customer risk: scores, classes, credit limits, external ratings');
  risk
    .command('score')
    .description(
      'score every debtor from its payment history and store score, class and factors; class changes go to the register',
    )
    .option('--date <date>', 'score as of this date (YYYY-MM-DD), default today')
    .option('--creditor <vat>', 'only this creditor')
    .action(async (opts, cmd: Command) => {
      const options = cmd.optsWithGlobals<TGlobalOptions & { date?: string }>();
      const ctx = await commandContext(options);
      const summaries = await scoreDebtors(ctx, { creditorId: await creditorFilter(ctx.db, opts.creditor) });
      output(options, summaries, () => {
        for (const s of summaries) {
          process.stdout.write(
            `${s.creditor.vatNumber} as of ${s.asOf}: ${s.scored} debtors, ${s.classes.healthy} healthy, ${s.classes['under-observation']} under observation, ${s.classes['to-avoid']} to avoid, ${s.chronicLatePayers} chronic late payers, ${s.changes.length} class changes\n`,
          );
          if (s.changes.length > 0) printTable(s.changes, ['debtorId', 'name', 'from', 'to', 'score']);
          for (const p of s.policySwitches) {
            const next = p.nextStep
              ? `next ${p.nextStep.key} on ${p.nextStep.on}`
              : 'next step after the pending task';
            process.stdout.write(`case ${p.caseId}: policy ${p.from} -> ${p.to}, ${next}\n`);
          }
        }
      });
    });

  risk
    .command('import-ratings')
    .description(
      'import external ratings (CSV: debtor,provider,rated_on,rating,score[,scale_min,scale_max,higher_is_better])',
    )
    .argument('<csv>', 'the CSV file')
    .option('--creditor <vat>', 'the creditor whose debtors are rated (needed when there are several)')
    .action(async (file: string, opts, cmd: Command) => {
      const options = cmd.optsWithGlobals<TGlobalOptions>();
      const ctx = await commandContext(options);
      let csv: string;
      try {
        csv = readFileSync(file, 'utf8');
      } catch {
        throw new AppError('NOT_FOUND', `csv: "${file}" cannot be read`, { field: 'csv', value: file });
      }
      const result = await importExternalRatings(ctx, {
        creditorId: await oneCreditor(ctx.db, opts.creditor),
        csv,
        source: basename(file),
      });
      output(options, result, () =>
        process.stdout.write(
          `${result.lines} ratings: ${result.inserted} new, ${result.updated} changed, ${result.unchanged} unchanged\n`,
        ),
      );
    });

  risk
    .command('settings')
    .description("show or change a creditor's class thresholds and chronic-late-payer rule")
    .option('--creditor <vat>', 'the creditor (needed when there are several)')
    .option('--healthy-from <score>', 'a score at or above this is healthy')
    .option('--to-avoid-below <score>', 'a score below this is to avoid')
    .option('--external-weight <percent>', 'weight of the external rating in the score')
    .option('--chronic-min-late <n>', 'chronic late payer: at least this many instalments ...')
    .option('--chronic-min-days <days>', '... more than this many days beyond terms ...')
    .option('--chronic-min-share <percent>', '... and at least this percent of those due in 12 months')
    .action(async (opts, cmd: Command) => {
      const options = cmd.optsWithGlobals<TGlobalOptions>();
      const ctx = await commandContext(options);
      const creditorId = await oneCreditor(ctx.db, opts.creditor);
      const changes = {
        healthyFromScore: wholeNumber(opts.healthyFrom, '--healthy-from'),
        toAvoidBelowScore: wholeNumber(opts.toAvoidBelow, '--to-avoid-below'),
        externalWeightPercent: wholeNumber(opts.externalWeight, '--external-weight'),
        chronic: {
          minLateInstalments: wholeNumber(opts.chronicMinLate, '--chronic-min-late'),
          minDaysLate: wholeNumber(opts.chronicMinDays, '--chronic-min-days'),
          minSharePercent: wholeNumber(opts.chronicMinShare, '--chronic-min-share'),
        },
      };
      const hasChanges = [...Object.values(changes), ...Object.values(changes.chronic)].some(
        (v) => typeof v === 'number',
      );
      const settings = hasChanges
        ? await updateRiskSettings(ctx, creditorId, changes)
        : riskSettingsOf((await findCreditorById(ctx.db, creditorId))!.settings);
      output(options, settings, () => process.stdout.write(`${JSON.stringify(settings, null, 2)}\n`));
    });

  const debtors = program.commands.find((c) => c.name() === 'debtors') ?? program.command('debtors');
  debtors
    .command('risk')
    .description(
      "a debtor's score, class, factors, exposure against its credit limit and late-payment evidence",
    )
    .argument('<debtor>', 'VAT number or codice fiscale')
    .option('--creditor <vat>', 'the creditor, when the debtor owes several')
    .option('--date <date>', 'as of this date (YYYY-MM-DD), default today')
    .action(async (identifier: string, opts, cmd: Command) => {
      const options = cmd.optsWithGlobals<TGlobalOptions & { date?: string }>();
      const ctx = await commandContext(options);
      const debtor = await resolveDebtor(ctx.db, identifier, await creditorFilter(ctx.db, opts.creditor));
      const view = await showDebtorRisk(ctx.db, debtor, ctx.today);
      output(options, view, () => {
        process.stdout.write(
          `${view.debtor.name}: score ${view.score} (${view.class}), exposure ${view.exposure} ${view.currency}, limit ${view.creditLimit ?? 'none'}${view.isOverLimit ? ' OVER LIMIT' : ''}${view.isChronicLatePayer ? ', chronic late payer' : ''}\n`,
        );
        printTable(view.factors, ['key', 'value', 'points', 'label']);
        if (view.chronicEvidence.length > 0) {
          printTable(view.chronicEvidence, [
            'invoiceNumber',
            'dueDate',
            'amount',
            'open',
            'daysBeyondTerms',
            'settledOn',
          ]);
        }
      });
    });
  debtors
    .command('set-limit')
    .description("set a debtor's credit limit (the ERP is told when its exposure goes over it)")
    .argument('<debtor>', 'VAT number or codice fiscale')
    .option('--amount <amount>', 'the limit, e.g. 25000.00 (0 = no credit at all)')
    .option('--remove', 'remove the limit')
    .option('--currency <code>', 'ISO 4217 currency of the limit', 'EUR')
    .option('--creditor <vat>', 'the creditor, when the debtor owes several')
    .action(async (identifier: string, opts, cmd: Command) => {
      const options = cmd.optsWithGlobals<TGlobalOptions>();
      if ((opts.amount === undefined) === !opts.remove)
        throw invalid('--amount', opts.amount ?? null, 'or --remove is needed (one of them)');
      const ctx = await commandContext(options);
      const result = await setCreditLimit(ctx, {
        debtor: identifier,
        creditorId: await creditorFilter(ctx.db, opts.creditor),
        amount: opts.remove ? null : opts.amount,
        currency: opts.currency,
      });
      output(options, result, () =>
        process.stdout.write(
          `credit limit ${result.status}: ${result.creditLimit ?? 'none'} ${result.currency} (was ${result.previous ?? 'none'})\n`,
        ),
      );
    });
}
