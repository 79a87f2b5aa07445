import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { addCreditor } from '../../src/app/ledger/add-creditor.ts';
import { addInvoices } from '../../src/app/ledger/add-invoices.ts';
import { listDebtors } from '../../src/app/ledger/list-debtors.ts';
import { listInvoices } from '../../src/app/ledger/list-invoices.ts';
import { recordPayment } from '../../src/app/ledger/record-payment.ts';
import { verifyRegister } from '../../src/app/register/verify-register.ts';
import { parseDate } from '../../src/core/shared/calendar-date.ts';
import {
  CREDITOR_VAT,
  ctxOn,
  DEBTOR_VAT,
  invoice,
  OTHER_DEBTOR_VAT,
  seedCreditor,
} from '../support/fixtures.ts';
import { createTestDatabase, type TTestDatabase } from '../support/test-database.ts';

let t: TTestDatabase;
let creditorId: number;

async function tableCounts() {
  const [row] = await t.db.query<Record<string, number>>(
    `select (select count(*) from invoices)::int8 as invoices, (select count(*) from instalments)::int8 as instalments,
            (select count(*) from debtors)::int8 as debtors, (select count(*) from payments)::int8 as payments,
            (select count(*) from allocations)::int8 as allocations, (select count(*) from register_entries)::int8 as register`,
  );
  return row!;
}

beforeAll(async () => {
  t = await createTestDatabase();
  creditorId = await seedCreditor(t.db);
});
afterAll(() => t.drop());

