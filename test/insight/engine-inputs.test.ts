import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { completeTask } from '../../src/app/collection/complete-task.ts';
import { listTasks } from '../../src/app/collection/list-tasks.ts';
import { openDispute } from '../../src/app/collection/open-dispute.ts';
import { runCollection } from '../../src/app/collection/run-collection.ts';
import { runReport } from '../../src/app/insight/run-report.ts';
import { showDebtorRisk } from '../../src/app/insight/show-debtor-risk.ts';
import { addCreditor } from '../../src/app/ledger/add-creditor.ts';
import { addInvoices } from '../../src/app/ledger/add-invoices.ts';
import { recordPayment } from '../../src/app/ledger/record-payment.ts';
import { resolveDebtor } from '../../src/app/ledger/resolve-debtor.ts';
import { parseDate } from '../../src/core/shared/calendar-date.ts';
import { CREDITOR_VAT, ctxOn, DEBTOR_VAT, OTHER_DEBTOR_VAT } from '../support/fixtures.ts';
import { createTestDatabase, type TTestDatabase } from '../support/test-database.ts';

/**
 * The collection engine's records feed the score and the forecast. Two debtors, each with a
 * 1,000.00 instalment due Sun 22 Mar 2026 (evidence complete); the run of Tue 7 Apr (15 days, after
 * Easter Monday) opens both cases with a phone call:
 *   Rossi promises 400.00 for 30 Apr and pays nothing: the run of 4 May declares it broken;
 *         on 10 May Rossi disputes its second invoice R-2.
 *   Bianchi agrees a plan: 300.00 on 15 May, 700.00 on 15 Jun, and pays the first on 15 May.
 */
let t: TTestDatabase;
let creditorId: number;
const ALL_YES = {
  termsAgreed: 'yes',
  invoiceAccurate: 'yes',
  receiptConfirmed: 'yes',
  deliveryProof: 'yes',
  paymentInstructions: 'yes',
} as const;

function invoiceFor(vat: string, name: string, number: string, due: string) {
  return {
    number,
    issueDate: '2026-02-20',
    total: '1000.00',
    debtor: { name, vatNumber: vat },
    creditor: { vatNumber: CREDITOR_VAT },
    instalments: [{ dueDate: due, amount: '1000.00' }],
    evidence: ALL_YES,
  };
}

beforeAll(async () => {
  t = await createTestDatabase();
  creditorId = (await addCreditor(ctxOn(t.db, '2026-02-01'), { name: 'Acme', vatNumber: CREDITOR_VAT })).id;
  await addInvoices(ctxOn(t.db, '2026-02-20'), [
    invoiceFor(DEBTOR_VAT, 'Rossi Costruzioni S.p.A.', 'R-1', '2026-03-22'),
    invoiceFor(DEBTOR_VAT, 'Rossi Costruzioni S.p.A.', 'R-2', '2026-06-30'),
    invoiceFor(OTHER_DEBTOR_VAT, 'Bianchi Impianti S.r.l.', 'B-1', '2026-03-22'),
  ]);
  await runCollection(ctxOn(t.db, '2026-04-07'), { creditorId });
  const tasks = await listTasks(t.db, { asOf: parseDate('2026-04-07'), creditorId });
  const taskOf = async (vat: string) => {
    const debtor = await resolveDebtor(t.db, vat, creditorId);
    return tasks.find((task: any) => task.debtor?.id === debtor.id || task.debtorId === debtor.id)!;
  };
  await completeTask(ctxOn(t.db, '2026-04-07'), {
    taskId: (await taskOf(DEBTOR_VAT)).id,
    outcome: 'promise',
    promiseDate: '2026-04-30',
    promiseAmount: '400.00',
  });
  await completeTask(ctxOn(t.db, '2026-04-07'), {
    taskId: (await taskOf(OTHER_DEBTOR_VAT)).id,
    outcome: 'plan',
    plan: [
      { date: '2026-05-15', amount: '300.00' },
      { date: '2026-06-15', amount: '700.00' },
    ],
  });
  await runCollection(ctxOn(t.db, '2026-05-04'), { creditorId });
  await openDispute(ctxOn(t.db, '2026-05-10'), { invoice: 'R-2', reason: 'goods not delivered' });
  await recordPayment(ctxOn(t.db, '2026-05-15'), {
    debtor: OTHER_DEBTOR_VAT,
    amount: '300.00',
    date: '2026-05-15',
  });
});
afterAll(async () => t.drop());

