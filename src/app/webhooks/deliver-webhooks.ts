import { AppError } from '../../core/shared/errors.ts';
import { nextAttemptDelay, signatureHeader } from '../../core/webhooks/webhook-events.ts';
import type { TSql } from '../../db/database.ts';

export type TDeliveryRun = { attempted: number; delivered: number; retrying: number; failed: number };

type TDueDelivery = {
  creditor_id: number;
  id: number;
  event_id: string;
  event_type: string;
  payload: unknown;
  attempts: number;
  url: string;
  secret: string;
};

/** One answer per attempt within this time, else it counts as a failure. */
export const DELIVERY_TIMEOUT_MS = 10_000;

/**
 * Sends the deliveries that are due (after the commit that queued them), each signed with its
 * endpoint's secret. 2xx: delivered. Anything else: retried after the next delay of the backoff,
 * until the delays run out (then failed; a person can redeliver). Each attempt is logged.
 * Rows are claimed by pushing next_attempt_at forward first, so two dispatchers never send one
 * delivery at the same time.
 */
export async function deliverWebhooks(
  db: TSql,
  options: { now?: () => Date; limit?: number; creditorId?: number | null } = {},
): Promise<TDeliveryRun> {
  const now = options.now ?? (() => new Date());
  const claimedAt = now();
  const due = await db.query<TDueDelivery>(
    `with due as (
       select d.creditor_id, d.id from webhook_deliveries d
       where d.status = 'pending' and d.next_attempt_at <= $1 and ($3::int8 is null or d.creditor_id = $3)
       order by d.next_attempt_at limit $2 for update skip locked)
     update webhook_deliveries d set next_attempt_at = $1::timestamptz + interval '5 minutes'
     from due, webhook_endpoints e
     where d.creditor_id = due.creditor_id and d.id = due.id
       and e.creditor_id = d.creditor_id and e.id = d.endpoint_id
     returning d.creditor_id, d.id, d.event_id, d.event_type, d.payload, d.attempts, e.url, e.secret`,
    [claimedAt, options.limit ?? 100, options.creditorId ?? null],
  );
  const run: TDeliveryRun = { attempted: 0, delivered: 0, retrying: 0, failed: 0 };
  for (const delivery of due) {
    run.attempted += 1;
    const outcome = await send(delivery, now());
    const attempts = delivery.attempts + 1;
    const at = now();
    const isDelivered = outcome.statusCode !== null && outcome.statusCode >= 200 && outcome.statusCode < 300;
    const delay = isDelivered ? null : nextAttemptDelay(attempts);
    const status = isDelivered ? 'delivered' : delay === null ? 'failed' : 'pending';
    run[isDelivered ? 'delivered' : delay === null ? 'failed' : 'retrying'] += 1;
    await db.transaction(async (tx) => {
      await tx.query(
        `insert into webhook_attempts (creditor_id, delivery_id, attempted_at, status_code, error, duration_ms)
         values ($1, $2, $3, $4, $5, $6)`,
        [delivery.creditor_id, delivery.id, at, outcome.statusCode, outcome.error, outcome.durationMs],
      );
      await tx.query(
        `update webhook_deliveries set status = $3, attempts = $4, last_status_code = $5, last_error = $6,
           delivered_at = case when $3 = 'delivered' then $7::timestamptz else delivered_at end,
           next_attempt_at = $7::timestamptz + ($8::int8 * interval '1 millisecond')
         where creditor_id = $1 and id = $2`,
        [
          delivery.creditor_id,
          delivery.id,
          status,
          attempts,
          outcome.statusCode,
          outcome.error,
          at,
          delay ?? 0,
        ],
      );
    });
  }
  return run;
}

async function send(
  delivery: TDueDelivery,
  at: Date,
): Promise<{ statusCode: number | null; error: string | null; durationMs: number }> {
  const body = JSON.stringify(delivery.payload);
  const started = performance.now();
  try {
    const response = await fetch(delivery.url, {
      method: 'POST',
      headers: {
        'Content-Type': 'application/json',
        'User-Agent': 'Riscossa-Webhooks/1',
        'Riscossa-Event': delivery.event_type,
        'Riscossa-Event-Id': delivery.event_id,
        'Riscossa-Signature': signatureHeader(delivery.secret, body, at),
      },
      body,
      redirect: 'manual',
      signal: AbortSignal.timeout(DELIVERY_TIMEOUT_MS),
    });
    await response.body?.cancel();
    return {
      statusCode: response.status,
      error: response.ok ? null : `HTTP ${response.status}`,
      durationMs: Math.round(performance.now() - started),
    };
  } catch (error) {
    return {
      statusCode: null,
      error: (error instanceof Error ? error.message : String(error)).slice(0, 500),
      durationMs: Math.round(performance.now() - started),
    };
  }
}

export type TDeliveryView = {
  id: number;
  creditorId: number;
  endpointId: number;
  eventId: string;
  eventType: string;
  status: string;
  attempts: number;
  lastStatusCode: number | null;
  lastError: string | null;
  nextAttemptAt: string | null;
  deliveredAt: string | null;
  createdAt: string;
};

export async function listDeliveries(
  db: TSql,
  filter: { creditorIds: readonly number[] | null; endpointId?: number | null; limit?: number },
): Promise<TDeliveryView[]> {
  const rows = await db.query<{
    id: number;
    creditor_id: number;
    endpoint_id: number;
    event_id: string;
    event_type: string;
    status: string;
    attempts: number;
    last_status_code: number | null;
    last_error: string | null;
    next_attempt_at: Date;
    delivered_at: Date | null;
    created_at: Date;
  }>(
    `select id, creditor_id, endpoint_id, event_id, event_type, status, attempts, last_status_code, last_error,
            next_attempt_at, delivered_at, created_at
     from webhook_deliveries
     where ($1::int8[] is null or creditor_id = any($1)) and ($2::int8 is null or endpoint_id = $2)
     order by created_at desc, id desc limit $3`,
    [filter.creditorIds, filter.endpointId ?? null, filter.limit ?? 100],
  );
  return rows.map((r) => ({
    id: r.id,
    creditorId: r.creditor_id,
    endpointId: r.endpoint_id,
    eventId: r.event_id,
    eventType: r.event_type,
    status: r.status,
    attempts: r.attempts,
    lastStatusCode: r.last_status_code,
    lastError: r.last_error,
    nextAttemptAt: r.status === 'pending' ? r.next_attempt_at.toISOString() : null,
    deliveredAt: r.delivered_at?.toISOString() ?? null,
    createdAt: r.created_at.toISOString(),
  }));
}

/** Manual redelivery: the delivery is due again now, whatever its state (same event id). */
export async function redeliver(
  db: TSql,
  creditorIds: readonly number[] | null,
  id: number,
  now: Date,
): Promise<void> {
  const rows = await db.query(
    `update webhook_deliveries set status = 'pending', next_attempt_at = $3
     where id = $1 and ($2::int8[] is null or creditor_id = any($2)) returning id`,
    [id, creditorIds, now],
  );
  if (rows.length === 0)
    throw new AppError('NOT_FOUND', `id: ${id} is not a webhook delivery`, { field: 'id', value: id });
}
