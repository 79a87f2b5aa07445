import { stringify } from 'csv-stringify/sync';
import type { TReport } from '../../app/insight/report.ts';

/**
 * A report as CSV (RFC 4180, comma, CRLF, header row). Amounts stay the decimal strings of the
 * JSON output ("1220.50"): a spreadsheet or script reads them without locale guessing.
 */
export function reportToCsv(report: TReport): string {
  return stringify(
    report.rows.map((row) => report.columns.map((c) => row[c.key] ?? '')),
    {
      header: true,
      columns: report.columns.map((c) => c.header),
      record_delimiter: 'windows',
      cast: { boolean: (value) => (value ? 'true' : 'false') },
    },
  );
}
