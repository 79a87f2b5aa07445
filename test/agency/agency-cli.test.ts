import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addPolicy } from '../../src/app/collection/add-policy.ts';
import { assignPolicy } from '../../src/app/collection/assign-policy.ts';
import { runCollection } from '../../src/app/collection/run-collection.ts';
import { addInvoices } from '../../src/app/ledger/add-invoices.ts';
import { recordPayment } from '../../src/app/ledger/record-payment.ts';
import type { TDatabase } from '../../src/db/database.ts';
import { openDatabase } from '../../src/db/open-database.ts';
import { CREDITOR_VAT, ctxOn, DEBTOR_VAT, invoice, seedCreditor } from '../support/fixtures.ts';
import { runCli } from '../support/run-cli.ts';
import { createTestDatabase, type TTestDatabase } from '../support/test-database.ts';

// The agency commands as a user runs them; the client's handover is prepared in-process.
let t: TTestDatabase | null = null;
let env: { dataDir?: string; databaseUrl?: string | null };
const dir = mkdtempSync(join(tmpdir(), 'riscossa-agency-cli-'));

beforeAll(async () => {
  let db: TDatabase;
  if (process.env.DATABASE_URL) {
    t = await createTestDatabase();
    db = t.db;
    env = { databaseUrl: t.url };
  } else {
    env = { dataDir: join(dir, 'data') };
    db = await openDatabase({ dataDir: env.dataDir, databaseUrl: null });
  }
  const creditorId = await seedCreditor(db);
  await addInvoices(ctxOn(db, '2026-01-10'), invoice({ total: '1220.00' }));
  await addPolicy(ctxOn(db, '2026-01-10'), creditorId, {
    key: 'to-agency',
    name: 'Straight to the agency',
    steps: [
      {
        key: 'handover',
        channels: ['agency-handover'],
        tone: 'formal',
        template: 'agency-handover',
        when: { from: 'due-date', days: 30 },
      },
    ],
  });
  await assignPolicy(ctxOn(db, '2026-01-10'), creditorId, { policy: 'to-agency', debtor: DEBTOR_VAT });
  await runCollection(ctxOn(db, '2026-04-01'), { creditorId, date: '2026-04-01' });
  await recordPayment(ctxOn(db, '2026-05-15'), { debtor: DEBTOR_VAT, amount: '1000.00', date: '2026-05-15' });
  await db.close();
}, 600_000);
afterAll(async () => {
  if (t) await t.drop().catch(() => undefined);
});

const cli = (...args: string[]) => {
  const r = runCli([...args, '--json'], env);
  if (r.status !== 0) throw new Error(`riscossa ${args.join(' ')}: ${r.stderr}`);
  return r.json as any;
};

describe('riscossa agency, mandates and specialists', () => {
  it('sets up a mandate, takes the case, shows the worklist and the remittance statement', {
    timeout: 600_000,
  }, () => {
    cli('agency', 'add', '--name', 'Recuperi Sabaudi S.r.l.', '--vat-number', 'IT02438750586');
    const mandate = cli(
      'mandates',
      'add',
      '--creditor',
      CREDITOR_VAT,
      '--reference',
      'M-1',
      '--commission',
      '15',
      '--fixed-fee',
      '10.00',
      '--starts',
      '2026-03-01',
    );
    expect(mandate).toMatchObject({ reference: 'M-1', commissionRate: '15.00', fixedFee: '10.00' });
    cli('specialists', 'add', '--name', 'Bianchi', '--languages', 'it,en');
    const taken = cli('mandates', 'take', '--mandate', 'M-1', '--on', '2026-04-02');
    expect(taken).toEqual([
      {
        caseId: 1,
        outstanding: '220.00',
        specialist: 'Bianchi',
        reason: 'workload balance',
        fixedFee: '10.00',
        country: 'IT',
        language: 'it',
        partnerOffice: null,
      },
    ]);
    const worklist = cli('specialists', 'worklist', '--specialist', 'Bianchi');
    expect(worklist.cases.map((c: any) => [c.caseId, c.mandate, c.outstanding])).toEqual([
      [1, 'M-1', '220.00'],
    ]);
    const csv = join(dir, 'm1.csv');
    const pdf = join(dir, 'm1.pdf');
    const may = cli(
      'mandates',
      'remittance',
      '--mandate',
      'M-1',
      '--month',
      '2026-05',
      '--csv',
      csv,
      '--pdf',
      pdf,
    );
    // 1000.00 at 15 % = 150.00; the fixed fee was charged in April (the case was taken then).
    expect(may.totals).toMatchObject({
      collected: '1000.00',
      commission: '150.00',
      fixedFees: '0.00',
      netDue: '850.00',
      carriedForward: '-10.00',
      balance: '840.00',
    });
    expect(readFileSync(csv, 'utf8')).toContain('840.00');
    expect(readFileSync(pdf).subarray(0, 5).toString()).toBe('%PDF-');
  });
});
