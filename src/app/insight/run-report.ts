import { assertUnreachable, invalid } from '../../core/shared/errors.ts';
import type { TSql } from '../../db/database.ts';
import { REPORT_NAMES, type TReport, type TReportName, type TReportRequest } from './report.ts';
import { reportAging } from './report-aging.ts';
import { reportCei } from './report-cei.ts';
import { reportDso } from './report-dso.ts';
import { reportForecast } from './report-forecast.ts';
import { reportOverdueTrend } from './report-overdue-trend.ts';
import { reportPromises } from './report-promises.ts';
import { reportSteps } from './report-steps.ts';

export function parseReportName(name: string, field = 'report'): TReportName {
  if (!(REPORT_NAMES as readonly string[]).includes(name)) {
    throw invalid(field, name, `is not a report; choose one of ${REPORT_NAMES.join(', ')}`);
  }
  return name as TReportName;
}

/** Runs a report by name: the one entry point the CLI and the HTTP API share. */
export async function runReport(db: TSql, name: TReportName, request: TReportRequest): Promise<TReport> {
  switch (name) {
    case 'aging':
      return reportAging(db, request);
    case 'dso':
      return reportDso(db, request);
    case 'cei':
      return reportCei(db, request);
    case 'forecast':
      return reportForecast(db, request);
    case 'steps':
      return reportSteps(db, request);
    case 'promises':
      return reportPromises(db, request);
    case 'overdue-trend':
      return reportOverdueTrend(db, request);
    default:
      return assertUnreachable(name);
  }
}
