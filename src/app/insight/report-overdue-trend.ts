import { addMonths, endOfMonth, type TCalendarDate } from '../../core/shared/calendar-date.ts';
import type { TSql } from '../../db/database.ts';
import { overdueTrendByGroup, type TOverdueTrendRow } from '../../db/queries/insight.ts';
import {
  amount,
  groupColumns,
  groupKeyOf,
  groupValues,
  parseReportRequest,
  type TReport,
  type TReportRequest,
} from './report.ts';

export const DEFAULT_TREND_MONTHS = 12;

/** The month ends of the `months - 1` months before the month of `asOf`, then `asOf` itself. */
export function trendDates(asOf: TCalendarDate, months: number): TCalendarDate[] {
  const dates = Array.from({ length: months - 1 }, (_, i) => endOfMonth(addMonths(asOf, i - (months - 1))));
  return [...dates, asOf];
}

/**
 * The overdue total (the aging report's `overdue` column) at each month end and on `asOf`, by
 * group: one row per group and date, oldest first, computed in one pass whatever the number of
 * dates. Each figure equals the aging report run as of that date; groups with nothing overdue at
 * any of the dates have no rows.
 */
export async function reportOverdueTrend(db: TSql, raw: TReportRequest): Promise<TReport> {
  const req = parseReportRequest(raw);
  const months = req.months ?? DEFAULT_TREND_MONTHS;
  const dates = trendDates(req.asOf, months);
  const rows = await overdueTrendByGroup(db, { dates, creditorId: req.creditorId, by: req.by });
  const groups = new Map<string, { group: TOverdueTrendRow; cents: number[] }>();
  for (const row of rows) {
    const key = groupKeyOf(row);
    const entry = groups.get(key) ?? { group: row, cents: dates.map(() => 0) };
    entry.cents[row.point - 1]! += Number(row.cents);
    groups.set(key, entry);
  }
  return {
    report: 'overdue-trend',
    asOf: req.asOf,
    by: req.by,
    parameters: { months },
    columns: [
      ...groupColumns(req.by),
      { key: 'date', header: 'date', type: 'date' },
      { key: 'overdue', header: 'overdue', type: 'amount' },
    ],
    rows: [...groups.values()].flatMap(({ group, cents }) => {
      let running = 0;
      const overdue = cents.map((c) => (running += c));
      // A group never overdue at any of the dates (paid on time) is left out, as aging leaves out the settled.
      if (overdue.every((c) => c === 0)) return [];
      return dates.map((date, i) => ({
        ...groupValues(req.by, group),
        date,
        overdue: amount(overdue[i]!, group.currency),
      }));
    }),
  };
}
