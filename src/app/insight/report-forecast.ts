import {
  addToForecast,
  emptyForecast,
  FORECAST_WEEKS,
  forecastWeeks,
  type TForecastTotals,
} from '../../core/insight/forecast.ts';
import { safeCents } from '../../core/shared/money.ts';
import type { TSql } from '../../db/database.ts';
import { forecastByGroup, promisesByGroup, type TForecastRow } from '../../db/queries/insight.ts';
import {
  amount,
  groupColumns,
  groupKeyOf,
  groupValues,
  parseReportRequest,
  type TReport,
  type TReportRequest,
} from './report.ts';

type TGroupForecast = { group: TForecastRow; dueDates: TForecastTotals; promised: TForecastTotals };

/**
 * Cash expected in each of the next 13 weeks: what falls due in the week (open on asOf) plus
 * what debtors promised to pay in it (promises and payment-plan instalments pending on asOf).
 * Promises are made for overdue amounts, so the promised total is taken off the "overdue" column,
 * which keeps what is overdue with no date to expect it on. A promise already past its date but
 * not yet declared broken stays in "overdue" too.
 */
export async function reportForecast(db: TSql, raw: TReportRequest): Promise<TReport> {
  const req = parseReportRequest(raw);
  const weeks = forecastWeeks(req.asOf);
  const params = { asOf: req.asOf, creditorId: req.creditorId, by: req.by, weeks: FORECAST_WEEKS };
  const groups = new Map<string, TGroupForecast>();
  const entry = (row: TForecastRow) => {
    const key = groupKeyOf(row);
    const found = groups.get(key) ?? { group: row, dueDates: emptyForecast(), promised: emptyForecast() };
    groups.set(key, found);
    return found;
  };
  for (const row of await forecastByGroup(db, params))
    addToForecast(entry(row).dueDates, row.slot, row.cents);
  for (const row of await promisesByGroup(db, params))
    addToForecast(entry(row).promised, row.slot, row.cents);
  return {
    report: 'forecast',
    asOf: req.asOf,
    by: req.by,
    parameters: Object.fromEntries(weeks.map((w) => [`week${w.week}`, `${w.from}/${w.to}`])),
    columns: [
      ...groupColumns(req.by),
      { key: 'overdue', header: 'overdue, no date', type: 'amount' },
      ...weeks.map((w) => ({
        key: `week${w.week}`,
        header: `week ${w.week} (${w.from})`,
        type: 'amount' as const,
      })),
      { key: 'later', header: 'later', type: 'amount' },
      { key: 'promised', header: 'of which promised', type: 'amount' },
    ],
    rows: [...groups.values()]
      .sort((a, b) => (groupOrder(a.group) < groupOrder(b.group) ? -1 : 1))
      .map(({ group, dueDates, promised }) => {
        const c = group.currency;
        const promisedDated = safeCents(promised.weekCents.reduce((s, x) => s + x, 0) + promised.laterCents);
        return {
          ...groupValues(req.by, group),
          overdue: amount(Math.max(0, dueDates.overdueCents - promisedDated), c),
          ...Object.fromEntries(
            dueDates.weekCents.map((x, i) => [
              `week${i + 1}`,
              amount(safeCents(x + promised.weekCents[i]!), c),
            ]),
          ),
          later: amount(safeCents(dueDates.laterCents + promised.laterCents), c),
          promised: amount(promisedDated, c),
        };
      }),
  };
}

/** Rows come from two queries; order them as the report queries do. */
function groupOrder(g: TForecastRow): string {
  return [
    g.creditor_vat ?? '',
    g.debtor_name ?? '',
    String(g.debtor_id ?? ''),
    g.risk_class ?? '',
    g.currency,
  ].join('\u0000');
}
