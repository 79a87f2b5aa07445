import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reportToCsv } from '../../src/adapters/reports/report-csv.ts';
import { readXlsxTable, reportToXlsx } from '../../src/adapters/reports/report-xlsx.ts';
import { runReport } from '../../src/app/insight/run-report.ts';
import { scoreDebtors } from '../../src/app/insight/score-debtors.ts';
import { ctxOn } from '../support/fixtures.ts';
import { createTestDatabase, type TTestDatabase } from '../support/test-database.ts';
import { AS_OF, buildPortfolio } from './portfolio.ts';

let t: TTestDatabase;
let acmeId: number;

beforeAll(async () => {
  t = await createTestDatabase();
  ({ acmeId } = await buildPortfolio(t.db));
});
afterAll(async () => t.drop());

const pick = (rows: Array<Record<string, unknown>>, keys: string[]) => rows.map((r) => keys.map((k) => r[k]));
const AGING_KEYS = [
  'notDue',
  'days1to30',
  'days31to60',
  'days61to90',
  'days91to180',
  'over180',
  'overdue',
  'total',
];

describe('aging', () => {
  it('by debtor on 2026-06-30, to the cent', async () => {
    const r = await runReport(t.db, 'aging', { asOf: AS_OF, creditorId: acmeId, by: 'debtor' });
    expect(pick(r.rows, ['debtorName', 'currency', ...AGING_KEYS])).toEqual([
      // B-1 second instalment 1220 due 07-15; B-3 was paid on 06-20
      [
        'Bianchi Impianti S.r.l.',
        'EUR',
        '1220.00',
        '0.00',
        '0.00',
        '0.00',
        '0.00',
        '0.00',
        '0.00',
        '1220.00',
      ],
      ['Bianchi Impianti S.r.l.', 'USD', '999.99', '0.00', '0.00', '0.00', '0.00', '0.00', '0.00', '999.99'],
      // INV-5 800 not due; INV-7 300 due 06-15 (15 days; its payment is dated 07-05); INV-3 500 due 03-31 (91 days)
      [
        'Rossi Costruzioni S.p.A.',
        'EUR',
        '800.00',
        '300.00',
        '0.00',
        '0.00',
        '500.00',
        '0.00',
        '800.00',
        '1600.00',
      ],
    ]);
  });

  it('reconstructs a past date from allocations dated up to it', async () => {
    // On 06-15: INV-7 due that day is not yet due; INV-3 is 76 days past due; B-3 (due 2025-12-15)
    // is still open, 182 days past due; B-2 (USD) issued 06-10 is there, INV-5 issued 06-01 too.
    const r = await runReport(t.db, 'aging', { asOf: '2026-06-15', creditorId: acmeId, by: 'creditor' });
    expect(pick(r.rows, ['creditorVat', 'currency', ...AGING_KEYS])).toEqual([
      ['IT01114601006', 'EUR', '2320.00', '0.00', '0.00', '500.00', '0.00', '400.00', '900.00', '3220.00'],
      ['IT01114601006', 'USD', '999.99', '0.00', '0.00', '0.00', '0.00', '0.00', '0.00', '999.99'],
    ]);
  });

  it('keeps creditors apart, and sums them by currency', async () => {
    const byCreditor = await runReport(t.db, 'aging', { asOf: AS_OF, by: 'creditor' });
    expect(pick(byCreditor.rows, ['creditorName', 'currency', 'days1to30', 'total'])).toEqual([
      ['Acme Forniture S.r.l.', 'EUR', '300.00', '2820.00'],
      ['Acme Forniture S.r.l.', 'USD', '0.00', '999.99'],
      ['Beta Servizi S.r.l.', 'EUR', '100.00', '100.00'], // Z-1 due 06-01: 29 days
    ]);
    const byCurrency = await runReport(t.db, 'aging', { asOf: AS_OF, by: 'currency' });
    expect(pick(byCurrency.rows, ['currency', 'notDue', 'days1to30', 'days91to180', 'total'])).toEqual([
      ['EUR', '2020.00', '400.00', '500.00', '2920.00'],
      ['USD', '999.99', '0.00', '0.00', '999.99'],
    ]);
  });

  it('by risk class once debtors are scored', async () => {
    const before = await runReport(t.db, 'aging', { asOf: AS_OF, creditorId: acmeId, by: 'class' });
    expect(pick(before.rows, ['riskClass', 'currency', 'total'])).toEqual([
      ['unscored', 'EUR', '2820.00'],
      ['unscored', 'USD', '999.99'],
    ]);
    await scoreDebtors(ctxOn(t.db, AS_OF), { creditorId: acmeId });
    const after = await runReport(t.db, 'aging', { asOf: AS_OF, creditorId: acmeId, by: 'class' });
    // Rossi (66) and Bianchi (60) are under observation; Verdi (healthy) owes nothing.
    expect(pick(after.rows, ['riskClass', 'currency', 'total'])).toEqual([
      ['under-observation', 'EUR', '2820.00'],
      ['under-observation', 'USD', '999.99'],
    ]);
  });
});

