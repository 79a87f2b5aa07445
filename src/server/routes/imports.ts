import type { Context, Hono } from 'hono';
import { streamSSE } from 'hono/streaming';
import { importFiles, type TImportFile } from '../../app/imports/import-files.ts';
import type { TImportOptions, TImportProgress } from '../../app/imports/import-types.ts';
import { listUnmatchedPayments } from '../../app/imports/list-unmatched-payments.ts';
import { matchPayment } from '../../app/imports/match-payment.ts';
import { hasPermission } from '../../core/security/roles.ts';
import { AppError, invalid } from '../../core/shared/errors.ts';
import type { TSql } from '../../db/database.ts';
import type { TServerDeps } from '../app.ts';
import { principalOf } from '../security/authenticate.ts';
import { requestContext, scopeCreditorId, scopeCreditorVat } from '../security/tenant-scope.ts';

/** Files of a multipart upload (any field name), or the raw body named by `?name=`. */
async function uploadedFiles(c: Context): Promise<TImportFile[]> {
  const type = c.req.header('content-type') ?? '';
  if (type.startsWith('multipart/form-data')) {
    const body = await c.req.parseBody({ all: true });
    const files: TImportFile[] = [];
    for (const value of Object.values(body)) {
      for (const item of Array.isArray(value) ? value : [value]) {
        if (item instanceof File)
          files.push({ name: item.name || 'upload', bytes: new Uint8Array(await item.arrayBuffer()) });
      }
    }
    if (files.length === 0)
      throw invalid('files', null, 'are missing: send them as multipart/form-data file fields');
    return files;
  }
  const name = c.req.query('name');
  if (!name) throw invalid('name', null, 'is required for a raw upload (or send multipart/form-data)');
  return [{ name, bytes: new Uint8Array(await c.req.arrayBuffer()) }];
}

async function importOptions(c: Context, db: TSql): Promise<TImportOptions> {
  const days = c.req.query('paymentTermDays');
  if (days !== undefined && !/^\d{1,4}$/.test(days))
    throw invalid('paymentTermDays', days, 'must be a whole number of days');
  const createCreditor = c.req.query('createCreditor') === 'true';
  if (createCreditor && !hasPermission(principalOf(c), 'admin'))
    throw new AppError('FORBIDDEN', 'createCreditor: creating creditors needs the "admin" permission', {
      permission: 'admin',
    });
  return {
    createCreditor,
    paymentTermDays: days === undefined ? null : Number(days),
    creditorVat: (await scopeCreditorVat(c, db, c.req.query('creditor'))) ?? null,
    mapping: c.req.query('mapping') ?? null,
  };
}

export function registerImportRoutes(app: Hono, deps: TServerDeps): void {
  const context = (c: Context) => requestContext(c, deps);

  /** One result per file; `Accept: text/event-stream` streams progress events, then the results. */
  app.post('/api/v1/imports', async (c) => {
    const files = await uploadedFiles(c);
    const options = await importOptions(c, deps.db);
    if ((c.req.header('accept') ?? '').includes('text/event-stream')) {
      return streamSSE(c, async (stream) => {
        const results = await importFiles(context(c), files, {
          ...options,
          onProgress: (e: TImportProgress) =>
            void stream.writeSSE({ event: 'progress', data: JSON.stringify(e) }),
        });
        await stream.writeSSE({ event: 'result', data: JSON.stringify(results) });
      });
    }
    const results = await importFiles(context(c), files, options);
    return c.json(results, results.some((r) => r.status === 'imported') ? 201 : 200);
  });

  app.get('/api/v1/payments/unmatched', async (c) => {
    const creditorId = await scopeCreditorId(c, deps.db, c.req.query('creditor'));
    const after = c.req.query('after') ?? '0';
    const limit = c.req.query('limit') ?? '100';
    if (!/^\d+$/.test(after)) throw invalid('after', after, 'is not an id');
    if (!/^\d+$/.test(limit) || Number(limit) < 1 || Number(limit) > 1000)
      throw invalid('limit', limit, 'must be 1 to 1000');
    return c.json(
      await listUnmatchedPayments(deps.db, {
        creditorId,
        afterId: Number(after),
        limit: Number(limit),
      }),
    );
  });

  app.post('/api/v1/payments/:id/match', async (c) => {
    const body = (await c.req.json()) as { invoices?: unknown };
    return c.json(
      await matchPayment(context(c), { paymentId: c.req.param('id'), invoices: body.invoices as string[] }),
    );
  });
}
