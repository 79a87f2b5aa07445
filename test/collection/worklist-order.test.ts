import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listTasks } from '../../src/app/collection/list-tasks.ts';
import { recordPayment } from '../../src/app/ledger/record-payment.ts';
import { compareWorkItems, type TWorkItem } from '../../src/core/collection/priority.ts';
import { parseDate } from '../../src/core/shared/calendar-date.ts';
import { ctxOn } from '../support/fixtures.ts';
import { createTestDatabase, type TTestDatabase } from '../support/test-database.ts';
import { addInvoice, newVat, newWorld, runOn } from './collection-fixtures.ts';

let t: TTestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(() => t.drop());

/** The order the pure rule gives for the tasks as listed (their live amounts and dates). */
function expectedOrder(tasks: Awaited<ReturnType<typeof listTasks>>): number[] {
  const items: TWorkItem[] = tasks.map((task) => ({
    id: task.id,
    dueDate: task.dueDate as TWorkItem['dueDate'],
    hasBrokenPromise: task.hasBrokenPromise,
    amountCents: Math.round(Number(task.amount) * 100),
    oldestDueDate: (task.instalments[0]?.dueDate as TWorkItem['dueDate'] | undefined) ?? null,
    riskClass: task.riskClass as TWorkItem['riskClass'],
  }));
  return items.sort(compareWorkItems).map((i) => i.id);
}

describe('the worklist order', () => {
  it('follows what is still owed: a payment moves a debtor down at once, and a page is the top of the list', async () => {
    const w = await newWorld(t.db);
    const [large, middle, small] = [newVat(), newVat(), newVat()];
    await addInvoice(t.db, w, 'W-1', [{ dueDate: '2026-03-01', amount: '5000.00' }], { debtorVat: large });
    await addInvoice(t.db, w, 'W-2', [{ dueDate: '2026-03-01', amount: '3000.00' }], { debtorVat: middle });
    await addInvoice(t.db, w, 'W-3', [{ dueDate: '2026-02-20', amount: '1000.00' }], { debtorVat: small });
    await addInvoice(t.db, w, 'W-4', [{ dueDate: '2026-03-01', amount: '1000.00' }], {
      debtorVat: small,
    });
    await runOn(t.db, w, '2026-03-16');
    await runOn(t.db, w, '2026-03-17');

    const before = await listTasks(t.db, { asOf: parseDate('2026-03-17'), creditorId: w.creditorId });
    expect(before.map((task) => [task.debtor.vatNumber, task.stepKey, task.amount])).toEqual([
      [large, 'call-1', '5000.00'],
      [middle, 'call-1', '3000.00'],
      [small, 'call-1', '2000.00'],
    ]);
    expect(before.map((task) => task.id)).toEqual(expectedOrder(before));

    await recordPayment(ctxOn(t.db, '2026-03-17'), { debtor: large, amount: '4500.00', date: '2026-03-17' });
    const after = await listTasks(t.db, { asOf: parseDate('2026-03-17'), creditorId: w.creditorId });
    expect(after.map((task) => [task.debtor.vatNumber, task.amount])).toEqual([
      [middle, '3000.00'],
      [small, '2000.00'],
      [large, '500.00'],
    ]);
    expect(after.map((task) => task.id)).toEqual(expectedOrder(after));

    const page = await listTasks(t.db, { asOf: parseDate('2026-03-17'), creditorId: w.creditorId, limit: 2 });
    expect(page.map((task) => task.debtor.vatNumber)).toEqual([middle, small]);

    // Nothing is listed before it is due.
    expect(await listTasks(t.db, { asOf: parseDate('2026-03-08'), creditorId: w.creditorId })).toEqual([]);
  });
});
