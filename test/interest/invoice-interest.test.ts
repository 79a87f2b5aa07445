import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addRecoveryCost } from '../../src/app/interest/add-recovery-cost.ts';
import { computeInvoiceInterest } from '../../src/app/interest/compute-invoice-interest.ts';
import { setFlatIndemnity } from '../../src/app/interest/set-flat-indemnity.ts';
import { setInterestTerms } from '../../src/app/interest/set-interest-terms.ts';
import { addInvoices } from '../../src/app/ledger/add-invoices.ts';
import { recordPayment } from '../../src/app/ledger/record-payment.ts';
import { verifyRegister } from '../../src/app/register/verify-register.ts';
import { debtorStatement } from '../../src/app/statement/debtor-statement.ts';
import {
  CREDITOR_VAT,
  ctxOn,
  DEBTOR_VAT,
  invoice,
  OTHER_DEBTOR_VAT,
  seedCreditor,
} from '../support/fixtures.ts';
import { createTestDatabase, type TTestDatabase } from '../support/test-database.ts';

const CONSUMER_CF = 'RSSMRA85T10A562S';
let t: TTestDatabase;
let creditorId: number;

beforeAll(async () => {
  t = await createTestDatabase();
  creditorId = await seedCreditor(t.db);
  const ctx = ctxOn(t.db, '2025-01-01');
  await addInvoices(ctx, [
    // Business debtor: 10,000.00 due 31 Jan 2025, 2,000.00 paid 31 Mar 2025.
    invoice({
      number: 'B-1',
      issueDate: '2025-01-01',
      total: '10000.00',
      instalments: [{ dueDate: '2025-01-31', amount: '10000.00' }],
    }),
    // Another business debtor: 1,000.00 due 31 Jan 2025, credit note of 200.00 on 1 Mar 2025.
    invoice({
      number: 'C-1',
      issueDate: '2025-01-01',
      total: '1000.00',
      instalments: [{ dueDate: '2025-01-31', amount: '1000.00' }],
      debtor: { name: 'Bianchi S.r.l.', vatNumber: OTHER_DEBTOR_VAT },
    }),
    {
      ...invoice({
        number: 'NC-1',
        type: 'credit-note',
        issueDate: '2025-03-01',
        total: '200.00',
        instalments: [],
        debtor: { name: 'Bianchi S.r.l.', vatNumber: OTHER_DEBTOR_VAT },
      }),
      relatedInvoice: { number: 'C-1' },
    },
    // Consumer: 1,000.00 due 31 Dec 2024.
    invoice({
      number: 'K-1',
      issueDate: '2024-12-01',
      total: '1000.00',
      instalments: [{ dueDate: '2024-12-31', amount: '1000.00' }],
      debtor: { name: 'Mario Rossi', kind: 'consumer', fiscalCode: CONSUMER_CF },
    }),
    // Business, paid on its due date.
    invoice({
      number: 'B-2',
      issueDate: '2025-01-01',
      total: '500.00',
      instalments: [{ dueDate: '2025-02-28', amount: '500.00' }],
    }),
  ]);
  await recordPayment(ctxOn(t.db, '2025-03-31'), {
    debtor: DEBTOR_VAT,
    amount: '2000.00',
    date: '2025-03-31',
    invoices: ['B-1'],
  });
  await recordPayment(ctxOn(t.db, '2025-02-28'), {
    debtor: DEBTOR_VAT,
    amount: '500.00',
    date: '2025-02-28',
    invoices: ['B-2'],
  });
});
afterAll(() => t.drop());

