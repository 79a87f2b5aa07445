import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyRegister } from '../../src/app/register/verify-register.ts';
import { verifyLoadedTenant } from '../../src/bench/bulk-integrity.ts';
import {
  loadSyntheticPortfolio,
  type TLoadSyntheticResult,
} from '../../src/bench/load-synthetic-portfolio.ts';
import { PORTFOLIO_TABLES } from '../../src/bench/reserve-ids.ts';
import {
  DUE_WINDOW_DAYS,
  planSyntheticPortfolio,
  syntheticDebtorChunks,
  syntheticInvoiceChunks,
  type TSyntheticSpec,
} from '../../src/bench/synthetic-portfolio.ts';
import { isValidItalianVatNumber } from '../../src/core/ledger/tax-identifiers.ts';
import { addDays, parseDate } from '../../src/core/shared/calendar-date.ts';
import type { TDatabase } from '../../src/db/database.ts';
import { createTestDatabase, type TTestDatabase } from '../support/test-database.ts';

// Seed 7, 2,000 invoices around 2026-01-15: the counts below are what that produces.
const SPEC: TSyntheticSpec = { invoices: 2000, seed: 7, referenceDate: parseDate('2026-01-15') };
const COUNTS = { debtors: 399, invoices: 2000, instalments: 3981, payments: 494, allocations: 896 };
const IDS = { debtors: 1, invoices: 1, instalments: 1, payments: 1, allocations: 1 };

function allRows(spec: TSyntheticSpec, chunk: number) {
  const plan = planSyntheticPortfolio(spec);
  return {
    plan,
    debtors: [...syntheticDebtorChunks(plan, 1, chunk)],
    invoices: [...syntheticInvoiceChunks(plan, IDS, chunk)],
  };
}

/** Concatenates the columns of every chunk: the rows, whatever the chunk size. */
function flatten<T extends Record<string, unknown[]>>(chunks: readonly T[]): T {
  const out: Record<string, unknown[]> = {};
  for (const chunk of chunks) {
    for (const [k, v] of Object.entries(chunk)) out[k] = [...(out[k] ?? []), ...v];
  }
  return out as T;
}

describe('synthetic portfolio generator (pure)', () => {
  const a = allRows(SPEC, 500);

  it('counts the rows it will generate', () => {
    expect(a.plan).toMatchObject(COUNTS);
    expect(flatten(a.debtors).id).toHaveLength(COUNTS.debtors);
    expect(flatten(a.invoices.map((c) => c.instalments)).id).toHaveLength(COUNTS.instalments);
    expect(flatten(a.invoices.map((c) => c.allocations)).id).toHaveLength(COUNTS.allocations);
  });

  it('gives the same rows for the same seed, whatever the chunk size, and other rows for another seed', () => {
    const b = allRows(SPEC, 37);
    expect(flatten(b.debtors)).toEqual(flatten(a.debtors));
    for (const table of ['invoices', 'instalments', 'payments', 'allocations'] as const) {
      expect(flatten(b.invoices.map((c) => c[table]))).toEqual(flatten(a.invoices.map((c) => c[table])));
    }
    const other = allRows({ ...SPEC, seed: 8 }, 500);
    expect(flatten(other.invoices.map((c) => c.invoices)).totalCents).not.toEqual(
      flatten(a.invoices.map((c) => c.invoices)).totalCents,
    );
  });

  it('makes instalments add up to totals, due dates fall in the 18 months before the date, VAT numbers valid and unique', () => {
    const invoices = flatten(a.invoices.map((c) => c.invoices));
    const instalments = flatten(a.invoices.map((c) => c.instalments));
    const byInvoice = new Map<number, number>();
    for (const [i, id] of instalments.invoiceId.entries()) {
      byInvoice.set(id, (byInvoice.get(id) ?? 0) + instalments.amountCents[i]!);
    }
    expect(invoices.id.filter((id, i) => byInvoice.get(id) !== invoices.totalCents[i])).toEqual([]);
    const earliest = addDays(SPEC.referenceDate, -DUE_WINDOW_DAYS);
    expect(instalments.dueDate.filter((due) => due < earliest || due >= SPEC.referenceDate)).toEqual([]);
    // Spread over the whole window: the first week and the last week both have due dates.
    const sorted = [...instalments.dueDate].sort();
    expect(sorted[0]! <= addDays(earliest, 7)).toBe(true);
    expect(sorted.at(-1)! >= addDays(SPEC.referenceDate, -8)).toBe(true);
    const vat = flatten(a.debtors).vatNumber;
    expect(new Set(vat).size).toBe(vat.length);
    expect(vat.filter((v) => !isValidItalianVatNumber(v.slice(2)))).toEqual([]);
  });

  it('settles no instalment beyond its amount and spends every payment exactly', () => {
    const instalments = flatten(a.invoices.map((c) => c.instalments));
    const payments = flatten(a.invoices.map((c) => c.payments));
    const allocations = flatten(a.invoices.map((c) => c.allocations));
    const amountOf = new Map(instalments.id.map((id, i) => [id, instalments.amountCents[i]!]));
    const settled = new Map<number, number>();
    const spent = new Map<number, number>();
    for (const [i, cents] of allocations.amountCents.entries()) {
      const t = allocations.instalmentId[i]!;
      const p = allocations.paymentId[i]!;
      settled.set(t, (settled.get(t) ?? 0) + cents);
      spent.set(p, (spent.get(p) ?? 0) + cents);
    }
    expect([...settled].filter(([id, cents]) => cents > amountOf.get(id)!)).toEqual([]);
    expect(payments.id.filter((id, i) => spent.get(id) !== payments.amountCents[i])).toEqual([]);
    expect(settled.size).toBeGreaterThan(0);
  });
});

