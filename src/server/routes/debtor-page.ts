import type { Context, Hono } from 'hono';
import { createLink } from '../../app/self-service/create-link.ts';
import { revokeLink } from '../../app/self-service/revoke-link.ts';
import { makeContext } from '../../app/shared/context.ts';
import { debtorOverview, timelineView } from '../../app/web/debtor-overview.ts';
import { principalActor, reachesCreditor } from '../../core/security/roles.ts';
import { parseDate } from '../../core/shared/calendar-date.ts';
import { AppError, invalid } from '../../core/shared/errors.ts';
import { findReceiptFile } from '../../db/queries/debtor-links.ts';
import { debtorTimeline } from '../../db/queries/debtor-page.ts';
import type { TDebtorRow } from '../../db/queries/debtors.ts';
import { findDebtorRowById } from '../../db/queries/risk.ts';
import type { TServerDeps } from '../app.ts';
import { principalOf } from '../security/authenticate.ts';

function idParam(c: Context, name = 'id'): number {
  const id = c.req.param(name) ?? '';
  if (!/^\d{1,15}$/.test(id)) throw invalid(name, id, 'is not an id');
  return Number(id);
}

/**
 * The debtor page of the web app: GET /api/v1/debtors/:id/overview, GET .../timeline?before=&limit=,
 * GET /api/v1/debtors/:id/receipts/:receiptId, POST /api/v1/debtors/:id/links,
 * DELETE /api/v1/links/:id.
 */
export function registerDebtorPageRoutes(app: Hono, deps: TServerDeps): void {
  /** A debtor of a creditor the caller does not reach is "not found", like one that does not exist. */
  const reachableDebtor = async (c: Context): Promise<TDebtorRow> => {
    const debtor = await findDebtorRowById(deps.db, idParam(c), null);
    if (!debtor || !reachesCreditor(principalOf(c), debtor.creditor_id))
      throw new AppError('NOT_FOUND', `id: ${c.req.param('id')} is not a debtor`, {
        field: 'id',
        value: c.req.param('id'),
      });
    return debtor;
  };
  const actor = (c: Context) => principalActor(principalOf(c));

  const context = (c: Context) => {
    const asOf = c.req.query('asOf');
    return makeContext(
      deps.db,
      'api',
      deps.clock?.() ?? new Date(),
      asOf ? parseDate(asOf, 'asOf') : undefined,
    );
  };

  app.get('/api/v1/debtors/:id/overview', async (c) => {
    const ctx = context(c);
    const debtor = await reachableDebtor(c);
    return c.json(await debtorOverview(deps.db, debtor.id, ctx.today, ctx.now));
  });

  app.get('/api/v1/debtors/:id/timeline', async (c) => {
    const debtor = await reachableDebtor(c);
    const before = c.req.query('before');
    const limit = c.req.query('limit') ?? '100';
    if (before !== undefined && !/^\d{1,15}$/.test(before))
      throw invalid('before', before, 'is not a sequence number');
    if (!/^\d{1,4}$/.test(limit) || Number(limit) < 1 || Number(limit) > 1000)
      throw invalid('limit', limit, 'must be 1 to 1000');
    const rows = await debtorTimeline(deps.db, {
      creditorId: debtor.creditor_id,
      debtorId: debtor.id,
      beforeSeq: before === undefined ? null : Number(before),
      limit: Number(limit),
    });
    return c.json(timelineView(rows));
  });

  app.get('/api/v1/debtors/:id/receipts/:receiptId', async (c) => {
    const debtor = await reachableDebtor(c);
    const file = await findReceiptFile(deps.db, debtor.creditor_id, debtor.id, idParam(c, 'receiptId'));
    if (!file) throw new AppError('NOT_FOUND', `receipt: ${c.req.param('receiptId')} is not a receipt`);
    return c.body(new Uint8Array(file.bytes), 200, {
      'Content-Type': file.content_type,
      'Content-Disposition': `attachment; filename="${file.file_name.replace(/"/g, '')}"`,
    });
  });

  app.post('/api/v1/debtors/:id/links', async (c) => {
    const debtor = await reachableDebtor(c);
    const text = await c.req.text();
    const body = (text.trim() ? JSON.parse(text) : {}) as { days?: number };
    const [creditor] = await deps.db.query<{ vat_number: string }>(
      'select vat_number from creditors where id = $1',
      [debtor.creditor_id],
    );
    const link = await createLink(makeContext(deps.db, actor(c), deps.clock?.() ?? new Date()), {
      debtor: debtor.vat_number ?? debtor.fiscal_code ?? '',
      creditor: creditor!.vat_number,
      days: body.days,
      baseUrl: new URL(c.req.url).origin,
    });
    return c.json(link, 201);
  });

  app.delete('/api/v1/links/:id', async (c) => {
    const principal = principalOf(c);
    const ctx = makeContext(deps.db, actor(c), deps.clock?.() ?? new Date());
    return c.json(
      await revokeLink(ctx, { id: idParam(c), reachesCreditor: (id) => reachesCreditor(principal, id) }),
    );
  });
}
