import type { Context, Hono } from 'hono';
import { addCreditor } from '../../app/ledger/add-creditor.ts';
import { addInvoices } from '../../app/ledger/add-invoices.ts';
import { toCreditorView } from '../../app/ledger/creditor-view.ts';
import { listDebtors } from '../../app/ledger/list-debtors.ts';
import { listInvoices } from '../../app/ledger/list-invoices.ts';
import { recordPayment } from '../../app/ledger/record-payment.ts';
import { resolveDebtor } from '../../app/ledger/resolve-debtor.ts';
import { updateCreditor } from '../../app/ledger/update-creditor.ts';
import type { TContext } from '../../app/shared/context.ts';
import { reachesCreditor } from '../../core/security/roles.ts';
import { parseDate } from '../../core/shared/calendar-date.ts';
import { AppError, invalid } from '../../core/shared/errors.ts';
import { findCreditorLogo, listCreditorRows } from '../../db/queries/creditors.ts';
import type { TServerDeps } from '../app.ts';
import { jsonObject } from '../json-body.ts';
import { principalOf } from '../security/authenticate.ts';
import {
  requestContext,
  scopeCreditor,
  scopeCreditorId,
  scopeCreditorVat,
} from '../security/tenant-scope.ts';

function pageParams(c: Context): { afterId: number; limit: number } {
  const after = c.req.query('after') ?? '0';
  const limit = c.req.query('limit') ?? '100';
  if (!/^\d+$/.test(after)) throw invalid('after', after, 'is not an id');
  if (!/^\d+$/.test(limit) || Number(limit) < 1 || Number(limit) > 1000)
    throw invalid('limit', limit, 'must be 1 to 1000');
  return { afterId: Number(after), limit: Number(limit) };
}

export function registerLedgerRoutes(app: Hono, deps: TServerDeps): void {
  const context = (c: Context): TContext => {
    const asOf = c.req.query('asOf');
    return requestContext(c, deps, asOf ? parseDate(asOf, 'asOf') : undefined);
  };
  const creditorParam = (c: Context) => scopeCreditorId(c, deps.db, c.req.query('creditor'));

  app.get('/api/v1/creditors', async (c) => {
    const principal = principalOf(c);
    const rows = await listCreditorRows(deps.db);
    return c.json(rows.filter((row) => reachesCreditor(principal, row.id)).map(toCreditorView));
  });
  app.post('/api/v1/creditors', async (c) => c.json(await addCreditor(context(c), await c.req.json()), 201));
  app.patch('/api/v1/creditors/:vat', async (c) => {
    const creditor = (await scopeCreditor(c, deps.db, c.req.param('vat')))!;
    const body = await jsonObject(c);
    return c.json(await updateCreditor(context(c), { ...body, creditor: creditor.vat_number } as never));
  });
  app.get('/api/v1/creditors/:vat/logo', async (c) => {
    const creditor = (await scopeCreditor(c, deps.db, c.req.param('vat')))!;
    const logo = await findCreditorLogo(deps.db, creditor.id);
    if (!logo)
      throw new AppError('NOT_FOUND', `logo: creditor ${creditor.vat_number} has no logo`, {
        field: 'logo',
        value: null,
      });
    return c.body(new Uint8Array(logo.bytes), 200, {
      'content-type': logo.mediaType,
      'cache-control': 'private, no-cache',
    });
  });

  app.get('/api/v1/debtors', async (c) => {
    const ctx = context(c);
    return c.json(
      await listDebtors(deps.db, {
        asOf: ctx.today,
        creditorId: await creditorParam(c),
        search: c.req.query('q')?.slice(0, 100) ?? null,
        ...pageParams(c),
      }),
    );
  });

  app.get('/api/v1/invoices', async (c) => {
    const ctx = context(c);
    const creditorId = await creditorParam(c);
    const debtorParam = c.req.query('debtor');
    const debtor = debtorParam ? await resolveDebtor(deps.db, debtorParam, creditorId) : null;
    return c.json(
      await listInvoices(deps.db, {
        asOf: ctx.today,
        creditorId: debtor?.creditor_id ?? creditorId,
        debtorId: debtor?.id ?? null,
        ...pageParams(c),
      }),
    );
  });
  app.post('/api/v1/invoices', async (c) => {
    const results = await addInvoices(context(c), await c.req.json(), 'api');
    return c.json(results, results.some((r) => r.status === 'imported') ? 201 : 200);
  });

  app.post('/api/v1/payments', async (c) => {
    const body = await jsonObject(c);
    body.creditor = await scopeCreditorVat(c, deps.db, body.creditor);
    const result = await recordPayment(context(c), body as never);
    return c.json(result, result.status === 'recorded' ? 201 : 200);
  });
}
