import { ApiError, api } from './api.ts';

export type TUser = { id: number; email: string; name: string; role: string; creditorIds: number[] };
/** `open`: the server has no login (an older server, or authentication not configured). */
export type TSession =
  | { state: 'loading' }
  | { state: 'anonymous' }
  | { state: 'open' }
  | { state: 'user'; user: TUser };

export async function loadSession(): Promise<TSession> {
  try {
    const { user } = await api<{ user: TUser }>('GET', '/api/v1/session');
    return { state: 'user', user };
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) return { state: 'anonymous' };
    if (error instanceof ApiError && error.status === 404) return { state: 'open' };
    throw error;
  }
}

export async function logIn(email: string, password: string, totp: string): Promise<TUser> {
  const { user } = await api<{ user: TUser }>('POST', '/api/v1/session', {
    email,
    password,
    ...(totp ? { totp } : {}),
  });
  return user;
}

export async function logOut(): Promise<void> {
  await api('DELETE', '/api/v1/session');
}

/** Roles that may run the engine (POST /api/v1/runs needs the `write` permission). */
const RUNNING_ROLES = new Set(['administrator', 'credit_manager']);

/** On a server without login every screen is open; otherwise by the user's role. */
export function canRunEngine(session: TSession): boolean {
  return session.state === 'open' || (session.state === 'user' && RUNNING_ROLES.has(session.user.role));
}

/** Administrators (and a server without login) may look at every creditor at once. */
export function canSeeAllCreditors(session: TSession): boolean {
  return session.state === 'open' || (session.state === 'user' && session.user.role === 'administrator');
}

/** The server's role table (src/core/security/roles.ts), to hide what the API would refuse. */
const ROLE_PERMISSIONS: Record<string, readonly TPermission[]> = {
  administrator: ['read', 'work', 'write', 'policies', 'admin'],
  credit_manager: ['read', 'work', 'write', 'policies'],
  operator: ['read', 'work'],
  agency_specialist: ['read', 'work'],
  read_only: ['read'],
};
export type TPermission = 'read' | 'work' | 'write' | 'policies' | 'admin';

/** What the signed-in user may do (everything on a server without login). */
export function permissionsOf(session: TSession): ReadonlySet<TPermission> {
  if (session.state === 'open') return new Set(['read', 'work', 'write', 'policies', 'admin']);
  if (session.state !== 'user') return new Set();
  return new Set(ROLE_PERMISSIONS[session.user.role] ?? []);
}
