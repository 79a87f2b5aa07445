import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addInvoices } from '../../src/app/ledger/add-invoices.ts';
import { ctxOn, invoice, seedCreditor } from '../support/fixtures.ts';
import { createTestDatabase, type TTestDatabase } from '../support/test-database.ts';

/**
 * The database's last line of defence, whatever the application does: an instalment is never
 * settled beyond its amount, a payment never spent beyond its own. Checked once per INSERT over
 * all the rows it adds, so that two rows of one statement cannot pass where each alone would.
 */
let t: TTestDatabase;
let creditorId: number;
let instalmentId: number;
let paymentId: number;

beforeAll(async () => {
  t = await createTestDatabase();
  creditorId = await seedCreditor(t.db);
  await addInvoices(
    ctxOn(t.db),
    invoice({ total: '100.00', instalments: [{ dueDate: '2026-02-28', amount: '100.00' }] }),
  );
  [{ id: instalmentId }] = (await t.db.query<{ id: number }>('select id from instalments')) as [
    { id: number },
  ];
  const debtor = await t.db.query<{ id: number }>('select id from debtors');
  [{ id: paymentId }] = (await t.db.query<{ id: number }>(
    `insert into payments (creditor_id, debtor_id, amount_cents, currency, value_date) values ($1, $2, 15000, 'EUR', '2026-03-01') returning id`,
    [creditorId, debtor[0]!.id],
  )) as [{ id: number }];
});
afterAll(() => t.drop());

const allocate = (rows: Array<[number, number]>) =>
  t.db.query(
    `insert into allocations (creditor_id, instalment_id, payment_id, amount_cents, allocated_on)
     select $1, $2, $3, a, '2026-03-01' from unnest($4::int8[]) a`,
    [creditorId, instalmentId, paymentId, rows.map((r) => r[1])],
  );

describe('allocation bounds in the database', () => {
  it('refuses two rows of one statement that together exceed the instalment, and writes neither', async () => {
    await expect(
      allocate([
        [instalmentId, 6000],
        [instalmentId, 6000],
      ]),
    ).rejects.toThrow(`allocations exceed instalment ${instalmentId} amount`);
    expect(await t.db.query('select * from allocations')).toEqual([]);
  });

  it('accepts up to the amount, then refuses one cent more', async () => {
    await allocate([
      [instalmentId, 6000],
      [instalmentId, 4000],
    ]);
    await expect(allocate([[instalmentId, 1]])).rejects.toThrow(
      `allocations exceed instalment ${instalmentId} amount`,
    );
    const [sum] = await t.db.query<{ s: number }>('select sum(amount_cents)::int8 as s from allocations');
    expect(sum!.s).toBe(10000);
  });

  it('refuses spending a payment beyond its amount', async () => {
    await addInvoices(
      ctxOn(t.db),
      invoice({
        number: 'FT-2026/002',
        total: '100.00',
        instalments: [{ dueDate: '2026-03-31', amount: '100.00' }],
      }),
    );
    const [second] = await t.db.query<{ id: number }>('select id from instalments order by id desc limit 1');
    // 100.00 already spent of 150.00: 50.01 more is one cent too many.
    await expect(
      t.db.query(
        `insert into allocations (creditor_id, instalment_id, payment_id, amount_cents, allocated_on) values ($1, $2, $3, 5001, '2026-03-01')`,
        [creditorId, second!.id, paymentId],
      ),
    ).rejects.toThrow(`allocations exceed payment ${paymentId} amount`);
  });
});
