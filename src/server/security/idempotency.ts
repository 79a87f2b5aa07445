import { createHash } from 'node:crypto';
import type { MiddlewareHandler } from 'hono';
import { AppError, invalid } from '../../core/shared/errors.ts';
import type { TSql } from '../../db/database.ts';
import { isPublicPath, principalOf } from './authenticate.ts';

/**
 * Idempotency-Key on POST: the first response (any status below 500) is stored and replayed
 * byte for byte for a retry with the same key (header Idempotent-Replayed: true); the same key
 * with a different method, path, query or body is refused with IDEMPOTENCY_KEY_REUSED; a retry
 * while the first request still runs gets CONFLICT. Keys are scoped per principal.
 * A 5xx or a streamed answer is not kept: the key can be used again.
 */
export function idempotency(deps: { db: TSql; clock?: () => Date }): MiddlewareHandler {
  return async (c, next) => {
    const key = c.req.header('idempotency-key');
    if (c.req.method !== 'POST' || key === undefined || isPublicPath(c.req.path)) return next();
    if (!/^[\x21-\x7e]{1,200}$/.test(key))
      throw invalid('Idempotency-Key', key.slice(0, 210), 'must be 1 to 200 visible ASCII characters');
    const principal = principalOf(c);
    const owner = `${principal.kind}:${principal.id}`;
    const url = new URL(c.req.url);
    const requestHash = createHash('sha256')
      .update(`${c.req.method}\n${url.pathname}\n${url.search}\n`)
      .update(new Uint8Array(await c.req.arrayBuffer()))
      .digest('hex');
    const now = deps.clock?.() ?? new Date();
    const [claimed] = await deps.db.query<{ key: string }>(
      `insert into idempotency_keys (principal, key, request_hash, created_at) values ($1, $2, $3, $4)
       on conflict (principal, key) do nothing returning key`,
      [owner, key, requestHash, now],
    );
    if (!claimed) {
      const [stored] = await deps.db.query<{
        request_hash: string;
        status: number | null;
        content_type: string | null;
        body: Uint8Array | null;
      }>(
        'select request_hash, status, content_type, body from idempotency_keys where principal = $1 and key = $2',
        [owner, key],
      );
      if (!stored || stored.request_hash !== requestHash)
        throw new AppError(
          'IDEMPOTENCY_KEY_REUSED',
          'this Idempotency-Key was used for a different request',
          {
            field: 'Idempotency-Key',
            value: key,
          },
        );
      if (stored.status === null)
        throw new AppError('CONFLICT', 'a request with this Idempotency-Key is still running; retry later', {
          field: 'Idempotency-Key',
          value: key,
        });
      const headers: Record<string, string> = { 'Idempotent-Replayed': 'true' };
      if (stored.content_type) headers['Content-Type'] = stored.content_type;
      return new Response(stored.body ? new Uint8Array(stored.body) : null, {
        status: stored.status,
        headers,
      });
    }
    let isKept = false;
    try {
      await next();
      const type = c.res.headers.get('content-type') ?? '';
      if (c.res.status < 500 && !type.startsWith('text/event-stream')) {
        const body = Buffer.from(await c.res.clone().arrayBuffer());
        await deps.db.query(
          'update idempotency_keys set status = $3, content_type = $4, body = $5 where principal = $1 and key = $2',
          [owner, key, c.res.status, type || null, body],
        );
        isKept = true;
      }
    } finally {
      if (!isKept)
        await deps.db.query('delete from idempotency_keys where principal = $1 and key = $2', [owner, key]);
    }
  };
}
