import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readXlsxTable } from '../../src/adapters/reports/report-xlsx.ts';
import { openDatabase } from '../../src/db/open-database.ts';
import { CREDITOR_VAT, DEBTOR_VAT } from '../support/fixtures.ts';
import { runCli } from '../support/run-cli.ts';
import { createTestDatabase, type TTestDatabase } from '../support/test-database.ts';
import { AS_OF, buildPortfolio, VERDI_VAT } from './portfolio.ts';

// The CLI as a user runs it, on this run's engine, over the hand-built portfolio.
let t: TTestDatabase | null = null;
let env: { dataDir?: string; databaseUrl?: string | null };
const dir = mkdtempSync(join(tmpdir(), 'riscossa-insight-cli-'));

beforeAll(async () => {
  if (process.env.DATABASE_URL) {
    t = await createTestDatabase();
    await buildPortfolio(t.db);
    env = { databaseUrl: t.url };
  } else {
    env = { dataDir: join(dir, 'data') };
    const db = await openDatabase({ dataDir: env.dataDir, databaseUrl: null });
    await buildPortfolio(db);
    await db.close();
  }
});
afterAll(async () => {
  if (t) await t.drop();
});

const cli = (...args: string[]) => runCli(args, env);

describe('riscossa report', () => {
  it('writes the aging by debtor as CSV to a file', () => {
    const file = join(dir, 'aging.csv');
    const r = cli(
      'report',
      'aging',
      '--as-of',
      AS_OF,
      '--creditor',
      CREDITOR_VAT,
      '--by',
      'debtor',
      '--format',
      'csv',
      '--output',
      file,
    );
    expect(r.status).toBe(0);
    const rows = parse(readFileSync(file, 'utf8'), { columns: true }) as Record<string, string>[];
    expect(
      rows.map((row) => [row.debtor, row.currency, row['1-30 days'], row['91-180 days'], row.total]),
    ).toEqual([
      ['Bianchi Impianti S.r.l.', 'EUR', '0.00', '0.00', '1220.00'],
      ['Bianchi Impianti S.r.l.', 'USD', '0.00', '0.00', '999.99'],
      ['Rossi Costruzioni S.p.A.', 'EUR', '300.00', '500.00', '1600.00'],
    ]);
  });

  it('prints the DSO as JSON and writes the forecast as XLSX', async () => {
    const dso = cli('report', 'dso', '--as-of', AS_OF, '--creditor', CREDITOR_VAT, '--json');
    expect(dso.status).toBe(0);
    expect((dso.json as any).rows.map((r: any) => [r.currency, r.dsoDays])).toEqual([
      ['EUR', 63.7],
      ['USD', 30],
    ]);
    const file = join(dir, 'forecast.xlsx');
    expect(
      cli(
        'report',
        'forecast',
        '--as-of',
        AS_OF,
        '--creditor',
        CREDITOR_VAT,
        '--format',
        'xlsx',
        '--output',
        file,
      ).status,
    ).toBe(0);
    const table = await readXlsxTable(readFileSync(file));
    expect(table.headers.slice(0, 6)).toEqual([
      'creditor VAT',
      'creditor',
      'currency',
      'overdue, no date',
      'week 1 (2026-06-30)',
      'week 2 (2026-07-07)',
    ]);
    expect(table.rows[0]!.slice(2, 9)).toEqual(['EUR', 800, 0, 0, 1220, 0, 800]);
  });

  it('refuses an unknown report, grouping or format naming it', () => {
    const name = cli('report', 'turnover', '--json');
    expect([name.status, (name.json as any).error.details.field]).toEqual([1, 'report']);
    const by = cli('report', 'aging', '--by', 'region', '--json');
    expect([by.status, (by.json as any).error.details.field]).toEqual([1, 'by']);
    const format = cli('report', 'aging', '--format', 'pdf', '--json');
    expect([format.status, (format.json as any).error.details.field]).toEqual([1, '--format']);
  });
});

describe('riscossa risk and debtors risk', () => {
  it('scores every debtor as of a date', () => {
    const scored = cli('risk', 'score', '--date', AS_OF, '--creditor', CREDITOR_VAT, '--json');
    expect(scored.status).toBe(0);
    expect((scored.json as any)[0].classes).toEqual({ healthy: 1, 'under-observation': 2, 'to-avoid': 0 });
  });

  it('sets a credit limit and imports external ratings', () => {
    const limit = cli(
      'debtors',
      'set-limit',
      DEBTOR_VAT,
      '--creditor',
      CREDITOR_VAT,
      '--amount',
      '1500.00',
      '--json',
    );
    expect(limit.json).toMatchObject({ status: 'set', creditLimit: '1500.00' });
    const csv = join(dir, 'ratings.csv');
    writeFileSync(csv, `debtor,provider,rated_on,rating,score\n${VERDI_VAT},Cerved,2026-05-01,A1,90\n`);
    const imported = cli('risk', 'import-ratings', csv, '--creditor', CREDITOR_VAT, '--json');
    expect(imported.json).toEqual({ lines: 1, inserted: 1, updated: 0, unchanged: 0 });
  });

  it('shows a debtor live with its ERP flags next to the recorded class', () => {
    const shown = cli('debtors', 'risk', DEBTOR_VAT, '--creditor', CREDITOR_VAT, '--date', AS_OF, '--json');
    expect(shown.status).toBe(0);
    expect(shown.json).toMatchObject({
      score: 51,
      class: 'under-observation',
      isOverLimit: true,
      canBuyOnCredit: false,
      exposure: '1600.00',
      recorded: { class: 'under-observation', score: 66 },
    });
  });

  it('records the class change a stricter threshold causes, and the register still verifies', () => {
    const settings = cli('risk', 'settings', '--creditor', CREDITOR_VAT, '--to-avoid-below', '55', '--json');
    expect(settings.json).toMatchObject({ healthyFromScore: 70, toAvoidBelowScore: 55 });
    const rescored = cli('risk', 'score', '--date', AS_OF, '--creditor', CREDITOR_VAT, '--json');
    expect((rescored.json as any)[0].changes.map((c: any) => [c.from, c.to, c.score])).toEqual([
      ['under-observation', 'to-avoid', 51],
    ]);
    expect(cli('register', 'verify', '--json').status).toBe(0);
  });
});
