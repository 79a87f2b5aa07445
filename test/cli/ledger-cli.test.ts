import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CREDITOR_VAT, DEBTOR_VAT, invoice } from '../support/fixtures.ts';
import { runCli } from '../support/run-cli.ts';
import { createTestDatabase, type TTestDatabase } from '../support/test-database.ts';

// The CLI as a user runs it, on the engine of this test run: a throw-away server database when
// DATABASE_URL is set, else a fresh embedded data directory.
let t: TTestDatabase | null = null;
let env: { dataDir?: string; databaseUrl?: string | null };
const dir = mkdtempSync(join(tmpdir(), 'riscossa-cli-'));

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

function cli(...args: string[]) {
  return runCli(args, env);
}

describe('riscossa CLI ledger commands', () => {
  it('initialises, adds a creditor and refuses an invalid VAT number with a non-zero status', () => {
    expect(cli('init', '--json').status).toBe(0);
    const added = cli(
      'creditors',
      'add',
      '--name',
      'Acme Forniture S.r.l.',
      '--vat-number',
      '01114601006',
      '--json',
    );
    expect(added.status).toBe(0);
    expect(added.json).toMatchObject({ name: 'Acme Forniture S.r.l.', vatNumber: CREDITOR_VAT });
    const bad = cli('creditors', 'add', '--name', 'Bad', '--vat-number', '01114601007');
    expect(bad.status).toBe(1);
    expect(bad.stderr).toContain('vatNumber: "01114601007" is not a valid Italian VAT number');
    expect((cli('creditors', 'list', '--json').json as unknown[]).length).toBe(1);
  });

  it('adds invoices from a file, lists them as JSON, and re-adding the listing reports duplicates', () => {
    const file = join(dir, 'invoices.json');
    writeFileSync(
      file,
      JSON.stringify([
        invoice({
          number: 'A-1',
          total: '1220.00',
          instalments: [{ dueDate: '2026-01-31', amount: '1220.00' }],
        }),
        invoice({
          number: 'A-2',
          total: '500.00',
          instalments: [
            { dueDate: '2026-02-28', amount: '200.00' },
            { dueDate: '2026-03-31', amount: '300.00' },
          ],
        }),
      ]),
    );
    const added = cli('invoices', 'add', '--file', file, '--json');
    expect(added.status).toBe(0);
    expect((added.json as Array<{ status: string }>).map((r) => r.status)).toEqual(['imported', 'imported']);

    const listed = cli('invoices', 'list', '--debtor', '00488410010', '--date', '2026-03-15', '--json');
    expect(listed.status).toBe(0);
    const invoices = listed.json as Array<Record<string, any>>;
    expect(invoices.map((i) => [i.number, i.total, i.outstanding])).toEqual([
      ['A-1', '1220.00', '1220.00'],
      ['A-2', '500.00', '500.00'],
    ]);
    expect(invoices[1]!.instalments.map((i: any) => [i.dueDate, i.amount, i.status, i.isOverdue])).toEqual([
      ['2026-02-28', '200.00', 'open', true],
      ['2026-03-31', '300.00', 'open', false],
    ]);
    expect(invoices[0]!.debtor).toMatchObject({ vatNumber: DEBTOR_VAT });
    expect(invoices[0]!.evidence).toEqual({
      termsAgreed: 'unknown',
      invoiceAccurate: 'unknown',
      receiptConfirmed: 'unknown',
      deliveryProof: 'unknown',
      paymentInstructions: 'unknown',
    });

    writeFileSync(file, listed.stdout);
    const again = cli('invoices', 'add', '--file', file, '--json');
    expect((again.json as Array<{ status: string }>).map((r) => r.status)).toEqual([
      'duplicate',
      'duplicate',
    ]);
  });

  it('refuses an unknown creditor, saying how to add it, and writes nothing', () => {
    const file = join(dir, 'unknown.json');
    writeFileSync(file, JSON.stringify(invoice({ number: 'Z-1', creditor: { vatNumber: '02438750586' } })));
    const result = cli('invoices', 'add', '--file', file);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('riscossa creditors add --name "<name>" --vat-number IT02438750586');
    expect((cli('invoices', 'list', '--json').json as unknown[]).length).toBe(2);
  });

  it('records payments, refusing an overpayment without --allow-credit', () => {
    const over = cli(
      'payments',
      'add',
      '--debtor',
      DEBTOR_VAT,
      '--amount',
      '2000.00',
      '--date',
      '2026-03-10',
      '--json',
    );
    expect(over.status).toBe(1);
    expect(over.json).toMatchObject({
      error: { code: 'OVERPAYMENT', details: { field: 'amount', value: '2000.00', open: '1720.00' } },
    });
    const paid = cli(
      'payments',
      'add',
      '--debtor',
      DEBTOR_VAT,
      '--amount',
      '1300.00',
      '--date',
      '2026-03-10',
      '--json',
    );
    expect(paid.status).toBe(0);
    expect(paid.json).toMatchObject({
      status: 'recorded',
      allocated: '1300.00',
      credit: '0.00',
      allocations: [
        { invoiceNumber: 'A-1', dueDate: '2026-01-31', amount: '1220.00' },
        { invoiceNumber: 'A-2', dueDate: '2026-02-28', amount: '80.00' },
      ],
    });
    const negative = cli('payments', 'add', '--debtor', DEBTOR_VAT, '--amount', '-5', '--date', '2026-03-10');
    expect(negative.stderr).toContain('amount: "-5" must not be negative');
    const debtors = cli('debtors', 'list', '--date', '2026-03-15', '--json').json as Array<
      Record<string, unknown>
    >;
    expect(debtors.map((d) => [d.vatNumber, d.outstanding, d.overdue])).toEqual([
      [DEBTOR_VAT, '420.00', '120.00'],
    ]);
  });

  it('verifies the register', () => {
    const result = cli('register', 'verify', '--json');
    expect(result.status).toBe(0);
    expect(result.json).toEqual([
      {
        creditorId: 1,
        entries: 5,
        isValid: true,
        firstBrokenSeq: null,
        problem: null,
        erased: 0,
        erasedUnsealed: 0,
      },
    ]);
  });
});
