import { getConnInfo } from '@hono/node-server/conninfo';
import type { Context } from 'hono';
import { AppError } from '../core/shared/errors.ts';

export type TRateLimit = { requests: number; windowMs: number };

/**
 * A fixed-window counter per key, in memory: enough for one server process to stop a script
 * guessing tokens or flooding a debtor's page. Old windows are dropped as the map is used.
 */
export function createRateLimiter(limit: TRateLimit, now: () => number = Date.now) {
  const windows = new Map<string, { start: number; count: number }>();
  return (key: string): void => {
    const t = now();
    if (windows.size > 10_000) {
      for (const [k, w] of windows) if (t - w.start >= limit.windowMs) windows.delete(k);
    }
    const w = windows.get(key);
    if (!w || t - w.start >= limit.windowMs) {
      windows.set(key, { start: t, count: 1 });
      return;
    }
    w.count += 1;
    if (w.count > limit.requests) {
      throw new AppError('RATE_LIMITED', 'too many requests: try again in a few minutes', {
        retryAfterSeconds: Math.ceil((w.start + limit.windowMs - t) / 1000),
      });
    }
  };
}

/** The client's address as the socket sees it (a proxy in front must do its own limiting). */
export function clientAddress(c: Context): string {
  try {
    return getConnInfo(c).remote.address ?? 'unknown';
  } catch {
    return 'unknown';
  }
}
