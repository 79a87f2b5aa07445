import type { Hono } from 'hono';
import { buildOpenApiDocument } from '../openapi/openapi-document.ts';
import { renderReferencePage } from '../openapi/reference-page.ts';

/** GET /api/v1/openapi.json and GET /api/v1/reference (HTML). Registered last: they list the routes. */
export function registerOpenApiRoutes(app: Hono): void {
  let document: Record<string, unknown> | null = null;
  const get = () => {
    document ??= buildOpenApiDocument(app);
    return document;
  };
  app.get('/api/v1/openapi.json', (c) => c.json(get()));
  app.get('/api/v1/reference', (c) => c.html(renderReferencePage(get())));
}
