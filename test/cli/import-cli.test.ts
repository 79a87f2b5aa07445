import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCamt053 } from '../support/camt-builder.ts';
import { runCli } from '../support/run-cli.ts';
import { createTestDatabase, type TTestDatabase } from '../support/test-database.ts';

const FIXTURES = join(import.meta.dirname, '../fixtures/fatturapa');
const dir = mkdtempSync(join(tmpdir(), 'riscossa-import-cli-'));
let t: TTestDatabase | null = null;
let env: { dataDir?: string; databaseUrl?: string | null };

beforeAll(async () => {
  if (process.env.DATABASE_URL) {
    t = await createTestDatabase();
    await t.db.close();
    env = { databaseUrl: t.url };
  } else {
    env = { dataDir: join(dir, 'data') };
  }
});
afterAll(async () => {
  if (t) await t.drop().catch(() => undefined);
});

const cli = (...args: string[]) => runCli(args, env);

describe('riscossa import and the unmatched queue on the command line', () => {
  it('imports files with a JSON result per file, exits 1 when one is rejected, and matches a payment', () => {
    expect(
      cli(
        'creditors',
        'add',
        '--name',
        'Acme Forniture S.r.l.',
        '--vat-number',
        '01114601006',
        '--iban',
        'IT60X0542811101000000123456',
      ).status,
    ).toBe(0);
    const broken = join(dir, 'broken.xml');
    writeFileSync(broken, '<?xml version="1.0"?><p:FatturaElettronica versione="FPR12"');
    const run = cli('import', join(FIXTURES, 'IT01114601006_00001.xml'), broken, '--json');
    expect(run.status).toBe(1);
    expect(run.json).toEqual([
      {
        file: 'IT01114601006_00001.xml',
        format: 'fatturapa',
        status: 'imported',
        counts: { documents: 1, imported: 1, duplicates: 0, creditNotes: 0, instalments: 2 },
        errors: [],
      },
      {
        file: 'broken.xml',
        format: 'fatturapa',
        status: 'rejected',
        counts: {},
        errors: [expect.objectContaining({ where: expect.stringMatching(/^line 1, column/) })],
      },
    ]);
    const statement = join(dir, 'estratto.xml');
    writeFileSync(
      statement,
      buildCamt053({
        id: 'CLI',
        iban: 'IT60X0542811101000000123456',
        date: '2026-03-05',
        entries: [
          {
            ref: 'C1',
            amount: '100.00',
            bookingDate: '2026-03-05',
            payerName: 'Ignoto',
            remittance: 'acconto',
          },
        ],
      }),
    );
    expect(cli('import', statement, '--json').json).toMatchObject([
      { format: 'camt053', status: 'imported', counts: { unmatched: 1 } },
    ]);
    const queue = cli('payments', 'unmatched', '--json').json as Array<{ id: number; amount: string }>;
    expect(queue.map((p) => p.amount)).toEqual(['100.00']);
    const matched = cli('payments', 'match', String(queue[0]!.id), 'FT-2026/001', '--json');
    expect(matched.status).toBe(0);
    expect(matched.json).toMatchObject({ status: 'matched', allocated: '100.00' });
    expect(cli('payments', 'unmatched', '--json').json).toEqual([]);
  });

  it('takes --batch-size (files per transaction) and refuses one out of range by name', () => {
    const refused = cli('import', join(FIXTURES, 'IT01114601006_00002.xml'), '--batch-size', '0', '--json');
    expect(refused.status).toBe(1);
    expect((refused.json as any).error.details).toMatchObject({ field: '--batch-size', value: '0' });
    const files = ['IT01114601006_00001.xml', 'IT01114601006_00002.xml', 'IT01114601006_00003.xml'];
    const run = cli('import', ...files.map((f) => join(FIXTURES, f)), '--batch-size', '2', '--json');
    expect(run.status).toBe(0);
    expect((run.json as any[]).map((r) => [r.file, r.status])).toEqual([
      ['IT01114601006_00001.xml', 'duplicate'],
      ['IT01114601006_00002.xml', 'imported'],
      ['IT01114601006_00003.xml', 'imported'],
    ]);
  });
});
