import {
  addToForecast,
  emptyForecast,
  FORECAST_WEEKS,
  forecastWeeks,
  type TForecastTotals,
} from '../../core/insight/forecast.ts';
import type { TSql } from '../../db/database.ts';
import { forecastByGroup, type TForecastRow } from '../../db/queries/insight.ts';
import {
  amount,
  groupColumns,
  groupKeyOf,
  groupValues,
  parseReportRequest,
  type TReport,
  type TReportRequest,
} from './report.ts';

/**
 * Cash expected in each of the next 13 weeks from the due dates of what is open on asOf. What is
 * already overdue has no date to expect it on and is shown apart, as is what falls due later.
 */
export async function reportForecast(db: TSql, raw: TReportRequest): Promise<TReport> {
  const req = parseReportRequest(raw);
  const weeks = forecastWeeks(req.asOf);
  const rows = await forecastByGroup(db, {
    asOf: req.asOf,
    creditorId: req.creditorId,
    by: req.by,
    weeks: FORECAST_WEEKS,
  });
  const groups = new Map<string, { group: TForecastRow; totals: TForecastTotals }>();
  for (const row of rows) {
    const key = groupKeyOf(row);
    const entry = groups.get(key) ?? { group: row, totals: emptyForecast() };
    addToForecast(entry.totals, row.slot, row.cents);
    groups.set(key, entry);
  }
  return {
    report: 'forecast',
    asOf: req.asOf,
    by: req.by,
    parameters: Object.fromEntries(weeks.map((w) => [`week${w.week}`, `${w.from}/${w.to}`])),
    columns: [
      ...groupColumns(req.by),
      { key: 'overdue', header: 'overdue (no date)', type: 'amount' },
      ...weeks.map((w) => ({
        key: `week${w.week}`,
        header: `week ${w.week} (${w.from})`,
        type: 'amount' as const,
      })),
      { key: 'later', header: 'later', type: 'amount' },
    ],
    rows: [...groups.values()].map(({ group, totals }) => ({
      ...groupValues(req.by, group),
      overdue: amount(totals.overdueCents, group.currency),
      ...Object.fromEntries(totals.weekCents.map((c, i) => [`week${i + 1}`, amount(c, group.currency)])),
      later: amount(totals.laterCents, group.currency),
    })),
  };
}
