import type { Hono } from 'hono';
import { addUser } from '../../app/security/add-user.ts';
import { createApiKey, listApiKeys, revokeApiKeyById } from '../../app/security/api-keys.ts';
import { disableUser, enableUser, setPassword } from '../../app/security/change-user.ts';
import { listUsers } from '../../app/security/list-users.ts';
import { invalid } from '../../core/shared/errors.ts';
import type { TServerDeps } from '../app.ts';
import { jsonObject } from '../json-body.ts';
import { requestContext, scopeCreditorId } from '../security/tenant-scope.ts';

/**
 * People and keys (permission "admin", see permissions.ts): GET|POST /api/v1/users,
 * POST /api/v1/users/:email/disable, POST /api/v1/users/:email/password,
 * GET|POST /api/v1/api-keys, DELETE /api/v1/api-keys/:id?creditor=.
 */
export function registerUserRoutes(app: Hono, deps: TServerDeps): void {
  app.get('/api/v1/users', async (c) => c.json(await listUsers(deps.db)));
  app.post('/api/v1/users', async (c) => {
    const body = await jsonObject(c);
    return c.json(await addUser(requestContext(c, deps), body as never), 201);
  });
  app.post('/api/v1/users/:email/disable', async (c) =>
    c.json(await disableUser(requestContext(c, deps), c.req.param('email'))),
  );
  app.post('/api/v1/users/:email/enable', async (c) =>
    c.json(await enableUser(requestContext(c, deps), c.req.param('email'))),
  );
  app.post('/api/v1/users/:email/password', async (c) => {
    const body = await jsonObject(c);
    return c.json(await setPassword(requestContext(c, deps), c.req.param('email'), body.password));
  });

  app.get('/api/v1/api-keys', async (c) =>
    c.json(await listApiKeys(deps.db, await scopeCreditorId(c, deps.db, c.req.query('creditor')))),
  );
  app.post('/api/v1/api-keys', async (c) => {
    const body = await jsonObject(c);
    return c.json(await createApiKey(requestContext(c, deps), body as never), 201);
  });
  app.delete('/api/v1/api-keys/:id', async (c) => {
    const id = c.req.param('id');
    if (!/^\d{1,15}$/.test(id)) throw invalid('id', id, 'is not a key id');
    const creditorId = await scopeCreditorId(c, deps.db, c.req.query('creditor'));
    if (creditorId === null) throw invalid('creditor', null, 'is required');
    await revokeApiKeyById(requestContext(c, deps), creditorId, Number(id));
    return c.body(null, 204);
  });
}
