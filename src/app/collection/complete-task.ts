import { z } from 'zod';
import { onOrNextBusinessDay } from '../../core/collection/business-calendar.ts';
import { isTaskChannel, type TChannel, type TTaskKind } from '../../core/collection/policy.ts';
import { isOutcomeAllowed, TASK_OUTCOMES, type TTaskOutcome } from '../../core/collection/task-outcomes.ts';
import { parseDate, type TCalendarDate } from '../../core/shared/calendar-date.ts';
import { AppError, invalid } from '../../core/shared/errors.ts';
import { formatAmount, parseAmount, sumCents } from '../../core/shared/money.ts';
import type { TSql } from '../../db/database.ts';
import { markHandedOver } from '../../db/queries/case-files.ts';
import {
  caseOpenInstalments,
  countOpenActionTasks,
  hasWrittenStep,
  insertDisputes,
  insertPlan,
  insertPromises,
  lockTask,
  markTaskDone,
  setActionStatus,
  type TTaskRow,
} from '../../db/queries/collection-work.ts';
import { insertActions, insertTasks } from '../../db/queries/collection-writes.ts';
import { insertOutboxForActions } from '../../db/queries/communication-outbox.ts';
import { storeHandoverCaseFiles } from '../agency/store-handover-case-files.ts';
import { openLegalPhaseByStep } from '../legal/open-legal-phase.ts';
import { appendRegisterEntries, type TRegisterEntryInput } from '../register/append-register-entries.ts';
import type { TContext } from '../shared/context.ts';
import { parseInput } from '../shared/parse-input.ts';
import { isCreditorReached } from '../shared/tenant-scope.ts';

export const ZCompleteTask = z.object({
  taskId: z.coerce.number().int().positive(),
  outcome: z.enum(TASK_OUTCOMES),
  promiseDate: z.string().nullish(),
  promiseAmount: z.union([z.string(), z.number()]).nullish(),
  /** A payment plan's instalments: each is followed like a promise. */
  plan: z
    .array(z.object({ date: z.string(), amount: z.union([z.string(), z.number()]) }))
    .max(120)
    .nullish(),
  date: z.string().nullish(),
  note: z.string().max(2000).nullish(),
});
export type TCompleteTask = z.input<typeof ZCompleteTask>;

export type TCompleteTaskResult = {
  id: number;
  kind: string;
  stepKey: string | null;
  outcome: TTaskOutcome;
  completedOn: string;
  stepStatus: string | null;
  promises: Array<{ id: number; dueDate: string; amount: string }>;
  planId: number | null;
  disputedInvoices: string[];
  tasksCreated: Array<{ id: number; kind: string }>;
  actionsCreated: Array<{ id: number; stepKey: string }>;
};

type TPromiseItem = { dueDate: TCalendarDate; amountCents: number };

function promiseItems(input: z.infer<typeof ZCompleteTask>, on: TCalendarDate): TPromiseItem[] {
  const isPromise = input.outcome === 'promise';
  const hasPromiseFields = Boolean(input.promiseDate || input.promiseAmount);
  if (!isPromise && hasPromiseFields) {
    throw invalid(
      'promiseDate',
      input.promiseDate ?? input.promiseAmount,
      `is only for the outcome "promise"`,
    );
  }
  if (input.outcome !== 'plan' && input.plan?.length) {
    throw invalid('plan', input.plan.length, `is only for the outcome "plan"`);
  }
  const raw = isPromise
    ? [{ date: input.promiseDate, amount: input.promiseAmount, path: 'promise' }]
    : input.outcome === 'plan'
      ? (input.plan ?? []).map((p, i) => ({ ...p, path: `plan[${i}]` }))
      : [];
  if (input.outcome === 'plan' && raw.length === 0) {
    throw invalid('plan', [], 'must list the instalments of the plan (date and amount each)');
  }
  let previous = on;
  return raw.map((p) => {
    if (!p.date) throw invalid(isPromise ? 'promiseDate' : `${p.path}.date`, p.date ?? null, 'is required');
    if (p.amount === null || p.amount === undefined || p.amount === '') {
      throw invalid(isPromise ? 'promiseAmount' : `${p.path}.amount`, p.amount ?? null, 'is required');
    }
    const field = isPromise ? 'promiseDate' : `${p.path}.date`;
    const dueDate = parseDate(p.date, field);
    if (dueDate < previous) throw invalid(field, p.date, `must not be before ${previous}`);
    previous = dueDate;
    return { dueDate, amountCents: parseAmount(p.amount, isPromise ? 'promiseAmount' : `${p.path}.amount`) };
  });
}

