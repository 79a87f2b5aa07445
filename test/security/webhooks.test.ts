import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deliverWebhooks } from '../../src/app/webhooks/deliver-webhooks.ts';
import { createApp } from '../../src/server/app.ts';
import { type TAuthHeaders, userHeaders } from '../support/api-auth.ts';
import { CREDITOR_VAT, DEBTOR_VAT, invoice, seedCreditor } from '../support/fixtures.ts';
import { createTestDatabase, type TTestDatabase } from '../support/test-database.ts';

/** What a receiver does (the example of docs/security.md): reject a bad or stale signature. */
function verifySignature(
  secret: string,
  header: string,
  body: string,
  nowSeconds: number,
  toleranceSeconds = 300,
): boolean {
  const parts = Object.fromEntries(header.split(',').map((p) => p.split('=') as [string, string]));
  const t = Number(parts.t);
  if (!Number.isFinite(t) || Math.abs(nowSeconds - t) > toleranceSeconds || !parts.v1) return false;
  const expected = createHmac('sha256', secret).update(`${t}.${body}`).digest('hex');
  return timingSafeEqual(
    Buffer.from(expected),
    Buffer.from(parts.v1.padEnd(expected.length).slice(0, expected.length)),
  );
}

type TReceived = { event: string; eventId: string; body: any; isValid: boolean };
let t: TTestDatabase;
let app: ReturnType<typeof createApp>;
let receiver: Server;
let receiverUrl: string;
let received: TReceived[] = [];
let answerWith = 200;
let secret = '';
let now = new Date('2026-04-07T10:00:00Z');
let manager: TAuthHeaders;

beforeAll(async () => {
  t = await createTestDatabase();
  await seedCreditor(t.db);
  app = createApp({ db: t.db, clock: () => now });
  manager = await userHeaders(t.db, { role: 'credit_manager', creditors: [CREDITOR_VAT] });
  receiver = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk) => {
      body += chunk;
    });
    req.on('end', () => {
      received.push({
        event: String(req.headers['riscossa-event']),
        eventId: String(req.headers['riscossa-event-id']),
        body: JSON.parse(body),
        isValid: verifySignature(
          secret,
          String(req.headers['riscossa-signature']),
          body,
          Math.floor(now.getTime() / 1000),
        ),
      });
      res.writeHead(answerWith).end('ok');
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  const address = receiver.address() as { port: number };
  receiverUrl = `http://127.0.0.1:${address.port}/hooks/riscossa`;
});
afterAll(async () => {
  await new Promise((resolve) => receiver.close(resolve));
  await t.drop();
});

