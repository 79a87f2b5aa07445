import { z } from 'zod';
import { isEmptyDecision, type TDecision } from '../../core/collection/case-state.ts';
import { decide } from '../../core/collection/decide.ts';
import { leadDays } from '../../core/collection/policy.ts';
import { addDays, parseDate, type TCalendarDate } from '../../core/shared/calendar-date.ts';
import { nextDebtorRange } from '../../db/queries/collection-state.ts';
import { analyzeCollectionTables } from '../../db/queries/collection-writes.ts';
import { listCreditorRows } from '../../db/queries/creditors.ts';
import { storeHandoverCaseFiles, type TCaseFileStoreOutcome } from '../agency/store-handover-case-files.ts';
import type { TContext } from '../shared/context.ts';
import { parseInput } from '../shared/parse-input.ts';
import type { TActionView } from './action-view.ts';
import {
  createDecided,
  emptyOutcome,
  plannedView,
  type TBatchOutcome,
  type TDecidedBatch,
} from './create-decided.ts';
import { loadBatchStates } from './load-states.ts';
import { ensurePresetPolicies, loadPolicyBook } from './policy-book.ts';

/**
 * Debtors decided and created per transaction. Small enough that a transaction holds the
 * embedded database (shared with the HTTP server) for a fraction of a second; large enough
 * that a run over 100,000 debtors is a few hundred set-based round trips, not a million.
 */
export const RUN_BATCH_DEBTORS = 1000;

/** Rows a run creates before it refreshes the planner's statistics (analyzeCollectionTables). */
const ANALYZE_AFTER_ROWS = 2000;

export const ZRunCollection = z.object({
  date: z.string().nullish(),
  dryRun: z.boolean().default(false),
  creditorId: z.number().int().positive().nullish(),
  batchSize: z.number().int().min(1).max(50_000).default(RUN_BATCH_DEBTORS),
  /** The bench turns this off: a million action views are not worth their memory. */
  includeActions: z.boolean().default(true),
});
export type TRunCollection = z.input<typeof ZRunCollection>;

export type TRunResult = Omit<TBatchOutcome, 'actions'> & {
  date: string;
  isDryRun: boolean;
  batches: number;
  /** Case files stored for cases handed over to an agency (docs/agency.md). */
  caseFilesBuilt: number;
  caseFilesFailed: TCaseFileStoreOutcome['caseFilesFailed'];
  actions: TActionView[];
};

/**
 * `afterDecide`: test seam, called between the decision and the creation of each batch.
 * `onBatch`: called after every range of debtors (the worker's heartbeat; it may throw to stop).
 */
export type TRunHooks = {
  afterDecide?: (batch: TDecidedBatch) => Promise<void>;
  onBatch?: () => Promise<void>;
};

/**
 * The daily run: for every creditor, batch after batch of debtors, decide what is due on the
 * date and create it. Idempotent (a second run the same day finds every step taken and creates
 * nothing), catches up after downtime (due on or before the date, not equal), re-checks each
 * balance at creation. With `dryRun` it decides exactly the same and writes nothing at all.
 */
export async function runCollection(
  ctx: TContext,
  raw: TRunCollection = {},
  hooks: TRunHooks = {},
): Promise<TRunResult> {
  const input = parseInput(ZRunCollection, raw);
  const today: TCalendarDate = input.date ? parseDate(input.date, 'date') : ctx.today;
  const runCtx: TContext = { ...ctx, today };
  const result: TRunResult = {
    ...emptyOutcome(),
    date: today,
    isDryRun: input.dryRun,
    batches: 0,
    caseFilesBuilt: 0,
    caseFilesFailed: [],
    actions: [],
  };
  const creditors = (await listCreditorRows(ctx.db)).filter(
    (c) => !input.creditorId || c.id === input.creditorId,
  );
  for (const creditor of creditors) {
    if (!input.dryRun) await ensurePresetPolicies(runCtx, creditor.id);
    const book = await loadPolicyBook(ctx.db, creditor.id);
    const horizon = addDays(today, Math.max(0, ...[...book.policies.values()].map(leadDays)));
    let afterId = 0;
    const growth = { sinceAnalyze: 0, atLastAnalyze: 0 };
    for (;;) {
      const range = await nextDebtorRange(ctx.db, creditor.id, afterId, input.batchSize);
      if (!range) break;
      afterId = range.upToId;
      await hooks.onBatch?.();
      const loaded = await loadBatchStates(ctx.db, range, horizon);
      const decisions: TDecision[] = loaded.states
        .map((s) => decide(s, book, today))
        .filter((d) => !isEmptyDecision(d));
      if (decisions.length === 0) continue;
      const batch: TDecidedBatch = {
        creditorId: creditor.id,
        today,
        decisions,
        debtors: loaded.debtors,
        currencies: loaded.currencies,
        policyKeys: book.keys,
        includeViews: input.includeActions,
      };
      await hooks.afterDecide?.(batch);
      result.batches += 1;
      const outcome = input.dryRun ? describeDecided(batch) : await createDecided(runCtx, batch);
      addOutcome(result, outcome, input.includeActions);
      growth.sinceAnalyze +=
        outcome.casesOpened + outcome.instalmentsJoined + outcome.tasksCreated + outcome.stepsTaken;
      // Whenever the run has doubled what the tables held at the last analyze: a handful of
      // times in a first run, never on an ordinary day.
      if (
        !input.dryRun &&
        growth.sinceAnalyze >= ANALYZE_AFTER_ROWS &&
        growth.sinceAnalyze >= growth.atLastAnalyze
      ) {
        await analyzeCollectionTables(ctx.db);
        growth.atLastAnalyze += growth.sinceAnalyze;
        growth.sinceAnalyze = 0;
      }
    }
    if (!input.dryRun) {
      const stored = await storeHandoverCaseFiles(runCtx, creditor.id);
      result.caseFilesBuilt += stored.caseFilesBuilt;
      result.caseFilesFailed.push(...stored.caseFilesFailed);
    }
  }
  return result;
}

/** What a batch would create: the same views as creation reports, without ids. */
function describeDecided(batch: TDecidedBatch): TBatchOutcome {
  const out = emptyOutcome();
  for (const d of batch.decisions) {
    if (d.openCase) out.casesOpened += 1;
    out.instalmentsJoined += d.joinInstalmentIds.length;
    for (const u of d.promiseUpdates) {
      if (u.status === 'kept') out.promisesKept += 1;
      if (u.status === 'broken') out.promisesBroken += 1;
    }
    if (d.closeCase) out.casesClosed += 1;
    for (const a of d.actions) {
      if (a.status === 'skipped') out.stepsSkipped += 1;
      else out.stepsTaken += 1;
      out.tasksCreated += a.taskKinds.length;
      if (batch.includeViews) out.actions.push(plannedView(batch, d, a, { id: null, caseId: d.caseId }));
    }
  }
  return out;
}

function addOutcome(total: TRunResult, o: TBatchOutcome, includeActions: boolean): void {
  total.casesOpened += o.casesOpened;
  total.instalmentsJoined += o.instalmentsJoined;
  total.promisesKept += o.promisesKept;
  total.promisesBroken += o.promisesBroken;
  total.casesClosed += o.casesClosed;
  total.stepsTaken += o.stepsTaken;
  total.stepsSkipped += o.stepsSkipped;
  total.tasksCreated += o.tasksCreated;
  total.droppedAsSettled += o.droppedAsSettled;
  if (includeActions) total.actions.push(...o.actions);
}
