import { writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import { reportToCsv } from '../../adapters/reports/report-csv.ts';
import { reportToXlsx } from '../../adapters/reports/report-xlsx.ts';
import { parseMonths, type TReport } from '../../app/insight/report.ts';
import { parseReportName, runReport } from '../../app/insight/run-report.ts';
import { parseDate } from '../../core/shared/calendar-date.ts';
import { invalid } from '../../core/shared/errors.ts';
import { commandContext, printJson, printTable, type TGlobalOptions } from '../runtime.ts';
import { creditorFilter } from './shared-options.ts';

const FORMATS = ['table', 'json', 'csv', 'xlsx'] as const;
type TFormat = (typeof FORMATS)[number];

async function writeReport(report: TReport, format: TFormat, outputPath: string | undefined): Promise<void> {
  if (format === 'table') {
    printTable(
      report.rows,
      report.columns.map((c) => c.key),
    );
    return;
  }
  const body =
    format === 'json'
      ? `${JSON.stringify(report, null, 2)}\n`
      : format === 'csv'
        ? reportToCsv(report)
        : await reportToXlsx(report);
  if (outputPath) {
    writeFileSync(outputPath, body);
    process.stderr.write(`${report.report} report written to ${outputPath}\n`);
  } else if (format === 'xlsx' && process.stdout.isTTY) {
    throw invalid('--output', null, 'is needed for xlsx on a terminal (or pipe the output to a file)');
  } else if (format === 'json') {
    printJson(report);
  } else {
    process.stdout.write(body);
  }
}

export function registerReportCommands(program: Command): void {
  program
    .command('report')
    .description(
      'reports on any past date: aging, dso (countback), cei, forecast (13 weeks), steps (which step gets paid), promises, overdue-trend (overdue at each month end)',
    )
    .argument('<name>', 'aging | dso | cei | forecast | steps | promises | overdue-trend')
    .option('--as-of <date>', 'the date the figures are reconstructed for (YYYY-MM-DD), default today')
    .option('--creditor <vat>', 'only this creditor')
    .option('--by <grouping>', 'creditor | debtor | class | currency', 'creditor')
    .option('--from <date>', 'cei: first day of the period (default: the month ending on --as-of)')
    .option(
      '--months <n>',
      'overdue-trend: how many dates, the month ends before --as-of then --as-of (default 12)',
    )
    .option('--format <format>', 'table | json | csv | xlsx (default table, json with --json)')
    .option('--output <file>', 'write to this file instead of standard output')
    .action(async (name: string, opts, cmd: Command) => {
      const options = cmd.optsWithGlobals<TGlobalOptions>();
      const reportName = parseReportName(name, 'report');
      const format = (opts.format ?? (options.json ? 'json' : 'table')) as TFormat;
      if (!FORMATS.includes(format))
        throw invalid('--format', opts.format, `must be one of ${FORMATS.join(', ')}`);
      const asOf = opts.asOf ? parseDate(opts.asOf, '--as-of') : undefined;
      const ctx = await commandContext({ ...options, date: asOf });
      const report = await runReport(ctx.db, reportName, {
        asOf: ctx.today,
        creditorId: await creditorFilter(ctx.db, opts.creditor),
        by: opts.by,
        from: opts.from ? parseDate(opts.from, '--from') : null,
        months: parseMonths(opts.months, '--months'),
      });
      await writeReport(report, format, opts.output);
    });
}
