import { ROLE_PERMISSIONS, type TPrincipal, type TRole } from '../../core/security/roles.ts';
import type { TSql } from '../../db/database.ts';
import { findSession, insertSession, touchSession } from '../../db/queries/sessions.ts';
import { findUserById, type TUserRow } from '../../db/queries/users.ts';
import { randomToken, tokenHash } from './tokens.ts';

/** A session ends after 30 minutes without requests, and 12 hours after log-in in any case. */
export const SESSION_IDLE_MS = 30 * 60 * 1000;
export const SESSION_ABSOLUTE_MS = 12 * 60 * 60 * 1000;
/** last_seen_at is written at most once a minute per session, not on every request. */
const TOUCH_EVERY_MS = 60 * 1000;

export type TNewSession = { token: string; csrfToken: string; expiresAt: Date };

export async function createSession(db: TSql, userId: number, now: Date): Promise<TNewSession> {
  const token = randomToken();
  const csrfToken = randomToken();
  const expiresAt = new Date(now.getTime() + SESSION_ABSOLUTE_MS);
  await insertSession(db, {
    token_hash: tokenHash(token),
    user_id: userId,
    csrf_token: csrfToken,
    created_at: now,
    last_seen_at: now,
    expires_at: expiresAt,
  });
  return { token, csrfToken, expiresAt };
}

export function userPrincipal(user: TUserRow): TPrincipal {
  const role = user.role as TRole;
  return {
    kind: 'user',
    id: user.id,
    label: user.email,
    role,
    permissions: ROLE_PERMISSIONS[role],
    creditorIds: role === 'administrator' ? null : user.creditor_ids,
  };
}

/** The user behind a session cookie, or null when the session is unknown, revoked, idle or expired. */
export async function resumeSession(
  db: TSql,
  token: string,
  now: Date,
): Promise<{ user: TUserRow; csrfToken: string; tokenHash: string } | null> {
  const hash = tokenHash(token);
  const session = await findSession(db, hash);
  if (!session || session.revoked_at) return null;
  const t = now.getTime();
  if (t >= session.expires_at.getTime() || t >= session.last_seen_at.getTime() + SESSION_IDLE_MS) return null;
  const user = await findUserById(db, session.user_id);
  if (!user || user.is_disabled) return null;
  if (t - session.last_seen_at.getTime() >= TOUCH_EVERY_MS) await touchSession(db, hash, now);
  return { user, csrfToken: session.csrf_token, tokenHash: hash };
}
