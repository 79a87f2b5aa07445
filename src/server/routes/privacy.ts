import type { Hono } from 'hono';
import { anonymiseDebtor, exportDebtorPersonalData } from '../../app/privacy/debtor-personal-data.ts';
import { resolveDebtorRef } from '../../app/privacy/resolve-debtor-ref.ts';
import type { TServerDeps } from '../app.ts';
import { requestContext, scopeCreditorId } from '../security/tenant-scope.ts';

/**
 * A debtor's personal data: GET /api/v1/debtors/:id/personal-data (access request, permission
 * "write"), POST /api/v1/debtors/:id/anonymise (erasure, "admin"). :id is a debtor id or VAT number.
 */
export function registerPrivacyRoutes(app: Hono, deps: TServerDeps): void {
  app.get('/api/v1/debtors/:id/personal-data', async (c) => {
    const creditorId = await scopeCreditorId(c, deps.db, c.req.query('creditor'));
    const debtor = await resolveDebtorRef(deps.db, c.req.param('id'), creditorId, 'id');
    const data = await exportDebtorPersonalData(requestContext(c, deps), debtor.creditor_id, debtor.id);
    c.header('Content-Disposition', `attachment; filename="debtor-${debtor.id}-personal-data.json"`);
    return c.json(data);
  });
  app.post('/api/v1/debtors/:id/anonymise', async (c) => {
    const creditorId = await scopeCreditorId(c, deps.db, c.req.query('creditor'));
    const debtor = await resolveDebtorRef(deps.db, c.req.param('id'), creditorId, 'id');
    return c.json(await anonymiseDebtor(requestContext(c, deps), debtor.creditor_id, debtor.id));
  });
}
