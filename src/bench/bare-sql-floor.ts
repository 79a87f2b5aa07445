import type { TDatabase } from '../db/database.ts';
import type { TIntegrityMode } from './bulk-integrity.ts';
import { reserveIdBlocks, type TRowCounts } from './reserve-ids.ts';

/**
 * Floors for `bench generate`: the same work done by the database alone, with no row leaving
 * JavaScript. What the loader costs above a floor is its own overhead (generation, transfer,
 * set-based verification).
 */

/** Milliseconds to insert `rows` instalment-shaped rows into an unindexed scratch table. */
export async function measureScratchFloor(db: TDatabase, rows: number): Promise<number> {
  return db.transaction(async (tx) => {
    await tx.query(
      'create table bench_floor_scratch (creditor_id int8, id int8, invoice_id int8, seq int2, due_date date, amount_cents int8)',
    );
    const started = performance.now();
    await tx.query(
      `insert into bench_floor_scratch
       select 1, g, g / 2, 1 + g % 3, date '2026-01-14' - (g % 548)::int, 5000 from generate_series(1, $1::int8) g`,
      [rows],
    );
    const elapsed = performance.now() - started;
    await tx.query('drop table bench_floor_scratch');
    return elapsed;
  });
}

/**
 * Milliseconds to fill the real tables of a new tenant with `counts` rows by INSERT ... SELECT
 * generate_series, in one transaction, with the same integrity mode as the load it is compared
 * with (set-based: the per-row triggers off, and no verification, which is part of the overhead).
 * Commits: run it in a scratch database.
 */
export async function measurePortfolioFloor(
  db: TDatabase,
  counts: TRowCounts,
  mode: TIntegrityMode,
  referenceDate: string,
): Promise<number> {
  const started = performance.now();
  await db.transaction(async (tx) => {
    const [creditor] = await tx.query<{ id: number }>(
      `insert into creditors (name, vat_number) values ('Bench Floor S.p.A.', 'IT' || lpad(floor(random() * 1e10)::text, 11, '0'))
       returning id`,
    );
    const c = creditor!.id;
    const id = await reserveIdBlocks(tx, counts);
    if (mode === 'set-based') await tx.query('set local session_replication_role = replica');
    await tx.query(
      `insert into debtors (creditor_id, id, name, vat_number, fiscal_code, pec) overriding system value
       select $1, $2 + g, 'Rossi Costruzioni S.r.l.', 'IT' || lpad(g::text, 11, '0'), lpad(g::text, 11, '0'),
              lpad(g::text, 11, '0') || '@pec.bench.example'
       from generate_series(0, $3::int8 - 1) g`,
      [c, id.debtors, counts.debtors],
    );
    await tx.query(
      `insert into invoices (creditor_id, id, debtor_id, number, type, document_type, issue_date, issue_year,
                             currency, total_cents, payment_method, source, fingerprint) overriding system value
       select $1, $2 + g, $3 + g * $5::int8 / $4::int8, 'FT-' || lpad((g + 1)::text, 7, '0'), 'invoice', 'TD01',
              d, extract(year from d)::int, 'EUR', 10000 + g % 997, 'MP05', 'bench', 'synthetic:1:' || g
       from generate_series(0, $4::int8 - 1) g, lateral (select $6::date - 60 - (g % 540)::int as d) x`,
      [c, id.invoices, id.debtors, counts.invoices, counts.debtors, referenceDate],
    );
    // Consecutive instalments share an invoice at most 3 at a time, so 1 + g % 3 is a unique seq.
    await tx.query(
      `insert into instalments (creditor_id, id, invoice_id, seq, due_date, amount_cents) overriding system value
       select $1, $2 + g, $3 + g * $5::int8 / $4::int8, 1 + g % 3, $6::date - 1 - (g % 548)::int, 5000
       from generate_series(0, $4::int8 - 1) g`,
      [c, id.instalments, id.invoices, counts.instalments, counts.invoices, referenceDate],
    );
    await tx.query(
      `insert into payments (creditor_id, id, debtor_id, amount_cents, currency, value_date, method, reference,
                             payer_name, source) overriding system value
       select $1, $2 + g, $3 + g * $5::int8 / $4::int8, 100000, 'EUR', $6::date - 1 - (g % 300)::int, 'MP05',
              'Saldo fattura FT-' || lpad(g::text, 7, '0') || ' del 2025-01-01', 'Rossi Costruzioni S.r.l.', 'bench'
       from generate_series(0, $4::int8 - 1) g`,
      [c, id.payments, id.debtors, counts.payments, counts.debtors, referenceDate],
    );
    // One cent per distinct instalment: within every bound the trigger checks.
    await tx.query(
      `insert into allocations (creditor_id, id, instalment_id, payment_id, amount_cents, allocated_on)
       overriding system value
       select $1, $2 + g, $3 + g * $6::int8 / $5::int8, $4 + g * $7::int8 / $5::int8, 1, $8::date - 1
       from generate_series(0, $5::int8 - 1) g`,
      [
        c,
        id.allocations,
        id.instalments,
        id.payments,
        counts.allocations,
        counts.instalments,
        counts.payments,
        referenceDate,
      ],
    );
  });
  return performance.now() - started;
}
