import { runCollection, type TRunResult } from '../app/collection/run-collection.ts';
import type { TContext } from '../app/shared/context.ts';
import { addDays, type TCalendarDate } from '../core/shared/calendar-date.ts';
import { AppError } from '../core/shared/errors.ts';
import type { TDatabase } from '../db/database.ts';

export type TCollectionBenchOptions = {
  creditorId: number;
  date: TCalendarDate;
  now: Date;
  actor: string;
  batchSize?: number;
};

export type TRunTiming = Omit<TRunResult, 'actions'> & { ms: number };

export type TCollectionBenchResult = {
  engine: TDatabase['engine'];
  creditorId: number;
  portfolio: { debtors: number; instalments: number };
  firstRun: TRunTiming;
  floor: { ms: number; rows: number; what: string };
  /** first run / floor: the target is at most 2. */
  ratio: number;
  steadyState: TRunTiming;
  peakRssBytes: number;
};

async function timedRun(
  ctx: TContext,
  creditorId: number,
  date: TCalendarDate,
  batchSize?: number,
): Promise<TRunTiming> {
  const started = performance.now();
  const { actions: _actions, ...result } = await runCollection(
    { ...ctx, today: date },
    { creditorId, includeActions: false, ...(batchSize ? { batchSize } : {}) },
  );
  return { ...result, ms: Math.round(performance.now() - started) };
}

/**
 * The floor: the least any engine must do for a first run, as ONE set-based statement in the
 * same database: read every instalment with its allocations, keep what is overdue and owed,
 * group it by debtor and write one action row per debtor (with its instalment list) into a
 * scratch copy of collection_actions. No cases, no tasks, no register, no policy: a bound, not
 * an alternative. Rolled back afterwards.
 */
async function timeFloor(
  db: TDatabase,
  creditorId: number,
  date: TCalendarDate,
  rows: number,
): Promise<number> {
  let ms = 0;
  await db
    .transaction(async (tx) => {
      await tx.query(
        'create temp table bench_floor_actions (like collection_actions including defaults including identity) on commit drop',
      );
      const started = performance.now();
      await tx.query(
        `insert into bench_floor_actions (creditor_id, case_id, step_key, channels, tone, template, status, scheduled_on,
           created_on, total_cents, instalments)
         select $1, o.debtor_id, 'call-1', '{phone-call}', 'friendly', 'call-1', 'pending', $2::date, $2::date,
                sum(o.outstanding)::int8,
                jsonb_agg(jsonb_build_object('id', o.id, 'invoiceNumber', o.number, 'dueDate', o.due_date,
                                             'outstandingCents', o.outstanding, 'currency', o.currency))
         from (select i.debtor_id, t.id, i.number, t.due_date, i.currency,
                      t.amount_cents - coalesce(sum(a.amount_cents), 0) as outstanding
               from invoices i
               join instalments t on t.creditor_id = i.creditor_id and t.invoice_id = i.id
               left join allocations a on a.creditor_id = t.creditor_id and a.instalment_id = t.id
               where i.creditor_id = $1 and t.due_date < $2::date
               group by i.debtor_id, t.id, t.creditor_id, i.number, i.currency
               having t.amount_cents - coalesce(sum(a.amount_cents), 0) > 0) o
         group by o.debtor_id
         order by o.debtor_id
         limit $3`,
        [creditorId, date, rows],
      );
      ms = performance.now() - started;
      throw new RollbackFloor();
    })
    .catch((error) => {
      if (!(error instanceof RollbackFloor)) throw error;
    });
  return Math.round(ms);
}

class RollbackFloor extends Error {}

/**
 * `riscossa bench run`: on a tenant with no collection history yet (a fresh synthetic
 * portfolio), (a) the first run, where every debtor with something overdue gets a case and a
 * step; the floor for the same number of action rows, for the ratio; (b) the next day, a
 * steady-state run. Same process, same database.
 */
export async function benchCollection(
  db: TDatabase,
  o: TCollectionBenchOptions,
): Promise<TCollectionBenchResult> {
  const [existing] = await db.query<{ n: number }>(
    'select count(*)::int8 as n from collection_cases where creditor_id = $1',
    [o.creditorId],
  );
  if ((existing?.n ?? 0) > 0) {
    throw new AppError(
      'CONFLICT',
      `creditor: ${o.creditorId} already has ${existing!.n} collection cases; bench run needs a fresh portfolio (riscossa bench generate)`,
      { field: 'creditor', value: o.creditorId },
    );
  }
  const [size] = await db.query<{ debtors: number; instalments: number }>(
    `select (select count(*) from debtors where creditor_id = $1)::int8 as debtors,
            (select count(*) from instalments where creditor_id = $1)::int8 as instalments`,
    [o.creditorId],
  );
  const ctx: TContext = { db, now: o.now, today: o.date, actor: o.actor };
  const firstRun = await timedRun(ctx, o.creditorId, o.date, o.batchSize);
  const rows = firstRun.stepsTaken + firstRun.stepsSkipped;
  const floorMs = await timeFloor(db, o.creditorId, o.date, rows);
  const steadyState = await timedRun(ctx, o.creditorId, addDays(o.date, 1), o.batchSize);
  return {
    engine: db.engine,
    creditorId: o.creditorId,
    portfolio: { debtors: size!.debtors, instalments: size!.instalments },
    firstRun,
    floor: {
      ms: floorMs,
      rows,
      what: 'one INSERT ... SELECT: overdue owed instalments grouped per debtor into action rows',
    },
    ratio: floorMs > 0 ? Math.round((firstRun.ms / floorMs) * 100) / 100 : 0,
    steadyState,
    peakRssBytes: process.resourceUsage().maxRSS * 1024,
  };
}