/**
 * Records the outcome of a call, visit, review or tracing task. Completing the last task of a
 * step makes the step done on that day (the next step counts from it). The outcome's
 * consequences (a promise, a plan, disputes, a proof-of-payment review, resent payment
 * instructions, a tracing task) are written with it, in one transaction, each with its register row.
 */
export async function completeTask(ctx: TContext, raw: TCompleteTask): Promise<TCompleteTaskResult> {
  const input = parseInput(ZCompleteTask, raw);
  const on = input.date ? parseDate(input.date, 'date') : ctx.today;
  const items = promiseItems(input, on);
  let handedOverBy: number | null = null;
  const outcome = await ctx.db.transaction(async (db) => {
    const found = await lockTask(db, input.taskId);
    // Another tenant's task is answered as missing (tenant-scope.ts); so is, for an agency
    // specialist, a task not assigned to them.
    const isSpecialistsTask =
      ctx.principal?.role !== 'agency_specialist' || found?.assignee === ctx.principal.label;
    const task = found && isCreditorReached(ctx, found.creditor_id) && isSpecialistsTask ? found : undefined;
    if (!task)
      throw new AppError('NOT_FOUND', `task: ${input.taskId} is not a task`, {
        field: 'task',
        value: input.taskId,
      });
    if (task.status !== 'open') {
      throw new AppError(
        'CONFLICT',
        `task: ${task.id} is already ${task.status}${task.completed_on ? ` (on ${task.completed_on}, outcome ${task.outcome})` : ''}`,
        { field: 'task', value: task.id },
      );
    }
    if (!isOutcomeAllowed(task.kind as TTaskKind, input.outcome)) {
      throw invalid('outcome', input.outcome, `is not an outcome of a ${task.kind} task`);
    }
    if (on < task.created_on)
      throw invalid('date', on, `is before the task was created (${task.created_on})`);
    const note = input.note?.trim() || null;
    await markTaskDone(db, task.creditor_id, task.id, { outcome: input.outcome, note, on, by: ctx.actor });

    const result: TCompleteTaskResult = {
      id: task.id,
      kind: task.kind,
      stepKey: task.step_key,
      outcome: input.outcome,
      completedOn: on,
      stepStatus: null,
      promises: [],
      planId: null,
      disputedInvoices: [],
      tasksCreated: [],
      actionsCreated: [],
    };
    const register: TRegisterEntryInput[] = [
      {
        action: 'task.completed',
        subjectType: 'task',
        subjectId: task.id,
        debtorId: task.debtor_id,
        reason: note,
        data: {
          caseId: task.case_id,
          kind: task.kind,
          stepKey: task.step_key,
          outcome: input.outcome,
          completedOn: on,
        },
      },
    ];
    const tx: TContext = { ...ctx, db };
    result.stepStatus = await finishStep(db, task, input.outcome, on, result, register);
    await applyOutcome(db, task, input.outcome, on, note, items, result, register);
    await appendRegisterEntries(tx, task.creditor_id, register);
    if (register.some((r) => r.action === 'case.handed-over')) handedOverBy = task.creditor_id;
    return result;
  });
  // An approved handover gets its case file now rather than on the next run.
  if (handedOverBy !== null) await storeHandoverCaseFiles(ctx, handedOverBy);
  return outcome;
}

