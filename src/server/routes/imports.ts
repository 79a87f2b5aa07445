import type { Context, Hono } from 'hono';
import { streamSSE } from 'hono/streaming';
import { importFiles, type TImportFile } from '../../app/imports/import-files.ts';
import type { TImportOptions, TImportProgress } from '../../app/imports/import-types.ts';
import { listUnmatchedPayments } from '../../app/imports/list-unmatched-payments.ts';
import { matchPayment } from '../../app/imports/match-payment.ts';
import { makeContext } from '../../app/shared/context.ts';
import { parseVatNumber } from '../../core/ledger/tax-identifiers.ts';
import { AppError, invalid } from '../../core/shared/errors.ts';
import { findCreditorByVat } from '../../db/queries/creditors.ts';
import type { TServerDeps } from '../app.ts';

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

function importOptions(c: Context): TImportOptions {
  const days = c.req.query('paymentTermDays');
  if (days !== undefined && !/^\d{1,4}$/.test(days))
    throw invalid('paymentTermDays', days, 'must be a whole number of days');
  return {
    createCreditor: c.req.query('createCreditor') === 'true',
    paymentTermDays: days === undefined ? null : Number(days),
    creditorVat: c.req.query('creditor') ?? null,
    mapping: c.req.query('mapping') ?? null,
  };
}

export function registerImportRoutes(app: Hono, deps: TServerDeps): void {
  const context = () => makeContext(deps.db, 'api', deps.clock?.() ?? new Date());

  /** One result per file; `Accept: text/event-stream` streams progress events, then the results. */
  app.post('/api/v1/imports', async (c) => {
    const files = await uploadedFiles(c);
    const options = importOptions(c);
    if ((c.req.header('accept') ?? '').includes('text/event-stream')) {
      return streamSSE(c, async (stream) => {
        const results = await importFiles(context(), files, {
          ...options,
          onProgress: (e: TImportProgress) =>
            void stream.writeSSE({ event: 'progress', data: JSON.stringify(e) }),
        });
        await stream.writeSSE({ event: 'result', data: JSON.stringify(results) });
      });
    }
    const results = await importFiles(context(), files, options);
    return c.json(results, results.some((r) => r.status === 'imported') ? 201 : 200);
  });

  app.get('/api/v1/payments/unmatched', async (c) => {
    const vat = c.req.query('creditor');
    const creditor = vat ? await findCreditorByVat(deps.db, parseVatNumber(vat, 'creditor').full) : null;
    if (vat && !creditor)
      throw new AppError('NOT_FOUND', `creditor: "${vat}" is not a creditor`, {
        field: 'creditor',
        value: vat,
      });
    const after = c.req.query('after') ?? '0';
    const limit = c.req.query('limit') ?? '100';
    if (!/^\d+$/.test(after)) throw invalid('after', after, 'is not an id');
    if (!/^\d+$/.test(limit) || Number(limit) < 1 || Number(limit) > 1000)
      throw invalid('limit', limit, 'must be 1 to 1000');
    return c.json(
      await listUnmatchedPayments(deps.db, {
        creditorId: creditor?.id ?? null,
        afterId: Number(after),
        limit: Number(limit),
      }),
    );
  });

  app.post('/api/v1/payments/:id/match', async (c) => {
    const body = (await c.req.json()) as { invoices?: unknown };
    return c.json(
      await matchPayment(context(), { paymentId: c.req.param('id'), invoices: body.invoices as string[] }),
    );
  });
}
