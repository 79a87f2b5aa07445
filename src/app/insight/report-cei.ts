import { collectionEffectiveness, defaultCeiPeriod } from '../../core/insight/cei.ts';
import { addDays, compareDates } from '../../core/shared/calendar-date.ts';
import { invalid } from '../../core/shared/errors.ts';
import type { TSql } from '../../db/database.ts';
import { ceiBalancesByGroup } from '../../db/queries/insight.ts';
import {
  amount,
  groupColumns,
  groupValues,
  parseReportRequest,
  type TReport,
  type TReportRequest,
} from './report.ts';

/** Collection effectiveness index over [from, asOf] (default: the month ending on asOf). */
export async function reportCei(db: TSql, raw: TReportRequest): Promise<TReport> {
  const req = parseReportRequest(raw);
  const from = req.from ?? defaultCeiPeriod(req.asOf).from;
  if (compareDates(from, req.asOf) > 0) throw invalid('from', from, `is after the as-of date ${req.asOf}`);
  const rows = await ceiBalancesByGroup(db, {
    beginOn: addDays(from, -1),
    endOn: req.asOf,
    creditorId: req.creditorId,
    by: req.by,
  });
  return {
    report: 'cei',
    asOf: req.asOf,
    by: req.by,
    parameters: { from, to: req.asOf },
    columns: [
      ...groupColumns(req.by),
      { key: 'beginning', header: 'receivables at start', type: 'amount' },
      { key: 'creditSales', header: 'credit sales', type: 'amount' },
      { key: 'ending', header: 'receivables at end', type: 'amount' },
      { key: 'endingCurrent', header: 'not yet due at end', type: 'amount' },
      { key: 'collected', header: 'collected', type: 'amount' },
      { key: 'collectible', header: 'collectible', type: 'amount' },
      { key: 'ceiPercent', header: 'CEI %', type: 'number' },
    ],
    rows: rows.map((r) => {
      const cei = collectionEffectiveness({
        beginningCents: r.beginning_cents,
        creditSalesCents: r.sales_cents,
        endingCents: r.ending_cents,
        endingCurrentCents: r.ending_current_cents,
      });
      return {
        ...groupValues(req.by, r),
        beginning: amount(r.beginning_cents, r.currency),
        creditSales: amount(r.sales_cents, r.currency),
        ending: amount(r.ending_cents, r.currency),
        endingCurrent: amount(r.ending_current_cents, r.currency),
        collected: amount(cei.collectedCents, r.currency),
        collectible: amount(cei.collectibleCents, r.currency),
        ceiPercent: cei.ceiPercent,
      };
    }),
  };
}
