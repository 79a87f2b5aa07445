import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addInvoices } from '../../src/app/ledger/add-invoices.ts';
import { recordPayment } from '../../src/app/ledger/record-payment.ts';
import type { AppError } from '../../src/core/shared/errors.ts';
import { ctxOn, DEBTOR_VAT, invoice, OTHER_DEBTOR_VAT, seedCreditor } from '../support/fixtures.ts';
import { createTestDatabase, type TTestDatabase } from '../support/test-database.ts';

let t: TTestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
  await seedCreditor(t.db);
});
afterAll(() => t.drop());

async function settledInvariants() {
  return t.db.query<{ over_instalments: number; over_payments: number; negative: number }>(
    `select
       (select count(*) from instalments i where i.amount_cents <
          (select coalesce(sum(amount_cents), 0) from allocations a where a.creditor_id = i.creditor_id and a.instalment_id = i.id))::int8 as over_instalments,
       (select count(*) from payments p where p.amount_cents <
          (select coalesce(sum(amount_cents), 0) from allocations a where a.creditor_id = p.creditor_id and a.payment_id = p.id))::int8 as over_payments,
       (select count(*) from allocations where amount_cents <= 0)::int8 as negative`,
  );
}

describe('payments recorded at the same time', () => {
  it('never settle the same cents twice', async () => {
    await addInvoices(
      ctxOn(t.db),
      invoice({
        number: 'C-1',
        total: '1000.00',
        instalments: [{ dueDate: '2026-02-01', amount: '1000.00' }],
      }),
    );
    const attempts = await Promise.allSettled(
      Array.from({ length: 10 }, (_, i) =>
        recordPayment(ctxOn(t.db), {
          debtor: DEBTOR_VAT,
          amount: '200.00',
          date: '2026-03-01',
          externalId: `par-${i}`,
        }),
      ),
    );
    const ok = attempts.filter((a) => a.status === 'fulfilled');
    const refused = attempts.filter((a) => a.status === 'rejected') as PromiseRejectedResult[];
    expect(ok.length).toBe(5);
    expect(refused.map((r) => (r.reason as AppError).code)).toEqual(Array(5).fill('OVERPAYMENT'));
    const [sum] = await t.db.query<{ allocated: number }>(
      'select coalesce(sum(amount_cents), 0)::int8 as allocated from allocations',
    );
    expect(sum!.allocated).toBe(100_000);
    expect(await settledInvariants()).toEqual([{ over_instalments: 0, over_payments: 0, negative: 0 }]);
  });

  it('keeps allocations within bounds over random payment sequences', async () => {
    await addInvoices(ctxOn(t.db), [
      invoice({
        number: 'R-1',
        total: '300.00',
        instalments: [
          { dueDate: '2026-01-10', amount: '100.00' },
          { dueDate: '2026-02-10', amount: '200.00' },
        ],
        debtor: { name: 'Bianchi', vatNumber: OTHER_DEBTOR_VAT },
      }),
      invoice({
        number: 'R-2',
        total: '450.55',
        instalments: [{ dueDate: '2026-01-20', amount: '450.55' }],
        debtor: { name: 'Bianchi', vatNumber: OTHER_DEBTOR_VAT },
      }),
    ]);
    let seq = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.integer({ min: 1, max: 40_000 }), { minLength: 1, maxLength: 6 }),
        async (amounts) => {
          for (const cents of amounts) {
            seq += 1;
            await recordPayment(ctxOn(t.db), {
              debtor: OTHER_DEBTOR_VAT,
              amount: (cents / 100).toFixed(2),
              date: '2026-03-01',
              allowCredit: true,
              externalId: `fc-${seq}`,
            });
          }
          expect(await settledInvariants()).toEqual([{ over_instalments: 0, over_payments: 0, negative: 0 }]);
        },
      ),
      { numRuns: 15 },
    );
    const [row] = await t.db.query<{ open: number }>(
      `select (sum(t.amount_cents) - coalesce((select sum(a.amount_cents) from allocations a join instalments x on x.creditor_id = a.creditor_id and x.id = a.instalment_id join invoices v on v.creditor_id = x.creditor_id and v.id = x.invoice_id where v.number like 'R-%'), 0))::int8 as open
       from instalments t join invoices v on v.creditor_id = t.creditor_id and v.id = t.invoice_id where v.number like 'R-%'`,
    );
    // 15 runs of at least one cent each never exceed 750.55; the open balance is what was not paid.
    const [paid] = await t.db.query<{ paid: number }>(
      `select coalesce(sum(amount_cents), 0)::int8 as paid from payments where external_id like 'fc-%'`,
    );
    const [credit] = await t.db.query<{ credit: number }>(
      `select (coalesce(sum(p.amount_cents), 0) - coalesce((select sum(a.amount_cents) from allocations a join payments q on q.creditor_id = a.creditor_id and q.id = a.payment_id where q.external_id like 'fc-%'), 0))::int8 as credit
       from payments p where p.external_id like 'fc-%'`,
    );
    expect(row!.open + paid!.paid - credit!.credit).toBe(75_055);
  });
});
