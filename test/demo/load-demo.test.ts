import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDemoPortfolio, type TLoadDemoResult } from '../../src/app/demo/load-demo-portfolio.ts';
import { listInvoices, type TInvoiceView } from '../../src/app/ledger/list-invoices.ts';
import { verifyRegister } from '../../src/app/register/verify-register.ts';
import { DEMO_CREDITOR } from '../../src/core/demo/demo-portfolio.ts';
import { parseDate } from '../../src/core/shared/calendar-date.ts';
import { ctxOn } from '../support/fixtures.ts';
import { createTestDatabase, type TTestDatabase } from '../support/test-database.ts';

// The demo is built around 2026-06-15 with seed 1: the counts below are what that produces.
const TODAY = '2026-06-15';

let t: TTestDatabase;
let loaded: TLoadDemoResult;

async function tableCounts() {
  const [row] = await t.db.query<Record<string, number>>(
    `select (select count(*) from creditors)::int8 as creditors, (select count(*) from debtors)::int8 as debtors,
            (select count(*) from invoices where type = 'invoice')::int8 as invoices,
            (select count(*) from invoices where type = 'credit-note')::int8 as "creditNotes",
            (select count(*) from instalments)::int8 as instalments, (select count(*) from payments)::int8 as payments,
            (select count(*) from debtor_contacts)::int8 as contacts, (select count(*) from register_entries)::int8 as register`,
  );
  return row!;
}

beforeAll(async () => {
  t = await createTestDatabase();
  loaded = await loadDemoPortfolio(ctxOn(t.db, TODAY), { seed: 1, onlyIfEmpty: false });
});
afterAll(() => t.drop());

describe('riscossa demo', () => {
  it('creates one creditor, 50 debtors, 300 invoices, their credit notes and payments', async () => {
    expect(loaded).toEqual({
      status: 'created',
      creditor: { name: 'Ferramenta Lombarda S.r.l.', vatNumber: DEMO_CREDITOR.vatNumber },
      debtors: 50,
      invoices: 300,
      creditNotes: 11,
      instalments: 367,
      payments: 235,
    });
    expect(await tableCounts()).toMatchObject({
      creditors: 1,
      debtors: 50,
      invoices: 300,
      creditNotes: 11,
      instalments: 367,
      payments: 235,
    });
    expect((await tableCounts()).contacts).toBeGreaterThan(44);
  });

  it('has instalments in every state relative to today', async () => {
    const rows: TInvoiceView[] = await listInvoices(t.db, { asOf: parseDate(TODAY), limit: 10_000 });
    expect(rows).toHaveLength(311);
    const instalments = rows.flatMap((r) => r.instalments);
    const count = (test: (i: (typeof instalments)[number]) => boolean) => instalments.filter(test).length;
    const notYetDue = count((i) => i.outstanding !== '0.00' && i.dueDate > TODAY);
    const overdueOverAMonth = count((i) => i.isOverdue && i.daysOverdue > 30);
    const overdueRecently = count((i) => i.isOverdue && i.daysOverdue <= 30);
    expect(notYetDue).toBeGreaterThan(0);
    expect(overdueOverAMonth).toBeGreaterThan(0);
    expect(overdueRecently).toBeGreaterThan(0);
    expect(count((i) => i.status === 'partially-paid')).toBeGreaterThan(0);
    expect(count((i) => i.status === 'paid')).toBeGreaterThan(0);
    expect(count((i) => i.status === 'credited')).toBeGreaterThan(0);
    const notes = rows.filter((r) => r.type === 'credit-note');
    expect(notes).toHaveLength(11);
    expect(notes.every((n) => n.relatedInvoice !== null && n.unappliedCredit === '0.00')).toBe(true);
  });

  it('keeps an intact activity register', async () => {
    const [creditor] = await t.db.query<{ id: number }>('select id from creditors');
    const verification = await verifyRegister(t.db, creditor!.id);
    expect(verification.isValid).toBe(true);
    expect(verification.entries).toBe(1 + 50 + 311 + 235);
  });

  it('with --if-empty on a database that has data, skips and changes nothing', async () => {
    const before = await tableCounts();
    const result = await loadDemoPortfolio(ctxOn(t.db, TODAY), { seed: 1, onlyIfEmpty: true });
    expect(result).toMatchObject({ status: 'skipped', debtors: 0, invoices: 0, payments: 0 });
    expect(await tableCounts()).toEqual(before);
  });

  it('without --if-empty refuses to create the demo creditor twice', async () => {
    const before = await tableCounts();
    await expect(
      loadDemoPortfolio(ctxOn(t.db, TODAY), { seed: 2, onlyIfEmpty: false }),
    ).rejects.toMatchObject({ code: 'CONFLICT', details: { value: DEMO_CREDITOR.vatNumber } });
    expect(await tableCounts()).toEqual(before);
  });
});
