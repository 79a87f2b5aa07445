import {
  REGISTER_GENESIS_HASH,
  registerHash,
  type TRegisterContent,
} from '../../core/register/register-hash.ts';
import type { TContext } from '../shared/context.ts';
import { enqueueWebhookEvents } from '../webhooks/enqueue-webhook-events.ts';

export type TRegisterEntryInput = {
  action: string;
  subjectType: string;
  subjectId?: number | null;
  debtorId?: number | null;
  reason?: string | null;
  data?: Record<string, unknown>;
};

/**
 * Appends entries to a tenant's register inside the caller's transaction, so the register row
 * and the change it records commit or roll back together. The head row is locked: appends of
 * one tenant are chained strictly in order.
 */
export async function appendRegisterEntries(
  ctx: TContext,
  creditorId: number,
  entries: readonly TRegisterEntryInput[],
): Promise<void> {
  if (entries.length === 0) return;
  await ctx.db.query(
    `insert into register_heads (creditor_id, seq, hash) values ($1, 0, $2) on conflict (creditor_id) do nothing`,
    [creditorId, REGISTER_GENESIS_HASH],
  );
  const [head] = await ctx.db.query<{ seq: number; hash: string }>(
    'select seq, hash from register_heads where creditor_id = $1 for update',
    [creditorId],
  );
  let seq = head!.seq;
  let prevHash = head!.hash;
  const rows: Array<TRegisterContent & { prevHash: string; hash: string }> = [];
  const occurredAt = ctx.now.toISOString();
  for (const entry of entries) {
    seq += 1;
    const content: TRegisterContent = {
      creditorId,
      seq,
      occurredAt,
      actor: ctx.actor,
      action: entry.action,
      subjectType: entry.subjectType,
      subjectId: entry.subjectId ?? null,
      debtorId: entry.debtorId ?? null,
      reason: entry.reason ?? null,
      data: entry.data ?? {},
    };
    const hash = registerHash(prevHash, content);
    rows.push({ ...content, prevHash, hash });
    prevHash = hash;
  }
  await ctx.db.query(
    `insert into register_entries
       (creditor_id, seq, occurred_at, actor, action, subject_type, subject_id, debtor_id, reason, data, prev_hash, hash)
     select $1, r.seq, $2::timestamptz, $3, r.action, r.subject_type, r.subject_id, r.debtor_id, r.reason, r.data::jsonb, r.prev_hash, r.hash
     from unnest($4::int8[], $5::text[], $6::text[], $7::int8[], $8::int8[], $9::text[], $10::text[], $11::text[], $12::text[])
       as r(seq, action, subject_type, subject_id, debtor_id, reason, data, prev_hash, hash)`,
    [
      creditorId,
      occurredAt,
      ctx.actor,
      rows.map((r) => r.seq),
      rows.map((r) => r.action),
      rows.map((r) => r.subjectType),
      rows.map((r) => r.subjectId),
      rows.map((r) => r.debtorId),
      rows.map((r) => r.reason),
      rows.map((r) => JSON.stringify(r.data)),
      rows.map((r) => r.prevHash),
      rows.map((r) => r.hash),
    ],
  );
  await ctx.db.query('update register_heads set seq = $2, hash = $3 where creditor_id = $1', [
    creditorId,
    seq,
    prevHash,
  ]);
  // Webhook events are register entries seen from outside: queued in this same transaction.
  await enqueueWebhookEvents(ctx.db, creditorId, occurredAt, rows);
}
