import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCollection } from '../../src/app/collection/run-collection.ts';
import { importFiles } from '../../src/app/imports/import-files.ts';
import { listInvoices } from '../../src/app/ledger/list-invoices.ts';
import { buildCamt053 } from '../support/camt-builder.ts';
import { ctxOn, seedCreditor } from '../support/fixtures.ts';
import { createTestDatabase, type TTestDatabase } from '../support/test-database.ts';

const FIXTURES = join(import.meta.dirname, '../fixtures/fatturapa');
let t: TTestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(() => t.drop());

describe('from the files to a stopped escalation', () => {
  it('an overdue invoice is chased until its payment arrives on the bank statement, then no more', async () => {
    const creditorId = await seedCreditor(t.db);
    // FT-2026/002 (610.00) and ND-2026/001 (122.00), due 2026-03-04 and 2026-03-31.
    const [invoices] = await importFiles(ctxOn(t.db, '2026-03-01'), [
      { name: 'IT01114601006_00003.xml', bytes: readFileSync(join(FIXTURES, 'IT01114601006_00003.xml')) },
    ]);
    expect(invoices!.status).toBe('imported');
    const before = await runCollection(ctxOn(t.db, '2026-03-20'), { creditorId });
    expect(before.casesOpened).toBe(1);
    expect(before.stepsTaken).toBeGreaterThan(0);

    const statement = buildCamt053({
      id: 'S-0321',
      iban: 'IT60X0542811101000000123456',
      date: '2026-03-21',
      entries: [
        {
          ref: 'P1',
          amount: '610.00',
          bookingDate: '2026-03-21',
          payerName: 'Rossi Costruzioni',
          remittance: 'Saldo fattura FT-2026/002',
        },
        {
          ref: 'P2',
          amount: '122.00',
          bookingDate: '2026-03-21',
          payerName: 'Rossi Costruzioni',
          remittance: 'nota di debito ND-2026/001',
        },
      ],
    });
    const [paid] = await importFiles(ctxOn(t.db, '2026-03-21'), [
      { name: 'S-0321.xml', bytes: Buffer.from(statement) },
    ]);
    expect(paid!.counts).toMatchObject({ matched: 2, unmatched: 0 });
    const open = (await listInvoices(t.db, { asOf: ctxOn(t.db, '2026-03-21').today })).map((i) => [
      i.number,
      i.outstanding,
    ]);
    expect(open).toEqual([
      ['FT-2026/002', '0.00'],
      ['ND-2026/001', '0.00'],
    ]);

    // Later runs take no further step for what the payments settled.
    const after = await runCollection(ctxOn(t.db, '2026-04-30'), { creditorId });
    expect(after.stepsTaken).toBe(0);
    expect(after.casesOpened).toBe(0);
    const cases = await t.db.query('select status from collection_cases where creditor_id = $1', [
      creditorId,
    ]);
    expect(cases).toEqual([{ status: 'closed' }]);
  });
});