describe('the engine feeds the score', () => {
  it('counts the broken promise and the open dispute', async () => {
    const rossi = await resolveDebtor(t.db, DEBTOR_VAT, creditorId);
    const before = await showDebtorRisk(t.db, rossi, parseDate('2026-05-03'));
    expect(before.factors.filter((f) => ['brokenPromises', 'openDisputes'].includes(f.key))).toMatchObject([
      { key: 'brokenPromises', value: 0, points: 0 },
      { key: 'openDisputes', value: 0, points: 0 },
    ]);
    const after = await showDebtorRisk(t.db, rossi, parseDate('2026-05-11'));
    expect(after.factors.filter((f) => ['brokenPromises', 'openDisputes'].includes(f.key))).toMatchObject([
      { key: 'brokenPromises', value: 1, points: -5 },
      { key: 'openDisputes', value: 1, points: -5 },
    ]);
    // R-1 open 50 days on 11 May: avg 50 -> -13 (12.5 rounds up), weighted 50 -> -17, all late -> -20;
    // 100 - 13 - 17 - 20 - 5 - 5 = 40
    expect([after.internalScore, after.class]).toEqual([40, 'under-observation']);
  });
});

describe('the engine feeds the forecast', () => {
  it('adds the plan instalments to their weeks and takes them off the overdue', async () => {
    // As of Tue 5 May: week 1 = 5-11 May, week 2 = 12-18 May (plan 300.00), week 6 = 9-15 Jun
    // (plan 700.00), week 9 = 30 Jun - 6 Jul (R-2 due 30 Jun). Overdue: R-1 1000 + B-1 1000 - 1000
    // promised with a date = 1000.00 (Rossi's broken promise no longer counts).
    const r = await runReport(t.db, 'forecast', { asOf: '2026-05-05', creditorId, by: 'debtor' });
    const weeks = Array.from({ length: 13 }, (_, i) => `week${i + 1}`);
    expect(
      r.rows.map((row) => [row.debtorName, row.overdue, ...weeks.map((w) => row[w]), row.promised]),
    ).toEqual([
      [
        'Bianchi Impianti S.r.l.',
        '0.00',
        '0.00',
        '300.00',
        '0.00',
        '0.00',
        '0.00',
        '700.00',
        ...Array(7).fill('0.00'),
        '1000.00',
      ],
      [
        'Rossi Costruzioni S.p.A.',
        '1000.00',
        ...Array(8).fill('0.00'),
        '1000.00',
        ...Array(4).fill('0.00'),
        '0.00',
      ],
    ]);
    // On 20 Apr Rossi's promise was still pending, due in week 2 (27 Apr - 3 May)
    const earlier = await runReport(t.db, 'forecast', { asOf: '2026-04-20', creditorId, by: 'debtor' });
    expect(earlier.rows.map((row) => [row.debtorName, row.overdue, row.week2, row.promised])).toEqual([
      ['Bianchi Impianti S.r.l.', '0.00', '0.00', '1000.00'],
      ['Rossi Costruzioni S.p.A.', '600.00', '400.00', '400.00'],
    ]);
  });
});

describe('what the engine achieved', () => {
  it('credits each step with the money paid while it was the latest', async () => {
    // call-1 (7 Apr) reached both; Bianchi paid 300.00 on 15 May with call-1 still its latest step.
    // Rossi's window for call-1 ended at letter-1 (4 May, after the broken promise): nothing paid.
    const r = await runReport(t.db, 'steps', { asOf: '2026-05-20', creditorId });
    expect(
      r.rows.map((row) => [
        row.step,
        row.currency,
        row.casesReached,
        row.casesPaying,
        row.collected,
        row.casesClosed,
      ]),
    ).toEqual([
      ['call-1', 'EUR', 2, 1, '300.00', 0],
      ['letter-1', 'EUR', 1, 0, '0.00', 0],
    ]);
    const before = await runReport(t.db, 'steps', { asOf: '2026-05-14', creditorId });
    expect(before.rows.map((row) => [row.step, row.casesPaying, row.collected])).toEqual([
      ['call-1', 0, '0.00'],
      ['letter-1', 0, '0.00'],
    ]);
  });

  it('counts promises and plan instalments by their state on the date', async () => {
    const cols = (r: Awaited<ReturnType<typeof runReport>>) =>
      r.rows.map((row) => [
        row.kind,
        row.pendingCount,
        row.pending,
        row.keptCount,
        row.brokenCount,
        row.broken,
      ]);
    expect(cols(await runReport(t.db, 'promises', { asOf: '2026-05-03', creditorId }))).toEqual([
      ['promise', 1, '400.00', 0, 0, '0.00'],
      ['plan', 2, '1000.00', 0, 0, '0.00'],
    ]);
    expect(cols(await runReport(t.db, 'promises', { asOf: '2026-05-20', creditorId }))).toEqual([
      ['promise', 0, '0.00', 0, 1, '400.00'],
      ['plan', 2, '1000.00', 0, 0, '0.00'],
    ]);
  });
});
