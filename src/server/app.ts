import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { AppError } from '../core/shared/errors.ts';
import type { TDatabase } from '../db/database.ts';
import { errorResponse } from './http-errors.ts';
import { registerAgencyRoutes } from './routes/agency.ts';
import { registerCollectionRoutes } from './routes/collection.ts';
import { registerImportRoutes } from './routes/imports.ts';
import { registerInsightRoutes } from './routes/insight.ts';
import { registerInterestRoutes } from './routes/interest.ts';
import { registerLedgerRoutes } from './routes/ledger.ts';

/** Largest JSON body accepted: a batch of a few thousand invoices. Files go through imports. */
export const MAX_BODY_BYTES = 10 * 1024 * 1024;

export type TServerDeps = { db: TDatabase; clock?: () => Date };

export function createApp(deps: TServerDeps): Hono {
  const app = new Hono();
  app.use(
    '/api/*',
    bodyLimit({
      maxSize: MAX_BODY_BYTES,
      onError: (c) =>
        c.json(
          { code: 'INVALID_INPUT', message: `request body larger than ${MAX_BODY_BYTES} bytes`, details: {} },
          413,
        ),
    }),
  );
  app.use('/api/*', async (c, next) => {
    await next();
    c.header('Cache-Control', 'no-store');
    c.header('X-Content-Type-Options', 'nosniff');
  });
  app.get('/api/health', async (c) => {
    const [row] = await deps.db.query<{ n: number }>('select count(*)::int8 as n from schema_migrations');
    return c.json({ status: 'ok', engine: deps.db.engine, migrations: row?.n ?? 0 });
  });
  registerLedgerRoutes(app, deps);
  registerImportRoutes(app, deps);
  registerInterestRoutes(app, deps);
  registerInsightRoutes(app, deps);
  registerCollectionRoutes(app, deps);
  registerAgencyRoutes(app, deps);
  app.notFound((c) => errorResponse(new AppError('NOT_FOUND', `no route ${c.req.method} ${c.req.path}`), c));
  app.onError((error, c) => errorResponse(error, c));
  return app;
}
