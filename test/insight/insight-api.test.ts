import type { ServerType } from '@hono/node-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readXlsxTable } from '../../src/adapters/reports/report-xlsx.ts';
import { scoreDebtors } from '../../src/app/insight/score-debtors.ts';
import { setCreditLimit } from '../../src/app/insight/set-credit-limit.ts';
import { resolveDebtor } from '../../src/app/ledger/resolve-debtor.ts';
import { startServer } from '../../src/server/serve.ts';
import { adminHeaders, type TAuthHeaders } from '../support/api-auth.ts';
import { CREDITOR_VAT, ctxOn, DEBTOR_VAT } from '../support/fixtures.ts';
import { createTestDatabase, type TTestDatabase } from '../support/test-database.ts';
import { AS_OF, buildPortfolio, VERDI_VAT } from './portfolio.ts';

let t: TTestDatabase;
let server: ServerType;
let base: string;
let auth: TAuthHeaders;
let acmeId: number;

beforeAll(async () => {
  t = await createTestDatabase();
  auth = await adminHeaders(t.db);
  ({ acmeId } = await buildPortfolio(t.db));
  await setCreditLimit(ctxOn(t.db, AS_OF), { debtor: DEBTOR_VAT, creditorId: acmeId, amount: '1500.00' });
  await scoreDebtors(ctxOn(t.db, AS_OF));
  const started = await startServer(t.db, 0);
  server = started.server;
  base = `http://127.0.0.1:${started.port}`;
});
afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  await t.drop();
});

async function get(path: string) {
  const response = await fetch(`${base}${path}`, { headers: auth });
  return response;
}

describe('GET /api/v1/reports/:name', () => {
  it('answers JSON by default, CSV and XLSX on request', async () => {
    const json = await get(`/api/v1/reports/aging?asOf=${AS_OF}&creditor=${CREDITOR_VAT}`);
    expect(json.status).toBe(200);
    const body = (await json.json()) as any;
    expect(body.rows.map((r: any) => [r.currency, r.total, r.overdue])).toEqual([
      ['EUR', '2820.00', '800.00'],
      ['USD', '999.99', '0.00'],
    ]);
    const csv = await get(`/api/v1/reports/cei?asOf=${AS_OF}&creditor=${CREDITOR_VAT}&format=csv`);
    expect(csv.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect((await csv.text()).split('\r\n')[1]).toBe(
      'IT01114601006,Acme Forniture S.r.l.,EUR,2420.00,800.00,2820.00,2020.00,400.00,1200.00,33.33',
    );
    const xlsx = await get(`/api/v1/reports/dso?asOf=${AS_OF}&creditor=${CREDITOR_VAT}&by=class&format=xlsx`);
    expect(xlsx.headers.get('content-disposition')).toBe('attachment; filename="dso-2026-06-30.xlsx"');
    const table = await readXlsxTable(new Uint8Array(await xlsx.arrayBuffer()));
    // Rossi (to avoid: 51 with the limit, but thresholds are the default 70/40 -> under observation)
    expect(table.rows.map((r) => [r[2], r[3], r[4]])).toEqual([
      ['under-observation', 'EUR', 2820],
      ['under-observation', 'USD', 999.99],
    ]);
  });

  it('refuses an unknown report or format with 400 naming the field', async () => {
    const name = await get('/api/v1/reports/turnover');
    expect([name.status, ((await name.json()) as any).details.field]).toEqual([400, 'name']);
    const format = await get('/api/v1/reports/aging?format=pdf');
    expect([format.status, ((await format.json()) as any).details.field]).toEqual([400, 'format']);
  });
});

describe('GET /api/v1/debtors/:id/risk (for an ERP)', () => {
  it('says a debtor over its limit cannot buy on credit, and a healthy one can', async () => {
    const rossi = await resolveDebtor(t.db, DEBTOR_VAT, acmeId);
    const byId = await get(`/api/v1/debtors/${rossi.id}/risk?asOf=${AS_OF}`);
    expect(byId.status).toBe(200);
    expect(await byId.json()).toMatchObject({
      debtor: { id: rossi.id, vatNumber: DEBTOR_VAT },
      score: 51,
      class: 'under-observation',
      creditLimit: '1500.00',
      exposure: '1600.00',
      isOverLimit: true,
      isToAvoid: false,
      canBuyOnCredit: false,
    });
    const verdi = await get(`/api/v1/debtors/${VERDI_VAT}/risk?asOf=${AS_OF}`);
    expect(await verdi.json()).toMatchObject({ class: 'healthy', isOverLimit: false, canBuyOnCredit: true });
  });

  it('asks which creditor when the VAT number is a debtor of two, and 404s an unknown one', async () => {
    const ambiguous = await get(`/api/v1/debtors/${DEBTOR_VAT}/risk`);
    expect([ambiguous.status, ((await ambiguous.json()) as any).code]).toEqual([409, 'CONFLICT']);
    const scoped = await get(`/api/v1/debtors/${DEBTOR_VAT}/risk?creditor=${CREDITOR_VAT}&asOf=${AS_OF}`);
    expect(((await scoped.json()) as any).score).toBe(51);
    const missing = await get('/api/v1/debtors/999999/risk');
    expect(missing.status).toBe(404);
  });
});
