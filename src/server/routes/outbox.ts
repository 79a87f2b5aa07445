import type { Hono } from 'hono';
import { resolveCreditorIdOrNull } from '../../app/collection/resolve-creditor.ts';
import { listOutbox } from '../../app/communications/list-outbox.ts';
import { retryOutbox } from '../../app/communications/retry-outbox.ts';
import { sendOutbox, type TSenders } from '../../app/communications/send-outbox.ts';
import { makeContext } from '../../app/shared/context.ts';
import { invalid } from '../../core/shared/errors.ts';
import type { TServerDeps } from '../app.ts';
import { jsonObject } from './communications.ts';

function numberParam(value: string | undefined, field: string, fallback: number): number {
  if (value === undefined || value === '') return fallback;
  if (!/^\d+$/.test(value)) throw invalid(field, value, 'is not a whole number');
  return Number(value);
}

/**
 * GET /api/v1/outbox?status=&attention=true&creditor=&after=&limit=, POST /api/v1/outbox/send
 * {creditor, limit} (only when the server was given senders), POST /api/v1/outbox/:id/retry {reason}.
 */
export function registerOutboxRoutes(app: Hono, deps: TServerDeps & { senders?: TSenders }): void {
  const now = () => deps.clock?.() ?? new Date();

  app.get('/api/v1/outbox', async (c) =>
    c.json(
      await listOutbox(
        deps.db,
        {
          creditorId: await resolveCreditorIdOrNull(deps.db, c.req.query('creditor')),
          status: (c.req.query('status') || null) as never,
          needsAttention: c.req.query('attention') === 'true',
          afterId: numberParam(c.req.query('after'), 'after', 0),
          limit: numberParam(c.req.query('limit'), 'limit', 100),
        },
        now(),
      ),
    ),
  );

  app.post('/api/v1/outbox/send', async (c) => {
    const body = await jsonObject(c);
    if (!deps.senders)
      throw invalid('senders', null, 'are not configured on this server (RISCOSSA_SMTP_URL)');
    const creditorId = await resolveCreditorIdOrNull(
      deps.db,
      typeof body.creditor === 'string' ? body.creditor : null,
    );
    const result = await sendOutbox(makeContext(deps.db, 'api', now()), deps.senders, {
      creditorId,
      limit: typeof body.limit === 'number' ? body.limit : 1000,
    });
    return c.json(result);
  });

  app.post('/api/v1/outbox/:id/retry', async (c) => {
    const body = await jsonObject(c);
    const result = await retryOutbox(makeContext(deps.db, 'api', now()), {
      id: numberParam(c.req.param('id'), 'id', 0),
      creditorId: await resolveCreditorIdOrNull(
        deps.db,
        typeof body.creditor === 'string' ? body.creditor : null,
      ),
      reason: typeof body.reason === 'string' ? body.reason : null,
    });
    return c.json(result);
  });
}
