import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/server/app.ts';
import { adminHeaders, type TAuthHeaders } from '../support/api-auth.ts';
import { createTestDatabase, type TTestDatabase } from '../support/test-database.ts';

let t: TTestDatabase;
let app: ReturnType<typeof createApp>;
let admin: TAuthHeaders;

beforeAll(async () => {
  t = await createTestDatabase();
  app = createApp({ db: t.db });
  admin = await adminHeaders(t.db);
});
afterAll(() => t.drop());

describe('OpenAPI document and reference page', () => {
  it('lists every registered API route, with request bodies from the validating zod schemas', async () => {
    expect((await app.request('/api/v1/openapi.json')).status).toBe(401);
    const response = await app.request('/api/v1/openapi.json', { headers: admin });
    expect(response.status).toBe(200);
    const doc = (await response.json()) as any;
    expect(doc.openapi).toBe('3.1.0');
    const operations = new Set(
      Object.entries(doc.paths).flatMap(([path, ops]: [string, any]) =>
        Object.keys(ops).map((m) => `${m.toUpperCase()} ${path.replace(/\{(\w+)\}/g, ':$1')}`),
      ),
    );
    for (const route of app.routes.filter((r) => r.method !== 'ALL' && r.path.startsWith('/api/')))
      expect(operations).toContain(`${route.method} ${route.path}`);
    const payment = doc.paths['/api/v1/payments'].post;
    expect(payment.requestBody.content['application/json'].schema.required).toEqual([
      'debtor',
      'amount',
      'date',
    ]);
    expect(payment.description).toContain('"write" permission');
    expect(
      doc.paths['/api/v1/tasks/{id}/complete'].post.requestBody.content['application/json'].schema.properties
        .outcome.enum,
    ).toContain('no-answer');
    expect(doc.paths['/api/v1/session'].post.security).toEqual([]);
  });

  it('serves a reference page without scripts from elsewhere', async () => {
    const response = await app.request('/api/v1/reference', { headers: admin });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/html');
    const html = await response.text();
    expect(html).toContain('<code>POST /api/v1/payments</code>');
    expect(html).not.toMatch(/<script|https?:\/\/(?!127)/);
  });
});
