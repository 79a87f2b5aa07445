import { fallbackChannel, MAX_ATTEMPTS, retryDelayMs } from '../../core/communications/retry-policy.ts';
import {
  insertAttempt,
  insertFallback,
  type TOutboxRow,
  updateOutboxRow,
} from '../../db/queries/communication-outbox.ts';
import { appendRegisterEntries } from '../register/append-register-entries.ts';
import type { TContext } from '../shared/context.ts';

/** How one message's turn in the sender ended, each with its attempt row and register entry. */

export type TSentMessage = {
  id: number;
  actionId: number;
  channel: string;
  status: string;
  outcome: 'sent' | 'temporary-failure' | 'hard-failure' | 'cancelled' | 'deferred';
  recipient: string | null;
  messageId: string;
  detail: string | null;
  fallbackId: number | null;
};

export function view(
  row: TOutboxRow,
  over: Partial<TSentMessage> & Pick<TSentMessage, 'outcome' | 'status'>,
): TSentMessage {
  return {
    id: row.id,
    actionId: row.action_id,
    channel: row.channel,
    recipient: row.recipient,
    messageId: row.message_id,
    detail: null,
    fallbackId: null,
    ...over,
  };
}

export async function cancel(
  ctx: TContext,
  row: TOutboxRow,
  debtorId: number,
  reason: string,
): Promise<TSentMessage> {
  await updateOutboxRow(ctx.db, {
    creditor_id: row.creditor_id,
    id: row.id,
    status: 'cancelled',
    last_error: reason,
  });
  await insertAttempt(ctx.db, {
    creditorId: row.creditor_id,
    outboxId: row.id,
    at: ctx.now,
    outcome: 'cancelled',
    detail: reason,
  });
  await appendRegisterEntries(ctx, row.creditor_id, [
    {
      action: 'message.cancelled',
      subjectType: 'outbox',
      subjectId: row.id,
      debtorId,
      reason,
      data: { actionId: row.action_id, channel: row.channel },
    },
  ]);
  return view(row, { outcome: 'cancelled', status: 'cancelled', detail: reason });
}

export async function defer(
  ctx: TContext,
  row: TOutboxRow,
  until: Date,
  reason: string,
): Promise<TSentMessage> {
  await updateOutboxRow(ctx.db, { creditor_id: row.creditor_id, id: row.id, next_attempt_at: until });
  await insertAttempt(ctx.db, {
    creditorId: row.creditor_id,
    outboxId: row.id,
    at: ctx.now,
    outcome: 'deferred',
    detail: `${reason}; next try ${until.toISOString()}`,
  });
  return view(row, { outcome: 'deferred', status: 'pending', detail: reason });
}

/**
 * A temporary failure goes back to `pending` with backoff, until MAX_ATTEMPTS; a hard one (or
 * the last temporary one) is marked for a person and, where it makes sense, the same action is
 * queued on paper (e-mail bounced → letter; PEC refused → registered letter).
 */
export async function fail(
  ctx: TContext,
  row: TOutboxRow,
  debtorId: number,
  kind: 'temporary' | 'hard',
  detail: string,
  withFallback: boolean,
): Promise<TSentMessage> {
  const isFinal = kind === 'hard' || row.attempts >= MAX_ATTEMPTS;
  const outcome = kind === 'hard' ? 'hard-failure' : 'temporary-failure';
  await insertAttempt(ctx.db, {
    creditorId: row.creditor_id,
    outboxId: row.id,
    at: ctx.now,
    outcome,
    detail,
  });
  if (!isFinal) {
    const next = new Date(ctx.now.getTime() + retryDelayMs(row.attempts));
    await updateOutboxRow(ctx.db, {
      creditor_id: row.creditor_id,
      id: row.id,
      status: 'pending',
      next_attempt_at: next,
      last_error: detail,
    });
    return view(row, { outcome, status: 'pending', detail });
  }
  await updateOutboxRow(ctx.db, {
    creditor_id: row.creditor_id,
    id: row.id,
    status: 'failed',
    needs_attention: true,
    last_error: detail,
  });
  const channel = withFallback ? fallbackChannel(row.channel) : null;
  const fallbackId = channel ? await insertFallback(ctx.db, row, channel, ctx.now) : null;
  await appendRegisterEntries(ctx, row.creditor_id, [
    {
      action: 'message.failed',
      subjectType: 'outbox',
      subjectId: row.id,
      debtorId,
      reason: detail,
      data: {
        actionId: row.action_id,
        channel: row.channel,
        attempts: row.attempts,
        fallbackId,
        fallbackChannel: fallbackId ? channel : null,
      },
    },
  ]);
  return view(row, { outcome: 'hard-failure', status: 'failed', detail, fallbackId });
}
