import {
  AGING_BUCKETS,
  AGING_LOWER_BOUNDS,
  addToAging,
  emptyAgingTotals,
  type TAgingTotals,
} from '../../core/insight/aging.ts';
import type { TSql } from '../../db/database.ts';
import { agingByGroup, type TAgingRow } from '../../db/queries/insight.ts';
import {
  amount,
  groupColumns,
  groupKeyOf,
  groupValues,
  parseReportRequest,
  type TReport,
  type TReportRequest,
} from './report.ts';

/** Aging of open amounts on any date, by creditor, debtor, risk class or currency. */
export async function reportAging(db: TSql, raw: TReportRequest): Promise<TReport> {
  const req = parseReportRequest(raw);
  const rows = await agingByGroup(db, {
    asOf: req.asOf,
    creditorId: req.creditorId,
    by: req.by,
    lowerBounds: AGING_LOWER_BOUNDS,
  });
  const groups = new Map<string, { group: TAgingRow; totals: TAgingTotals }>();
  for (const row of rows) {
    const key = groupKeyOf(row);
    const entry = groups.get(key) ?? { group: row, totals: emptyAgingTotals() };
    addToAging(entry.totals, row.bucket, row.cents);
    groups.set(key, entry);
  }
  return {
    report: 'aging',
    asOf: req.asOf,
    by: req.by,
    parameters: {},
    columns: [
      ...groupColumns(req.by),
      ...AGING_BUCKETS.map((b) => ({ key: b.key, header: b.label, type: 'amount' as const })),
      { key: 'overdue', header: 'overdue', type: 'amount' },
      { key: 'total', header: 'total', type: 'amount' },
    ],
    rows: [...groups.values()].map(({ group, totals }) => ({
      ...groupValues(req.by, group),
      ...Object.fromEntries(AGING_BUCKETS.map((b) => [b.key, amount(totals[b.key], group.currency)])),
      overdue: amount(totals.overdueCents, group.currency),
      total: amount(totals.totalCents, group.currency),
    })),
  };
}
