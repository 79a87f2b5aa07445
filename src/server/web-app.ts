import { existsSync, readFileSync, statSync } from 'node:fs';
import { extname, join, normalize, sep } from 'node:path';
import type { Hono } from 'hono';

/** Where `npm run build:web` (vite build) writes the web app. */
export const WEB_DIST_DIR = new URL('../../web/dist/', import.meta.url).pathname;

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
};

/**
 * Serves the built web app at `/`: files of web/dist, hashed assets cached for a year (their
 * name changes with their content), and index.html for every other path that is not the API
 * (client-side routes such as /debtors/12 or /pay/<token>), never cached. Security headers (CSP
 * and the rest) come from the app-wide middleware.
 */
export function registerWebApp(app: Hono, distDir = WEB_DIST_DIR): void {
  const root = normalize(distDir);
  const file = (path: string): string | null => {
    const full = normalize(join(root, decodeURIComponent(path)));
    if (!full.startsWith(root) || full.includes(`${sep}..${sep}`)) return null;
    return existsSync(full) && statSync(full).isFile() ? full : null;
  };
  app.get('*', async (c, next) => {
    if (c.req.path.startsWith('/api/')) return next();
    const index = join(root, 'index.html');
    if (!existsSync(index)) {
      return c.text('The web app is not built: run `npm run build:web` (npm start does it for you).', 503);
    }
    const found = c.req.path === '/' ? null : file(c.req.path);
    const path = found ?? index;
    const isHashedAsset = found !== null && c.req.path.startsWith('/assets/');
    c.header('Content-Type', CONTENT_TYPES[extname(path)] ?? 'application/octet-stream');
    c.header('Cache-Control', isHashedAsset ? 'public, max-age=31536000, immutable' : 'no-cache');
    return c.body(readFileSync(path));
  });
}
