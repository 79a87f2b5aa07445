import type { Hono } from 'hono';
import { batchLetters } from '../../app/communications/batch-letters.ts';
import { ingestPecReceipt, MAX_RECEIPT_BYTES } from '../../app/communications/ingest-pec-receipt.ts';
import { listOutbox } from '../../app/communications/list-outbox.ts';
import { listReceiptsOf } from '../../app/communications/list-pec-receipts.ts';
import { recordTracking } from '../../app/communications/record-tracking.ts';
import { retryOutbox } from '../../app/communications/retry-outbox.ts';
import { sendOutbox, type TSenders } from '../../app/communications/send-outbox.ts';
import { setConductRules } from '../../app/communications/set-conduct-rules.ts';
import { AppError, invalid } from '../../core/shared/errors.ts';
import type { TServerDeps } from '../app.ts';
import { jsonObject } from '../json-body.ts';
import {
  requestContext,
  requiredCreditorId,
  scopeCreditorId,
  scopeCreditorVat,
} from '../security/tenant-scope.ts';

function numberParam(value: string | undefined, field: string, fallback: number): number {
  if (value === undefined || value === '') return fallback;
  if (!/^\d+$/.test(value)) throw invalid(field, value, 'is not a whole number');
  return Number(value);
}

/**
 * GET /api/v1/outbox?status=&attention=true&creditor=&after=&limit=, POST /api/v1/outbox/send
 * {creditor, limit} (only when the server was given senders), POST /api/v1/outbox/:id/retry {reason},
 * GET /api/v1/conduct?creditor= and PUT /api/v1/conduct {creditor?, quietFromHour?, quietToHour?,
 * weeklyCap?} (as `outbox conduct`).
 */
export function registerOutboxRoutes(app: Hono, deps: TServerDeps & { senders?: TSenders }): void {
  const now = () => deps.clock?.() ?? new Date();

  app.get('/api/v1/outbox', async (c) =>
    c.json(
      await listOutbox(
        deps.db,
        {
          creditorId: await scopeCreditorId(c, deps.db, c.req.query('creditor')),
          status: (c.req.query('status') || null) as never,
          needsAttention: c.req.query('attention') === 'true',
          afterId: numberParam(c.req.query('after'), 'after', 0),
          limit: numberParam(c.req.query('limit'), 'limit', 100),
        },
        now(),
      ),
    ),
  );

  app.get('/api/v1/conduct', async (c) => {
    const creditor = await scopeCreditorVat(c, deps.db, c.req.query('creditor'));
    if (!creditor) throw invalid('creditor', null, 'is required: name the creditor');
    return c.json(await setConductRules(requestContext(c, deps), { creditor }));
  });
  app.put('/api/v1/conduct', async (c) => {
    const body = await jsonObject(c);
    const creditor = await scopeCreditorVat(c, deps.db, body.creditor);
    if (!creditor) throw invalid('creditor', null, 'is required: name the creditor');
    for (const field of ['quietFromHour', 'quietToHour', 'weeklyCap'] as const) {
      if (body[field] !== undefined && typeof body[field] !== 'number')
        throw invalid(field, body[field], 'is not a whole number');
    }
    return c.json(
      await setConductRules(requestContext(c, deps), {
        creditor,
        quietFromHour: body.quietFromHour as number | undefined,
        quietToHour: body.quietToHour as number | undefined,
        weeklyCap: body.weeklyCap as number | undefined,
      }),
    );
  });

  app.post('/api/v1/outbox/send', async (c) => {
    const body = await jsonObject(c);
    if (!deps.senders)
      throw invalid('senders', null, 'are not configured on this server (RISCOSSA_SMTP_URL)');
    const creditorId = await scopeCreditorId(
      c,
      deps.db,
      typeof body.creditor === 'string' ? body.creditor : null,
    );
    const result = await sendOutbox(requestContext(c, deps), deps.senders, {
      creditorId,
      limit: typeof body.limit === 'number' ? body.limit : 1000,
    });
    return c.json(result);
  });

  app.post('/api/v1/outbox/:id/retry', async (c) => {
    const body = await jsonObject(c);
    const result = await retryOutbox(requestContext(c, deps), {
      id: numberParam(c.req.param('id'), 'id', 0),
      creditorId: await scopeCreditorId(c, deps.db, typeof body.creditor === 'string' ? body.creditor : null),
      reason: typeof body.reason === 'string' ? body.reason : null,
    });
    return c.json(result);
  });
}

