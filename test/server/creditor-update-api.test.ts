import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addCreditor } from '../../src/app/ledger/add-creditor.ts';
import { createApp } from '../../src/server/app.ts';
import { type TAuthHeaders, userHeaders } from '../support/api-auth.ts';
import { CREDITOR_VAT, ctxOn, seedCreditor } from '../support/fixtures.ts';
import { GIF_IMAGE, PNG_LOGO } from '../support/logo-images.ts';
import { createTestDatabase, type TTestDatabase } from '../support/test-database.ts';

const OTHER_VAT = 'IT02438750586';
let t: TTestDatabase;
let app: ReturnType<typeof createApp>;

beforeAll(async () => {
  t = await createTestDatabase();
  await seedCreditor(t.db);
  await addCreditor(ctxOn(t.db), { name: 'Beta S.r.l.', vatNumber: OTHER_VAT });
  app = createApp({ db: t.db, clock: () => new Date('2026-04-07T10:00:00Z') });
});
afterAll(() => t.drop());

const api = (headers: TAuthHeaders, method: string, path: string, body?: unknown) =>
  app.request(path, {
    method,
    headers: { ...headers, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });

describe('PATCH /api/v1/creditors/:vat', () => {
  it("lets a credit manager change their creditor's data and logo (base64), and serves the logo", async () => {
    const manager = await userHeaders(t.db, { role: 'credit_manager', creditors: [CREDITOR_VAT] });
    const response = await api(manager, 'PATCH', `/api/v1/creditors/${CREDITOR_VAT}`, {
      city: 'Bologna',
      postalCode: '40121',
      email: 'crediti@acme.example.it',
      logo: PNG_LOGO.toString('base64'),
    });
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({
      vatNumber: CREDITOR_VAT,
      address: { city: 'Bologna', postalCode: '40121' },
      email: 'crediti@acme.example.it',
      hasLogo: true,
      changed: ['email', 'postalCode', 'city', 'logo'],
    });
    const logo = await api(manager, 'GET', `/api/v1/creditors/${CREDITOR_VAT}/logo`);
    expect(logo.status).toBe(200);
    expect(logo.headers.get('content-type')).toBe('image/png');
    expect(Buffer.from(await logo.arrayBuffer()).equals(PNG_LOGO)).toBe(true);
    const bad = await api(manager, 'PATCH', `/api/v1/creditors/${CREDITOR_VAT}`, {
      logo: GIF_IMAGE.toString('base64'),
    });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as any).details.field).toBe('logo');
  });

  it('refuses operators and read-only users (403) and another creditor (404)', async () => {
    const operator = await userHeaders(t.db, { role: 'operator', creditors: [CREDITOR_VAT] });
    expect((await api(operator, 'PATCH', `/api/v1/creditors/${CREDITOR_VAT}`, { city: 'Roma' })).status).toBe(
      403,
    );
    const reader = await userHeaders(t.db, { role: 'read_only', creditors: [CREDITOR_VAT] });
    expect((await api(reader, 'PATCH', `/api/v1/creditors/${CREDITOR_VAT}`, { city: 'Roma' })).status).toBe(
      403,
    );
    const manager = await userHeaders(t.db, { role: 'credit_manager', creditors: [CREDITOR_VAT] });
    expect((await api(manager, 'PATCH', `/api/v1/creditors/${OTHER_VAT}`, { city: 'Roma' })).status).toBe(
      404,
    );
    expect((await api(manager, 'GET', `/api/v1/creditors/${OTHER_VAT}/logo`)).status).toBe(404);
    const [row] = await t.db.query<{ address: unknown }>(
      'select address from creditors where vat_number = $1',
      [OTHER_VAT],
    );
    expect(row!.address).toEqual({});
  });
});
