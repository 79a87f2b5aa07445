import type { ServerType } from '@hono/node-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLink } from '../../src/app/self-service/create-link.ts';
import { revokeLink } from '../../src/app/self-service/revoke-link.ts';
import { makeContext } from '../../src/app/shared/context.ts';
import { epcQrText } from '../../src/core/self-service/epc-qr.ts';
import { startServer } from '../../src/server/serve.ts';
import { addInvoice, newVat, newWorld, runOn, type TWorld } from '../collection/collection-fixtures.ts';
import { createTestDatabase, type TTestDatabase } from '../support/test-database.ts';

const NOW = new Date('2026-04-07T09:00:00Z');
let t: TTestDatabase;
let server: ServerType;
let base: string;
let w: TWorld;
let token: string;
const otherDebtor = newVat();

beforeAll(async () => {
  t = await createTestDatabase();
  const started = await startServer(t.db, 0, '127.0.0.1', {
    clock: () => NOW,
    publicLimits: {
      perAddress: { requests: 1000, windowMs: 60_000 },
      writesPerLink: { requests: 8, windowMs: 3_600_000 },
    },
  });
  server = started.server;
  base = `http://127.0.0.1:${started.port}`;
  w = await newWorld(t.db);
  await addInvoice(t.db, w, 'SELF-1', [{ dueDate: '2026-03-02', amount: '640.00' }]);
  await addInvoice(t.db, w, 'SELF-2', [{ dueDate: '2026-03-05', amount: '200.00' }]);
  await addInvoice(t.db, w, 'OTHER-1', [{ dueDate: '2026-03-02', amount: '999.00' }], {
    debtorVat: otherDebtor,
  });
  await runOn(t.db, w, '2026-04-07');
  token = (await createLink(makeContext(t.db, 'test', NOW), { debtor: w.debtorVat, days: 30 })).token;
});
afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  await t.drop();
});

