import type { Context, Hono } from 'hono';
import { addCreditor } from '../../app/ledger/add-creditor.ts';
import { addInvoices } from '../../app/ledger/add-invoices.ts';
import { toCreditorView } from '../../app/ledger/creditor-view.ts';
import { listDebtors } from '../../app/ledger/list-debtors.ts';
import { listInvoices } from '../../app/ledger/list-invoices.ts';
import { recordPayment } from '../../app/ledger/record-payment.ts';
import { resolveDebtor } from '../../app/ledger/resolve-debtor.ts';
import { makeContext, type TContext } from '../../app/shared/context.ts';
import { parseVatNumber } from '../../core/ledger/tax-identifiers.ts';
import { parseDate } from '../../core/shared/calendar-date.ts';
import { AppError, invalid } from '../../core/shared/errors.ts';
import type { TSql } from '../../db/database.ts';
import { findCreditorByVat, listCreditorRows } from '../../db/queries/creditors.ts';
import type { TServerDeps } from '../app.ts';

function pageParams(c: Context): { afterId: number; limit: number } {
  const after = c.req.query('after') ?? '0';
  const limit = c.req.query('limit') ?? '100';
  if (!/^\d+$/.test(after)) throw invalid('after', after, 'is not an id');
  if (!/^\d+$/.test(limit) || Number(limit) < 1 || Number(limit) > 1000)
    throw invalid('limit', limit, 'must be 1 to 1000');
  return { afterId: Number(after), limit: Number(limit) };
}

async function creditorParam(db: TSql, c: Context): Promise<number | null> {
  const vat = c.req.query('creditor');
  if (!vat) return null;
  const creditor = await findCreditorByVat(db, parseVatNumber(vat, 'creditor').full);
  if (!creditor)
    throw new AppError('NOT_FOUND', `creditor: "${vat}" is not a creditor`, {
      field: 'creditor',
      value: vat,
    });
  return creditor.id;
}

export function registerLedgerRoutes(app: Hono, deps: TServerDeps): void {
  const context = (c: Context): TContext => {
    const asOf = c.req.query('asOf');
    return makeContext(
      deps.db,
      'api',
      deps.clock?.() ?? new Date(),
      asOf ? parseDate(asOf, 'asOf') : undefined,
    );
  };

  app.get('/api/v1/creditors', async (c) => c.json((await listCreditorRows(deps.db)).map(toCreditorView)));
  app.post('/api/v1/creditors', async (c) => c.json(await addCreditor(context(c), await c.req.json()), 201));

  app.get('/api/v1/debtors', async (c) => {
    const ctx = context(c);
    return c.json(
      await listDebtors(deps.db, {
        asOf: ctx.today,
        creditorId: await creditorParam(deps.db, c),
        search: c.req.query('q')?.slice(0, 100) ?? null,
        ...pageParams(c),
      }),
    );
  });

  app.get('/api/v1/invoices', async (c) => {
    const ctx = context(c);
    const creditorId = await creditorParam(deps.db, c);
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
    const result = await recordPayment(context(c), await c.req.json());
    return c.json(result, result.status === 'recorded' ? 201 : 200);
  });
}
