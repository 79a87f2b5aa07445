import { randomBytes } from 'node:crypto';
import {
  REGISTER_FORMAT,
  REGISTER_GENESIS_HASH,
  registerHashV2,
  registerPayloadDigest,
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
 * one tenant are chained strictly in order. Rows are written in format 2: the hash covers a salted
 * digest of the personal payload (reason, data), which erase-register-payloads.ts can empty later.
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
  const rows: Array<
    TRegisterContent & { prevHash: string; hash: string; salt: string; payloadDigest: string }
  > = [];
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
    const salt = randomBytes(16).toString('hex');
    const payloadDigest = registerPayloadDigest(salt, content);
    const { reason: _reason, data: _data, ...sealed } = content;
    const hash = registerHashV2(prevHash, { ...sealed, payloadDigest });
    rows.push({ ...content, prevHash, hash, salt, payloadDigest });
    prevHash = hash;
  }
  await ctx.db.query(
    `insert into register_entries
       (creditor_id, seq, occurred_at, actor, action, subject_type, subject_id, debtor_id, reason, data, prev_hash, hash,
        format, payload_salt, payload_digest)
     select $1, r.seq, $2::timestamptz, $3, r.action, r.subject_type, r.subject_id, r.debtor_id, r.reason, r.data::jsonb, r.prev_hash, r.hash,
        ${REGISTER_FORMAT}, r.salt, r.digest
     from unnest($4::int8[], $5::text[], $6::text[], $7::int8[], $8::int8[], $9::text[], $10::text[], $11::text[], $12::text[],
                 $13::text[], $14::text[])
       as r(seq, action, subject_type, subject_id, debtor_id, reason, data, prev_hash, hash, salt, digest)`,
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
      rows.map((r) => r.salt),
      rows.map((r) => r.payloadDigest),
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
