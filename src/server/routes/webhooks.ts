import type { Context, Hono } from 'hono';
import { listDeliveries, redeliver } from '../../app/webhooks/deliver-webhooks.ts';
import {
  addWebhookEndpoint,
  disableWebhookEndpoint,
  listWebhookEndpoints,
} from '../../app/webhooks/webhook-endpoints.ts';
import { invalid } from '../../core/shared/errors.ts';
import type { TServerDeps } from '../app.ts';
import { jsonObject } from '../json-body.ts';
import { principalOf } from '../security/authenticate.ts';
import { requestContext, scopeCreditorId } from '../security/tenant-scope.ts';

function idParam(c: Context, name = 'id'): number {
  const id = c.req.param(name) ?? '';
  if (!/^\d{1,15}$/.test(id)) throw invalid(name, id, 'is not an id');
  return Number(id);
}

/**
 * Webhook endpoints of the creditors one reaches (permission "policies"):
 * GET|POST /api/v1/webhooks, DELETE /api/v1/webhooks/:id, GET /api/v1/webhooks/deliveries,
 * POST /api/v1/webhooks/deliveries/:id/redeliver.
 */
export function registerWebhookRoutes(app: Hono, deps: TServerDeps): void {
  const reach = (c: Context) => principalOf(c).creditorIds;

  app.get('/api/v1/webhooks', async (c) => c.json(await listWebhookEndpoints(deps.db, reach(c))));

  app.post('/api/v1/webhooks', async (c) => {
    const body = await jsonObject(c);
    if (body.creditor !== undefined && typeof body.creditor !== 'string')
      throw invalid('creditor', body.creditor, 'is not a VAT number');
    const creditorId = await scopeCreditorId(c, deps.db, body.creditor as string | undefined);
    if (creditorId === null) throw invalid('creditor', null, 'is required');
    return c.json(await addWebhookEndpoint(requestContext(c, deps), creditorId, body as never), 201);
  });

  app.get('/api/v1/webhooks/deliveries', async (c) => {
    const endpoint = c.req.query('endpoint');
    if (endpoint !== undefined && !/^\d{1,15}$/.test(endpoint))
      throw invalid('endpoint', endpoint, 'is not an id');
    return c.json(
      await listDeliveries(deps.db, {
        creditorIds: reach(c),
        endpointId: endpoint ? Number(endpoint) : null,
      }),
    );
  });

  app.post('/api/v1/webhooks/deliveries/:id/redeliver', async (c) => {
    const id = idParam(c);
    await redeliver(deps.db, reach(c), id, deps.clock?.() ?? new Date());
    return c.json({ id, status: 'pending' });
  });

  app.delete('/api/v1/webhooks/:id', async (c) =>
    c.json(await disableWebhookEndpoint(requestContext(c, deps), reach(c), idParam(c))),
  );
}
