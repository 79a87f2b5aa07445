import { writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import {
  operationsCsv,
  remittanceCsv,
  renderRemittancePdf,
} from '../../adapters/case-file/remittance-files.ts';
import { endMandate } from '../../app/mandates/end-mandate.ts';
import { operationsRegister } from '../../app/mandates/operations-register.ts';
import { resolveAgency } from '../../app/mandates/resolve-agency.ts';
import {
  addAgency,
  addMandate,
  addSpecialist,
  addSpecialistRule,
  mandateView,
  specialistViews,
} from '../../app/mandates/setup-agency.ts';
import { specialistWorklist } from '../../app/mandates/specialist-worklist.ts';
import { reassignCase, takeCases } from '../../app/mandates/take-cases.ts';
import { recordRemittance, remittanceStatement, trustAccount } from '../../app/mandates/trust-account.ts';
import { listMandates } from '../../db/queries/agency.ts';
import { commandContext, output, printTable, type TGlobalOptions } from '../runtime.ts';
import { caseIdOption } from './casefile.ts';

const list = (v: string | undefined) =>
  v
    ? v
        .split(',')
        .map((x) => x.trim())
        .filter(Boolean)
    : undefined;

/** Agency mode: the agency, client mandates, credit specialists, trust accounting (docs/agency.md). */
export function registerAgencyCommands(program: Command): void {
  const ctxOf = (cmd: Command) => {
    const options = cmd.optsWithGlobals<TGlobalOptions & { date?: string }>();
    return { options, ctx: commandContext({ dataDir: options.dataDir }) };
  };

  const agency = program.command('agency').description('a collection agency working for client creditors');
  agency
    .command('add')
    .requiredOption('--name <name>', 'the agency')
    .requiredOption('--vat-number <vat>', 'its VAT number')
    .option('--licence <text>', 'art. 115 TULPS licence (questura, number, date)', '')
    .action(async (opts, cmd: Command) => {
      const { options, ctx } = ctxOf(cmd);
      const view = await addAgency(await ctx, {
        name: opts.name,
        vatNumber: opts.vatNumber,
        licence: opts.licence,
      });
      output(options, view, () => process.stdout.write(`agency ${view.id} ${view.name}\n`));
    });
  agency
    .command('operations')
    .description(
      'the register of operations (art. 115 TULPS): cases taken, collections, remittances, progress',
    )
    .requiredOption('--from <date>', 'first day')
    .requiredOption('--to <date>', 'last day')
    .option('--csv <file>', 'also write it as CSV')
    .option('--agency <vat>', 'the agency, when several')
    .action(async (opts, cmd: Command) => {
      const { options, ctx } = ctxOf(cmd);
      const register = await operationsRegister(await ctx, {
        agency: opts.agency,
        from: opts.from,
        to: opts.to,
      });
      if (opts.csv) writeFileSync(opts.csv, operationsCsv(register));
      output(options, register, () =>
        printTable(register.operations, [
          'n',
          'date',
          'operation',
          'mandate',
          'debtor',
          'caseId',
          'amount',
          'detail',
        ]),
      );
    });

  const mandates = program
    .command('mandates')
    .description("an agency's client mandates and their trust accounts");
  mandates
    .command('add')
    .requiredOption('--creditor <vat>', 'the client creditor')
    .requiredOption('--reference <ref>', 'the mandate reference')
    .requiredOption('--commission <percent>', 'commission on collected amounts, e.g. 12.50')
    .option('--fixed-fee <amount>', 'fixed fee per case taken', '0')
    .option('--policy <key>', 'the policy the agency follows for this client')
    .requiredOption('--starts <date>', 'first day of the mandate')
    .option('--ends <date>', 'last day of the mandate')
    .option('--agency <vat>', 'the agency, when several')
    .action(async (opts, cmd: Command) => {
      const { options, ctx } = ctxOf(cmd);
      const view = await addMandate(await ctx, {
        agency: opts.agency,
        creditor: opts.creditor,
        reference: opts.reference,
        commissionRate: opts.commission,
        fixedFee: opts.fixedFee,
        policy: opts.policy ?? null,
        startsOn: opts.starts,
        endsOn: opts.ends ?? null,
      });
      output(options, view, () =>
        process.stdout.write(`mandate ${view.id} ${view.reference} for ${view.client.name}\n`),
      );
    });
  mandates
    .command('list')
    .option('--agency <vat>', 'the agency, when several')
    .action(async (opts, cmd: Command) => {
      const { options, ctx } = ctxOf(cmd);
      const c = await ctx;
      const views = (await listMandates(c.db, (await resolveAgency(c.db, opts.agency)).id)).map(mandateView);
      output(options, views, () =>
        printTable(
          views.map((v) => ({ ...v, client: v.client.name })),
          ['id', 'reference', 'client', 'commissionRate', 'fixedFee', 'startsOn', 'endsOn'],
        ),
      );
    });
  mandates
    .command('take')
    .description("take the client's handed-over cases under the mandate and assign specialists")
    .requiredOption('--mandate <ref>', 'the mandate (reference or id)')
    .option('--on <date>', 'the day, default today')
    .option('--agency <vat>', 'the agency, when several')
    .action(async (opts, cmd: Command) => {
      const { options, ctx } = ctxOf(cmd);
      const taken = await takeCases(await ctx, {
        agency: opts.agency,
        mandate: opts.mandate,
        date: opts.on ?? null,
      });
      output(options, taken, () =>
        printTable(taken, ['caseId', 'outstanding', 'specialist', 'reason', 'fixedFee']),
      );
    });
  mandates
    .command('trust')
    .description('the trust account of a mandate: collected, commission, fixed fees, remitted, held')
    .requiredOption('--mandate <ref>', 'the mandate')
    .option('--on <date>', 'up to this day, default today')
    .option('--agency <vat>', 'the agency, when several')
    .action(async (opts, cmd: Command) => {
      const { options, ctx } = ctxOf(cmd);
      const account = await trustAccount(await ctx, {
        agency: opts.agency,
        mandate: opts.mandate,
        date: opts.on,
      });
      output(options, account, () =>
        printTable(
          [account],
          ['mandate', 'date', 'collected', 'commission', 'fixedFees', 'remitted', 'held'],
        ),
      );
    });
  mandates
    .command('remittance')
    .description('the monthly remittance statement for the client (PDF and CSV)')
    .requiredOption('--mandate <ref>', 'the mandate')
    .requiredOption('--month <YYYY-MM>', 'the month')
    .option('--pdf <file>', 'write the PDF')
    .option('--csv <file>', 'write the CSV')
    .option('--agency <vat>', 'the agency, when several')
    .action(async (opts, cmd: Command) => {
      const { options, ctx } = ctxOf(cmd);
      const c = await ctx;
      const statement = await remittanceStatement(c, {
        agency: opts.agency,
        mandate: opts.mandate,
        month: opts.month,
      });
      if (opts.pdf) writeFileSync(opts.pdf, await renderRemittancePdf(statement, c.now));
      if (opts.csv) writeFileSync(opts.csv, remittanceCsv(statement));
      output(options, statement, () => {
        printTable(statement.lines, ['date', 'caseId', 'debtor', 'invoice', 'collected', 'commission']);
        printTable([statement.totals], Object.keys(statement.totals));
      });
    });
  mandates
    .command('remit')
    .description('record the money passed on to the client for a month')
    .requiredOption('--mandate <ref>', 'the mandate')
    .requiredOption('--month <YYYY-MM>', 'the month')
    .requiredOption('--amount <amount>', 'the amount remitted')
    .option('--on <date>', 'the day, default today')
    .option('--reference <text>', 'bank transfer reference', '')
    .option('--agency <vat>', 'the agency, when several')
    .action(async (opts, cmd: Command) => {
      const { options, ctx } = ctxOf(cmd);
      const view = await recordRemittance(await ctx, {
        agency: opts.agency,
        mandate: opts.mandate,
        month: opts.month,
        amount: opts.amount,
        date: opts.on ?? null,
        reference: opts.reference,
      });
      output(options, view, () => process.stdout.write(`remitted ${view.amount} for ${view.month}\n`));
    });

  mandates
    .command('end')
    .description('end a mandate: open cases back to the client, personal data no longer needed anonymised')
    .requiredOption('--mandate <ref>', 'the mandate')
    .option('--on <date>', 'the day, default today (not before the mandate end date)')
    .option('--agency <vat>', 'the agency, when several')
    .action(async (opts, cmd: Command) => {
      const { options, ctx } = ctxOf(cmd);
      const result = await endMandate(await ctx, {
        agency: opts.agency,
        mandate: opts.mandate,
        date: opts.on ?? null,
      });
      output(options, result, () => {
        process.stdout.write(
          `mandate ${result.mandate} ended on ${result.endedOn}; cases returned: ${result.returnedCases.join(', ') || 'none'}\n`,
        );
        printTable([result.anonymised], Object.keys(result.anonymised));
        process.stdout.write(`kept:\n${result.kept.map((k) => `- ${k}`).join('\n')}\n`);
      });
    });

  const specialists = program.command('specialists').description("an agency's credit specialists (seed 002)");
  specialists
    .command('add')
    .requiredOption('--name <name>', 'the specialist')
    .option('--email <email>', 'e-mail')
    .option('--languages <list>', 'languages spoken, comma-separated ISO 639-1', 'it')
    .option('--regions <list>', 'province codes or countries, comma-separated')
    .option('--max-open-cases <n>', 'at most this many open cases')
    .option('--agency <vat>', 'the agency, when several')
    .action(async (opts, cmd: Command) => {
      const { options, ctx } = ctxOf(cmd);
      const view = await addSpecialist(await ctx, {
        agency: opts.agency,
        name: opts.name,
        email: opts.email ?? null,
        languages: list(opts.languages),
        regions: list(opts.regions),
        maxOpenCases: opts.maxOpenCases ? Number(opts.maxOpenCases) : null,
      });
      output(options, view, () => process.stdout.write(`specialist ${view.id} ${view.name}\n`));
    });
  specialists
    .command('list')
    .option('--agency <vat>', 'the agency, when several')
    .action(async (opts, cmd: Command) => {
      const { options, ctx } = ctxOf(cmd);
      const c = await ctx;
      const views = await specialistViews(c, (await resolveAgency(c.db, opts.agency)).id);
      output(options, views, () =>
        printTable(views, ['id', 'name', 'languages', 'regions', 'maxOpenCases', 'openCases']),
      );
    });
  specialists
    .command('rule')
    .description('add an assignment rule (tried in order; every criterion given must match)')
    .requiredOption('--specialist <name>', 'who gets the case')
    .option('--mandate <ref>', 'only this client mandate')
    .option('--min-amount <amount>', 'amount band: at least')
    .option('--max-amount <amount>', 'amount band: at most')
    .option('--regions <list>', 'province codes or countries')
    .option('--languages <list>', "the debtor's language")
    .option('--agency <vat>', 'the agency, when several')
    .action(async (opts, cmd: Command) => {
      const { options, ctx } = ctxOf(cmd);
      const view = await addSpecialistRule(await ctx, {
        agency: opts.agency,
        specialist: opts.specialist,
        mandate: opts.mandate ?? null,
        minAmount: opts.minAmount ?? null,
        maxAmount: opts.maxAmount ?? null,
        regions: list(opts.regions) ?? null,
        languages: list(opts.languages) ?? null,
      });
      output(options, view, () => process.stdout.write(`rule ${view.position}: ${view.specialist}\n`));
    });
  specialists
    .command('worklist')
    .description("a specialist's open cases, largest amount first")
    .requiredOption('--specialist <name>', 'name or id')
    .option('--agency <vat>', 'the agency, when several')
    .action(async (opts, cmd: Command) => {
      const { options, ctx } = ctxOf(cmd);
      const worklist = await specialistWorklist(await ctx, {
        agency: opts.agency,
        specialist: opts.specialist,
      });
      output(options, worklist, () =>
        printTable(
          worklist.cases.map((c) => ({
            ...c,
            client: c.client.name,
            debtor: c.debtor.name,
            last: c.lastProgress?.stage ?? '',
          })),
          ['caseId', 'mandate', 'client', 'debtor', 'outstanding', 'openTasks', 'last'],
        ),
      );
    });
  specialists
    .command('reassign')
    .requiredOption('--case <id>', 'the case id')
    .requiredOption('--mandate <ref>', 'the mandate holding it')
    .requiredOption('--to <name>', 'the specialist taking it')
    .option('--reason <text>', 'why', '')
    .option('--agency <vat>', 'the agency, when several')
    .action(async (opts, cmd: Command) => {
      const { options, ctx } = ctxOf(cmd);
      const view = await reassignCase(await ctx, {
        agency: opts.agency,
        caseId: caseIdOption(opts.case),
        mandate: opts.mandate,
        to: opts.to,
        reason: opts.reason,
      });
      output(options, view, () => process.stdout.write(`case ${view.caseId} now with ${view.specialist}\n`));
    });
}
