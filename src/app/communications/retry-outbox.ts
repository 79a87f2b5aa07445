import { AppError } from '../../core/shared/errors.ts';
import { findOutboxRow, insertAttempt, updateOutboxRow } from '../../db/queries/communication-outbox.ts';
import { appendRegisterEntries } from '../register/append-register-entries.ts';
import type { TContext } from '../shared/context.ts';

/**
 * A person sends a message again: a failed one (address corrected, server fixed) or one whose
 * fate is unknown (`sending` after a crash: checked in the mail server's log that it did not
 * leave). It goes back to `pending`, due now, with the same Message-ID.
 */
export async function retryOutbox(
  ctx: TContext,
  input: { id: number; creditorId: number | null; reason?: string | null },
): Promise<{ id: number; status: 'pending' }> {
  return ctx.db.transaction(async (db) => {
    const row = await findOutboxRow(db, input.creditorId, input.id);
    if (!row)
      throw new AppError('NOT_FOUND', `outbox: message ${input.id} does not exist`, {
        field: 'id',
        value: input.id,
      });
    if (!['failed', 'sending'].includes(row.status) && !row.needs_attention) {
      throw new AppError(
        'CONFLICT',
        `outbox: message ${input.id} is ${row.status}; only a failed or unknown message is retried`,
        {
          field: 'id',
          value: input.id,
          status: row.status,
        },
      );
    }
    if (row.channel === 'letter' || row.channel === 'registered-letter') {
      await updateOutboxRow(db, {
        creditor_id: row.creditor_id,
        id: row.id,
        status: 'pending',
        needs_attention: false,
        batch_date: null,
        next_attempt_at: ctx.now,
      });
    } else {
      await updateOutboxRow(db, {
        creditor_id: row.creditor_id,
        id: row.id,
        status: 'pending',
        needs_attention: false,
        next_attempt_at: ctx.now,
      });
    }
    await insertAttempt(db, {
      creditorId: row.creditor_id,
      outboxId: row.id,
      at: ctx.now,
      outcome: 'deferred',
      detail: `retry by ${ctx.actor}${input.reason ? `: ${input.reason}` : ''}`,
    });
    await appendRegisterEntries({ ...ctx, db }, row.creditor_id, [
      {
        action: 'message.retried',
        subjectType: 'outbox',
        subjectId: row.id,
        reason: input.reason ?? null,
        data: { previousStatus: row.status, channel: row.channel },
      },
    ]);
    return { id: row.id, status: 'pending' as const };
  });
}
