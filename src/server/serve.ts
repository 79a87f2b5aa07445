import { type ServerType, serve } from '@hono/node-server';
import { sendersFromEnv } from '../app/communications/mail-settings.ts';
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