const api = (headers: TAuthHeaders, method: string, path: string, body?: unknown) =>
  app.request(path, {
    method,
    headers: { ...headers, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
const deliver = () => deliverWebhooks(t.db, { now: () => now });
const deliveries = () =>
  t.db.query<{ id: number; event_type: string; status: string; attempts: number; next_attempt_at: Date }>(
    'select id, event_type, status, attempts, next_attempt_at from webhook_deliveries order by id',
  );

describe('webhooks', () => {
  it('registers an endpoint (credit manager only) and signs each delivery after the commit of its change', async () => {
    const operator = await userHeaders(t.db, { role: 'operator', creditors: [CREDITOR_VAT] });
    expect(
      (await api(operator, 'POST', '/api/v1/webhooks', { url: receiverUrl, events: ['dispute.opened'] }))
        .status,
    ).toBe(403);
    expect(
      (
        await api(manager, 'POST', '/api/v1/webhooks', {
          url: 'http://intranet.local/x',
          events: ['dispute.opened'],
        })
      ).status,
    ).toBe(400);
    expect(
      (await api(manager, 'POST', '/api/v1/webhooks', { url: receiverUrl, events: ['invoice.paid'] })).status,
    ).toBe(400);
    const created = await api(manager, 'POST', '/api/v1/webhooks', {
      url: receiverUrl,
      events: ['dispute.opened', 'payment.matched', 'step.executed'],
    });
    expect(created.status).toBe(201);
    const endpoint = (await created.json()) as any;
    secret = endpoint.secret;
    expect(secret).toMatch(/^whsec_/);
    expect(JSON.stringify(await (await api(manager, 'GET', '/api/v1/webhooks')).json())).not.toContain(
      secret,
    );

    await api(manager, 'POST', '/api/v1/invoices', [invoice({ number: 'W-1' }), invoice({ number: 'W-2' })]);
    // A refused change queues nothing: the delivery is written in the change's own transaction.
    expect((await api(manager, 'POST', '/api/v1/disputes', { invoice: 'NOPE', reason: 'x' })).status).toBe(
      404,
    );
    expect(await deliveries()).toEqual([]);
    expect(
      (await api(manager, 'POST', '/api/v1/disputes', { invoice: 'W-2', reason: 'merce danneggiata' }))
        .status,
    ).toBe(201);
    expect((await deliveries()).map((d) => [d.event_type, d.status])).toEqual([
      ['dispute.opened', 'pending'],
    ]);

    expect(await deliver()).toEqual({ attempted: 1, delivered: 1, retrying: 0, failed: 0 });
    expect(received).toHaveLength(1);
    expect(received[0]).toMatchObject({ event: 'dispute.opened', isValid: true });
    expect(received[0]!.body).toMatchObject({
      type: 'dispute.opened',
      createdAt: '2026-04-07T10:00:00.000Z',
      data: { subjectType: 'dispute', reason: 'merce danneggiata' },
    });
    expect(received[0]!.eventId).toBe(received[0]!.body.id);
    expect(
      verifySignature(
        'whsec_wrong',
        `t=${Math.floor(now.getTime() / 1000)},v1=00`,
        '{}',
        Math.floor(now.getTime() / 1000),
      ),
    ).toBe(false);
    expect(await deliver()).toEqual({ attempted: 0, delivered: 0, retrying: 0, failed: 0 });
  });

  it('retries a failed delivery with backoff, logs every attempt, and redelivers on request', async () => {
    received = [];
    answerWith = 500;
    expect(
      (
        await api(manager, 'POST', '/api/v1/payments', {
          debtor: DEBTOR_VAT,
          amount: '100.00',
          date: '2026-04-01',
        })
      ).status,
    ).toBe(201);
    expect(await deliver()).toEqual({ attempted: 1, delivered: 0, retrying: 1, failed: 0 });
    const [, failing] = await deliveries();
    expect(failing).toMatchObject({ event_type: 'payment.matched', status: 'pending', attempts: 1 });
    expect(failing!.next_attempt_at.toISOString()).toBe('2026-04-07T10:01:00.000Z');
    now = new Date('2026-04-07T10:00:30Z');
    expect((await deliver()).attempted).toBe(0);
    answerWith = 204;
    now = new Date('2026-04-07T10:01:00Z');
    expect(await deliver()).toEqual({ attempted: 1, delivered: 1, retrying: 0, failed: 0 });
    expect(received.map((r) => [r.event, r.isValid])).toEqual([
      ['payment.matched', true],
      ['payment.matched', true],
    ]);
    const log = (await (await api(manager, 'GET', '/api/v1/webhooks/deliveries')).json()) as any[];
    expect(log.map((d) => [d.eventType, d.status, d.attempts, d.lastStatusCode])).toEqual([
      ['payment.matched', 'delivered', 2, 204],
      ['dispute.opened', 'delivered', 1, 200],
    ]);
    const [attempts] = await t.db.query<{ n: number }>('select count(*)::int8 as n from webhook_attempts');
    expect(attempts!.n).toBe(3);

    const again = await api(manager, 'POST', `/api/v1/webhooks/deliveries/${log[1].id}/redeliver`);
    expect(again.status).toBe(200);
    expect(await deliver()).toMatchObject({ delivered: 1 });
    expect(received.at(-1)).toMatchObject({
      event: 'dispute.opened',
      eventId: log[1].eventId,
      isValid: true,
    });
  });

  it('gives up after the last retry and sends collection steps as step.executed', async () => {
    received = [];
    answerWith = 503;
    const run = await api(manager, 'POST', '/api/v1/runs', { date: '2026-04-07' });
    expect(run.status).toBe(201);
    const steps = (await deliveries()).filter((d) => d.event_type === 'step.executed');
    expect(steps.length).toBeGreaterThan(0);
    for (let attempt = 0; attempt < 8; attempt++) {
      await deliver();
      now = new Date(now.getTime() + 25 * 3600 * 1000);
    }
    const after = (await deliveries()).filter((d) => d.event_type === 'step.executed');
    expect(after.map((d) => [d.status, d.attempts])).toEqual(steps.map(() => ['failed', 8]));
    expect(received.every((r) => r.isValid && r.event === 'step.executed')).toBe(true);
  });
});