async function call(method: string, path: string, body?: unknown) {
  const response = await fetch(`${base}${path}`, {
    method,
    headers: { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as any };
}

async function selfServiceTasks(): Promise<string[]> {
  const rows = await t.db.query<{ reason: string }>(
    `select reason from collection_tasks where creditor_id = $1 and kind = 'review' and status = 'open' order by id`,
    [w.creditorId],
  );
  return rows.map((r) => r.reason);
}

describe("the debtor's self-service API", () => {
  it('stores only the hash of a 256-bit token', async () => {
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const rows = await t.db.query<{ token_hash: string }>('select token_hash from debtor_links');
    expect(rows).toHaveLength(1);
    expect(rows[0]!.token_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(rows[0]!.token_hash).not.toContain(token);
  });

  it("shows this debtor's open documents and how to pay, nothing of another debtor", async () => {
    const page = await call('GET', `/api/v1/public/links/${token}`);
    expect(page.status).toBe(200);
    expect(page.body.debtor).toEqual({ name: `Debitore ${w.debtorVat}` });
    expect(page.body.documents.map((d: any) => [d.number, d.outstanding])).toEqual([
      ['SELF-1', '640.00'],
      ['SELF-2', '200.00'],
    ]);
    expect(page.body.payment.total).toBe('840.00');
    expect(page.body.payment.reference).toMatch(/^RF\d{2} /);
    expect(JSON.stringify(page.body)).not.toContain('OTHER-1');
    expect(JSON.stringify(page.body)).not.toContain(otherDebtor);
  });

  it("refuses a dispute on another debtor's invoice as not found", async () => {
    const [other] = await t.db.query<{ id: number }>(`select id from invoices where number = 'OTHER-1'`);
    const refused = await call('POST', `/api/v1/public/links/${token}/disputes`, {
      invoiceId: other!.id,
      reason: 'not mine',
    });
    expect(refused.status).toBe(404);
    expect(await t.db.query('select id from collection_disputes')).toHaveLength(0);
  });

  it('opens a dispute: register row, review task in the worklist', async () => {
    const [own] = await t.db.query<{ id: number }>(`select id from invoices where number = 'SELF-2'`);
    const opened = await call('POST', `/api/v1/public/links/${token}/disputes`, {
      invoiceId: own!.id,
      reason: 'goods never delivered',
    });
    expect(opened.status).toBe(201);
    expect(opened.body.dispute).toMatchObject({ status: 'open', reason: 'goods never delivered' });
    expect(await selfServiceTasks()).toEqual([
      'self-service: the debtor disputes invoice SELF-2: goods never delivered',
    ]);
    const register = await t.db.query<{ action: string; actor: string }>(
      `select action, actor from register_entries where creditor_id = $1 and action in ('dispute.opened', 'task.created') order by seq`,
      [w.creditorId],
    );
    expect(register.map((r) => r.action)).toEqual(['dispute.opened', 'task.created']);
    expect(register[0]!.actor).toMatch(/^debtor-link:\d+$/);
    const page = await call('GET', `/api/v1/public/links/${token}`);
    expect(page.body.documents.find((d: any) => d.number === 'SELF-2').isDisputed).toBe(true);
  });

  it('stores a promise with its date and amount, and a proposed plan', async () => {
    const bad = await call('POST', `/api/v1/public/links/${token}/promises`, {
      kind: 'promise',
      items: [{ date: '2026-04-01', amount: '640.00' }],
    });
    expect(bad.status).toBe(400);
    expect(bad.body.details.field).toBe('items[0].date');
    const promise = await call('POST', `/api/v1/public/links/${token}/promises`, {
      kind: 'promise',
      items: [{ date: '2026-04-20', amount: '640.00' }],
    });
    expect(promise.status).toBe(201);
    const plan = await call('POST', `/api/v1/public/links/${token}/promises`, {
      kind: 'plan',
      items: [
        { date: '2026-05-10', amount: '100.00' },
        { date: '2026-06-10', amount: '100.00' },
      ],
    });
    expect(plan.status).toBe(201);
    const rows = await t.db.query<{ due_date: string; amount_cents: number; plan_id: number | null }>(
      'select due_date, amount_cents, plan_id from collection_promises where creditor_id = $1 order by id',
      [w.creditorId],
    );
    expect(rows.map((r) => [r.due_date, r.amount_cents, r.plan_id !== null])).toEqual([
      ['2026-04-20', 64000, false],
      ['2026-05-10', 10000, true],
      ['2026-06-10', 10000, true],
    ]);
    expect((await selfServiceTasks()).slice(1)).toEqual([
      'self-service: the debtor promises 640.00 by 2026-04-20',
      'self-service: the debtor proposes a plan of 2 instalments, 200.00 in all',
    ]);
  });

  it('takes "already paid" with a receipt, and refuses a file that is not a PDF or image', async () => {
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3]);
    const form = new FormData();
    form.set('paidOn', '2026-04-03');
    form.set('receipt', new Blob([png], { type: 'image/png' }), 'bonifico.png');
    const paid = await fetch(`${base}/api/v1/public/links/${token}/paid`, { method: 'POST', body: form });
    expect(paid.status).toBe(201);
    const { receiptId } = (await paid.json()) as any;
    const [stored] = await t.db.query<{ content_type: string; paid_on: string; bytes: Uint8Array }>(
      'select content_type, paid_on, bytes from debtor_receipts where id = $1',
      [receiptId],
    );
    expect([stored!.content_type, stored!.paid_on, stored!.bytes.length]).toEqual([
      'image/png',
      '2026-04-03',
      11,
    ]);
    const bad = new FormData();
    bad.set('receipt', new Blob(['<html>'], { type: 'application/pdf' }), 'x.pdf');
    const refused = await fetch(`${base}/api/v1/public/links/${token}/paid`, { method: 'POST', body: bad });
    expect(refused.status).toBe(400);
  });

  it('limits the writes of one link', async () => {
    // Eight writes per hour in this test, refused ones included: seven were made above, one more passes.
    const note = new FormData();
    note.set('note', 'paid cash at the shop');
    expect(
      (await fetch(`${base}/api/v1/public/links/${token}/paid`, { method: 'POST', body: note })).status,
    ).toBe(201);
    const limited = await call('POST', `/api/v1/public/links/${token}/promises`, {
      kind: 'promise',
      items: [{ date: '2026-04-21', amount: '1.00' }],
    });
    expect(limited.status).toBe(429);
    expect(limited.body.code).toBe('RATE_LIMITED');
  });

  it('refuses unknown, expired and revoked links clearly', async () => {
    expect((await call('GET', `/api/v1/public/links/${'x'.repeat(43)}`)).status).toBe(404);
    expect((await call('GET', '/api/v1/public/links/short')).status).toBe(404);
    const old = await createLink(makeContext(t.db, 'test', new Date('2026-03-01T09:00:00Z')), {
      debtor: w.debtorVat,
      days: 1,
    });
    const expired = await call('GET', `/api/v1/public/links/${old.token}`);
    expect(expired.status).toBe(410);
    expect(expired.body).toMatchObject({ code: 'LINK_EXPIRED', details: { state: 'expired' } });
    const fresh = await createLink(makeContext(t.db, 'test', NOW), { debtor: w.debtorVat });
    expect((await call('GET', `/api/v1/public/links/${fresh.token}`)).status).toBe(200);
    expect((await revokeLink(makeContext(t.db, 'test', NOW), { id: fresh.id })).status).toBe('revoked');
    const revoked = await call('GET', `/api/v1/public/links/${fresh.token}`);
    expect(revoked.status).toBe(410);
    expect(revoked.body.details.state).toBe('revoked');
  });

  it('gives a SEPA QR code for the overdue amount with the RF reference', async () => {
    expect(
      epcQrText({
        name: 'Acme S.r.l.',
        iban: 'IT60 X054 2811 1010 0000 0123 456',
        amountCents: 84000,
        reference: 'RF18 C1D2',
      }).split('\n'),
    ).toEqual([
      'BCD',
      '002',
      '1',
      'SCT',
      '',
      'Acme S.r.l.',
      'IT60X0542811101000000123456',
      'EUR840.00',
      '',
      'RF18C1D2',
      '',
    ]);
    // This test's creditor has no IBAN: no QR code rather than one that pays nobody.
    const response = await fetch(`${base}/api/v1/public/links/${token}/qr.svg`);
    expect(response.status).toBe(404);
    await t.db.query(`update creditors set iban = 'IT60X0542811101000000123456' where id = $1`, [
      w.creditorId,
    ]);
    const svg = await fetch(`${base}/api/v1/public/links/${token}/qr.svg`);
    expect(svg.headers.get('content-type')).toBe('image/svg+xml');
    expect(await svg.text()).toMatch(/^<svg/);
  });

  it('serves the statement of account as a PDF', async () => {
    const response = await fetch(`${base}/api/v1/public/links/${token}/statement.pdf`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/pdf');
    expect(new TextDecoder().decode((await response.arrayBuffer()).slice(0, 5))).toBe('%PDF-');
  });
});
