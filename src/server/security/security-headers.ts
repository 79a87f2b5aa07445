import type { MiddlewareHandler } from 'hono';
import { isTls } from './cookies.ts';

/**
 * Headers on every response: no caching of (personal) data, no sniffing, no framing, a strict
 * CSP (the web application serves its own scripts and styles; nothing from elsewhere), and HSTS
 * only when the request came over TLS (on plain HTTP it would be ignored or lock out a dev box).
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

export function securityHeaders(): MiddlewareHandler {
  return async (c, next) => {
    await next();
    c.header('Content-Security-Policy', CONTENT_SECURITY_POLICY);
    c.header('X-Content-Type-Options', 'nosniff');
    c.header('X-Frame-Options', 'DENY');
    c.header('Referrer-Policy', 'no-referrer');
    c.header('Cross-Origin-Opener-Policy', 'same-origin');
    if (c.req.path.startsWith('/api/')) c.header('Cache-Control', 'no-store');
    if (isTls(c)) c.header('Strict-Transport-Security', 'max-age=31536000; includeSubDomains');
  };
}
