import { parseDate, type TCalendarDate } from '../../core/shared/calendar-date.ts';
import { invalid } from '../../core/shared/errors.ts';

/**
 * Numbers and dates as Italian and English spreadsheets write them: "1.234,56", "1,234.56",
 * "-1.220,00", "(50.00)", "31/12/2025", "2025-12-31". A single separator followed by exactly three
 * digits is a thousands separator: money has at most two decimals, so "1.234" and "1,234" are
 * both one thousand two hundred thirty-four whatever the language.
 */
export type TDateOrder = 'DMY' | 'MDY' | 'YMD';

export function parseLocalizedAmount(value: string, field: string, decimalSeparator?: ',' | '.'): string {
  let text = value.replace(/[\s\u00a0€]|EUR/gi, '');
  let negative = false;
  if (/^\(.*\)$/.test(text)) {
    negative = true;
    text = text.slice(1, -1);
  }
  if (text.startsWith('-') || text.startsWith('+')) {
    negative = text.startsWith('-');
    text = text.slice(1);
  } else if (text.endsWith('-')) {
    negative = true;
    text = text.slice(0, -1);
  }
  if (!/^[\d.,']+$/.test(text) || !/\d/.test(text)) throw invalid(field, value, 'is not an amount');
  text = text.replace(/'/g, '');
  let decimal: string | null = decimalSeparator ?? null;
  if (!decimal) {
    const lastDot = text.lastIndexOf('.');
    const lastComma = text.lastIndexOf(',');
    const last = Math.max(lastDot, lastComma);
    if (last >= 0) {
      const separator = text[last] as ',' | '.';
      const isOnlyKind = !text.includes(separator === ',' ? '.' : ',');
      const digitsAfter = text.length - last - 1;
      const occurrences = text.split(separator).length - 1;
      decimal = isOnlyKind && (digitsAfter === 3 || occurrences > 1) ? null : separator;
    }
  }
  const thousands = decimal === ',' ? '.' : decimal === '.' ? ',' : null;
  let normalized = thousands ? text.split(thousands).join('') : text.replace(/[.,]/g, '');
  if (decimal) normalized = normalized.replace(decimal, '.');
  if (!/^\d+(\.\d+)?$/.test(normalized)) throw invalid(field, value, 'is not an amount');
  return `${negative ? '-' : ''}${normalized}`;
}

export function parseLocalizedDate(value: string, field: string, order: TDateOrder = 'DMY'): TCalendarDate {
  const text = value.trim();
  if (/^\d{4}-\d{2}-\d{2}/.test(text)) return parseDate(text.slice(0, 10), field);
  const m = /^(\d{1,4})[/.-](\d{1,2})[/.-](\d{1,4})$/.exec(text);
  if (!m)
    throw invalid(
      field,
      value,
      `is not a date (${order === 'MDY' ? 'MM/DD/YYYY' : order === 'YMD' ? 'YYYY/MM/DD' : 'DD/MM/YYYY'} or YYYY-MM-DD)`,
    );
  const [a, b, c] = [m[1]!, m[2]!, m[3]!];
  const [y, mo, d] = order === 'YMD' ? [a, b, c] : order === 'MDY' ? [c, a, b] : [c, b, a];
  const year = y.length === 2 ? `20${y}` : y;
  if (year.length !== 4) throw invalid(field, value, 'has no four-digit year');
  try {
    return parseDate(`${year}-${mo.padStart(2, '0')}-${d.padStart(2, '0')}`, field);
  } catch {
    throw invalid(field, value, 'is not a real calendar date');
  }
}
