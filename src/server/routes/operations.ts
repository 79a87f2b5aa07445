import type { Hono } from 'hono';
import type { TDatabase } from '../../db/database.ts';
import { pendingMigrations } from '../../db/migrate.ts';
import type { TMetrics } from '../metrics.ts';

/**
 * For the load balancer and the monitoring: /api/health says the process is alive and its
 * database answers; /api/ready also that the schema is current (a copy started with older code
 * than the database, or before migrations ran, takes no traffic); /metrics is Prometheus text.
 */
export function registerOperationsRoutes(app: Hono, deps: { db: TDatabase; metrics: TMetrics }): void {
  app.get('/api/ready', async (c) => {
    try {
      const pending = await pendingMigrations(deps.db);
      if (pending.length > 0) {
        return c.json(
          { status: 'not-ready', reason: 'migrations pending', pending: pending.map((m) => m.name) },
          503,
        );
      }
      return c.json({ status: 'ready', engine: deps.db.engine });
    } catch {
      return c.json({ status: 'not-ready', reason: 'database unavailable' }, 503);
    }
  });
  app.get('/metrics', async (c) => {
    const text = await deps.metrics.registry.metrics();
    return c.text(text, 200, { 'Content-Type': deps.metrics.registry.contentType });
  });
}
