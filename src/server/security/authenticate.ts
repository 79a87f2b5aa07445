import type { Context, MiddlewareHandler } from 'hono';
import { apiKeyPrincipal } from '../../app/security/api-keys.ts';
import { recordSecurityEvent } from '../../app/security/security-events.ts';
import { resumeSession, userPrincipal } from '../../app/security/sessions.ts';
import { safeEqual } from '../../app/security/tokens.ts';
import { makeContext } from '../../app/shared/context.ts';
import { hasPermission, principalActor, type TPrincipal } from '../../core/security/roles.ts';
import { AppError } from '../../core/shared/errors.ts';
import type { TSql } from '../../db/database.ts';
import { csrfCookie, sessionCookie } from './cookies.ts';
import { isSafeMethod, requiredPermission } from './permissions.ts';

declare module 'hono' {
  interface ContextVariableMap {
    principal: TPrincipal;
  }
}

/** Paths under /api/v1 reachable without a principal: log-in itself and the debtor's own page. */
export function isPublicPath(path: string): boolean {
  return path === '/api/v1/session' || path.startsWith('/api/v1/public/') || path === '/api/v1/public';
}

/** The principal of this request (set by `authenticate`); routes and use cases filter by it. */
export function principalOf(c: Context): TPrincipal {
  const principal = c.get('principal');
  if (!principal) throw new AppError('UNAUTHENTICATED', 'authentication required');
  return principal;
}

/**
 * Every /api/v1 route but the public ones: a bearer API key or a session cookie; unsafe methods
 * over a cookie also need X-CSRF-Token equal to the session's CSRF token; then the permission
 * of the permission table. Refusals are logged as security events.
 */
export function authenticate(deps: { db: TSql; clock?: () => Date }): MiddlewareHandler {
  return async (c, next) => {
    if (isPublicPath(c.req.path)) return next();
    const now = deps.clock?.() ?? new Date();
    const principal = await findPrincipal(c, deps.db, now);
    if (!principal) throw new AppError('UNAUTHENTICATED', 'authentication required');
    const permission = requiredPermission(c.req.method, c.req.path);
    if (!hasPermission(principal, permission)) {
      await recordSecurityEvent(makeContext(deps.db, principalActor(principal), now), 'permission.denied', {
        subjectType: principal.kind,
        subjectId: principal.id,
        creditorIds: principal.creditorIds ?? [],
        data: { method: c.req.method, path: c.req.path, permission },
      });
      throw new AppError('FORBIDDEN', `this needs the "${permission}" permission`, { permission });
    }
    c.set('principal', principal);
    return next();
  };
}

async function findPrincipal(c: Context, db: TSql, now: Date): Promise<TPrincipal | null> {
  const authorization = c.req.header('authorization');
  if (authorization) {
    const match = /^Bearer\s+(\S+)$/i.exec(authorization);
    return match ? apiKeyPrincipal(db, match[1]!, now) : null;
  }
  const token = sessionCookie(c);
  if (!token) return null;
  const session = await resumeSession(db, token, now);
  if (!session) return null;
  if (!isSafeMethod(c.req.method)) {
    const header = c.req.header('x-csrf-token') ?? '';
    const cookie = csrfCookie(c) ?? '';
    if (!header || !safeEqual(header, cookie) || !safeEqual(header, session.csrfToken))
      throw new AppError('CSRF', 'missing or wrong X-CSRF-Token header');
  }
  return userPrincipal(session.user);
}