/** The step is done when its last task is; a review of missing evidence releases or cancels the step. */
async function finishStep(
  db: TSql,
  task: TTaskRow,
  outcome: TTaskOutcome,
  on: TCalendarDate,
  result: TCompleteTaskResult,
  register: TRegisterEntryInput[],
): Promise<string | null> {
  if (task.action_id === null || task.action_status === null) return null;
  if ((await countOpenActionTasks(db, task.creditor_id, task.action_id)) > 0) return task.action_status;
  let status: string;
  if (task.action_status === 'review') {
    const taskChannels = (task.action_channels ?? []).filter(
      (c) => isTaskChannel(c as TChannel) && c !== 'review',
    );
    if (outcome !== 'approved') status = 'cancelled';
    else if (taskChannels.length > 0) {
      const created = await insertTasks(
        db,
        task.creditor_id,
        on,
        taskChannels.map((kind) => ({
          caseId: task.case_id,
          actionId: task.action_id,
          stepKey: task.step_key,
          kind,
          dueDate: on,
          assignee: null,
          reason: null,
        })),
      );
      result.tasksCreated.push(...created.map((t) => ({ id: t.id, kind: t.kind })));
      status = 'pending';
    } else status = 'queued';
  } else status = 'done';
  const isDone = status !== 'pending';
  await setActionStatus(db, task.creditor_id, task.action_id, status, isDone ? on : null);
  // A released step's messages are queued with it, in this transaction (transactional outbox).
  if (status === 'queued') await insertOutboxForActions(db, task.creditor_id, [task.action_id], dayStart(on));
  register.push({
    action:
      task.action_status === 'review'
        ? `step.review-${outcome === 'approved' ? 'approved' : 'closed'}`
        : 'step.done',
    subjectType: 'action',
    subjectId: task.action_id,
    debtorId: task.debtor_id,
    data: { caseId: task.case_id, stepKey: task.step_key, status, doneOn: isDone ? on : null },
  });
  // A handover released by the review hands the case over now (the run stores its case file).
  if (status === 'queued' && (task.action_channels ?? []).includes('agency-handover')) {
    for (const h of await markHandedOver(db, task.creditor_id, [task.case_id], on)) {
      register.push({
        action: 'case.handed-over',
        subjectType: 'case',
        subjectId: h.id,
        debtorId: h.debtor_id,
        reason: 'handover step approved: the company escalation stops, the agency follows the case',
        data: { handedOverOn: on },
      });
    }
  }
  // A legal step released by the review opens the legal phase now (as when the run takes it).
  if (status === 'queued' && (task.action_channels ?? []).includes('legal') && task.step_key)
    register.push(
      ...(await openLegalPhaseByStep(
        db,
        task.creditor_id,
        [
          {
            caseId: task.case_id,
            debtorId: task.debtor_id,
            actionId: task.action_id,
            stepKey: task.step_key,
          },
        ],
        on,
        'policy',
      )),
    );
  return status;
}

