import { z } from 'zod';
import { parseDate, type TCalendarDate } from '../../core/shared/calendar-date.ts';
import { invalid } from '../../core/shared/errors.ts';
import { formatAmount, minorUnits } from '../../core/shared/money.ts';
import {
  REPORT_GROUPINGS,
  type TGroupKey,
  type TGroupLabels,
  type TReportGrouping,
} from '../../db/queries/insight.ts';
import { parseInput } from '../shared/parse-input.ts';

/**
 * A report is a table: typed columns and rows of plain values. Amounts are decimal strings in the
 * row's currency (as everywhere in JSON); the CSV and XLSX writers read the column types.
 */
export type TReportColumnType = 'text' | 'amount' | 'integer' | 'number' | 'date' | 'boolean';
export type TReportColumn = { key: string; header: string; type: TReportColumnType };
export type TReportValue = string | number | boolean | null;
export type TReportRow = Record<string, TReportValue>;

export const REPORT_NAMES = [
  'aging',
  'dso',
  'cei',
  'forecast',
  'steps',
  'promises',
  'overdue-trend',
] as const;
export type TReportName = (typeof REPORT_NAMES)[number];

export type TReport = {
  report: TReportName;
  asOf: TCalendarDate;
  by: TReportGrouping;
  /** What else defined the figures (CEI period, countback window, ...). */
  parameters: Record<string, TReportValue>;
  columns: TReportColumn[];
  rows: TReportRow[];
};

export const ZReportRequest = z.object({
  asOf: z.string(),
  creditorId: z.number().int().positive().nullable().default(null),
  by: z.enum(REPORT_GROUPINGS).default('creditor'),
  /** CEI only: first day of the period (default: the month ending on asOf). */
  from: z.string().nullish(),
  /** Overdue trend only: how many dates (the month ends before asOf, then asOf; default 12). */
  months: z.number().int().min(1).max(60).nullish(),
});
export type TReportRequest = z.input<typeof ZReportRequest>;
export type TParsedReportRequest = {
  asOf: TCalendarDate;
  creditorId: number | null;
  by: TReportGrouping;
  from: TCalendarDate | null;
  months: number | null;
};

export function parseReportRequest(raw: TReportRequest): TParsedReportRequest {
  const r = parseInput(ZReportRequest, raw);
  return {
    asOf: parseDate(r.asOf, 'asOf'),
    creditorId: r.creditorId,
    by: r.by,
    from: r.from ? parseDate(r.from, 'from') : null,
    months: r.months ?? null,
  };
}

/** `months` as typed on the command line or in a query string: a whole number from 1 to 60. */
export function parseMonths(value: string | undefined, field = 'months'): number | null {
  if (value === undefined || value === '') return null;
  if (!/^\d{1,2}$/.test(value) || Number(value) < 1 || Number(value) > 60) {
    throw invalid(field, value, 'must be a whole number of months from 1 to 60');
  }
  return Number(value);
}

/** The columns that identify a row's group, per grouping. */
export function groupColumns(by: TReportGrouping): TReportColumn[] {
  const creditor: TReportColumn[] = [
    { key: 'creditorVat', header: 'creditor VAT', type: 'text' },
    { key: 'creditorName', header: 'creditor', type: 'text' },
  ];
  const currency: TReportColumn = { key: 'currency', header: 'currency', type: 'text' };
  switch (by) {
    case 'creditor':
      return [...creditor, currency];
    case 'debtor':
      return [
        ...creditor,
        { key: 'debtorId', header: 'debtor id', type: 'integer' },
        { key: 'debtorName', header: 'debtor', type: 'text' },
        { key: 'debtorVat', header: 'debtor VAT or fiscal code', type: 'text' },
        currency,
      ];
    case 'class':
      return [...creditor, { key: 'riskClass', header: 'risk class', type: 'text' }, currency];
    case 'currency':
      return [currency];
  }
}

export function groupValues(by: TReportGrouping, g: TGroupKey & TGroupLabels): TReportRow {
  const creditor = { creditorVat: g.creditor_vat, creditorName: g.creditor_name };
  switch (by) {
    case 'creditor':
      return { ...creditor, currency: g.currency };
    case 'debtor':
      return {
        ...creditor,
        debtorId: g.debtor_id,
        debtorName: g.debtor_name,
        debtorVat: g.debtor_vat ?? g.debtor_fiscal_code,
        currency: g.currency,
      };
    case 'class':
      return { ...creditor, riskClass: g.risk_class, currency: g.currency };
    case 'currency':
      return { currency: g.currency };
  }
}

export function groupKeyOf(g: TGroupKey): string {
  return `${g.creditor_id}|${g.debtor_id}|${g.risk_class}|${g.currency}`;
}

/**
 * minorUnits() builds an Intl.NumberFormat on every call (tens of microseconds): a report of 50,000
 * debtors formats 400,000 amounts, so the number of decimals is looked up once per currency and
 * the cents are formatted as formatAmount does (money.ts stays the reference; a test compares).
 */
const DECIMALS = new Map<string, number>();
export function currencyDecimals(currency: string): number {
  let decimals = DECIMALS.get(currency);
  if (decimals === undefined) {
    decimals = minorUnits(currency);
    DECIMALS.set(currency, decimals);
  }
  return decimals;
}

export function amount(cents: number, currency: string): string {
  const decimals = currencyDecimals(currency);
  if (decimals !== 2) return formatAmount(cents, currency);
  const digits = String(Math.abs(cents)).padStart(3, '0');
  return `${cents < 0 ? '-' : ''}${digits.slice(0, -2)}.${digits.slice(-2)}`;
}
