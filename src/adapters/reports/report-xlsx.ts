import type ExcelJS from 'exceljs';
import {
  currencyDecimals,
  type TReport,
  type TReportColumn,
  type TReportValue,
} from '../../app/insight/report.ts';

/** exceljs takes over a second to load: only commands that write or read a workbook load it. */
async function loadExcel(): Promise<typeof ExcelJS> {
  return (await import('exceljs')).default;
}

/** Excel caps sheet names at 31 characters. */
const MAX_SHEET_NAME = 31;

function cellValue(column: TReportColumn, value: TReportValue): ExcelJS.CellValue {
  if (value === null) return null;
  switch (column.type) {
    case 'amount':
    case 'number':
    case 'integer':
      // The decimal string becomes a spreadsheet number here, at the edge, for sums and charts.
      return Number(value);
    case 'date':
      return String(value);
    default:
      return value;
  }
}

/**
 * A report as an XLSX workbook: one sheet of the table with typed cells (amounts as numbers
 * formatted with the currency's decimals) and a second sheet with the report's parameters.
 */
export async function reportToXlsx(report: TReport): Promise<Buffer> {
  const Excel = await loadExcel();
  const workbook = new Excel.Workbook();
  workbook.creator = 'Riscossa';
  const sheet = workbook.addWorksheet(`${report.report} ${report.asOf}`.slice(0, MAX_SHEET_NAME));
  sheet.columns = report.columns.map((c) => ({
    header: c.header,
    key: c.key,
    width: Math.max(12, c.header.length + 2),
  }));
  sheet.getRow(1).font = { bold: true };
  sheet.views = [{ state: 'frozen', ySplit: 1 }];
  for (const row of report.rows) {
    const added = sheet.addRow(
      Object.fromEntries(report.columns.map((c) => [c.key, cellValue(c, row[c.key] ?? null)])),
    );
    const decimals = currencyDecimals(String(row.currency ?? 'EUR'));
    report.columns.forEach((c, i) => {
      if (c.type === 'amount')
        added.getCell(i + 1).numFmt = decimals === 0 ? '#,##0' : `#,##0.${'0'.repeat(decimals)}`;
    });
  }
  const about = workbook.addWorksheet('parameters');
  about.addRow(['report', report.report]);
  about.addRow(['as of', report.asOf]);
  about.addRow(['by', report.by]);
  for (const [key, value] of Object.entries(report.parameters)) about.addRow([key, value]);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** Reads the first sheet of a workbook back as header-keyed rows (tests and round trips). */
export async function readXlsxTable(bytes: Uint8Array): Promise<{ headers: string[]; rows: unknown[][] }> {
  const workbook = new (await loadExcel()).Workbook();
  await workbook.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
  const sheet = workbook.worksheets[0];
  if (!sheet) return { headers: [], rows: [] };
  const table: unknown[][] = [];
  sheet.eachRow((row) => {
    const values = row.values as unknown[];
    table.push(values.slice(1));
  });
  const [headers = [], ...rows] = table;
  return { headers: headers.map(String), rows };
}
