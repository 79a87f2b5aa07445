import type { Context, Hono } from 'hono';
import { reportToCsv } from '../../adapters/reports/report-csv.ts';
import { reportToXlsx } from '../../adapters/reports/report-xlsx.ts';
import { parseMonths } from '../../app/insight/report.ts';
import { parseReportName, runReport } from '../../app/insight/run-report.ts';
import { showDebtorRisk } from '../../app/insight/show-debtor-risk.ts';
import { resolveDebtor } from '../../app/ledger/resolve-debtor.ts';
import { recordSecurityEvent } from '../../app/security/security-events.ts';
import { makeContext } from '../../app/shared/context.ts';
import { parseDate, type TCalendarDate } from '../../core/shared/calendar-date.ts';
import { AppError, invalid } from '../../core/shared/errors.ts';
import { findDebtorRowById } from '../../db/queries/risk.ts';
import type { TServerDeps } from '../app.ts';
import { requestContext, scopeCreditorId } from '../security/tenant-scope.ts';

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Debtor ids are at most 10 digits here; an 11-digit value is a VAT number or codice fiscale. */
const DEBTOR_ID = /^\d{1,10}$/;

export function registerInsightRoutes(app: Hono, deps: TServerDeps): void {
  const asOfParam = (c: Context): TCalendarDate => {
    const asOf = c.req.query('asOf');
    return asOf ? parseDate(asOf, 'asOf') : makeContext(deps.db, 'api', deps.clock?.() ?? new Date()).today;
  };

  /** Reports as JSON (default), CSV or XLSX: ?asOf=&creditor=&by=&from=&months=&format= */
  app.get('/api/v1/reports/:name', async (c) => {
    const name = parseReportName(c.req.param('name'), 'name');
    const format = c.req.query('format') ?? 'json';
    if (!['json', 'csv', 'xlsx'].includes(format))
      throw invalid('format', format, 'must be json, csv or xlsx');
    const creditorId = await scopeCreditorId(c, deps.db, c.req.query('creditor'));
    const report = await runReport(deps.db, name, {
      asOf: asOfParam(c),
      creditorId,
      by: c.req.query('by') as never,
      from: c.req.query('from') ?? null,
      months: parseMonths(c.req.query('months')),
    });
    const file = `${report.report}-${report.asOf}`;
    if (format !== 'json') {
      // A file of debtors' names and amounts leaves the system: an export of personal data.
      const ctx = requestContext(c, deps);
      await recordSecurityEvent(ctx, 'personal-data.exported', {
        subjectType: 'report',
        creditorIds: creditorId !== null ? [creditorId] : (ctx.principal?.creditorIds ?? []),
        data: { report: report.report, format, asOf: report.asOf },
      });
    }
    if (format === 'csv') {
      return c.body(reportToCsv(report), 200, {
        'Content-Type': 'text/csv; charset=utf-8',
        'Content-Disposition': `attachment; filename="${file}.csv"`,
      });
    }
    if (format === 'xlsx') {
      return c.body(new Uint8Array(await reportToXlsx(report)), 200, {
        'Content-Type': XLSX_TYPE,
        'Content-Disposition': `attachment; filename="${file}.xlsx"`,
      });
    }
    return c.json(report);
  });

  /**
   * A debtor's risk for an ERP deciding on a new order: class, score and factors, exposure
   * against the credit limit, and canBuyOnCredit = not over the limit and not "to avoid".
   */
  app.get('/api/v1/debtors/:id/risk', async (c) => {
    const id = c.req.param('id');
    const creditorId = await scopeCreditorId(c, deps.db, c.req.query('creditor'));
    const debtor = DEBTOR_ID.test(id)
      ? await findDebtorRowById(deps.db, Number(id), creditorId)
      : await resolveDebtor(deps.db, id, creditorId, 'id');
    if (!debtor)
      throw new AppError('NOT_FOUND', `id: "${id}" is not a known debtor`, { field: 'id', value: id });
    return c.json(await showDebtorRisk(deps.db, debtor, asOfParam(c)));
  });
}
