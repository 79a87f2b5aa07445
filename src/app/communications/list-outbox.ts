import { z } from 'zod';
import type { TSql } from '../../db/database.ts';
import { listOutboxRows, type TOutboxListRow } from '../../db/queries/communication-outbox.ts';
import { parseInput } from '../shared/parse-input.ts';

/** A message left `sending` longer than this was probably cut by a crash: its fate is unknown. */
export const STALE_SENDING_MS = 15 * 60_000;

export const ZListOutbox = z.object({
  creditorId: z.number().int().nullish(),
  status: z.enum(['pending', 'sending', 'sent', 'failed', 'cancelled']).nullish(),
  needsAttention: z.boolean().default(false),
  afterId: z.number().int().min(0).default(0),
  limit: z.number().int().min(1).max(10_000).default(1000),
});

export type TOutboxView = {
  id: number;
  actionId: number;
  stepKey: string;
  channel: string;
  status: string;
  needsAttention: boolean;
  /** `sending` for longer than STALE_SENDING_MS: maybe delivered, not recorded; a person decides. */
  isUnknown: boolean;
  debtor: { id: number; name: string };
  recipient: string | null;
  messageId: string;
  attempts: number;
  nextAttemptAt: string | null;
  lastError: string | null;
  fallbackOf: number | null;
  batchDate: string | null;
  trackingNumber: string | null;
  sentAt: string | null;
  attemptLog: Array<{ at: string; outcome: string; detail: string | null }>;
};

export function outboxView(r: TOutboxListRow, now: Date): TOutboxView {
  return {
    id: r.id,
    actionId: r.action_id,
    stepKey: r.step_key,
    channel: r.channel,
    status: r.status,
    needsAttention: r.needs_attention,
    isUnknown:
      r.status === 'sending' && now.getTime() - new Date(r.next_attempt_at).getTime() > STALE_SENDING_MS,
    debtor: { id: r.debtor_id, name: r.debtor_name },
    recipient: r.recipient,
    messageId: r.message_id,
    attempts: r.attempts,
    nextAttemptAt: r.status === 'pending' ? new Date(r.next_attempt_at).toISOString() : null,
    lastError: r.last_error,
    fallbackOf: r.fallback_of,
    batchDate: r.batch_date,
    trackingNumber: r.tracking_number,
    sentAt: r.sent_at ? new Date(r.sent_at).toISOString() : null,
    attemptLog: r.attempt_log.map((a) => ({
      at: new Date(a.at).toISOString(),
      outcome: a.outcome,
      detail: a.detail,
    })),
  };
}

export async function listOutbox(
  db: TSql,
  raw: z.input<typeof ZListOutbox>,
  now: Date,
): Promise<TOutboxView[]> {
  const f = parseInput(ZListOutbox, raw);
  const rows = await listOutboxRows(db, {
    creditorId: f.creditorId ?? null,
    status: f.status ?? null,
    needsAttention: f.needsAttention,
    afterId: f.afterId,
    limit: f.limit,
  });
  return rows.map((r) => outboxView(r, now));
}
