import type { TDecision, TPlannedAction } from '../../core/collection/case-state.ts';
import type { TCalendarDate } from '../../core/shared/calendar-date.ts';
import { formatAmount, sumCents } from '../../core/shared/money.ts';
import { markHandedOver } from '../../db/queries/case-files.ts';
import { lockOutstanding } from '../../db/queries/collection-state.ts';
import {
  closeCases,
  countBrokenPromises,
  insertActions,
  insertCaseInstalments,
  insertCases,
  insertTasks,
  resolvePromiseRows,
  type TNewAction,
} from '../../db/queries/collection-writes.ts';
import { insertOutboxForActions } from '../../db/queries/communication-outbox.ts';
import { openLegalPhaseByStep } from '../legal/open-legal-phase.ts';
import { appendRegisterEntries, type TRegisterEntryInput } from '../register/append-register-entries.ts';
import type { TContext } from '../shared/context.ts';
import { debtorView, instalmentViews, type TActionView, type TStoredInstalment } from './action-view.ts';
import type { TDebtorLabel } from './load-states.ts';

export type TDecidedBatch = {
  creditorId: number;
  today: TCalendarDate;
  decisions: readonly TDecision[];
  debtors: ReadonlyMap<number, TDebtorLabel>;
  currencies: ReadonlyMap<number, string>;
  policyKeys: ReadonlyMap<number, string>;
  /** Build the action views for the caller (the CLI prints them; the bench does not need them). */
  includeViews: boolean;
};

export type TBatchOutcome = {
  casesOpened: number;
  instalmentsJoined: number;
  promisesKept: number;
  promisesBroken: number;
  casesClosed: number;
  stepsTaken: number;
  stepsSkipped: number;
  tasksCreated: number;
  /** Decided, then not created: the instalments were settled in the meantime. */
  droppedAsSettled: number;
  actions: TActionView[];
};

export function emptyOutcome(): TBatchOutcome {
  return {
    casesOpened: 0,
    instalmentsJoined: 0,
    promisesKept: 0,
    promisesBroken: 0,
    casesClosed: 0,
    stepsTaken: 0,
    stepsSkipped: 0,
    tasksCreated: 0,
    droppedAsSettled: 0,
    actions: [],
  };
}

/** An action as the view shows it before (dry run) or after creation. */
export function plannedView(
  batch: TDecidedBatch,
  decision: TDecision,
  action: TPlannedAction,
  ids: { id: number | null; caseId: number | null },
): TActionView {
  const instalments = stored(batch, action);
  return {
    id: ids.id,
    caseId: ids.caseId,
    date: batch.today,
    scheduledOn: action.scheduledOn,
    stepKey: action.stepKey,
    channel: action.channels.join('+'),
    channels: [...action.channels],
    tone: action.tone,
    template: action.template,
    status: action.status,
    debtor: debtorView(batch.debtors.get(decision.debtorId)!),
    instalments: instalmentViews(instalments),
    total: formatAmount(action.totalCents, instalments[0]?.currency ?? 'EUR'),
    tasks: [...action.taskKinds],
    reason: action.reason,
    evidenceGaps: [...action.evidenceGaps],
    isAfterBrokenPromise: action.isAfterBrokenPromise,
  };
}

function stored(batch: TDecidedBatch, action: TPlannedAction): TStoredInstalment[] {
  return action.instalments.map((i) => ({ ...i, currency: batch.currencies.get(i.id) ?? 'EUR' }));
}

/**
 * Re-reads the balance of every instalment a decision names, at the moment of creation and
 * under lock: an instalment settled since the decision is left out, and a step left with
 * nothing to chase is not created (the next run closes the case). Skips stay: they send nothing.
 */
async function recheckBalances(
  ctx: TContext,
  batch: TDecidedBatch,
): Promise<{ decisions: TDecision[]; dropped: number }> {
  const ids = new Set<number>();
  for (const d of batch.decisions) {
    for (const id of d.openCase?.instalmentIds ?? []) ids.add(id);
    for (const a of d.actions) for (const i of a.instalments) ids.add(i.id);
  }
  const owed = await lockOutstanding(ctx.db, batch.creditorId, [...ids]);
  const isOwed = (id: number) => (owed.get(id) ?? 0) > 0;
  let dropped = 0;
  const decisions: TDecision[] = [];
  for (const d of batch.decisions) {
    if (d.openCase && !d.openCase.instalmentIds.some(isOwed)) {
      dropped += d.actions.filter((a) => a.status !== 'skipped').length;
      continue;
    }
    const actions: TPlannedAction[] = [];
    for (const a of d.actions) {
      if (a.status === 'skipped') {
        actions.push(a);
        continue;
      }
      const instalments = a.instalments
        .filter((i) => isOwed(i.id))
        .map((i) => ({ ...i, outstandingCents: owed.get(i.id)! }));
      if (instalments.length === 0) {
        dropped += 1;
        continue;
      }
      actions.push({ ...a, instalments, totalCents: sumCents(instalments.map((i) => i.outstandingCents)) });
    }
    decisions.push({
      ...d,
      openCase: d.openCase ? { ...d.openCase, instalmentIds: d.openCase.instalmentIds.filter(isOwed) } : null,
      actions,
    });
  }
  return { decisions, dropped };
}

