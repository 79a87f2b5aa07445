import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/server/app.ts';
import { adminHeaders, strongPassword, type TAuthHeaders, userHeaders } from '../support/api-auth.ts';
import { CREDITOR_VAT, DEBTOR_VAT, invoice, seedCreditor } from '../support/fixtures.ts';
import { createTestDatabase, type TTestDatabase } from '../support/test-database.ts';

let t: TTestDatabase;
let now = new Date('2026-04-07T10:00:00Z');
let app: ReturnType<typeof createApp>;
let admin: TAuthHeaders;

beforeAll(async () => {
  t = await createTestDatabase();
  await seedCreditor(t.db);
  app = createApp({ db: t.db, clock: () => now });
  admin = await adminHeaders(t.db);
  await app.request('/api/v1/invoices', {
    method: 'POST',
    headers: { ...admin, 'content-type': 'application/json' },
    body: JSON.stringify([invoice({ number: 'P-1' })]),
  });
});
afterAll(() => t.drop());

const api = (headers: TAuthHeaders, method: string, path: string, body?: unknown) =>
  app.request(path, {
    method,
    headers: { ...headers, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });

describe("a debtor's personal data", () => {
  it('exports every row about the debtor (credit manager, not operator) and logs the export', async () => {
    const operator = await userHeaders(t.db, { role: 'operator', creditors: [CREDITOR_VAT] });
    expect((await api(operator, 'GET', `/api/v1/debtors/${DEBTOR_VAT}/personal-data`)).status).toBe(403);
    const manager = await userHeaders(t.db, { role: 'credit_manager', creditors: [CREDITOR_VAT] });
    const response = await api(manager, 'GET', `/api/v1/debtors/${DEBTOR_VAT}/personal-data`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-disposition')).toMatch(
      /attachment; filename="debtor-\d+-personal-data.json"/,
    );
    const data = (await response.json()) as any;
    expect(data.debtor).toMatchObject({ name: 'Rossi Costruzioni S.p.A.', vat_number: DEBTOR_VAT });
    expect(data.tables.invoices.map((i: any) => i.number)).toEqual(['P-1']);
    expect(data.tables.instalments).toHaveLength(1);
    const [event] = await t.db.query<{ action: string; creditor_ids: number[] }>(
      "select action, creditor_ids from security_events where action = 'personal-data.exported'",
    );
    expect(event!.creditor_ids.map(Number)).toEqual([data.creditorId]);
    const [registered] = await t.db.query<{ n: number }>(
      "select count(*)::int8 as n from register_entries where action = 'security.personal-data.exported'",
    );
    expect(registered!.n).toBe(1);
  });

  it('logs a CSV or XLSX report (names and amounts leaving the system) as an export of personal data', async () => {
    const manager = await userHeaders(t.db, { role: 'credit_manager', creditors: [CREDITOR_VAT] });
    expect((await api(manager, 'GET', '/api/v1/reports/aging?format=json')).status).toBe(200);
    expect((await api(manager, 'GET', '/api/v1/reports/aging?format=csv')).status).toBe(200);
    const rows = await t.db.query<{ data: any }>(
      "select data from security_events where action = 'personal-data.exported' and subject_type = 'report'",
    );
    expect(rows.map((r) => [r.data.report, r.data.format])).toEqual([['aging', 'csv']]);
  });

  it('refuses erasure during the ten-year retention, then anonymises', async () => {
    const early = await api(admin, 'POST', `/api/v1/debtors/${DEBTOR_VAT}/anonymise`);
    expect(early.status).toBe(409);
    expect(((await early.json()) as any).details.retainedUntil).toBe('2036-01-10');
    now = new Date('2036-01-11T10:00:00Z');
    const later = await userHeaders(t.db, { role: 'administrator', now });
    const done = await api(later, 'POST', `/api/v1/debtors/${DEBTOR_VAT}/anonymise`);
    expect(done.status).toBe(200);
    const [debtor] = await t.db.query<{ name: string; vat_number: string | null }>(
      'select name, vat_number from debtors',
    );
    expect(debtor!.name).toMatch(/^anonimizzato \d+$/);
    expect(debtor!.vat_number).toBeNull();
    now = new Date('2026-04-07T10:00:00Z');
  });
});

describe('people over the API (administrators only)', () => {
  it('adds, lists and disables users; others get 403', async () => {
    const manager = await userHeaders(t.db, { role: 'credit_manager', creditors: [CREDITOR_VAT] });
    expect((await api(manager, 'GET', '/api/v1/users')).status).toBe(403);
    const added = await api(admin, 'POST', '/api/v1/users', {
      email: 'nuovo@example.it',
      name: 'Nuovo',
      role: 'read_only',
      creditors: [CREDITOR_VAT],
      password: strongPassword(),
    });
    expect(added.status).toBe(201);
    expect(await added.json()).toMatchObject({
      email: 'nuovo@example.it',
      role: 'read_only',
      hasTotp: false,
    });
    const disabled = await api(admin, 'POST', '/api/v1/users/nuovo@example.it/disable');
    expect(((await disabled.json()) as any).isDisabled).toBe(true);
    const enabled = await api(admin, 'POST', '/api/v1/users/nuovo@example.it/enable');
    expect(enabled.status).toBe(200);
    expect(((await enabled.json()) as any).isDisabled).toBe(false);
    const [flag] = await t.db.query<{ is_disabled: boolean }>(
      `select is_disabled from users where email = 'nuovo@example.it'`,
    );
    expect(flag!.is_disabled).toBe(false);
    const [enabledEvents] = await t.db.query<{ n: number }>(
      "select count(*)::int8 as n from security_events where action = 'user.enabled'",
    );
    expect(Number(enabledEvents!.n)).toBe(1);
    const key = await api(admin, 'POST', '/api/v1/api-keys', { creditor: CREDITOR_VAT, permissions: 'read' });
    expect(key.status).toBe(201);
    const token = ((await key.json()) as any).token;
    expect(
      (await app.request('/api/v1/invoices', { headers: { authorization: `Bearer ${token}` } })).status,
    ).toBe(200);
    const [events] = await t.db.query<{ n: number }>(
      "select count(*)::int8 as n from security_events where action in ('user.added', 'user.disabled', 'api-key.created')",
    );
    expect(events!.n).toBeGreaterThanOrEqual(3);
  });
});
