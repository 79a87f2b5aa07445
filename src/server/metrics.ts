import type { MiddlewareHandler } from 'hono';
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';
import type { TSql } from '../db/database.ts';

export type TMetrics = { registry: Registry; httpMiddleware: MiddlewareHandler };

/**
 * Prometheus metrics of one server process. The business figures are read from the database at
 * scrape time, so every copy of `serve` reports the same numbers whichever worker did the work;
 * the HTTP and process figures are this process's own.
 */
export function createMetrics(db: TSql): TMetrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'riscossa_' });

  const requests = new Counter({
    name: 'riscossa_http_requests_total',
    help: 'HTTP requests by route pattern, method and status',
    labelNames: ['method', 'route', 'status'],
    registers: [registry],
  });
  const latency = new Histogram({
    name: 'riscossa_http_request_duration_seconds',
    help: 'HTTP request duration by route pattern',
    labelNames: ['method', 'route'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [registry],
  });
  const httpMiddleware: MiddlewareHandler = async (c, next) => {
    const started = performance.now();
    await next();
    // The route pattern (/api/v1/debtors/:id), never the raw path: bounded label values.
    const route = c.req.routePath || 'unmatched';
    requests.inc({ method: c.req.method, route, status: String(c.res.status) });
    latency.observe({ method: c.req.method, route }, (performance.now() - started) / 1000);
  };

  new Gauge({
    name: 'riscossa_daily_run_last_duration_seconds',
    help: "Duration of each creditor's latest finished daily run",
    labelNames: ['creditor_id', 'status'],
    registers: [registry],
    async collect() {
      this.reset();
      const rows = await db.query<{ creditor_id: number; status: string; duration_ms: number }>(
        `select distinct on (creditor_id) creditor_id, status, duration_ms from daily_runs
         where finished_at is not null order by creditor_id, run_date desc, finished_at desc`,
      );
      for (const r of rows)
        this.set({ creditor_id: String(r.creditor_id), status: r.status }, r.duration_ms / 1000);
    },
  });
  new Gauge({
    name: 'riscossa_daily_runs',
    help: 'Daily runs by status (a failed one is retried with back-off, then needs a person)',
    labelNames: ['status'],
    registers: [registry],
    async collect() {
      this.reset();
      const rows = await db.query<{ status: string; n: number }>(
        'select status, count(*)::int8 as n from daily_runs group by status',
      );
      for (const r of rows) this.set({ status: r.status }, r.n);
    },
  });
  new Gauge({
    name: 'riscossa_actions_created',
    help: 'Collection actions created, by status',
    labelNames: ['status'],
    registers: [registry],
    async collect() {
      this.reset();
      const rows = await db.query<{ status: string; n: number }>(
        'select status, count(*)::int8 as n from collection_actions group by status',
      );
      for (const r of rows) this.set({ status: r.status }, r.n);
    },
  });
  new Gauge({
    name: 'riscossa_open_tasks',
    help: "Operators' tasks not done yet",
    registers: [registry],
    async collect() {
      const [row] = await db.query<{ n: number }>(
        "select count(*)::int8 as n from collection_tasks where status = 'open'",
      );
      this.set(row?.n ?? 0);
    },
  });
  new Gauge({
    name: 'riscossa_unmatched_payments',
    help: 'Bank entries not matched to a debtor yet (the unmatched queue)',
    registers: [registry],
    async collect() {
      const [row] = await db.query<{ n: number }>(
        'select count(*)::int8 as n from payments where debtor_id is null',
      );
      this.set(row?.n ?? 0);
    },
  });
  new Gauge({
    name: 'riscossa_imported_files_24h',
    help: 'Files imported in the last 24 hours, by format',
    labelNames: ['format'],
    registers: [registry],
    async collect() {
      this.reset();
      const rows = await db.query<{ format: string; n: number }>(
        `select format, count(*)::int8 as n from import_files where imported_at > now() - interval '24 hours' group by format`,
      );
      for (const r of rows) this.set({ format: r.format }, r.n);
    },
  });
  return { registry, httpMiddleware };
}
