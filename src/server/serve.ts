import { type ServerType, serve } from '@hono/node-server';
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
  const app = createApp({ db, ...options });
  return new Promise((resolve) => {
    const server = serve({ fetch: app.fetch, port, hostname }, (info) =>
      resolve({ server, port: info.port }),
    );
  });
}
