import { countbackPeriods, DSO_MAX_MONTHS, dsoCountback } from '../../core/insight/dso.ts';
import type { TSql } from '../../db/database.ts';
import { receivablesByGroup, salesByPeriod } from '../../db/queries/insight.ts';
import {
  amount,
  groupColumns,
  groupKeyOf,
  groupValues,
  parseReportRequest,
  type TReport,
  type TReportRequest,
} from './report.ts';

/** Days sales outstanding by the countback method (see core/insight/dso.ts), per group. */
export async function reportDso(db: TSql, raw: TReportRequest): Promise<TReport> {
  const req = parseReportRequest(raw);
  const periods = countbackPeriods(req.asOf, DSO_MAX_MONTHS);
  const periodStarts = periods.map((p) => p.from).reverse();
  const params = { asOf: req.asOf, creditorId: req.creditorId, by: req.by };
  const receivables = await receivablesByGroup(db, params);
  const sales = await salesByPeriod(db, { ...params, periodStarts });
  // width_bucket numbers the ascending starts 1 = oldest; period index k = count - bucket.
  const salesByGroup = new Map<string, number[]>();
  for (const s of sales) {
    const key = groupKeyOf(s);
    const list = salesByGroup.get(key) ?? Array(periods.length).fill(0);
    list[periods.length - s.period] = s.cents;
    salesByGroup.set(key, list);
  }
  return {
    report: 'dso',
    asOf: req.asOf,
    by: req.by,
    parameters: { method: 'countback', maxMonths: DSO_MAX_MONTHS },
    columns: [
      ...groupColumns(req.by),
      { key: 'receivables', header: 'receivables', type: 'amount' },
      { key: 'salesLastMonth', header: 'sales, last month', type: 'amount' },
      { key: 'dsoDays', header: 'DSO days', type: 'number' },
      { key: 'monthsCounted', header: 'months counted back', type: 'integer' },
      { key: 'isCapped', header: `older than ${DSO_MAX_MONTHS} months of sales`, type: 'boolean' },
    ],
    rows: receivables.map((r) => {
      const monthly = salesByGroup.get(groupKeyOf(r)) ?? Array(periods.length).fill(0);
      const result = dsoCountback(
        r.cents,
        periods.map((p, k) => ({ ...p, salesCents: monthly[k] ?? 0 })),
      );
      return {
        ...groupValues(req.by, r),
        receivables: amount(r.cents, r.currency),
        salesLastMonth: amount(monthly[0] ?? 0, r.currency),
        dsoDays: result.dsoDays,
        monthsCounted: result.periodsCounted,
        isCapped: result.isCapped,
      };
    }),
  };
}
