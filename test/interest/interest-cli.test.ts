import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CREDITOR_VAT, DEBTOR_VAT, invoice } from '../support/fixtures.ts';
import { runCli } from '../support/run-cli.ts';
import { createTestDatabase, type TTestDatabase } from '../support/test-database.ts';

// The commands as a user runs them, on the engine of this test run.
let t: TTestDatabase | null = null;
let env: { dataDir?: string; databaseUrl?: string | null };
const dir = mkdtempSync(join(tmpdir(), 'riscossa-interest-cli-'));

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
// Each call is a child process opening the database (~3 s on a loaded machine with the embedded engine).
const SLOW = 180_000;

describe('riscossa interest, rates, costs, statement', () => {
  it('computes interest on an amount, as a table and as JSON', { timeout: SLOW }, () => {
    const human = cli('interest', '--amount', '10000.00', '--from', '2025-06-15', '--to', '2026-01-31');
    expect(human.status).toBe(0);
    expect(human.stdout).toContain(
      'total interest 643.70 EUR on 10000.00 (commercial) due 2025-06-15, to 2026-01-31',
    );
    const json = cli(
      'interest',
      '--amount',
      '10000.00',
      '--from',
      '2024-02-15',
      '--to',
      '2024-03-15',
      '--pre-2013',
      '--json',
    );
    expect(json.json).toMatchObject({
      principal: '10000.00',
      kind: 'commercial',
      isPre2013Contract: true,
      total: '91.37',
      periods: [
        {
          from: '2024-02-16',
          to: '2024-03-15',
          days: 29,
          ratePercent: '11.50',
          interest: '91.37',
          source: 'GU n. 12 del 16/01/2024',
        },
      ],
    });
  });

  it('refuses 2026 H2 with a non-zero status until an administrator adds its GU reference', {
    timeout: SLOW,
  }, () => {
    const refused = cli(
      'interest',
      '--amount',
      '100',
      '--from',
      '2026-06-30',
      '--to',
      '2026-07-31',
      '--json',
    );
    expect(refused.status).toBe(1);
    expect(refused.json).toMatchObject({ error: { code: 'MISSING_RATE', details: { value: '2026 H2' } } });
    const added = cli(
      'rates',
      'add',
      '--kind',
      'commercial',
      '--from',
      '2026-07-01',
      '--ecb-rate',
      '2.40',
      '--source',
      'GU n. 999 (test)',
      '--json',
    );
    expect(added.json).toMatchObject({ status: 'confirmed', ratePercent: '10.40', isVerified: true });
    const listed = cli('rates', 'list', '--kind', 'commercial');
    expect(listed.stdout).toMatch(/2026 H2 +2026-07-01 +2.40 +10.40 +yes +GU n. 999 \(test\)/);
    // 31 days at 10.40 % on 100.00 = 88.33 cents → 0.88.
    expect(
      cli('interest', '--amount', '100', '--from', '2026-06-30', '--to', '2026-07-31', '--json').json,
    ).toMatchObject({ total: '0.88' });
  });

  it(
    'loads a real invoice and its payment',
    () => {
      expect(
        cli('creditors', 'add', '--name', 'Acme Forniture S.r.l.', '--vat-number', CREDITOR_VAT).status,
      ).toBe(0);
      const file = join(dir, 'invoice.json');
      writeFileSync(
        file,
        JSON.stringify(
          invoice({
            number: 'FT-9',
            issueDate: '2025-01-01',
            total: '10000.00',
            instalments: [{ dueDate: '2025-01-31', amount: '10000.00' }],
          }),
        ),
      );
      expect(cli('invoices', 'add', '--file', file).status).toBe(0);
      expect(
        cli('payments', 'add', '--debtor', DEBTOR_VAT, '--amount', '2000.00', '--date', '2025-03-31').status,
      ).toBe(0);
    },
    SLOW,
  );

  it(
    'records a cost with its proof, computes the invoice and prints the statement with its PDF',
    () => {
      const proof = join(dir, 'ricevuta.pdf');
      writeFileSync(proof, '%PDF-1.4 receipt');
      const cost = cli(
        'costs',
        'add',
        '--invoice',
        'FT-9',
        '--amount',
        '6.50',
        '--date',
        '2025-04-10',
        '--description',
        'Raccomandata A/R',
        '--proof',
        proof,
        '--json',
      );
      expect(cost.status).toBe(0);
      expect(cost.json).toMatchObject({
        amount: '6.50',
        proof: { fileName: 'ricevuta.pdf', mediaType: 'application/pdf' },
      });

      // Same figures as the use-case test: 180.23 + 228.51 of interest, 40.00 indemnity paid.
      const r = cli('interest', '--invoice', 'FT-9', '--to', '2025-06-30', '--json');
      expect(r.status).toBe(0);
      expect(r.json).toMatchObject({ total: '408.74', indemnity: { amount: '40.00' } });
      const pdf = join(dir, 'statement.pdf');
      const statement = cli(
        'statement',
        '--debtor',
        DEBTOR_VAT,
        '--date',
        '2025-06-30',
        '--pdf',
        pdf,
        '--json',
      );
      expect(statement.status).toBe(0);
      expect(readFileSync(pdf).subarray(0, 5).toString()).toBe('%PDF-');
      expect((statement.json as any).totals.EUR).toMatchObject({
        capitalOutstanding: '8220.23',
        costsOutstanding: '6.50',
        due: '8455.24',
      });
    },
    SLOW,
  );

  it(
    'switches the indemnity off and records other interest terms, in the register',
    () => {
      expect(cli('costs', 'indemnity', '--creditor', CREDITOR_VAT, '--off').status).toBe(0);
      expect(
        (cli('interest', '--invoice', 'FT-9', '--to', '2025-06-30', '--json').json as any).indemnity,
      ).toBeNull();
      const terms = cli('interest-terms', '--invoice', 'FT-9', '--imputation', 'capital-first', '--json');
      expect(terms.json).toMatchObject({ invoice: 'FT-9', terms: { imputation: 'capital-first' } });
      // Due 31 Jan 2025, payment on account 31 Mar 2025 (art. 2944) → 10 years from then.
      const clock = cli('prescription', 'list', '--invoice', 'FT-9', '--date', '2025-06-30', '--json');
      expect(clock.json).toMatchObject([{ invoice: 'FT-9', basis: 'ordinary', expiresOn: '2035-03-31' }]);
      // A court claim holds the clock; the final judgment starts 10 years (art. 2945 c.2, 2953).
      const claim = cli(
        'prescription',
        'interrupt',
        '--invoice',
        'FT-9',
        '--kind',
        'court-claim',
        '--delivered-on',
        '2025-04-15',
        '--reference',
        'ricorso R.G. 1/2025',
        '--json',
      );
      expect(claim.json).toMatchObject({ invoice: 'FT-9', kind: 'court-claim', deliveredOn: '2025-04-15' });
      const held = cli('prescription', 'list', '--invoice', 'FT-9', '--date', '2025-06-30', '--json');
      expect(held.json).toMatchObject([
        { invoice: 'FT-9', expiresOn: null, daysLeft: null, suspendedSince: '2025-04-15' },
      ]);
      cli(
        'prescription',
        'interrupt',
        '--invoice',
        'FT-9',
        '--kind',
        'judgment-final',
        '--delivered-on',
        '2025-05-20',
        '--reference',
        'sentenza 9/2025',
        '--json',
      );
      // On 2035-03-01 the new expiry 2035-05-20 is 80 days away: the 90-day warning, in the worklist.
      const day = cli('tasks', 'list', '--with-prescription', '--date', '2035-03-01', '--json');
      expect(day.status).toBe(0);
      const ft9 = (day.json as any).prescriptionWarnings.find((w: any) => w.invoice === 'FT-9');
      expect(ft9).toMatchObject({
        expiresOn: '2035-05-20',
        daysLeft: 80,
        warningDays: 90,
        action: 'send-registered-demand',
      });
      expect(Array.isArray((day.json as any).tasks)).toBe(true);
      const table = cli('tasks', 'list', '--date', '2035-03-01');
      expect(table.stdout).toMatch(/Prescription: \d+ instalments within 180 days of expiry or expired/);
      expect(table.stdout).toMatch(/FT-9 +1 .* 2035-05-20 +80 +90 days/);
      expect(cli('register', 'verify').status).toBe(0);
    },
    SLOW,
  );
});