/** Everything but ids and timestamps, hashed per table: equal when the same rows were loaded. */
async function aggregates(db: TDatabase, creditorId: number) {
  const [row] = await db.query<Record<string, string | number>>(
    `select
       (select count(*) from debtors where creditor_id = $1)::int8 as debtors,
       (select count(*) from invoices where creditor_id = $1)::int8 as invoices,
       (select count(*) from instalments where creditor_id = $1)::int8 as instalments,
       (select count(*) from payments where creditor_id = $1)::int8 as payments,
       (select count(*) from allocations where creditor_id = $1)::int8 as allocations,
       (select sum(total_cents) from invoices where creditor_id = $1)::int8 as "invoiceCents",
       (select sum(amount_cents) from instalments where creditor_id = $1)::int8 as "instalmentCents",
       (select sum(amount_cents) from payments where creditor_id = $1)::int8 as "paymentCents",
       (select sum(amount_cents) from allocations where creditor_id = $1)::int8 as "allocatedCents",
       (select md5(string_agg(concat_ws('|', name, vat_number, fiscal_code, pec), ',' order by id)) from debtors where creditor_id = $1) as "debtorsHash",
       (select md5(string_agg(concat_ws('|', number, issue_date, total_cents, fingerprint), ',' order by id)) from invoices where creditor_id = $1) as "invoicesHash",
       (select md5(string_agg(concat_ws('|', seq, due_date, amount_cents), ',' order by id)) from instalments where creditor_id = $1) as "instalmentsHash",
       (select md5(string_agg(concat_ws('|', amount_cents, value_date, reference, payer_name), ',' order by id)) from payments where creditor_id = $1) as "paymentsHash"`,
    [creditorId],
  );
  return row!;
}

