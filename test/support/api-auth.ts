import { randomBytes } from 'node:crypto';
import { addUser } from '../../src/app/security/add-user.ts';
import { createApiKey } from '../../src/app/security/api-keys.ts';
import { createSession } from '../../src/app/security/sessions.ts';
import { makeContext } from '../../src/app/shared/context.ts';
import type { TRole } from '../../src/core/security/roles.ts';
import type { TSql } from '../../src/db/database.ts';

/**
 * Authentication for HTTP tests: a real user (or API key) in the test database and the headers
 * to send with every request. Session headers carry the cookie and the matching X-CSRF-Token,
 * so they work for every method.
 *
 *   const headers = await adminHeaders(t.db);
 *   await app.request('/api/v1/creditors', { method: 'POST', headers: { ...headers, 'content-type': 'application/json' }, body });
 */
export type TAuthHeaders = Record<string, string>;

/** A password the policy accepts (long, random). */
export function strongPassword(): string {
  return `Riscossa-${randomBytes(12).toString('base64url')}`;
}

/** A user of the given role (default: an administrator, who reaches every creditor) with a session. */
export async function userHeaders(
  db: TSql,
  options: { role?: TRole; creditors?: ReadonlyArray<string | number>; email?: string; now?: Date } = {},
): Promise<TAuthHeaders & { 'x-csrf-token': string; cookie: string }> {
  const ctx = makeContext(db, 'test');
  const user = await addUser(ctx, {
    email: options.email ?? `user-${randomBytes(4).toString('hex')}@test.riscossa.it`,
    name: 'Test User',
    role: options.role ?? 'administrator',
    creditors: options.creditors ?? [],
    password: strongPassword(),
  });
  // Sessions last 12 hours from `now`: tests whose app clock is far from today pass their clock.
  const session = await createSession(db, user.id, options.now ?? new Date());
  return {
    cookie: `riscossa_session=${session.token}; riscossa_csrf=${session.csrfToken}`,
    'x-csrf-token': session.csrfToken,
  };
}

export function adminHeaders(db: TSql): Promise<TAuthHeaders> {
  return userHeaders(db, { role: 'administrator' });
}

/** An API key of one creditor (VAT number or id) with the given permissions. */
export async function apiKeyHeaders(
  db: TSql,
  creditor: string | number,
  permissions: ReadonlyArray<'read' | 'work' | 'write'> = ['read', 'write'],
): Promise<TAuthHeaders> {
  const key = await createApiKey(makeContext(db, 'test'), { creditor, permissions: [...permissions] });
  return { authorization: `Bearer ${key.token}` };
}

type TRequestable = { request(path: string, init?: RequestInit): Response | Promise<Response> };

/** An in-process app (createApp) whose every request carries these headers. */
export function withHeaders(app: TRequestable, headers: TAuthHeaders) {
  return {
    request: (path: string, init: RequestInit = {}) =>
      app.request(path, {
        ...init,
        headers: { ...headers, ...((init.headers as Record<string, string> | undefined) ?? {}) },
      }),
  };
}
