import { getConnInfo } from '@hono/node-server/conninfo';
import type { Context } from 'hono';

/** The client's address for the log-in rate limit (X-Forwarded-For only behind a trusted proxy). */
export function clientAddress(c: Context): string | null {
  if (process.env.RISCOSSA_TRUST_PROXY === '1') {
    const forwarded = c.req.header('x-forwarded-for')?.split(',')[0]?.trim();
    if (forwarded) return forwarded;
  }
  try {
    return getConnInfo(c).remote.address ?? null;
  } catch {
    return null; // app.request() in tests: no socket
  }
}