/**
 * Creates what the decisions of one batch call for, in ONE short transaction with their
 * register rows. Every insert is guarded by the constraint that makes it once-only, and only
 * what was actually inserted is reported and registered, so concurrent runs cannot double up.
 */
export async function createDecided(ctx: TContext, batch: TDecidedBatch): Promise<TBatchOutcome> {
  return ctx.db.transaction(async (db) => {
    const tx: TContext = { ...ctx, db };
    const out = emptyOutcome();
    const { decisions, dropped } = await recheckBalances(tx, batch);
    out.droppedAsSettled = dropped;
    const today = batch.today;
    const register: TRegisterEntryInput[] = [];

    const opening = decisions.filter((d) => d.openCase);
    const opened = await insertCases(
      db,
      batch.creditorId,
      today,
      opening.map((d) => ({
        debtorId: d.debtorId,
        policyId: d.openCase!.policyId,
        policySource: d.openCase!.policySource,
        anchorDueDate: d.openCase!.anchorDueDate,
      })),
    );
    const newCaseByDebtor = new Map(opened.map((c) => [c.debtor_id, c.id]));
    const live = decisions
      .map((d) => ({ decision: d, caseId: d.openCase ? newCaseByDebtor.get(d.debtorId) : d.caseId }))
      .filter(
        (x): x is { decision: TDecision; caseId: number } => x.caseId !== undefined && x.caseId !== null,
      );

    const joins = live.flatMap(({ decision: d, caseId }) =>
      [...(d.openCase?.instalmentIds ?? []), ...d.joinInstalmentIds].map((instalmentId) => ({
        caseId,
        instalmentId,
      })),
    );
    const joined = await insertCaseInstalments(db, batch.creditorId, today, joins);
    out.casesOpened = opened.length;
    const joinedByCase = new Map<number, number[]>();
    for (const j of joined)
      joinedByCase.set(j.case_id, [...(joinedByCase.get(j.case_id) ?? []), j.instalment_id]);
    for (const { decision: d, caseId } of live) {
      if (d.openCase) {
        register.push({
          action: 'case.opened',
          subjectType: 'case',
          subjectId: caseId,
          debtorId: d.debtorId,
          data: {
            policy: batch.policyKeys.get(d.openCase.policyId) ?? null,
            policySource: d.openCase.policySource,
            anchorDueDate: d.openCase.anchorDueDate,
            instalmentIds: d.openCase.instalmentIds,
          },
        });
      } else if (joinedByCase.has(caseId)) {
        out.instalmentsJoined += joinedByCase.get(caseId)!.length;
        register.push({
          action: 'case.instalments-joined',
          subjectType: 'case',
          subjectId: caseId,
          debtorId: d.debtorId,
          data: { instalmentIds: joinedByCase.get(caseId) },
        });
      }
    }

    const resolved = await resolvePromiseRows(
      db,
      batch.creditorId,
      today,
      live.flatMap((x) => x.decision.promiseUpdates),
    );
    const debtorOfCase = new Map(live.map((x) => [x.caseId, x.decision.debtorId]));
    for (const p of resolved) {
      if (p.status === 'kept') out.promisesKept += 1;
      if (p.status === 'broken') out.promisesBroken += 1;
      register.push({
        action: `promise.${p.status}`,
        subjectType: 'promise',
        subjectId: p.id,
        debtorId: debtorOfCase.get(p.case_id) ?? null,
        data: { caseId: p.case_id, dueDate: p.due_date, amountCents: p.amount_cents },
      });
    }
    await countBrokenPromises(db, batch.creditorId, [
      ...new Set(resolved.filter((p) => p.status === 'broken').map((p) => p.case_id)),
    ]);

    const planned = live.flatMap(({ decision, caseId }) =>
      decision.actions.map((action) => ({ decision, caseId, action })),
    );
    const rows: TNewAction[] = planned.map(({ caseId, action }) => ({
      caseId,
      stepKey: action.stepKey,
      channels: action.channels,
      tone: action.tone,
      template: action.template,
      status: action.status,
      scheduledOn: action.scheduledOn,
      doneOn: action.status === 'queued' || action.status === 'skipped' ? today : null,
      totalCents: action.totalCents,
      instalments: stored(batch, action),
      evidenceGaps: action.evidenceGaps,
      reason: action.reason,
      isAfterBrokenPromise: action.isAfterBrokenPromise,
    }));
    const inserted = await insertActions(db, batch.creditorId, today, rows);
    const insertedId = new Map(inserted.map((r) => [`${r.case_id}:${r.step_key}`, r.id]));
    const created = planned
      .map((p) => ({ ...p, id: insertedId.get(`${p.caseId}:${p.action.stepKey}`) }))
      .filter((p): p is typeof p & { id: number } => p.id !== undefined);
    // Transactional outbox: the messages of the queued steps are written with the steps.
    await insertOutboxForActions(
      db,
      batch.creditorId,
      created.filter((c) => c.action.status === 'queued').map((c) => c.id),
      ctx.now,
    );

    const tasks = await insertTasks(
      db,
      batch.creditorId,
      today,
      created.flatMap(({ caseId, action, id }) =>
        action.taskKinds.map((kind) => ({
          caseId,
          actionId: id,
          stepKey: action.stepKey,
          kind,
          dueDate: action.scheduledOn,
          assignee: null,
          reason: action.status === 'review' ? action.reason : null,
        })),
      ),
    );
    out.tasksCreated = tasks.length;
    const tasksByAction = new Map<number, number[]>();
    for (const t of tasks)
      tasksByAction.set(t.action_id!, [...(tasksByAction.get(t.action_id!) ?? []), t.id]);

    for (const c of created) {
      const isSkip = c.action.status === 'skipped';
      if (isSkip) out.stepsSkipped += 1;
      else out.stepsTaken += 1;
      if (batch.includeViews)
        out.actions.push(plannedView(batch, c.decision, c.action, { id: c.id, caseId: c.caseId }));
      // Register amounts in minor units with their currency: exact, and cheap to write by the 100,000.
      const a = c.action;
      register.push({
        action: isSkip ? 'step.skipped' : 'step.taken',
        subjectType: 'action',
        subjectId: c.id,
        debtorId: c.decision.debtorId,
        reason: c.action.reason,
        data: {
          caseId: c.caseId,
          stepKey: a.stepKey,
          status: a.status,
          channels: a.channels,
          tone: a.tone,
          template: a.template,
          scheduledOn: a.scheduledOn,
          instalments: stored(batch, a),
          totalCents: a.totalCents,
          taskIds: tasksByAction.get(c.id) ?? [],
          evidenceGaps: a.evidenceGaps,
          isAfterBrokenPromise: a.isAfterBrokenPromise,
        },
      });
    }

    // The handover step hands the case to the agency: the company's escalation stops here and
    // the run stores the case file as it stands on this day (buildPendingCaseFiles).
    const handedOver = await markHandedOver(
      db,
      batch.creditorId,
      created
        .filter((c) => c.action.status === 'queued' && c.action.channels.includes('agency-handover'))
        .map((c) => c.caseId),
      today,
    );
    for (const h of handedOver) {
      register.push({
        action: 'case.handed-over',
        subjectType: 'case',
        subjectId: h.id,
        debtorId: h.debtor_id,
        reason: 'handover step taken: the company escalation stops, the agency follows the case',
        data: { handedOverOn: today },
      });
    }

    // A legal step opens the case's legal phase with its first stage, in this same transaction.
    register.push(
      ...(await openLegalPhaseByStep(
        db,
        batch.creditorId,
        created
          .filter((c) => c.action.status === 'queued' && c.action.channels.includes('legal'))
          .map((c) => ({
            caseId: c.caseId,
            debtorId: c.decision.debtorId,
            actionId: c.id,
            stepKey: c.action.stepKey,
          })),
        today,
        ctx.actor,
      )),
    );

    const closed = await closeCases(
      db,
      batch.creditorId,
      today,
      live.filter((x) => x.decision.closeCase).map((x) => x.caseId),
      'settled',
    );
    out.casesClosed = closed.length;
    for (const c of closed) {
      register.push({
        action: 'case.closed',
        subjectType: 'case',
        subjectId: c.id,
        debtorId: c.debtor_id,
        reason: 'everything the case chased is paid or credited',
        data: {},
      });
    }
    await appendRegisterEntries(tx, batch.creditorId, register);
    return out;
  });
}
