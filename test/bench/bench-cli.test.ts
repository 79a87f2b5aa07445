import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../support/run-cli.ts';
import { createTestDatabase, type TTestDatabase } from '../support/test-database.ts';

// `riscossa bench generate` as a user runs it, on the engine of this test run.
let t: TTestDatabase | null = null;
let env: { dataDir?: string; databaseUrl?: string | null };

beforeAll(async () => {
  if (process.env.DATABASE_URL) {
    t = await createTestDatabase();
    await t.db.close();
    env = { databaseUrl: t.url };
  } else {
    env = { dataDir: join(mkdtempSync(join(tmpdir(), 'riscossa-bench-cli-')), 'data') };
  }
});
afterAll(async () => {
  if (t) await t.drop().catch(() => undefined);
});

describe('riscossa bench generate', () => {
  it('loads the portfolio of --invoices, --seed and --date and reports rows, checks, time and memory', {
    timeout: 240_000,
  }, () => {
    const run = runCli(
      ['bench', 'generate', '--invoices', '100', '--seed', '3', '--date', '2026-01-15', '--json'],
      env,
    );
    expect(run.status).toBe(0);
    expect(run.json).toMatchObject({
      creditor: { name: 'Bench Creditor S.p.A. (seed 3, 100 invoices, 2026-01-15)' },
      referenceDate: '2026-01-15',
      rows: { invoices: 100, debtors: expect.any(Number), instalments: expect.any(Number) },
      integrity: { mode: 'set-based' },
      timings: { total: expect.any(Number) },
      peakRssBytes: expect.any(Number),
    });
    const again = runCli(
      ['bench', 'generate', '--invoices', '100', '--seed', '3', '--date', '2026-01-15'],
      env,
    );
    expect(again.status).toBe(1);
    expect(again.stderr).toMatch(/already in this database/);
  });

  it('refuses an --invoices that is not a positive whole number', () => {
    const run = runCli(['bench', 'generate', '--invoices', '0', '--json'], env);
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/INVALID_INPUT[\s\S]*--invoices/);
  });
});
