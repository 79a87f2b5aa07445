import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { TLogger } from '../adapters/logging/logger.ts';
import type { TSenders } from '../app/communications/send-outbox.ts';
import { AppError } from '../core/shared/errors.ts';
import type { TDatabase } from '../db/database.ts';
import { errorResponse } from './http-errors.ts';
import { createMetrics } from './metrics.ts';
import type { TRateLimit } from './rate-limit.ts';
import { registerAgencyRoutes } from './routes/agency.ts';
import { registerCollectionRoutes } from './routes/collection.ts';
import { registerTemplateRoutes } from './routes/communications.ts';
import { registerDebtorPageRoutes } from './routes/debtor-page.ts';
import { registerImportRoutes } from './routes/imports.ts';
import { registerInsightRoutes } from './routes/insight.ts';
import { registerInterestRoutes } from './routes/interest.ts';
import { registerLedgerRoutes } from './routes/ledger.ts';
import { registerOpenApiRoutes } from './routes/openapi.ts';
import { registerOperationsRoutes } from './routes/operations.ts';
import { registerLetterRoutes, registerOutboxRoutes, registerPecRoutes } from './routes/outbox.ts';
import { registerPrivacyRoutes } from './routes/privacy.ts';
import { registerPublicRoutes } from './routes/public.ts';
import { registerSessionRoutes } from './routes/session.ts';
import { registerUserRoutes } from './routes/users.ts';
import { registerWebhookRoutes } from './routes/webhooks.ts';
import { authenticate } from './security/authenticate.ts';
import { idempotency } from './security/idempotency.ts';
import { securityHeaders } from './security/security-headers.ts';
import { registerWebApp } from './web-app.ts';

/** Largest JSON body accepted: a batch of a few thousand invoices. Files go through imports. */
export const MAX_BODY_BYTES = 10 * 1024 * 1024;

export type TServerDeps = {
  db: TDatabase;
  clock?: () => Date;
  /** Request logs (serve); none in tests. */
  logger?: TLogger;
  /** The debtor pages' rate limits (tests set small ones). */
  publicLimits?: { perAddress: TRateLimit; writesPerLink: TRateLimit };
  /** Where the built web app is; default web/dist. */
  webDistDir?: string;
  /** `senders` (SMTP, PEC, SMS) let POST /api/v1/outbox/send deliver; without them messages wait. */
  senders?: TSenders;
};

export function createApp(deps: TServerDeps): Hono {
  const app = new Hono();
  const metrics = createMetrics(deps.db);
  app.use('*', metrics.httpMiddleware);
  if (deps.logger) {
    const logger = deps.logger;
    app.use('*', async (c, next) => {
      const started = performance.now();
      await next();
      // The route pattern and status only: paths can carry personal links and ids.
      logger.info(
        {
          method: c.req.method,
          route: c.req.routePath,
          status: c.res.status,
          ms: Math.round(performance.now() - started),
        },
        'request',
      );
    });
  }
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
  app.use('*', securityHeaders());
  app.get('/api/health', async (c) => {
    const [row] = await deps.db.query<{ n: number }>('select count(*)::int8 as n from schema_migrations');
    return c.json({ status: 'ok', engine: deps.db.engine, migrations: row?.n ?? 0 });
  });
  registerOperationsRoutes(app, { db: deps.db, metrics });
  registerSessionRoutes(app, deps);
  app.use('/api/v1/*', authenticate(deps));
  app.use('/api/v1/*', idempotency(deps));
  registerLedgerRoutes(app, deps);
  registerImportRoutes(app, deps);
  registerInterestRoutes(app, deps);
  registerInsightRoutes(app, deps);
  registerCollectionRoutes(app, deps);
  registerWebhookRoutes(app, deps);
  registerUserRoutes(app, deps);
  registerPrivacyRoutes(app, deps);
  registerDebtorPageRoutes(app, deps);
  registerPublicRoutes(app, deps);
  registerTemplateRoutes(app, deps);
  registerOutboxRoutes(app, deps);
  registerLetterRoutes(app, deps);
  registerPecRoutes(app, deps);
  registerAgencyRoutes(app, deps);
  registerOpenApiRoutes(app);
  // Last: every GET that is not the API gets the web app (index.html for client routes).
  registerWebApp(app, deps.webDistDir);
  app.notFound((c) => errorResponse(new AppError('NOT_FOUND', `no route ${c.req.method} ${c.req.path}`), c));
  app.onError((error, c) => errorResponse(error, c));
  return app;
}
