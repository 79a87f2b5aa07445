import { readdirSync, readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/server/app.ts';
import { ROUTE_DOCS } from '../../src/server/openapi/route-docs.ts';
import { adminHeaders, type TAuthHeaders } from '../support/api-auth.ts';
import { createTestDatabase, type TTestDatabase } from '../support/test-database.ts';

let t: TTestDatabase;
let app: ReturnType<typeof createApp>;
let admin: TAuthHeaders;
let doc: any;

beforeAll(async () => {
  t = await createTestDatabase();
  app = createApp({ db: t.db });
  admin = await adminHeaders(t.db);
  doc = await (await app.request('/api/v1/openapi.json', { headers: admin })).json();
});
afterAll(() => t.drop());

const METHODS = ['get', 'post', 'put', 'patch', 'delete'];

function documentedOperations(): Map<string, any> {
  const ops = new Map<string, any>();
  for (const [path, item] of Object.entries<any>(doc.paths)) {
    for (const [method, op] of Object.entries<any>(item)) {
      if (METHODS.includes(method))
        ops.set(`${method.toUpperCase()} ${path.replace(/\{(\w+)\}/g, ':$1')}`, op);
    }
  }
  return ops;
}

function routerOperations(): Set<string> {
  return new Set(
    app.routes
      .filter((r) => r.method !== 'ALL' && r.path.startsWith('/api/'))
      .map((r) => `${r.method} ${r.path}`),
  );
}

/**
 * The query parameters each route reads, from the route sources: literal `query('x')`,
 * `optional(c, 'x')` and `flag(c, 'x')` in the route's handler, plus those read by the file's
 * helpers `name(c...)` that the handler calls. `...c.req.query()` (every parameter) is marked '*'.
 */
function queryReadsByRoute(): Map<string, Set<string>> {
  const dir = 'src/server/routes';
  const result = new Map<string, Set<string>>();
  const literal = (text: string) =>
    new Set(
      [...text.matchAll(/\bquery\('(\w+)'\)|\b(?:optional|flag)\(c, '(\w+)'\)/g)].map((m) => (m[1] ?? m[2])!),
    );
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.ts'))) {
    const source = readFileSync(`${dir}/${file}`, 'utf8');
    const starts = [
      ...source.matchAll(
        /\bapp\.(get|post|put|patch|delete)\(\s*'([^']+)'|(?:function\s+(\w+)\s*\(|const\s+(\w+)\s*=\s*(?:async\s*)?\()c(?:: Context)?\b/g,
      ),
    ];
    const block = (i: number) => source.slice(starts[i]!.index, starts[i + 1]?.index ?? source.length);
    const helpers = new Map<string, Set<string>>();
    starts.forEach((m, i) => {
      const name = m[3] ?? m[4];
      if (name) helpers.set(name, literal(block(i)));
    });
    starts.forEach((m, i) => {
      if (!m[1]) return;
      const text = block(i);
      const names = literal(text);
      if (/c\.req\.query\(\)/.test(text)) names.add('*');
      for (const [helper, reads] of helpers) {
        const calls = [...text.matchAll(new RegExp(`\\b${helper}\\(c\\b[^)]*\\)(\\.limit)?`, 'g'))];
        for (const call of calls) for (const q of call[1] ? ['limit'] : reads) names.add(q);
      }
      result.set(`${m[1].toUpperCase()} ${m[2]}`, names);
    });
  }
  return result;
}

describe('OpenAPI document and reference page', () => {
  it('documents exactly the routes of the router, no more, no fewer', async () => {
    expect((await app.request('/api/v1/openapi.json')).status).toBe(401);
    expect(doc.openapi).toBe('3.1.0');
    const documented = new Set(documentedOperations().keys());
    const routed = routerOperations();
    expect([...routed].filter((op) => !documented.has(op))).toEqual([]);
    expect([...documented].filter((op) => !routed.has(op))).toEqual([]);
    expect(Object.keys(ROUTE_DOCS).filter((op) => !routed.has(op))).toEqual([]);
    expect(routed.size).toBeGreaterThan(80);
  });

  it('gives every operation a success answer and the one error shape', () => {
    const missing: string[] = [];
    for (const [op, spec] of documentedOperations()) {
      const statuses = Object.keys(spec.responses ?? {});
      if (!statuses.some((s) => /^2\d\d$/.test(s))) missing.push(`${op}: no success response`);
      const errors = statuses.filter((s) => /^[45]\d\d$/.test(s));
      if (!errors.includes('500')) missing.push(`${op}: no 500`);
      if (spec.security?.length && !errors.includes('401')) missing.push(`${op}: no 401`);
      for (const s of errors) {
        const schema = spec.responses[s].content?.['application/json']?.schema;
        if (schema?.required?.join() !== 'code,message,details' || !schema.properties.code.enum?.length)
          missing.push(`${op}: ${s} is not {code, message, details}`);
      }
    }
    expect(missing).toEqual([]);
    const ops = documentedOperations();
    expect(Object.keys(ops.get('DELETE /api/v1/session').responses)).toEqual(['204', '500']);
    expect(Object.keys(ops.get('GET /api/v1/debtors/:id/risk').responses)).toEqual([
      '200',
      '400',
      '401',
      '403',
      '404',
      '500',
    ]);
    expect(
      ops.get('POST /api/v1/payments').responses['422'].content['application/json'].schema.properties.code
        .enum,
    ).toEqual(['UNKNOWN_CREDITOR', 'OVERPAYMENT', 'MISSING_RATE', 'IDEMPOTENCY_KEY_REUSED']);
    expect(Object.keys(ops.get('GET /api/v1/reports/:name').responses['200'].content)).toEqual([
      'application/json',
      'text/csv',
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    ]);
    expect(Object.keys(ops.get('POST /api/v1/public/links/:token/promises').responses)).toEqual([
      '201',
      '400',
      '404',
      '409',
      '410',
      '413',
      '422',
      '429',
      '500',
    ]);
  });

  it('lists every query parameter a route reads', () => {
    const ops = documentedOperations();
    const undocumented: string[] = [];
    for (const [op, reads] of queryReadsByRoute()) {
      const spec = ops.get(op);
      const documented = new Set(
        (spec?.parameters ?? []).filter((p: any) => p.in === 'query').map((p: any) => p.name),
      );
      for (const name of reads) {
        if (name === '*' ? documented.size === 0 : !documented.has(name)) undocumented.push(`${op} ?${name}`);
      }
    }
    expect(undocumented).toEqual([]);
    const params = (op: string) =>
      ops
        .get(op)
        .parameters.filter((p: any) => p.in === 'query')
        .map((p: any) => p.name);
    expect(params('GET /api/v1/cases')).toEqual(['creditor', 'debtor', 'status', 'after', 'limit']);
    expect(params('GET /api/v1/reports/:name')).toEqual([
      'creditor',
      'asOf',
      'by',
      'from',
      'months',
      'format',
    ]);
    expect(params('DELETE /api/v1/holds')).toEqual([
      'debtor',
      'invoice',
      'year',
      'creditor',
      'reason',
      'date',
    ]);
  });

  it('keeps request bodies from the validating zod schemas', () => {
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
    expect(html).toContain('<li><code>asOf</code> the day the answer is computed on');
    expect(html).toContain('<li><code>422</code> Refused by a business rule');
    expect(html).not.toMatch(/<script|https?:\/\/(?!127)/);
  });
});