describe('interest on a real invoice', () => {
  it('takes the partial payment on its date, imputes costs, interest, capital (art. 1194), adds the EUR 40', async () => {
    // 1 Feb – 31 Mar: 59 days at 11.15 % on 10,000.00 = 180.23. Payment of 2,000.00 on 31 Mar:
    // 40.00 indemnity + 180.23 interest + 1,779.77 capital → capital 8,220.23;
    // 1 Apr – 30 Jun: 91 days at 11.15 % on 8,220.23 = 22851.11 cents → 228.51.
    const r = await computeInvoiceInterest(t.db, { invoice: 'B-1', to: '2025-06-30' });
    expect([r.kind, r.regime.kindReason, r.imputation, r.principal, r.total]).toEqual([
      'commercial',
      'business debtor: D.Lgs. 231/2002',
      'art-1194',
      '10000.00',
      '408.74',
    ]);
    expect(
      r.periods.map((p) => [p.instalmentSeq, p.from, p.to, p.days, p.capital, p.ratePercent, p.interest]),
    ).toEqual([
      [1, '2025-02-01', '2025-03-31', 59, '10000.00', '11.15', '180.23'],
      [1, '2025-04-01', '2025-06-30', 91, '8220.23', '11.15', '228.51'],
    ]);
    expect(r.payments).toEqual([
      {
        paymentId: expect.any(Number),
        date: '2025-03-31',
        amount: '2000.00',
        toCosts: '40.00',
        toInterest: '180.23',
        toCapital: '1779.77',
        unapplied: '0.00',
      },
    ]);
    expect(r.indemnity).toEqual({
      amount: '40.00',
      date: '2025-02-01',
      legalBasis: 'art. 6 D.Lgs. 231/2002 (per invoice)',
    });
    expect(r.totals).toEqual({
      principal: '10000.00',
      capitalOutstanding: '8220.23',
      interest: '408.74',
      interestOutstanding: '228.51',
      costs: '40.00',
      costsOutstanding: '0.00',
      due: '8448.74',
      unapplied: '0.00',
    });
  });

  it('follows the creditor’s other imputation when recorded on the invoice, and shows it', async () => {
    // All 2,000.00 to capital → 8,000.00 from 1 Apr: 91 days = 222.39; 180.23 and 40.00 still owed.
    await setInterestTerms(ctxOn(t.db, '2025-07-01'), { invoice: 'B-1', imputation: 'capital-first' });
    const r = await computeInvoiceInterest(t.db, { invoice: 'B-1', to: '2025-06-30' });
    expect(r.imputation).toBe('capital-first');
    expect(r.totals).toMatchObject({
      capitalOutstanding: '8000.00',
      interestOutstanding: '402.62',
      costsOutstanding: '40.00',
      due: '8442.62',
    });
    await setInterestTerms(ctxOn(t.db, '2025-07-01'), { invoice: 'B-1' });
  });

  it('drops the indemnity when the creditor switches it off', async () => {
    // 180.23 interest + 1,819.77 capital → 8,180.23; 91 days = 22739.92 → 227.40.
    await setFlatIndemnity(ctxOn(t.db), { creditor: CREDITOR_VAT, isEnabled: false });
    const r = await computeInvoiceInterest(t.db, { invoice: 'B-1', to: '2025-06-30' });
    expect([r.indemnity, r.indemnityNote, r.totals.due]).toEqual([
      null,
      'not claimed: switched off by the creditor',
      '8407.63',
    ]);
    await setFlatIndemnity(ctxOn(t.db), { creditor: CREDITOR_VAT, isEnabled: true });
  });

  it('gives a consumer legal interest and no indemnity', async () => {
    // 2025: 365 days at 2.00 % on 1,000.00 = 20.00 exactly.
    const r = await computeInvoiceInterest(t.db, { invoice: 'K-1', to: '2025-12-31' });
    expect([r.kind, r.regime.kindReason, r.total, r.indemnity]).toEqual([
      'legal',
      'consumer debtor: art. 1284 c.c.',
      '20.00',
      null,
    ]);
    expect(r.periods.map((p) => [p.from, p.to, p.days, p.ratePercent, p.source])).toEqual([
      ['2025-01-01', '2025-12-31', 365, '2.00', 'D.M. 10/12/2024, GU n. 294 del 16/12/2024'],
    ]);
    // Court claim filed 1 Dec 2025: legal 334 days (1 Jan–30 Nov) = 18.30; commercial 31 days at
    // 10.15 % = 8.62 (bc: 1830.14 and 862.05 cents).
    const claimed = await computeInvoiceInterest(t.db, {
      invoice: 'K-1',
      to: '2025-12-31',
      courtClaimFiledOn: '2025-12-01',
    });
    expect(claimed.periods.map((p) => [p.basis, p.days, p.interest])).toEqual([
      ['legal', 334, '18.30'],
      ['commercial', 31, '8.62'],
    ]);
  });

  it('treats a credit note as capital never owed, from the due date, once it exists', async () => {
    // On 28 Feb the credit note (1 Mar) does not exist yet: 1,000.00 for 28 days = 8.55.
    const before = await computeInvoiceInterest(t.db, { invoice: 'C-1', to: '2025-02-28' });
    expect(before.periods.map((p) => [p.days, p.capital, p.interest])).toEqual([[28, '1000.00', '8.55']]);
    // On 31 Mar the 200.00 were never owed: 800.00 from 1 Feb, 59 days at 11.15 % = 1441.86 → 14.42.
    const r = await computeInvoiceInterest(t.db, { invoice: 'C-1', to: '2025-03-31' });
    expect(r.periods.map((p) => [p.days, p.capital, p.interest])).toEqual([[59, '800.00', '14.42']]);
    expect(r.allocations).toEqual([
      {
        date: '2025-03-01',
        kind: 'credit-note',
        paymentId: null,
        reference: 'NC-1',
        instalmentSeq: 1,
        amount: '200.00',
      },
    ]);
    expect(r.instalments[0]).toMatchObject({ amount: '1000.00', credited: '200.00', principal: '800.00' });
  });

  it('charges nothing on an invoice paid on its due date', async () => {
    const r = await computeInvoiceInterest(t.db, { invoice: 'B-2', to: '2025-06-30' });
    expect([r.total, r.indemnity, r.indemnityNote, r.totals.due]).toEqual([
      '0.00',
      null,
      'not due: no instalment paid late',
      '0.00',
    ]);
  });

  it('refuses a period with an unverified rate unless allowed', async () => {
    await expect(computeInvoiceInterest(t.db, { invoice: 'B-1', to: '2026-07-15' })).rejects.toThrow(
      '2026 H2',
    );
    const r = await computeInvoiceInterest(t.db, {
      invoice: 'B-1',
      to: '2026-07-15',
      allowUnverifiedRates: true,
    });
    expect(r.periods.at(-1)).toMatchObject({ ratePeriod: '2026 H2', isVerified: false });
  });
});

