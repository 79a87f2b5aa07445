import type { Hono } from 'hono';
import { logIn } from '../../app/security/log-in.ts';
import { recordSecurityEvent } from '../../app/security/security-events.ts';
import { resumeSession } from '../../app/security/sessions.ts';
import { toSessionUser } from '../../app/security/user-view.ts';
import { makeContext } from '../../app/shared/context.ts';
import { AppError } from '../../core/shared/errors.ts';
import { revokeSession } from '../../db/queries/sessions.ts';
import type { TServerDeps } from '../app.ts';
import { clientAddress } from '../security/client-address.ts';
import { clearSessionCookies, sessionCookie, setSessionCookies } from '../security/cookies.ts';

/**
 * Log-in and log-out for the web application (the contract it is built on):
 * POST /api/v1/session {email, password, totp?} → {user} and the two cookies;
 * GET /api/v1/session → {user} or 401; DELETE /api/v1/session → 204.
 */
export function registerSessionRoutes(app: Hono, deps: TServerDeps): void {
  const now = () => deps.clock?.() ?? new Date();

  app.post('/api/v1/session', async (c) => {
    let body: Record<string, unknown> = {};
    try {
      const parsed = (await c.req.json()) as unknown;
      if (parsed && typeof parsed === 'object' && !Array.isArray(parsed))
        body = parsed as Record<string, unknown>;
    } catch {
      // A body that is not JSON is a refused log-in like any other.
    }
    const { user, session } = await logIn(makeContext(deps.db, 'api', now()), {
      email: body.email,
      password: body.password,
      totp: body.totp,
      address: clientAddress(c),
    });
    setSessionCookies(c, session.token, session.csrfToken, session.expiresAt);
    return c.json({ user: toSessionUser(user) });
  });

  app.get('/api/v1/session', async (c) => {
    const token = sessionCookie(c);
    const session = token ? await resumeSession(deps.db, token, now()) : null;
    if (!session) throw new AppError('UNAUTHENTICATED', 'authentication required');
    return c.json({ user: toSessionUser(session.user) });
  });

  app.delete('/api/v1/session', async (c) => {
    const token = sessionCookie(c);
    const session = token ? await resumeSession(deps.db, token, now()) : null;
    if (session) {
      await revokeSession(deps.db, session.tokenHash, now());
      await recordSecurityEvent(makeContext(deps.db, `user:${session.user.email}`, now()), 'logout', {
        subjectId: session.user.id,
      });
    }
    clearSessionCookies(c);
    return c.body(null, 204);
  });
}