describe('DSO (countback)', () => {
  it('counts June and May whole and part of April', async () => {
    // EUR AR 2820.00. June sales 800.00 (INV-5) -> 30 days, 2020.00 left; May 1800.00 (INV-4, INV-7;
    // the credit note is not a sale) -> 31 days, 220.00 left; April 2440.00 (B-1): 30 x 220/2440 = 2.70.
    // USD: AR 999.99 = June sales 999.99 -> exactly 30 days.
    const r = await runReport(t.db, 'dso', { asOf: AS_OF, creditorId: acmeId });
    expect(
      pick(r.rows, ['currency', 'receivables', 'salesLastMonth', 'dsoDays', 'monthsCounted', 'isCapped']),
    ).toEqual([
      ['EUR', '2820.00', '800.00', 63.7, 3, false],
      ['USD', '999.99', '999.99', 30, 1, false],
    ]);
  });

  it('per debtor', async () => {
    // Rossi: 1600 - 800 (June, 30 d) = 800 of May's 1800: 31 x 800/1800 = 13.78 -> 43.8
    // Bianchi EUR: no sales in June or May (61 d), 1220 of April's 2440: 15 -> 76
    const r = await runReport(t.db, 'dso', { asOf: AS_OF, creditorId: acmeId, by: 'debtor' });
    expect(pick(r.rows, ['debtorName', 'currency', 'dsoDays'])).toEqual([
      ['Bianchi Impianti S.r.l.', 'EUR', 76],
      ['Bianchi Impianti S.r.l.', 'USD', 30],
      ['Rossi Costruzioni S.p.A.', 'EUR', 43.8],
    ]);
  });
});

describe('collection effectiveness index', () => {
  it('over June 2026', async () => {
    // B (end of 05-31): Rossi INV-3 500 + INV-7 300; Bianchi B-1 1220 + B-3 400 = 2420.00
    // S: INV-5 800.00; E: 2820.00; C (due on or after 06-30): 800 + 1220 = 2020.00
    // collected 2420 + 800 - 2820 = 400.00 (B-3); collectible 2420 + 800 - 2020 = 1200.00 -> 33.33 %
    const r = await runReport(t.db, 'cei', { asOf: AS_OF, by: 'creditor' });
    expect(r.parameters).toEqual({ from: '2026-06-01', to: AS_OF });
    expect(
      pick(r.rows, [
        'creditorName',
        'currency',
        'beginning',
        'creditSales',
        'ending',
        'endingCurrent',
        'collected',
        'collectible',
        'ceiPercent',
      ]),
    ).toEqual([
      ['Acme Forniture S.r.l.', 'EUR', '2420.00', '800.00', '2820.00', '2020.00', '400.00', '1200.00', 33.33],
      ['Acme Forniture S.r.l.', 'USD', '0.00', '999.99', '999.99', '999.99', '0.00', '0.00', null],
      ['Beta Servizi S.r.l.', 'EUR', '100.00', '0.00', '100.00', '0.00', '0.00', '100.00', 0],
    ]);
  });

  it('over a period given with from', async () => {
    // 2026-05-01 .. 05-31, Acme EUR. B (end of 04-30): INV-3 500, B-3 400, B-1 2440 = 3340.00
    // S: INV-4 1500 + INV-7 300 = 1800.00. E (05-31): 2420.00. C (due >= 05-31): INV-7 300 + B-1 1220 = 1520.00
    // (INV-4 due 05-31 is settled). collected 3340 + 1800 - 2420 = 2720.00 (1220 B-1, 1000 + 500 INV-4);
    // collectible 3340 + 1800 - 1520 = 3620.00 -> 75.138 -> 75.14
    const r = await runReport(t.db, 'cei', { asOf: '2026-05-31', from: '2026-05-01', creditorId: acmeId });
    expect(
      pick(r.rows, ['currency', 'beginning', 'creditSales', 'ending', 'endingCurrent', 'ceiPercent']),
    ).toEqual([['EUR', '3340.00', '1800.00', '2420.00', '1520.00', 75.14]]);
  });
});

describe('13-week forecast', () => {
  it('places open amounts in weeks from their due dates', async () => {
    // Week 1 starts 06-30. Overdue: INV-3 500 + INV-7 300. B-1 07-15 -> week 3 (07-14..07-20);
    // INV-5 07-31 -> week 5 (07-28..08-03); B-2 USD 08-20 -> week 8 (08-18..08-24).
    const r = await runReport(t.db, 'forecast', { asOf: AS_OF, creditorId: acmeId });
    const weeks = Array.from({ length: 13 }, (_, i) => `week${i + 1}`);
    expect(pick(r.rows, ['currency', 'overdue', ...weeks, 'later'])).toEqual([
      ['EUR', '800.00', '0.00', '0.00', '1220.00', '0.00', '800.00', ...Array(8).fill('0.00'), '0.00'],
      ['USD', '0.00', ...Array(7).fill('0.00'), '999.99', ...Array(5).fill('0.00'), '0.00'],
    ]);
    expect(r.parameters.week3).toBe('2026-07-14/2026-07-20');
  });
});

describe('exports', () => {
  it('writes CSV that reads back to the same table', async () => {
    const r = await runReport(t.db, 'aging', { asOf: AS_OF, creditorId: acmeId, by: 'debtor' });
    const csv = reportToCsv(r);
    expect(csv.split('\r\n')[0]).toBe(
      'creditor VAT,creditor,debtor id,debtor,debtor VAT or fiscal code,currency,not yet due,1-30 days,31-60 days,61-90 days,91-180 days,over 180 days,overdue,total',
    );
    const back = parse(csv, { columns: false }) as string[][];
    expect(back.slice(1)).toEqual(r.rows.map((row) => r.columns.map((c) => String(row[c.key] ?? ''))));
  });

  it('writes XLSX with numeric amounts that reads back with exceljs', async () => {
    const r = await runReport(t.db, 'aging', { asOf: AS_OF, creditorId: acmeId, by: 'debtor' });
    const table = await readXlsxTable(await reportToXlsx(r));
    expect(table.headers).toEqual(r.columns.map((c) => c.header));
    const rossi = table.rows.find((row) => row[3] === 'Rossi Costruzioni S.p.A.')!;
    expect(rossi.slice(5)).toEqual(['EUR', 800, 300, 0, 0, 500, 0, 800, 1600]);
    const usd = table.rows.find((row) => row[5] === 'USD')!;
    expect(usd[13]).toBe(999.99);
  });
});
