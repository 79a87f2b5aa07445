import { type ServerType, serve } from '@hono/node-server';
import { sendersFromEnv } from '../app/communications/mail-settings.ts';
import { deliverWebhooks } from '../app/webhooks/deliver-webhooks.ts';
import type { TDatabase } from '../db/database.ts';
import { createApp, type TServerDeps } from './app.ts';

export const DEFAULT_PORT = 3000;

/** Starts the HTTP server; resolves once it listens, with the port actually bound. */
export function startServer(
  db: TDatabase,
  port: number,
  hostname = '127.0.0.1',
  options: Omit<TServerDeps, 'db'> = {},
): Promise<{ server: ServerType; port: number }> {
  // The e-mail/PEC/SMS senders of the environment, so POST /api/v1/outbox/send can deliver.
  const app = createApp({ db, senders: sendersFromEnv(), ...options });
  return new Promise((resolve) => {
    const server = serve({ fetch: app.fetch, port, hostname }, (info) =>
      resolve({ server, port: info.port }),
    );
  });
}

/**
 * Sends due webhook deliveries every few seconds while the server runs (after the commits that
 * queued them). Returns a stop function; errors are logged and the next tick tries again.
 */
export function startWebhookDispatcher(db: TDatabase, intervalMs = 5000): () => void {
  let isRunning = false;
  const timer = setInterval(() => {
    if (isRunning) return;
    isRunning = true;
    deliverWebhooks(db)
      .catch((error) => console.error('webhook delivery failed', error))
      .finally(() => {
        isRunning = false;
      });
  }, intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}