/**
 * POST /api/v1/letters/batch {date, creditor, format: json|pdf|csv|registered-csv} (the merged PDF
 * or a dispatch list for pdf/csv), POST /api/v1/letters/:id/tracking {trackingNumber, deliveredOn?, creditor}.
 */
export function registerLetterRoutes(app: Hono, deps: TServerDeps): void {
  app.post('/api/v1/letters/batch', async (c) => {
    const body = await jsonObject(c);
    const creditorId = await requiredCreditorId(
      c,
      deps.db,
      typeof body.creditor === 'string' ? body.creditor : null,
    );
    if (typeof body.date !== 'string') throw invalid('date', body.date ?? null, 'is required (YYYY-MM-DD)');
    const batch = await batchLetters(requestContext(c, deps), { creditorId, date: body.date });
    if (body.format === 'pdf') {
      if (!batch.merged)
        throw new AppError('NOT_FOUND', `letters: no letter in the batch of ${batch.date}`, {
          field: 'date',
          value: body.date,
        });
      return c.body(new Uint8Array(batch.merged), 200, { 'Content-Type': 'application/pdf' });
    }
    if (body.format === 'csv' || body.format === 'registered-csv')
      return c.body(body.format === 'csv' ? batch.dispatchCsv : batch.registeredCsv, 200, {
        'Content-Type': 'text/csv; charset=utf-8',
      });
    return c.json({
      date: batch.date,
      letters: batch.letters.map(({ pdf: _pdf, ...l }) => l),
      cancelled: batch.cancelled,
    });
  });

  app.post('/api/v1/letters/:id/tracking', async (c) => {
    const body = await jsonObject(c);
    return c.json(
      await recordTracking(requestContext(c, deps), {
        id: numberParam(c.req.param('id'), 'id', 0),
        creditorId: await scopeCreditorId(
          c,
          deps.db,
          typeof body.creditor === 'string' ? body.creditor : null,
        ),
        trackingNumber: typeof body.trackingNumber === 'string' ? body.trackingNumber : '',
        deliveredOn: typeof body.deliveredOn === 'string' ? body.deliveredOn : null,
      }),
    );
  });
}

/**
 * POST /api/v1/pec/receipts (the .eml as the body, any content type) attaches a receipt;
 * GET /api/v1/outbox/:id/receipts lists them; GET /api/v1/pec/receipts/:id?outbox=ID returns one .eml.
 */
export function registerPecRoutes(app: Hono, deps: TServerDeps): void {
  app.post('/api/v1/pec/receipts', async (c) => {
    const eml = Buffer.from(await c.req.arrayBuffer());
    if (eml.length > MAX_RECEIPT_BYTES)
      throw invalid('body', `${eml.length} bytes`, `is larger than ${MAX_RECEIPT_BYTES} bytes`);
    const creditorId = await scopeCreditorId(c, deps.db, c.req.query('creditor'));
    return c.json(await ingestPecReceipt(requestContext(c, deps), { eml, creditorId }));
  });
  app.get('/api/v1/outbox/:id/receipts', async (c) => {
    const receipts = await listReceiptsOf(
      deps.db,
      await scopeCreditorId(c, deps.db, c.req.query('creditor')),
      numberParam(c.req.param('id'), 'id', 0),
    );
    return c.json(receipts.map(({ eml: _eml, ...r }) => r));
  });
  app.get('/api/v1/pec/receipts/:id', async (c) => {
    const outboxId = numberParam(c.req.query('outbox'), 'outbox', 0);
    const id = numberParam(c.req.param('id'), 'id', 0);
    const receipt = (
      await listReceiptsOf(deps.db, await scopeCreditorId(c, deps.db, c.req.query('creditor')), outboxId)
    ).find((r) => r.id === id);
    if (!receipt)
      throw new AppError('NOT_FOUND', `receipt: ${id} is not a receipt of message ${outboxId}`, {
        field: 'id',
        value: id,
      });
    return c.body(new Uint8Array(receipt.eml), 200, { 'Content-Type': 'message/rfc822' });
  });
}
