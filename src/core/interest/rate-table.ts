import { addDays, compareDates, parseDate, type TCalendarDate, yearOf } from '../shared/calendar-date.ts';
import { AppError } from '../shared/errors.ts';
import { formatRatePercent, ONE_POINT_PPM, type TRatePpm } from './rate.ts';

/**
 * The published rates, passed in as data (the core never reads the database).
 * - commercial: D.Lgs. 231/2002 art. 5, one row per semester starting 1 January or 1 July;
 *   `referencePpm` is the ECB main refinancing rate in force on that day, `ratePpm` the
 *   resulting late-payment rate (reference + 8 points) as published in the Gazzetta Ufficiale.
 * - legal: art. 1284 c.c., one row per calendar year starting 1 January; no reference rate.
 */
export type TRateKind = 'commercial' | 'legal';

export type TRateRow = {
  kind: TRateKind;
  periodStart: TCalendarDate;
  referencePpm: TRatePpm | null;
  ratePpm: TRatePpm;
  source: string;
  isVerified: boolean;
};

/** D.Lgs. 231/2002 art. 5: the late-payment rate is the ECB reference rate plus 8 points... */
export const COMMERCIAL_MARGIN_PPM = 8 * ONE_POINT_PPM;
/** ...or plus 7 points for contracts concluded before 1 January 2013 (pre-D.Lgs. 192/2012 text). */
export const PRE_2013_MARGIN_PPM = 7 * ONE_POINT_PPM;
export const PRE_2013_CUTOFF = '2013-01-01' as TCalendarDate;

export type TRatePeriod = { start: TCalendarDate; end: TCalendarDate; label: string };

/** The semester (1 Jan–30 Jun or 1 Jul–31 Dec) containing `date`. */
export function semesterOf(date: TCalendarDate): TRatePeriod {
  const year = yearOf(date);
  const isFirstHalf = date.slice(5) < '07-01';
  return isFirstHalf
    ? { start: `${year}-01-01` as TCalendarDate, end: `${year}-06-30` as TCalendarDate, label: `${year} H1` }
    : { start: `${year}-07-01` as TCalendarDate, end: `${year}-12-31` as TCalendarDate, label: `${year} H2` };
}

/** The calendar year containing `date`: the period of the legal rate. */
export function yearPeriodOf(date: TCalendarDate): TRatePeriod {
  const year = yearOf(date);
  return {
    start: `${year}-01-01` as TCalendarDate,
    end: `${year}-12-31` as TCalendarDate,
    label: String(year),
  };
}

export function ratePeriodOf(kind: TRateKind, date: TCalendarDate): TRatePeriod {
  return kind === 'commercial' ? semesterOf(date) : yearPeriodOf(date);
}

/** Whether `date` starts a rate period of its kind (what the table's rows must start on). */
export function isRatePeriodStart(kind: TRateKind, date: TCalendarDate): boolean {
  return ratePeriodOf(kind, date).start === date;
}

export type TResolvedRate = {
  ratePpm: TRatePpm;
  period: TRatePeriod;
  source: string;
  isVerified: boolean;
};

export type TRateLookupOptions = {
  /** Contract concluded before 2013-01-01: ECB + 7 points instead of + 8. */
  isPre2013Contract?: boolean;
  /** Use rows not yet confirmed by a Gazzetta Ufficiale reference (shown as unverified). */
  allowUnverified?: boolean;
};

const KIND_NAME: Record<TRateKind, string> = {
  commercial: 'late-payment rate (D.Lgs. 231/2002)',
  legal: 'legal interest rate (art. 1284 c.c.)',
};

function addCommand(kind: TRateKind, period: TRatePeriod): string {
  return kind === 'commercial'
    ? `riscossa rates add --kind commercial --from ${period.start} --ecb-rate <ECB rate> --source "GU n. ..."`
    : `riscossa rates add --kind legal --from ${period.start} --rate <rate> --source "GU n. ..."`;
}

/**
 * The rate of `kind` in force on `date`. A period the table does not have is an error naming
 * it: never a guess and never zero. So is an unverified row unless explicitly allowed.
 */
export function rateOn(
  table: readonly TRateRow[],
  kind: TRateKind,
  date: TCalendarDate,
  options: TRateLookupOptions = {},
): TResolvedRate {
  const period = ratePeriodOf(kind, date);
  const row = table.find((r) => r.kind === kind && r.periodStart === period.start);
  if (!row) {
    throw new AppError(
      'MISSING_RATE',
      `no ${kind === 'commercial' ? 'late-payment' : 'legal interest'} rate for ${period.label}: add it with its Gazzetta Ufficiale reference: ${addCommand(kind, period)}`,
      { field: 'rate', value: period.label, kind, periodStart: period.start },
    );
  }
  if (!row.isVerified && !options.allowUnverified) {
    throw new AppError(
      'MISSING_RATE',
      `the ${KIND_NAME[kind]} for ${period.label} (${formatRatePercent(row.ratePpm)} %) is not verified (source: ${row.source}); confirm it with: ${addCommand(kind, period)}, or allow unverified rates explicitly (--allow-unverified-rates, allowUnverifiedRates=true)`,
      { field: 'rate', value: period.label, kind, periodStart: period.start, isVerified: false },
    );
  }
  let ratePpm = row.ratePpm;
  if (kind === 'commercial' && options.isPre2013Contract) {
    if (row.referencePpm === null) {
      throw new AppError('MISSING_RATE', `no ECB reference rate recorded for ${period.label}`, {
        field: 'rate',
        value: period.label,
      });
    }
    ratePpm = row.referencePpm + PRE_2013_MARGIN_PPM;
  }
  return { ratePpm, period, source: row.source, isVerified: row.isVerified };
}

/** The first day of the period after the one containing `date`. */
export function nextRatePeriodStart(kind: TRateKind, date: TCalendarDate): TCalendarDate {
  return addDays(ratePeriodOf(kind, date).end, 1);
}

/** Validates a row before it enters a table (used by the edge that adds rates). */
export function checkRateRow(row: TRateRow): TRateRow {
  parseDate(row.periodStart, 'from');
  if (!isRatePeriodStart(row.kind, row.periodStart)) {
    throw new AppError(
      'INVALID_INPUT',
      `from: "${row.periodStart}" does not start a ${row.kind === 'commercial' ? 'semester (YYYY-01-01 or YYYY-07-01)' : 'year (YYYY-01-01)'}`,
      { field: 'from', value: row.periodStart },
    );
  }
  if (row.kind === 'commercial' && row.referencePpm !== null) {
    if (row.ratePpm !== row.referencePpm + COMMERCIAL_MARGIN_PPM) {
      throw new AppError(
        'INVALID_INPUT',
        `rate: "${formatRatePercent(row.ratePpm)}" is not the ECB rate ${formatRatePercent(row.referencePpm)} + 8 points`,
        { field: 'rate', value: formatRatePercent(row.ratePpm) },
      );
    }
  }
  if (row.source.trim().length === 0) {
    throw new AppError('INVALID_INPUT', 'source: "" must name the Gazzetta Ufficiale publication', {
      field: 'source',
      value: row.source,
    });
  }
  return row;
}

export function sortRateRows(rows: readonly TRateRow[]): TRateRow[] {
  return [...rows].sort((a, b) => a.kind.localeCompare(b.kind) || compareDates(a.periodStart, b.periodStart));
}
