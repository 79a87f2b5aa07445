import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addInvoices } from '../../src/app/ledger/add-invoices.ts';
import { createApp } from '../../src/server/app.ts';
import { adminHeaders, type TAuthHeaders, userHeaders } from '../support/api-auth.ts';
import { ctxOn, DEBTOR_VAT, invoice, seedCreditor } from '../support/fixtures.ts';
import { createTestDatabase, type TTestDatabase } from '../support/test-database.ts';

let t: TTestDatabase;
let app: ReturnType<typeof createApp>;
let auth: TAuthHeaders;

beforeAll(async () => {
  t = await createTestDatabase();
  await seedCreditor(t.db);
  await addInvoices(
    ctxOn(t.db, '2025-01-01'),
    invoice({
      number: 'H-1',
      issueDate: '2025-01-01',
      total: '10000.00',
      instalments: [{ dueDate: '2025-06-15', amount: '10000.00' }],
    }),
  );
  auth = await adminHeaders(t.db);
  app = createApp({ db: t.db, clock: () => new Date('2026-01-31T10:00:00Z') });
});
afterAll(() => t.drop());

async function get(path: string) {
  const response = await app.request(path, { headers: auth });
  return { status: response.status, body: (await response.json()) as any };
}

describe('HTTP interest, rates and statement', () => {
  it('computes interest on an amount', async () => {
    const r = await get('/api/v1/interest?amount=10000.00&from=2025-06-15&to=2026-01-31&kind=commercial');
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({
      principal: '10000.00',
      from: '2025-06-15',
      to: '2026-01-31',
      kind: 'commercial',
      total: '643.70',
    });
    expect(r.body.periods.map((p: any) => p.interest)).toEqual(['45.82', '511.67', '86.21']);
  });

  it('computes interest on an invoice, `to` defaulting to today', async () => {
    const r = await get(`/api/v1/interest?invoice=H-1&debtor=${DEBTOR_VAT}`);
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({
      to: '2026-01-31',
      total: '643.70',
      indemnity: { amount: '40.00', date: '2025-06-16' },
    });
    expect(r.body.totals.due).toBe('10683.70');
  });

  it('answers 422 MISSING_RATE naming the semester, and 400 for bad input', async () => {
    const missing = await get('/api/v1/interest?amount=100&from=2026-06-30&to=2026-07-31');
    expect(missing.status).toBe(422);
    expect(missing.body).toMatchObject({ code: 'MISSING_RATE', details: { value: '2026 H2' } });
    const bad = await get('/api/v1/interest?amount=100&from=2026-02-30&to=2026-07-31');
    expect([bad.status, bad.body.message]).toEqual([400, 'from: "2026-02-30" is not a real calendar date']);
    const badKind = await get('/api/v1/interest?amount=100&from=2026-01-30&to=2026-02-28&kind=usury');
    expect([badKind.status, badKind.body.details.field]).toEqual([400, 'kind']);
  });

  it('lists the rates and gives the statement of account', async () => {
    const rates = await get('/api/v1/rates?kind=legal');
    expect(rates.body.map((r: any) => [r.period, r.ratePercent])).toContainEqual(['2026', '1.60']);
    const statement = await get(`/api/v1/statement?debtor=${DEBTOR_VAT}&date=2026-01-31`);
    expect(statement.status).toBe(200);
    expect(statement.body.totals).toEqual({
      EUR: {
        principal: '10000.00',
        capitalOutstanding: '10000.00',
        interest: '643.70',
        interestOutstanding: '643.70',
        costs: '40.00',
        costsOutstanding: '40.00',
        due: '10683.70',
      },
    });
  });

  it('confirms a semester of the commercial rate over HTTP: administrators only, once', async () => {
    const post = async (headers: Record<string, string>, body: unknown) => {
      const response = await app.request('/api/v1/rates', {
        method: 'POST',
        headers: { ...headers, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      return { status: response.status, body: (await response.json()) as any };
    };
    const rate = {
      kind: 'commercial',
      from: '2026-07-01',
      ecbRate: '2.15',
      source: 'GU n. 170 del 24/07/2026',
    };
    const manager = await userHeaders(t.db, { role: 'credit_manager' });
    expect((await post(manager, rate)).status).toBe(403);
    const added = await post(auth, rate);
    expect([added.status, added.body.status, added.body.period, added.body.ratePercent]).toEqual([
      200,
      'confirmed', // the seeded, unverified row of 2026 H2, now verified
      '2026 H2',
      '10.15',
    ]);
    const again = await post(auth, rate);
    expect([again.status, again.body.status]).toEqual([200, 'unchanged']);
    const bad = await post(auth, { ...rate, from: '2027-03-01' });
    expect([bad.status, bad.body.details.field]).toEqual([400, 'from']);
    // The semester that was missing (unverified) now computes.
    const r = await get('/api/v1/interest?amount=10000.00&from=2026-06-30&to=2026-07-31&kind=commercial');
    expect(r.status).toBe(200);
  });
});
