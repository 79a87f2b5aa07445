import type { ServerType } from '@hono/node-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLink } from '../../src/app/self-service/create-link.ts';
import { makeContext } from '../../src/app/shared/context.ts';
import { startServer } from '../../src/server/serve.ts';
import { addInvoice, newVat, newWorld, runOn, type TWorld } from '../collection/collection-fixtures.ts';
import { adminHeaders, type TAuthHeaders, userHeaders } from '../support/api-auth.ts';
import { createTestDatabase, type TTestDatabase } from '../support/test-database.ts';

const NOW = new Date('2026-04-07T09:00:00Z');
let t: TTestDatabase;
let server: ServerType;
let base: string;
let w: TWorld;
let other: TWorld;
let admin: TAuthHeaders;
let operator: TAuthHeaders;
let debtorId: number;

beforeAll(async () => {
  t = await createTestDatabase();
  const started = await startServer(t.db, 0, '127.0.0.1', { clock: () => NOW });
  server = started.server;
  base = `http://127.0.0.1:${started.port}`;
  w = await newWorld(t.db);
  other = await newWorld(t.db);
  await addInvoice(t.db, w, 'PAGE-1', [{ dueDate: '2026-03-22', amount: '640.00' }]);
  await addInvoice(t.db, other, 'ELSEWHERE-1', [{ dueDate: '2026-03-22', amount: '10.00' }]);
  await runOn(t.db, w, '2026-04-07');
  const [row] = await t.db.query<{ id: number }>(
    'select id from debtors where vat_number = $1 and creditor_id = $2',
    [w.debtorVat, w.creditorId],
  );
  debtorId = row!.id;
  admin = await adminHeaders(t.db);
  operator = await userHeaders(t.db, { role: 'operator', creditors: [other.creditorVat] });
});
afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  await t.drop();
});

async function call(method: string, path: string, headers: TAuthHeaders, body?: unknown) {
  const response = await fetch(`${base}${path}`, {
    method,
    headers: { ...headers, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as any };
}

describe("the debtor page's API", () => {
  it('gathers contacts, invoices, timeline, promises, disputes, holds and receipts', async () => {
    const { token } = await createLink(makeContext(t.db, 'test', NOW), { debtor: w.debtorVat });
    const form = new FormData();
    form.set('receipt', new Blob([new Uint8Array([0x25, 0x50, 0x44, 0x46, 0x2d])]), 'bonifico.pdf');
    expect(
      (await fetch(`${base}/api/v1/public/links/${token}/paid`, { method: 'POST', body: form })).status,
    ).toBe(201);

    const page = await call('GET', `/api/v1/debtors/${debtorId}/overview`, admin);
    expect(page.status).toBe(200);
    expect(page.body.creditor.vatNumber).toBe(w.creditorVat);
    expect(page.body.debtor).toMatchObject({ id: debtorId, vatNumber: w.debtorVat });
    expect(page.body.invoices.map((i: any) => [i.number, i.outstanding])).toEqual([['PAGE-1', '640.00']]);
    expect(page.body.timeline.map((e: any) => e.action)).toEqual(
      expect.arrayContaining(['link.created', 'payment.reported', 'step.taken']),
    );
    expect(page.body.receipts).toMatchObject([{ fileName: 'bonifico.pdf' }]);
    expect(page.body.links).toMatchObject([{ state: 'active' }]);

    const receipt = await fetch(`${base}/api/v1/debtors/${debtorId}/receipts/${page.body.receipts[0].id}`, {
      headers: admin,
    });
    expect(receipt.headers.get('content-type')).toBe('application/pdf');
    expect((await receipt.arrayBuffer()).byteLength).toBe(5);

    const newest = page.body.timeline[0].seq;
    const older = await call('GET', `/api/v1/debtors/${debtorId}/timeline?before=${newest}&limit=1`, admin);
    expect(older.body).toHaveLength(1);
    expect(older.body[0].seq).toBe(newest - 1);
  });

  it("answers 'not found' for a debtor of a creditor the user does not reach", async () => {
    expect((await call('GET', `/api/v1/debtors/${debtorId}/overview`, operator)).status).toBe(404);
    expect((await call('POST', `/api/v1/debtors/${debtorId}/links`, operator, {})).status).toBe(404);
    expect((await call('GET', `/api/v1/debtors/${debtorId}/overview`, {})).status).toBe(401);
  });

  it('creates a link for the debtor and revokes it', async () => {
    const created = await call('POST', `/api/v1/debtors/${debtorId}/links`, admin, { days: 5 });
    expect(created.status).toBe(201);
    expect(created.body.url).toBe(`${base}/pay/${created.body.token}`);
    expect(created.body.expiresAt).toBe('2026-04-12T09:00:00.000Z');
    const revoked = await call('DELETE', `/api/v1/links/${created.body.id}`, admin);
    expect(revoked.body.status).toBe('revoked');
    expect((await fetch(`${base}/api/v1/public/links/${created.body.token}`)).status).toBe(410);
  });

  it('filters the debtors list on the server by name or VAT number', async () => {
    const found = await call('GET', `/api/v1/debtors?q=${w.debtorVat.slice(4)}`, admin);
    expect(found.body.map((d: any) => d.vatNumber)).toEqual([w.debtorVat]);
    expect((await call('GET', `/api/v1/debtors?q=${newVat()}`, admin)).body).toEqual([]);
  });
});

describe('the web app served by riscossa serve', () => {
  it('serves index.html for client routes, hashed assets with a long cache, JSON for unknown API paths', async () => {
    const index = await fetch(`${base}/debtors/12`);
    expect(index.status).toBe(200);
    expect(index.headers.get('content-type')).toContain('text/html');
    expect(index.headers.get('cache-control')).toBe('no-cache');
    const html = await index.text();
    const asset = /src="(\/assets\/[^"]+\.js)"/.exec(html)![1]!;
    const script = await fetch(`${base}${asset}`);
    expect(script.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(script.headers.get('content-type')).toContain('text/javascript');
    expect((await fetch(`${base}/pay/abc`)).headers.get('content-type')).toContain('text/html');
    const api = await fetch(`${base}/api/v1/nothing-here`, { headers: admin });
    expect(api.status).toBe(404);
    expect(((await api.json()) as any).code).toBe('NOT_FOUND');
    expect((await fetch(`${base}/..%2f..%2fpackage.json`)).headers.get('content-type')).toContain(
      'text/html',
    );
  });
});
