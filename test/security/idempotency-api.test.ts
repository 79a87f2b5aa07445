import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/server/app.ts';
import { adminHeaders, apiKeyHeaders, type TAuthHeaders } from '../support/api-auth.ts';
import { CREDITOR_VAT, DEBTOR_VAT, invoice, seedCreditor } from '../support/fixtures.ts';
import { createTestDatabase, type TTestDatabase } from '../support/test-database.ts';

let t: TTestDatabase;
let app: ReturnType<typeof createApp>;
let admin: TAuthHeaders;

beforeAll(async () => {
  t = await createTestDatabase();
  await seedCreditor(t.db);
  app = createApp({ db: t.db });
  admin = await adminHeaders(t.db);
  await app.request('/api/v1/invoices', {
    method: 'POST',
    headers: { ...admin, 'content-type': 'application/json' },
    body: JSON.stringify([invoice({ number: 'I-1' })]),
  });
});
afterAll(() => t.drop());

function pay(headers: TAuthHeaders, key: string, amount: string) {
  return app.request('/api/v1/payments', {
    method: 'POST',
    headers: { ...headers, 'content-type': 'application/json', 'idempotency-key': key },
    body: JSON.stringify({ debtor: DEBTOR_VAT, amount, date: '2026-03-01' }),
  });
}

const paymentCount = async () =>
  (await t.db.query<{ n: number }>('select count(*)::int8 as n from payments'))[0]!.n;

describe('Idempotency-Key', () => {
  it('replays the first answer for a retry, refuses the key for another body, and scopes keys per principal', async () => {
    const first = await pay(admin, 'pay-001', '100.00');
    expect(first.status).toBe(201);
    const firstBody = await first.text();
    const retry = await pay(admin, 'pay-001', '100.00');
    expect(retry.status).toBe(201);
    expect(retry.headers.get('idempotent-replayed')).toBe('true');
    expect(await retry.text()).toBe(firstBody);
    expect(await paymentCount()).toBe(1);

    const reused = await pay(admin, 'pay-001', '200.00');
    expect(reused.status).toBe(422);
    expect(await reused.json()).toMatchObject({
      code: 'IDEMPOTENCY_KEY_REUSED',
      details: { field: 'Idempotency-Key' },
    });
    expect(await paymentCount()).toBe(1);

    const key = await apiKeyHeaders(t.db, CREDITOR_VAT, ['write']);
    const other = await pay(key, 'pay-001', '200.00');
    expect(other.status).toBe(201);
    expect(other.headers.get('idempotent-replayed')).toBeNull();
    expect(await paymentCount()).toBe(2);
  });

  it('keeps a refusal too, and forgets nothing else: a request without a key is never replayed', async () => {
    const bad = await pay(admin, 'pay-bad', 'abc');
    expect(bad.status).toBe(400);
    const again = await pay(admin, 'pay-bad', 'abc');
    expect(again.status).toBe(400);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    const long = await pay(admin, 'x'.repeat(201), '1.00');
    expect(long.status).toBe(400);
    expect(await paymentCount()).toBe(2);
  });

  it('replays a multipart import under the same key without importing twice', async () => {
    // A retry sends the same bytes (the same multipart boundary), as an HTTP client's retry does.
    const form = new FormData();
    const xml = readFileSync(join(import.meta.dirname, '../fixtures/fatturapa/IT01114601006_00001.xml'));
    form.append('file', new Blob([xml]), 'IT01114601006_00001.xml');
    const encoded = new Response(form);
    const type = encoded.headers.get('content-type')!;
    const bytes = new Uint8Array(await encoded.arrayBuffer());
    const upload = () =>
      app.request('/api/v1/imports', {
        method: 'POST',
        headers: { ...admin, 'content-type': type, 'idempotency-key': 'imp-1' },
        body: bytes,
      });
    const first = await upload();
    expect(first.status).toBe(201);
    const body = await first.text();
    const count = (await t.db.query<{ n: number }>('select count(*)::int8 as n from import_files'))[0]!.n;
    const again = await upload();
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(await again.text()).toBe(body);
    expect((await t.db.query<{ n: number }>('select count(*)::int8 as n from import_files'))[0]!.n).toBe(
      count,
    );
  });
});
