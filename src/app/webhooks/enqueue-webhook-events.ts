import { webhookEventsOf } from '../../core/webhooks/webhook-events.ts';
import type { TSql } from '../../db/database.ts';

type TRegisteredEntry = {
  seq: number;
  action: string;
  subjectType: string;
  subjectId: number | null;
  debtorId: number | null;
  reason: string | null;
  data: unknown;
};

/**
 * Writes the deliveries of the webhook events among freshly appended register entries, in the
 * caller's transaction: one row per event and subscribed active endpoint; none when no endpoint
 * of the creditor listens (one cheap statement per append).
 */
export async function enqueueWebhookEvents(
  db: TSql,
  creditorId: number,
  occurredAt: string,
  entries: readonly TRegisteredEntry[],
): Promise<void> {
  if (entries.length === 0) return;
  // Which event types anyone listens to, first: a daily run appends tens of thousands of entries,
  // and building (and shipping) a payload for each when no endpoint wants it cost a tenth of the run.
  const [subscribed] = await db.query<{ types: string[] | null }>(
    `select array_agg(distinct t) as types from webhook_endpoints e, unnest(e.events) as t
     where e.creditor_id = $1 and e.is_active`,
    [creditorId],
  );
  const wanted = new Set(subscribed?.types ?? []);
  if (wanted.size === 0) return;
  const events = entries.flatMap((entry) =>
    webhookEventsOf(entry.action, (entry.data ?? {}) as Record<string, unknown>)
      .filter((type) => wanted.has(type))
      .map((type) => ({
        id: `evt_${creditorId}_${entry.seq}${type === 'case.handed_over' ? '_h' : ''}`,
        type,
        payload: JSON.stringify({
          id: `evt_${creditorId}_${entry.seq}${type === 'case.handed_over' ? '_h' : ''}`,
          type,
          createdAt: occurredAt,
          creditorId,
          data: {
            subjectType: entry.subjectType,
            subjectId: entry.subjectId,
            debtorId: entry.debtorId,
            reason: entry.reason,
            ...((entry.data ?? {}) as Record<string, unknown>),
          },
        }),
      })),
  );
  if (events.length === 0) return;
  await db.query(
    `insert into webhook_deliveries (creditor_id, endpoint_id, event_id, event_type, payload, next_attempt_at, created_at)
     select $1, e.id, v.id, v.type, v.payload::jsonb, $2::timestamptz, $2::timestamptz
     from unnest($3::text[], $4::text[], $5::text[]) as v(id, type, payload)
     join webhook_endpoints e on e.creditor_id = $1 and e.is_active and v.type = any(e.events)
     on conflict (creditor_id, endpoint_id, event_id) do nothing`,
    [
      creditorId,
      occurredAt,
      events.map((e) => e.id),
      events.map((e) => e.type),
      events.map((e) => e.payload),
    ],
  );
}
