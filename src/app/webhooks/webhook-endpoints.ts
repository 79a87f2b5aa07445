import { randomBytes } from 'node:crypto';
import { AppError, invalid } from '../../core/shared/errors.ts';
import { type TWebhookEvent, WEBHOOK_EVENTS } from '../../core/webhooks/webhook-events.ts';
import type { TSql } from '../../db/database.ts';
import type { TContext } from '../shared/context.ts';

export type TWebhookEndpointView = {
  id: number;
  creditorId: number;
  url: string;
  events: string[];
  isActive: boolean;
  createdAt: string;
};

type TEndpointRow = {
  creditor_id: number;
  id: number;
  url: string;
  events: string[];
  is_active: boolean;
  created_at: Date;
};

const view = (r: TEndpointRow): TWebhookEndpointView => ({
  id: r.id,
  creditorId: r.creditor_id,
  url: r.url,
  events: r.events,
  isActive: r.is_active,
  createdAt: r.created_at.toISOString(),
});

const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]']);

/** https only, except on this machine (development, tests); no credentials in the URL. */
export function parseEndpointUrl(value: unknown, field = 'url'): string {
  let url: URL;
  try {
    url = new URL(String(value ?? ''));
  } catch {
    throw invalid(field, value ?? null, 'is not a URL');
  }
  if (url.username || url.password) throw invalid(field, value, 'must not carry credentials');
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && LOOPBACK.has(url.hostname)))
    throw invalid(field, value, 'must be https (plain http only to localhost)');
  return url.toString();
}

export function parseEvents(value: unknown, field = 'events'): TWebhookEvent[] {
  const list = Array.isArray(value) ? value.map(String) : String(value ?? '').split(',');
  const names = [...new Set(list.map((e) => e.trim()).filter(Boolean))];
  if (names.length === 0)
    throw invalid(field, value ?? null, `must name at least one of ${WEBHOOK_EVENTS.join(', ')}`);
  for (const name of names)
    if (!(WEBHOOK_EVENTS as readonly string[]).includes(name))
      throw invalid(field, name, `is not one of ${WEBHOOK_EVENTS.join(', ')}`);
  return names as TWebhookEvent[];
}

/** Adds an endpoint; its signing secret is returned here once. */
export async function addWebhookEndpoint(
  ctx: TContext,
  creditorId: number,
  input: { url: unknown; events: unknown },
): Promise<TWebhookEndpointView & { secret: string }> {
  const url = parseEndpointUrl(input.url);
  const events = parseEvents(input.events);
  const secret = `whsec_${randomBytes(32).toString('base64url')}`;
  const [row] = await ctx.db.query<TEndpointRow>(
    `insert into webhook_endpoints (creditor_id, url, events, secret, created_by, created_at)
     values ($1, $2, $3, $4, $5, $6) returning creditor_id, id, url, events, is_active, created_at`,
    [creditorId, url, events, secret, ctx.actor, ctx.now],
  );
  return { ...view(row!), secret };
}

export async function listWebhookEndpoints(
  db: TSql,
  creditorIds: readonly number[] | null,
): Promise<TWebhookEndpointView[]> {
  const rows = await db.query<TEndpointRow>(
    `select creditor_id, id, url, events, is_active, created_at from webhook_endpoints
     where ($1::int8[] is null or creditor_id = any($1)) order by creditor_id, id`,
    [creditorIds],
  );
  return rows.map(view);
}

export async function disableWebhookEndpoint(
  ctx: TContext,
  creditorIds: readonly number[] | null,
  id: number,
) {
  const rows = await ctx.db.query<TEndpointRow>(
    `update webhook_endpoints set is_active = false
     where id = $1 and ($2::int8[] is null or creditor_id = any($2))
     returning creditor_id, id, url, events, is_active, created_at`,
    [id, creditorIds],
  );
  if (!rows[0])
    throw new AppError('NOT_FOUND', `id: ${id} is not a webhook endpoint`, { field: 'id', value: id });
  return view(rows[0]);
}
