import type { ServerType } from '@hono/node-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer } from '../../src/server/serve.ts';
import { adminHeaders, type TAuthHeaders } from '../support/api-auth.ts';
import { CREDITOR_VAT, DEBTOR_VAT, invoice } from '../support/fixtures.ts';
import { createTestDatabase, type TTestDatabase } from '../support/test-database.ts';

let t: TTestDatabase;
let server: ServerType;
let base: string;
let auth: TAuthHeaders;

beforeAll(async () => {
  t = await createTestDatabase();
  auth = await adminHeaders(t.db);
  const started = await startServer(t.db, 0);
  server = started.server;
  base = `http://127.0.0.1:${started.port}`;
});
afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  await t.drop();
});

async function call(method: string, path: string, body?: unknown) {
  const response = await fetch(`${base}${path}`, {
    method,
    headers: { ...auth, 'content-type': 'application/json' },
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as any };
}

describe('HTTP API over the ledger', () => {
  it('answers /api/health with the engine', async () => {
    const health = await call('GET', '/api/health');
    expect(health.status).toBe(200);
    expect(health.body).toMatchObject({
      status: 'ok',
      engine: process.env.DATABASE_URL ? 'postgres' : 'pglite',
    });
    expect(health.body.migrations).toBeGreaterThanOrEqual(1);
  });

  it('creates a creditor, invoices and a payment, and lists them with derived balances', async () => {
    expect((await call('POST', '/api/v1/creditors', { name: 'Acme', vatNumber: CREDITOR_VAT })).status).toBe(
      201,
    );
    const added = await call('POST', '/api/v1/invoices', [invoice({ number: 'H-1' })]);
    expect(added.status).toBe(201);
    expect(added.body).toMatchObject([{ number: 'H-1', status: 'imported' }]);
    const paid = await call('POST', '/api/v1/payments', {
      debtor: DEBTOR_VAT,
      amount: '220.00',
      date: '2026-03-01',
    });
    expect(paid.status).toBe(201);
    const list = await call('GET', `/api/v1/invoices?debtor=${DEBTOR_VAT}&asOf=2026-03-15`);
    expect(list.status).toBe(200);
    expect(
      list.body.map((i: any) => [
        i.number,
        i.total,
        i.outstanding,
        i.instalments[0].status,
        i.instalments[0].daysOverdue,
      ]),
    ).toEqual([['H-1', '1220.00', '1000.00', 'partially-paid', 15]]);
    const debtors = await call('GET', '/api/v1/debtors?asOf=2026-03-15');
    expect(debtors.body.map((d: any) => [d.vatNumber, d.outstanding])).toEqual([[DEBTOR_VAT, '1000.00']]);
  });

  it('refuses bad input with a 4xx and a machine-readable code naming the field', async () => {
    const bad = await call('POST', '/api/v1/invoices', invoice({ number: 'H-2', currency: 'EUX' }));
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({
      code: 'INVALID_INPUT',
      details: { field: 'invoice.currency', value: 'EUX' },
    });
    const unknown = await call(
      'POST',
      '/api/v1/invoices',
      invoice({ number: 'H-3', creditor: { vatNumber: '02438750586' } }),
    );
    expect([unknown.status, unknown.body.code]).toEqual([422, 'UNKNOWN_CREDITOR']);
    const over = await call('POST', '/api/v1/payments', {
      debtor: DEBTOR_VAT,
      amount: '5000.00',
      date: '2026-03-01',
    });
    expect([over.status, over.body.code]).toEqual([422, 'OVERPAYMENT']);
    const notJson = await call('POST', '/api/v1/payments', '{not json');
    expect([notJson.status, notJson.body.code]).toEqual([400, 'INVALID_INPUT']);
    const page = await call('GET', '/api/v1/invoices?limit=0');
    expect([page.status, page.body.details.field]).toEqual([400, 'limit']);
    const missing = await call('GET', '/api/v1/nothing');
    expect([missing.status, missing.body.code]).toEqual([404, 'NOT_FOUND']);
    const list = await call('GET', '/api/v1/invoices');
    expect(list.body.map((i: any) => i.number)).toEqual(['H-1']);
  });
});