async function applyOutcome(
  db: TSql,
  task: TTaskRow,
  outcome: TTaskOutcome,
  on: TCalendarDate,
  note: string | null,
  items: readonly TPromiseItem[],
  result: TCompleteTaskResult,
  register: TRegisterEntryInput[],
): Promise<void> {
  const base = { debtorId: task.debtor_id };
  const addTask = async (kind: TTaskKind, reason: string) => {
    const [created] = await insertTasks(db, task.creditor_id, on, [
      {
        caseId: task.case_id,
        actionId: null,
        stepKey: null,
        kind,
        dueDate: onOrNextBusinessDay(on),
        assignee: null,
        reason,
      },
    ]);
    result.tasksCreated.push({ id: created!.id, kind });
    register.push({
      ...base,
      action: 'task.created',
      subjectType: 'task',
      subjectId: created!.id,
      reason,
      data: { caseId: task.case_id, kind },
    });
  };
  switch (outcome) {
    case 'promise':
    case 'plan': {
      const planId =
        outcome === 'plan'
          ? await insertPlan(db, task.creditor_id, { caseId: task.case_id, taskId: task.id, agreedOn: on })
          : null;
      const ids = await insertPromises(
        db,
        task.creditor_id,
        { caseId: task.case_id, taskId: task.id, planId, madeOn: on },
        items,
      );
      result.planId = planId;
      result.promises = items.map((p, i) => ({
        id: ids[i]!,
        dueDate: p.dueDate,
        amount: formatAmount(p.amountCents),
      }));
      register.push({
        ...base,
        action: planId ? 'plan.agreed' : 'promise.made',
        subjectType: planId ? 'plan' : 'promise',
        subjectId: planId ?? ids[0]!,
        reason: note,
        data: {
          caseId: task.case_id,
          promises: result.promises,
          total: formatAmount(sumCents(items.map((p) => p.amountCents))),
        },
      });
      return;
    }
    case 'dispute': {
      const open = await caseOpenInstalments(db, task.creditor_id, task.case_id);
      const opened = await insertDisputes(
        db,
        task.creditor_id,
        [...new Set(open.map((i) => i.invoice_id))],
        note ?? `disputed during a ${task.kind}`,
        on,
      );
      const numbers = new Map(open.map((i) => [i.invoice_id, i.invoice_number]));
      result.disputedInvoices = opened.map((d) => numbers.get(d.invoice_id)!);
      for (const d of opened) {
        register.push({
          ...base,
          action: 'dispute.opened',
          subjectType: 'dispute',
          subjectId: d.id,
          reason: d.reason,
          data: { invoiceNumber: numbers.get(d.invoice_id), taskId: task.id },
        });
      }
      return;
    }
    case 'paid':
      await addTask('review', 'the debtor says it is paid: ask for proof of payment and match it');
      return;
    case 'unreachable':
      // Seed 002: when the first letter and the first call both fail, a tracing service (rintraccio).
      if (task.kind !== 'tracing' && (await hasWrittenStep(db, task.creditor_id, task.case_id))) {
        await addTask('tracing', 'unreachable after a letter and a call: trace the debtor (rintraccio)');
      }
      return;
    case 'wrong-details':
      await resendInstructions(db, task, on, result, register);
      return;
    case 'no-answer':
    case 'approved':
      return;
  }
}

/** Seed 000: wrong bank account or a forgotten invoice: send the payment instructions again. */
async function resendInstructions(
  db: TSql,
  task: TTaskRow,
  on: TCalendarDate,
  result: TCompleteTaskResult,
  register: TRegisterEntryInput[],
): Promise<void> {
  const open = await caseOpenInstalments(db, task.creditor_id, task.case_id);
  if (open.length === 0) return;
  const stepKey = `payment-instructions-${task.id}`;
  const instalments = open.map((i) => ({
    id: i.id,
    invoiceNumber: i.invoice_number,
    dueDate: i.due_date,
    outstandingCents: i.outstanding_cents,
    currency: i.currency,
  }));
  const [action] = await insertActions(db, task.creditor_id, on, [
    {
      caseId: task.case_id,
      stepKey,
      channels: ['email'],
      tone: 'friendly',
      template: 'payment-instructions',
      status: 'queued',
      scheduledOn: on,
      doneOn: on,
      totalCents: sumCents(open.map((i) => i.outstanding_cents)),
      instalments,
      evidenceGaps: [],
      reason: 'wrong bank details or forgotten invoice',
      isAfterBrokenPromise: false,
    },
  ]);
  if (!action) return;
  await insertOutboxForActions(db, task.creditor_id, [action.id], dayStart(on));
  result.actionsCreated.push({ id: action.id, stepKey });
  register.push({
    debtorId: task.debtor_id,
    action: 'step.taken',
    subjectType: 'action',
    subjectId: action.id,
    reason: 'wrong bank details or forgotten invoice',
    data: {
      caseId: task.case_id,
      stepKey,
      status: 'queued',
      channels: ['email'],
      template: 'payment-instructions',
      instalments,
    },
  });
}

/** Messages a task outcome queues are due from the start of its day. */
function dayStart(on: TCalendarDate): Date {
  return new Date(`${on}T00:00:00Z`);
}