describe('riscossa bench generate (loader)', () => {
  let first: TTestDatabase;
  let second: TTestDatabase;
  let loadedFirst: TLoadSyntheticResult;
  let loadedSecond: TLoadSyntheticResult;
  const now = new Date('2026-01-15T10:00:00Z');

  beforeAll(async () => {
    [first, second] = await Promise.all([createTestDatabase(), createTestDatabase()]);
    loadedFirst = await loadSyntheticPortfolio(first.db, { ...SPEC, now, actor: 'test' });
    // The second load fires the schema's per-row checks and streams 7 batches instead of one:
    // both must load the same rows.
    loadedSecond = await loadSyntheticPortfolio(second.db, {
      ...SPEC,
      now,
      actor: 'test',
      isRowChecked: true,
      chunkInvoices: 300,
    });
  });
  afterAll(async () => {
    await Promise.all([first?.drop(), second?.drop()]);
  });

  it('loads exactly the planned rows, with set-based and with per-row checks', async () => {
    expect(loadedFirst.rows).toEqual(COUNTS);
    expect(loadedFirst.integrity.mode).toBe('set-based');
    expect(loadedSecond.integrity.mode).toBe('per-row');
    expect(await aggregates(first.db, loadedFirst.creditor.id)).toMatchObject(COUNTS);
  });

  it('stores instalments that add up to the invoice totals, and payments fully allocated', async () => {
    const a = await aggregates(first.db, loadedFirst.creditor.id);
    expect(a.instalmentCents).toBe(a.invoiceCents);
    expect(a.allocatedCents).toBe(a.paymentCents);
    const [perInvoice] = await first.db.query<{ n: number }>(
      `select count(*)::int8 as n from invoices v
       where v.creditor_id = $1 and v.total_cents <> (select sum(amount_cents) from instalments i where i.creditor_id = v.creditor_id and i.invoice_id = v.id)`,
      [loadedFirst.creditor.id],
    );
    expect(perInvoice!.n).toBe(0);
  });

  it('gives identical data in two fresh databases for the same seed', async () => {
    expect(loadedSecond.creditor).toEqual(loadedFirst.creditor);
    expect(await aggregates(second.db, loadedSecond.creditor.id)).toEqual(
      await aggregates(first.db, loadedFirst.creditor.id),
    );
  });

  it('records the creditor and the load in an intact activity register', async () => {
    const verification = await verifyRegister(first.db, loadedFirst.creditor.id);
    expect(verification).toMatchObject({ entries: 2, isValid: true });
  });

  it('leaves the identity sequences above the loaded ids', async () => {
    const [row] = await first.db.query<{ id: number; max: number }>(
      `with added as (insert into debtors (creditor_id, name, vat_number) values ($1, 'Nuovo Cliente S.r.l.', 'IT00488410010') returning id)
       select (select id from added) as id, (select max(id) from debtors) as max`,
      [loadedFirst.creditor.id],
    );
    expect(row!.id).toBe(row!.max + 1);
    expect(row!.max).toBe(COUNTS.debtors);
  });

  it('refuses the same portfolio twice in one database and adds nothing', async () => {
    await expect(loadSyntheticPortfolio(first.db, { ...SPEC, now, actor: 'test' })).rejects.toMatchObject({
      code: 'CONFLICT',
    });
    const [row] = await first.db.query<{ n: number }>('select count(*)::int8 as n from creditors');
    expect(row!.n).toBe(1);
  });

  it('set-based verification rejects a row that the skipped triggers would have refused', async () => {
    const creditorId = loadedFirst.creditor.id;
    const attempt = first.db.transaction(async (tx) => {
      await tx.query('set local session_replication_role = replica');
      // Over-allocates instalment 1 and points at an instalment that does not exist.
      await tx.query(
        `insert into allocations (creditor_id, instalment_id, payment_id, amount_cents, allocated_on)
         values ($1, 1, 1, 999999999, '2026-01-10'), ($1, 999999999, 1, 1, '2026-01-10')`,
        [creditorId],
      );
      await tx.query('set local session_replication_role = origin');
      await verifyLoadedTenant(tx, creditorId, PORTFOLIO_TABLES);
    });
    await expect(attempt).rejects.toThrow(
      /allocations_creditor_id_instalment_id_fkey.*instalments settled beyond their amount.*payments spent beyond/,
    );
    expect(await aggregates(first.db, creditorId)).toMatchObject({ allocations: COUNTS.allocations });
  });
});