describe('recovery costs and the statement of account', () => {
  it('records a cost with its proof, imputes the next payment to it first, and lists it all on the statement', async () => {
    const proof = new TextEncoder().encode('Raccomandata A/R 12345 - Poste Italiane - EUR 6.50');
    const cost = await addRecoveryCost(ctxOn(t.db, '2025-04-15'), {
      invoice: 'B-1',
      amount: '6.50',
      date: '2025-04-10',
      description: 'Raccomandata A/R n. 12345',
      proof: { fileName: 'raccomandata.pdf', bytes: proof },
    });
    expect(cost).toMatchObject({
      amount: '6.50',
      currency: 'EUR',
      proof: { mediaType: 'application/pdf', bytes: proof.length },
    });
    expect(cost.proof!.sha256).toMatch(/^[0-9a-f]{64}$/);
    await expect(
      addRecoveryCost(ctxOn(t.db, '2025-04-15'), {
        invoice: 'B-1',
        amount: '1',
        date: '2025-04-16',
        description: 'x',
      }),
    ).rejects.toThrow('date: "2025-04-16" is after today (2025-04-15)');

    // 1,000.00 paid 30 Apr: 6.50 cost, then the interest of 1–30 Apr (30 days on 8,220.23 at
    // 11.15 % = 7533.33 cents → 75.33), then 918.17 capital → 7,302.06.
    await recordPayment(ctxOn(t.db, '2025-04-30'), {
      debtor: DEBTOR_VAT,
      amount: '1000.00',
      date: '2025-04-30',
      invoices: ['B-1'],
    });
    const statement = await debtorStatement(t.db, { debtor: DEBTOR_VAT, date: '2025-06-30' });
    expect(statement.debtor).toMatchObject({ name: 'Rossi Costruzioni S.p.A.', kind: 'business' });
    const b1 = statement.invoices.find((i) => i.invoice.number === 'B-1')!;
    expect(b1.payments.map((p) => [p.date, p.toCosts, p.toInterest, p.toCapital])).toEqual([
      ['2025-03-31', '40.00', '180.23', '1779.77'],
      ['2025-04-30', '6.50', '75.33', '918.17'],
    ]);
    expect(b1.costs).toEqual([
      {
        id: cost.id,
        date: '2025-04-10',
        description: 'Raccomandata A/R n. 12345',
        amount: '6.50',
        paid: '6.50',
        outstanding: '0.00',
        proof: { fileName: 'raccomandata.pdf', sha256: cost.proof!.sha256 },
      },
    ]);
    // 1 May – 30 Jun: 61 days at 11.15 % on 7,302.06 = 13606.84 cents → 136.07.
    expect(b1.periods.at(-1)).toMatchObject({
      from: '2025-05-01',
      to: '2025-06-30',
      days: 61,
      capital: '7302.06',
      interest: '136.07',
    });
    expect(b1.totals.due).toBe('7438.13');
    expect(statement.invoices.map((i) => [i.invoice.number, i.totals.due])).toEqual([
      ['B-1', '7438.13'],
      ['B-2', '0.00'],
    ]);
    expect(statement.totals).toEqual({
      EUR: {
        principal: '10500.00',
        capitalOutstanding: '7302.06',
        interest: '391.63',
        interestOutstanding: '136.07',
        costs: '46.50',
        costsOutstanding: '0.00',
        due: '7438.13',
      },
    });
  });

  it('writes every change to the register, which still verifies', async () => {
    const rows = await t.db.query<{ action: string }>(
      `select action from register_entries where creditor_id = $1 and action in
         ('recovery-cost.added', 'invoice.interest-terms-set', 'creditor.flat-indemnity-set') order by seq`,
      [creditorId],
    );
    expect(rows.map((r) => r.action)).toEqual([
      'invoice.interest-terms-set',
      'invoice.interest-terms-set',
      'creditor.flat-indemnity-set',
      'creditor.flat-indemnity-set',
      'recovery-cost.added',
    ]);
    expect((await verifyRegister(t.db, creditorId)).isValid).toBe(true);
  });
});
