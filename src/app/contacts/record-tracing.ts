import { z } from 'zod';
import { normalizeAddress } from '../../core/contacts/normalize-address.ts';
import { AppError, invalid } from '../../core/shared/errors.ts';
import { completeTask } from '../collection/complete-task.ts';
import { appendRegisterEntries } from '../register/append-register-entries.ts';
import type { TContext } from '../shared/context.ts';
import { parseInput } from '../shared/parse-input.ts';

export const TRACING_OUTCOMES = [
  'new-address',
  'new-phone',
  'deceased',
  'company-closed',
  'not-found',
] as const;

export const ZRecordTracing = z.object({
  taskId: z.number().int().positive(),
  outcome: z.enum(TRACING_OUTCOMES),
  address: z
    .object({
      street: z.string().trim().min(1),
      postalCode: z.string().nullish(),
      city: z.string().trim().min(1),
      province: z.string().nullish(),
      country: z.string().length(2).default('IT'),
    })
    .nullish(),
  phone: z.string().trim().min(5).nullish(),
  note: z.string().default(''),
});
export type TRecordTracing = z.input<typeof ZRecordTracing>;

/**
 * The outcome of a tracing task (rintraccio, seed 002): a new address (normalised, added) or
 * phone (added), and the escalation goes on; the debtor deceased (heirs) or the company closed
 * (insolvency, struck off): a hold on the debtor until someone decides; not found: the task ends
 * as unreachable. The tracing task is completed with it, in one transaction.
 */
export async function recordTracing(ctx: TContext, raw: TRecordTracing) {
  const input = parseInput(ZRecordTracing, raw);
  if (input.outcome === 'new-address' && !input.address)
    throw invalid('address', null, 'is required for new-address');
  if (input.outcome === 'new-phone' && !input.phone)
    throw invalid('phone', null, 'is required for new-phone');
  return ctx.db.transaction(async (db) => {
    const tx: TContext = { ...ctx, db };
    const [task] = await db.query<{ creditor_id: number; kind: string; status: string; debtor_id: number }>(
      `select k.creditor_id, k.kind, k.status, c.debtor_id from collection_tasks k
       join collection_cases c on c.creditor_id = k.creditor_id and c.id = k.case_id where k.id = $1 for update of k`,
      [input.taskId],
    );
    if (task?.kind !== 'tracing')
      throw new AppError('NOT_FOUND', `task: ${input.taskId} is not a tracing task`, {
        field: 'task',
        value: input.taskId,
      });
    if (task.status !== 'open')
      throw new AppError('CONFLICT', `task: ${input.taskId} is already ${task.status}`, {
        field: 'task',
        value: input.taskId,
      });
    const detail: Record<string, unknown> = {};
    if (input.outcome === 'new-address') {
      const check = normalizeAddress({
        street: input.address!.street,
        postalCode: input.address!.postalCode ?? null,
        city: input.address!.city,
        province: input.address!.province ?? null,
        country: input.address!.country,
      });
      await db.query(
        `insert into debtor_addresses (creditor_id, debtor_id, kind, street, postal_code, city, province, country)
         values ($1, $2, 'registered', $3, $4, $5, $6, $7)`,
        [
          task.creditor_id,
          task.debtor_id,
          check.address.street,
          check.address.postalCode,
          check.address.city,
          check.address.province,
          check.address.country,
        ],
      );
      Object.assign(detail, { address: check.address, issues: check.issues });
    }
    if (input.outcome === 'new-phone') {
      await db.query(
        'update debtors set phones = array_append(phones, $3), updated_at = now() where creditor_id = $1 and id = $2 and not ($3 = any(phones))',
        [task.creditor_id, task.debtor_id, input.phone],
      );
      detail.phone = input.phone;
    }
    if (input.outcome === 'deceased' || input.outcome === 'company-closed') {
      const reason =
        input.outcome === 'deceased'
          ? 'debtor deceased: heirs to be identified'
          : 'company closed: check insolvency proceedings';
      const [hold] = await db.query<{ id: number }>(
        `insert into collection_holds (creditor_id, debtor_id, reason, starts_on) values ($1, $2, $3, $4) returning id`,
        [task.creditor_id, task.debtor_id, reason, ctx.today],
      );
      detail.holdId = hold!.id;
    }
    await db.query(
      `insert into tracing_results (creditor_id, task_id, debtor_id, outcome, found_on, detail, note, recorded_by)
       values ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [
        task.creditor_id,
        input.taskId,
        task.debtor_id,
        input.outcome,
        ctx.today,
        JSON.stringify(detail),
        input.note,
        ctx.actor,
      ],
    );
    await appendRegisterEntries(tx, task.creditor_id, [
      {
        action: 'tracing.result',
        subjectType: 'task',
        subjectId: input.taskId,
        debtorId: task.debtor_id,
        reason: input.note || null,
        data: { outcome: input.outcome, ...detail },
      },
    ]);
    const isFound = input.outcome === 'new-address' || input.outcome === 'new-phone';
    const completed = await completeTask(tx, {
      taskId: input.taskId,
      outcome: isFound ? 'approved' : 'unreachable',
      note: `tracing: ${input.outcome}${input.note ? ` - ${input.note}` : ''}`,
    });
    return { taskId: input.taskId, outcome: input.outcome, detail, taskOutcome: completed.outcome };
  });
}