describe('invoices', () => {
  beforeEach(async () => {
    await t.db.exec(`
      alter table register_entries disable trigger register_entries_no_update;
      delete from allocations; delete from payments; delete from instalments; delete from invoices;
      delete from debtor_addresses; delete from debtor_contacts; delete from debtors;
      delete from register_entries where action <> 'creditor.created';
      update register_heads set seq = 1, hash = (select hash from register_entries where seq = 1 and creditor_id = register_heads.creditor_id);
      alter table register_entries enable trigger register_entries_no_update;`);
  });

  it('adds an invoice with two instalments and lists it with derived outstanding amounts', async () => {
    const ctx = ctxOn(t.db, '2026-03-15');
    const [result] = await addInvoices(
      ctx,
      invoice({
        total: '2440.00',
        instalments: [
          { dueDate: '2026-02-28', amount: '1220.00' },
          { dueDate: '2026-03-31', amount: '1220.00' },
        ],
        evidence: { termsAgreed: 'yes', deliveryProof: 'not-applicable' },
      }),
    );
    expect(result!.status).toBe('imported');
    const [inv] = await listInvoices(t.db, { asOf: parseDate('2026-03-15') });
    expect(inv).toMatchObject({
      number: 'FT-2026/001',
      type: 'invoice',
      issueDate: '2026-01-10',
      currency: 'EUR',
      total: '2440.00',
      outstanding: '2440.00',
      debtor: { name: 'Rossi Costruzioni S.p.A.', vatNumber: DEBTOR_VAT, fiscalCode: null },
      creditor: { name: 'Acme Forniture S.r.l.', vatNumber: CREDITOR_VAT },
      evidence: {
        termsAgreed: 'yes',
        invoiceAccurate: 'unknown',
        receiptConfirmed: 'unknown',
        deliveryProof: 'not-applicable',
        paymentInstructions: 'unknown',
      },
    });
    expect(
      inv!.instalments.map((i) => [i.dueDate, i.amount, i.outstanding, i.status, i.daysOverdue]),
    ).toEqual([
      ['2026-02-28', '1220.00', '1220.00', 'open', 15],
      ['2026-03-31', '1220.00', '1220.00', 'open', 0],
    ]);
  });

  it('gives an invoice without instalments one instalment at the total due in 30 days', async () => {
    await addInvoices(ctxOn(t.db), invoice({ instalments: [], issueDate: '2026-01-31' }));
    const [inv] = await listInvoices(t.db, { asOf: parseDate('2026-03-15') });
    expect(inv!.instalments.map((i) => [i.dueDate, i.amount])).toEqual([['2026-03-02', '1220.00']]);
  });

  it('reports the same invoice again as a duplicate and refuses a different one with the same number and year', async () => {
    const ctx = ctxOn(t.db);
    await addInvoices(ctx, invoice());
    const before = await tableCounts();
    const [again] = await addInvoices(ctx, invoice());
    expect(again!.status).toBe('duplicate');
    expect(await tableCounts()).toEqual(before);
    await expect(
      addInvoices(
        ctx,
        invoice({ total: '100.00', instalments: [{ dueDate: '2026-02-28', amount: '100.00' }] }),
      ),
    ).rejects.toThrow(
      'invoice.number: "FT-2026/001" of 2026 already exists for creditor IT01114601006 with different content',
    );
    // Same number in another year is another invoice.
    const [next] = await addInvoices(ctx, invoice({ issueDate: '2025-12-10' }));
    expect(next!.status).toBe('imported');
  });

  it('refuses bad input naming field and value, and writes nothing from a batch with one bad invoice', async () => {
    const ctx = ctxOn(t.db);
    const before = await tableCounts();
    const cases: Array<[Record<string, unknown>, string]> = [
      [
        { debtor: { name: 'X', vatNumber: '00488410011' } },
        'invoices[1].debtor.vatNumber: "00488410011" is not a valid Italian VAT number',
      ],
      [
        { debtor: { name: 'X', fiscalCode: 'RSSMRA85T10A562T' } },
        'invoices[1].debtor.fiscalCode: "RSSMRA85T10A562T" is not a valid codice fiscale',
      ],
      [
        { paymentIban: 'IT61X0542811101000000123456' },
        'invoices[1].paymentIban: "IT61X0542811101000000123456" is not a valid IBAN',
      ],
      [{ total: '-10.00' }, 'invoices[1].total: "-10.00" must not be negative'],
      [{ currency: 'EUX' }, 'invoices[1].currency: "EUX" is not an ISO 4217 currency code'],
      [
        {
          total: '1000.00',
          instalments: [
            { dueDate: '2026-02-28', amount: '600.00' },
            { dueDate: '2026-03-28', amount: '300.00' },
          ],
        },
        'invoices[1].instalments: "900.00" add up to 900.00 but the total is 1000.00',
      ],
      [
        { instalments: [{ dueDate: '2026-02-30', amount: '1220.00' }] },
        'invoices[1].instalments[0].dueDate: "2026-02-30" is not a real calendar date',
      ],
      [{ creditor: { vatNumber: OTHER_DEBTOR_VAT } }, 'riscossa creditors add'],
    ];
    for (const [override, message] of cases) {
      const batch = [invoice({ number: 'OK-1' }), invoice({ number: 'BAD-1', ...override })];
      await expect(addInvoices(ctx, batch)).rejects.toThrow(message);
    }
    expect(await tableCounts()).toEqual(before);
  });

  it('lets a credit note reduce the referenced invoice, oldest instalment first', async () => {
    const ctx = ctxOn(t.db);
    await addInvoices(ctx, [
      invoice({
        total: '1000.00',
        instalments: [
          { dueDate: '2026-02-01', amount: '400.00' },
          { dueDate: '2026-03-01', amount: '600.00' },
        ],
      }),
      {
        ...invoice({ number: 'NC-2026/001', type: 'credit-note', total: '500.00', instalments: [] }),
        relatedInvoice: { number: 'FT-2026/001' },
      },
    ]);
    const [inv, note] = await listInvoices(t.db, { asOf: parseDate('2026-03-15') });
    expect(inv!.outstanding).toBe('500.00');
    expect(inv!.instalments.map((i) => [i.outstanding, i.status])).toEqual([
      ['0.00', 'credited'],
      ['500.00', 'partially-paid'],
    ]);
    expect(note).toMatchObject({
      type: 'credit-note',
      outstanding: '0.00',
      unappliedCredit: '0.00',
      relatedInvoice: { number: 'FT-2026/001' },
    });
  });
});

