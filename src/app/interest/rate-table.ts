import { formatRatePercent, parseRatePercent } from '../../core/interest/rate.ts';
import type { TRateRow } from '../../core/interest/rate-table.ts';
import { ratePeriodOf } from '../../core/interest/rate-table.ts';
import type { TCalendarDate } from '../../core/shared/calendar-date.ts';
import type { TSql } from '../../db/database.ts';
import { listInterestRates, type TInterestRateRow } from '../../db/queries/interest.ts';

/** Database row → core row: numeric text is read digit by digit, never through a float. */
export function toRateRow(row: TInterestRateRow): TRateRow {
  return {
    kind: row.kind,
    periodStart: row.period_start as TCalendarDate,
    referencePpm:
      row.reference_rate === null
        ? null
        : parseRatePercent(row.reference_rate, 'reference_rate', { allowNegative: true }),
    ratePpm: parseRatePercent(row.rate, 'rate'),
    source: row.source,
    isVerified: row.is_verified,
  };
}

/** The whole table: a few dozen rows, loaded once per computation and passed to the pure core. */
export async function loadRateTable(db: TSql): Promise<TRateRow[]> {
  return (await listInterestRates(db)).map(toRateRow);
}

export type TRateView = {
  kind: 'commercial' | 'legal';
  period: string;
  from: string;
  ecbRate: string | null;
  ratePercent: string;
  source: string;
  isVerified: boolean;
  addedBy: string;
  addedAt: string;
  replaced: Record<string, unknown> | null;
};

export function toRateView(row: TInterestRateRow): TRateView {
  const core = toRateRow(row);
  return {
    kind: row.kind,
    period: ratePeriodOf(row.kind, core.periodStart).label,
    from: row.period_start,
    ecbRate: core.referencePpm === null ? null : formatRatePercent(core.referencePpm),
    ratePercent: formatRatePercent(core.ratePpm),
    source: row.source,
    isVerified: row.is_verified,
    addedBy: row.added_by,
    addedAt: row.added_at.toISOString(),
    replaced: row.replaced,
  };
}
