import type { Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';

export const SESSION_COOKIE = 'riscossa_session';
export const CSRF_COOKIE = 'riscossa_csrf';

/** TLS as the client sees it: the request URL, or X-Forwarded-Proto behind a trusted proxy. */
export function isTls(c: Context): boolean {
  if (new URL(c.req.url).protocol === 'https:') return true;
  return process.env.RISCOSSA_TRUST_PROXY === '1' && c.req.header('x-forwarded-proto') === 'https';
}

export function setSessionCookies(c: Context, token: string, csrfToken: string, expiresAt: Date): void {
  const secure = isTls(c);
  setCookie(c, SESSION_COOKIE, token, {
    httpOnly: true,
    sameSite: 'Strict',
    path: '/',
    secure,
    expires: expiresAt,
  });
  // Readable by the page's script, which echoes it in X-CSRF-Token (double submit).
  setCookie(c, CSRF_COOKIE, csrfToken, {
    httpOnly: false,
    sameSite: 'Strict',
    path: '/',
    secure,
    expires: expiresAt,
  });
}

export function clearSessionCookies(c: Context): void {
  deleteCookie(c, SESSION_COOKIE, { path: '/', secure: isTls(c) });
  deleteCookie(c, CSRF_COOKIE, { path: '/', secure: isTls(c) });
}

export function sessionCookie(c: Context): string | undefined {
  return getCookie(c, SESSION_COOKIE);
}

export function csrfCookie(c: Context): string | undefined {
  return getCookie(c, CSRF_COOKIE);
}