describe('payments', () => {
  beforeAll(async () => {
    await addInvoices(ctxOn(t.db), [
      invoice({
        number: 'P-1',
        total: '1000.00',
        instalments: [{ dueDate: '2026-01-31', amount: '1000.00' }],
      }),
      invoice({ number: 'P-2', total: '500.00', instalments: [{ dueDate: '2026-02-28', amount: '500.00' }] }),
      invoice({
        number: 'P-3',
        total: '300.00',
        instalments: [{ dueDate: '2026-01-15', amount: '300.00' }],
        debtor: { name: 'Bianchi', vatNumber: OTHER_DEBTOR_VAT },
      }),
    ]);
  });

  async function outstandingByNumber() {
    const list = await listInvoices(t.db, { asOf: parseDate('2026-03-15') });
    return Object.fromEntries(
      list.filter((i) => i.number.startsWith('P-')).map((i) => [i.number, i.outstanding]),
    );
  }

  it('allocates a partial payment across invoices oldest due first', async () => {
    const result = await recordPayment(ctxOn(t.db), {
      debtor: DEBTOR_VAT,
      amount: '1200.00',
      date: '2026-03-10',
    });
    expect(result.allocations).toEqual([
      { invoiceNumber: 'P-1', dueDate: '2026-01-31', amount: '1000.00' },
      { invoiceNumber: 'P-2', dueDate: '2026-02-28', amount: '200.00' },
    ]);
    expect(await outstandingByNumber()).toEqual({ 'P-1': '0.00', 'P-2': '300.00', 'P-3': '300.00' });
  });

  it('refuses more than is open unless the excess is kept as a credit', async () => {
    const before = await tableCounts();
    await expect(
      recordPayment(ctxOn(t.db), { debtor: 'IT02438750586', amount: '500.00', date: '2026-03-11' }),
    ).rejects.toThrow(
      'amount: "500.00" is more than the 300.00 EUR open; pass --allow-credit to keep the excess of 200.00 as a credit',
    );
    expect(await tableCounts()).toEqual(before);
    const ok = await recordPayment(ctxOn(t.db), {
      debtor: '02438750586',
      amount: '500.00',
      date: '2026-03-11',
      allowCredit: true,
    });
    expect([ok.allocated, ok.credit]).toEqual(['300.00', '200.00']);
    expect((await outstandingByNumber())['P-3']).toBe('0.00');
  });

  it('records a payment with an external id exactly once', async () => {
    const first = await recordPayment(ctxOn(t.db), {
      debtor: DEBTOR_VAT,
      amount: '100.00',
      date: '2026-03-12',
      externalId: 'BANK-42',
    });
    const again = await recordPayment(ctxOn(t.db), {
      debtor: DEBTOR_VAT,
      amount: '100.00',
      date: '2026-03-12',
      externalId: 'BANK-42',
    });
    expect([first.status, again.status, again.id]).toEqual(['recorded', 'duplicate', first.id]);
    expect((await outstandingByNumber())['P-2']).toBe('200.00');
    await expect(
      recordPayment(ctxOn(t.db), {
        debtor: DEBTOR_VAT,
        amount: '90.00',
        date: '2026-03-12',
        externalId: 'BANK-42',
      }),
    ).rejects.toThrow('externalId: "BANK-42" was already recorded with different content');
  });

  it('pays only the invoices named', async () => {
    await expect(
      recordPayment(ctxOn(t.db), {
        debtor: DEBTOR_VAT,
        amount: '50.00',
        date: '2026-03-13',
        invoices: ['P-1'],
      }),
    ).rejects.toThrow('is more than the 0.00 EUR open on the invoices named');
    const r = await recordPayment(ctxOn(t.db), {
      debtor: DEBTOR_VAT,
      amount: '50.00',
      date: '2026-03-13',
      invoices: ['P-2'],
    });
    expect(r.allocations).toEqual([{ invoiceNumber: 'P-2', dueDate: '2026-02-28', amount: '50.00' }]);
  });

  it('shows debtor balances and keeps a verifiable register', async () => {
    const debtors = await listDebtors(t.db, { asOf: parseDate('2026-03-15') });
    const rossi = debtors.find((d) => d.vatNumber === DEBTOR_VAT)!;
    // P-2 still owes 150.00; FT-2026/001 from the credit-note test still owes 500.00 (due 2026-03-01).
    expect([rossi.outstanding, rossi.overdue]).toEqual(['650.00', '650.00']);
    const verification = await verifyRegister(t.db, creditorId);
    expect(verification.isValid).toBe(true);
    const [row] = await t.db.query<{ n: number }>(
      `select count(*)::int8 as n from register_entries where creditor_id = $1 and action = 'payment.recorded'`,
      [creditorId],
    );
    expect(row!.n).toBe(4);
  });
});

describe('creditors', () => {
  it('refuses a second creditor with the same VAT number and an invalid one', async () => {
    await expect(addCreditor(ctxOn(t.db), { name: 'Copy', vatNumber: CREDITOR_VAT })).rejects.toThrow(
      'already a creditor',
    );
    await expect(addCreditor(ctxOn(t.db), { name: 'Bad', vatNumber: '12345678901' })).rejects.toThrow(
      'vatNumber: "12345678901" is not a valid Italian VAT number',
    );
  });
});
