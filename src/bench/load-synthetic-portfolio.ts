import { addCreditor } from '../app/ledger/add-creditor.ts';
import { appendRegisterEntries } from '../app/register/append-register-entries.ts';
import type { TContext } from '../app/shared/context.ts';
import { AppError } from '../core/shared/errors.ts';
import type { TDatabase } from '../db/database.ts';
import { findCreditorByVat } from '../db/queries/creditors.ts';
import { chooseIntegrityMode, type TIntegrityMode, verifyLoadedTenant } from './bulk-integrity.ts';
import { type TBulkRows, type TBulkSession, withBulkTransaction } from './bulk-session.ts';
import { debtorRows, invoiceRows } from './portfolio-bulk-rows.ts';
import { PORTFOLIO_TABLES, reserveIdBlocks } from './reserve-ids.ts';
import {
  planSyntheticPortfolio,
  syntheticCreditor,
  syntheticDebtorChunks,
  syntheticInvoiceChunks,
  type TSyntheticSpec,
} from './synthetic-portfolio.ts';

/**
 * Invoices per batch (with their ~2 instalments each, payments and allocations). Memory is bounded
 * by two batches (their columns and COPY text or array literals, some MB) whatever the portfolio
 * size; a batch is large enough that per-statement costs vanish in the per-row ones.
 */
export const DEFAULT_CHUNK_INVOICES = 25_000;
const DEBTOR_CHUNK = 50_000;

export type TLoadSyntheticOptions = TSyntheticSpec & {
  now: Date;
  actor: string;
  /** Fire the schema's per-row foreign-key and allocation triggers instead of set-based checks. */
  isRowChecked?: boolean;
  chunkInvoices?: number;
};

export type TLoadSyntheticResult = {
  creditor: { id: number; name: string; vatNumber: string };
  seed: number;
  referenceDate: string;
  engine: TDatabase['engine'];
  rows: { debtors: number; invoices: number; instalments: number; payments: number; allocations: number };
  integrity: { mode: TIntegrityMode; reason: string };
  /** Milliseconds per phase; `total` runs from planning to the commit, included. */
  timings: { plan: number; debtors: number; invoices: number; verify: number; total: number };
};

/**
 * Generates the synthetic portfolio of `options` into a new tenant, in ONE transaction: either
 * every row is there or none is. The tenant is distinct per (seed, invoices, reference date); the
 * same portfolio twice in one database is refused.
 */
export async function loadSyntheticPortfolio(
  db: TDatabase,
  options: TLoadSyntheticOptions,
): Promise<TLoadSyntheticResult> {
  const started = performance.now();
  const plan = planSyntheticPortfolio(options);
  const timings = { plan: performance.now() - started, debtors: 0, invoices: 0, verify: 0, total: 0 };
  const creditor = syntheticCreditor(options);
  if (await findCreditorByVat(db, creditor.vatNumber)) {
    throw new AppError(
      'CONFLICT',
      `${creditor.name} (${creditor.vatNumber}) is already in this database: use another --seed, --invoices or --date, or a fresh database`,
      { field: 'seed', value: options.seed },
    );
  }

  const result = await withBulkTransaction(db, async (session) => {
    const ctx: TContext = {
      db: session.sql,
      now: options.now,
      today: options.referenceDate,
      actor: options.actor,
    };
    const created = await addCreditor(ctx, creditor);
    const ids = await reserveIdBlocks(session.sql, plan);
    const integrity = await chooseIntegrityMode(session.sql, PORTFOLIO_TABLES, !options.isRowChecked);
    if (integrity.mode === 'set-based')
      await session.sql.query('set local session_replication_role = replica');

    let lap = performance.now();
    const debtorChunks = syntheticDebtorChunks(plan, ids.debtors, DEBTOR_CHUNK);
    await insertAll(
      session,
      mapChunks(debtorChunks, (chunk) => debtorRows(created.id, chunk)),
    );
    timings.debtors = performance.now() - lap;
    lap = performance.now();
    const invoiceChunks = syntheticInvoiceChunks(plan, ids, options.chunkInvoices ?? DEFAULT_CHUNK_INVOICES);
    await insertAll(
      session,
      mapChunks(invoiceChunks, (chunk) => invoiceRows(created.id, chunk)),
    );
    timings.invoices = performance.now() - lap;

    lap = performance.now();
    if (integrity.mode === 'set-based') {
      await session.sql.query('set local session_replication_role = origin');
      await verifyLoadedTenant(session.sql, created.id, PORTFOLIO_TABLES);
    }
    timings.verify = performance.now() - lap;
    const rows = {
      debtors: plan.debtors,
      invoices: plan.invoices,
      instalments: plan.instalments,
      payments: plan.payments,
      allocations: plan.allocations,
    };
    await appendRegisterEntries(ctx, created.id, [
      {
        action: 'portfolio.generated',
        subjectType: 'creditor',
        subjectId: created.id,
        reason: 'synthetic portfolio for benchmarks (riscossa bench generate)',
        data: { seed: plan.seed, referenceDate: plan.referenceDate, ...rows },
      },
    ]);
    return {
      creditor: { id: created.id, name: created.name, vatNumber: creditor.vatNumber },
      seed: plan.seed,
      referenceDate: plan.referenceDate,
      engine: db.engine,
      rows,
      integrity,
    };
  });
  timings.total = performance.now() - started;
  return { ...result, timings: roundAll(timings) };
}

/**
 * Inserts batch after batch. The next batch is generated while the database inserts the current
 * one (a PostgreSQL server works in its own process meanwhile; PGlite shares this thread, so
 * there it simply alternates). At most two batches are in memory.
 */
async function insertAll(session: TBulkSession, batches: Iterable<TBulkRows[]>): Promise<void> {
  let pending: Promise<void> | null = null;
  for (const batch of batches) {
    if (pending) await pending;
    pending = session.insert(batch);
    // Awaited on the next turn; until then a failure must not count as unhandled.
    pending.catch(() => undefined);
  }
  if (pending) await pending;
}

function* mapChunks<T>(chunks: Iterable<T>, toRows: (chunk: T) => TBulkRows[]): Generator<TBulkRows[]> {
  for (const chunk of chunks) yield toRows(chunk);
}

function roundAll<T extends Record<string, number>>(values: T): T {
  return Object.fromEntries(Object.entries(values).map(([k, v]) => [k, Math.round(v)])) as T;
}
