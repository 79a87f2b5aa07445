import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPORT_NAMES } from '../../src/app/insight/report.ts';
import { createApp } from '../../src/server/app.ts';
import { adminHeaders, apiKeyHeaders, type TAuthHeaders, userHeaders } from '../support/api-auth.ts';
import { createTestDatabase, type TTestDatabase } from '../support/test-database.ts';

/**
 * The cross-tenant sweep: every route registered on the app is called by principals of tenant A
 * (a credit manager's session, an API key) with the identifiers of tenant B, in the query, the
 * path and the body. Nothing of B may come back (B's names and amounts are markers that appear
 * in no request) and no row of B may change. A positive control shows the markers are visible
 * to an administrator, so their absence means something.
 */
type TBody = string | FormData | Uint8Array;
const A_VAT = 'IT02438750586';
const B_VAT = 'IT01114601006'; // the seller of the FatturaPA fixtures: importing one is B's data
const DEBTOR = 'IT00488410010'; // a debtor of both tenants (same VAT number)
const B_MARKERS = [
  'Bianchi Segreto',
  'Beta Riservata',
  '7777.77',
  '777777',
  '4444.44',
  'beta-riservata.example',
  'merce non conforme',
];
const FIXTURE = join(import.meta.dirname, '../fixtures/fatturapa/IT01114601006_00001.xml');

let t: TTestDatabase;
let app: ReturnType<typeof createApp>;
let admin: TAuthHeaders;
let bIds: {
  creditor: number;
  debtor: number;
  task: number;
  payment: number;
  endpoint: number;
  delivery: number;
};

async function call(
  headers: TAuthHeaders,
  method: string,
  path: string,
  body?: TBody,
  type = 'application/json',
) {
  const response = await app.request(path, { method, headers: { ...headers, 'content-type': type }, body });
  return { status: response.status, text: await response.text() };
}

/** Every row of tenant B in every table that has a creditor_id: equal fingerprints, nothing changed. */
async function tenantFingerprint(creditorId: number): Promise<Record<string, string>> {
  const tables = await t.db.query<{ table_name: string }>(
    `select table_name from information_schema.columns
     where table_schema = current_schema() and column_name = 'creditor_id' order by table_name`,
  );
  const out: Record<string, string> = {};
  for (const { table_name } of tables) {
    const [row] = await t.db.query<{ n: number; h: string }>(
      `select count(*)::int8 as n, md5(coalesce(string_agg(x::text, '|' order by x::text), '')) as h
       from ${table_name} x where creditor_id = $1`,
      [creditorId],
    );
    out[table_name] = `${row!.n}:${row!.h}`;
  }
  const [creditor] = await t.db.query('select * from creditors where id = $1', [creditorId]);
  out.creditors = JSON.stringify(creditor);
  return out;
}

function invoiceOf(creditorVat: string, debtorName: string, number: string, amount: string) {
  return {
    number,
    type: 'invoice',
    issueDate: '2026-01-10',
    currency: 'EUR',
    total: amount,
    paymentMethod: 'MP05',
    debtor: { name: debtorName, vatNumber: DEBTOR },
    creditor: { vatNumber: creditorVat },
    instalments: [{ dueDate: '2026-02-28', amount }],
  };
}

beforeAll(async () => {
  t = await createTestDatabase();
  app = createApp({ db: t.db, clock: () => new Date('2026-04-07T10:00:00Z') });
  admin = await adminHeaders(t.db);
  const post = async (path: string, body: unknown) => {
    const r = await call(admin, 'POST', path, JSON.stringify(body));
    if (r.status >= 300) throw new Error(`${path}: ${r.status} ${r.text}`);
    return JSON.parse(r.text);
  };
  await post('/api/v1/creditors', { name: 'Alfa Pubblica S.r.l.', vatNumber: A_VAT });
  const b = await post('/api/v1/creditors', { name: 'Beta Riservata S.p.A.', vatNumber: B_VAT });
  await post('/api/v1/invoices', [invoiceOf(A_VAT, 'Rossi Visibile S.p.A.', 'A-1', '100.00')]);
  await post('/api/v1/invoices', [
    invoiceOf(B_VAT, 'Bianchi Segreto S.r.l.', 'B-1', '7777.77'),
    invoiceOf(B_VAT, 'Bianchi Segreto S.r.l.', 'B-2', '4444.44'),
  ]);
  await post('/api/v1/webhooks', {
    creditor: B_VAT,
    url: 'https://beta-riservata.example/hook',
    events: ['dispute.opened'],
  });
  await post('/api/v1/runs', { date: '2026-04-07' });
  await post('/api/v1/disputes', { creditor: B_VAT, invoice: 'B-2', reason: 'merce non conforme' });
  const [debtor] = await t.db.query<{ id: number }>('select id from debtors where creditor_id = $1', [b.id]);
  const [task] = await t.db.query<{ id: number }>('select id from collection_tasks where creditor_id = $1', [
    b.id,
  ]);
  const [payment] = await t.db.query<{ id: number }>(
    `insert into payments (creditor_id, amount_cents, currency, value_date, source, payer_name, match_status)
     values ($1, 777777, 'EUR', '2026-03-01', 'camt053', 'Bianchi Segreto S.r.l.', 'unmatched') returning id`,
    [b.id],
  );
  const [delivery] = await t.db.query<{ id: number; endpoint_id: number }>(
    'select id, endpoint_id from webhook_deliveries where creditor_id = $1',
    [b.id],
  );
  bIds = {
    creditor: b.id,
    debtor: debtor!.id,
    task: task!.id,
    payment: payment!.id,
    endpoint: delivery!.endpoint_id,
    delivery: delivery!.id,
  };
});
afterAll(() => t.drop());

/** The requests that aim at B through one route: path ids, query filters, bodies. */
function attacks(method: string, path: string): Array<{ path: string; body?: TBody; type?: string }> {
  const concrete = path
    .replace(
      ':id',
      String(
        path.startsWith('/api/v1/tasks')
          ? bIds.task
          : path.startsWith('/api/v1/payments')
            ? bIds.payment
            : path.startsWith('/api/v1/webhooks/deliveries')
              ? bIds.delivery
              : path.startsWith('/api/v1/webhooks')
                ? bIds.endpoint
                : bIds.debtor,
      ),
    )
    .replace(':name', 'aging');
  const queries = [
    '',
    `?creditor=${B_VAT}`,
    `?debtor=${DEBTOR}`,
    `?debtor=${DEBTOR}&creditor=${B_VAT}`,
    `?invoice=B-1&creditor=${B_VAT}&year=2026`,
    `?invoice=B-1&debtor=${DEBTOR}`,
    `?creditor=${bIds.creditor}`,
    `?debtor=${bIds.debtor}&asOf=2026-04-07&format=csv`,
    `?creditor=${B_VAT}&format=xlsx`,
    `?creditor=${B_VAT}&status=all&done=true&date=2026-04-07`,
  ];
  if (method === 'GET') {
    const list = queries.map((q) => ({ path: concrete + q }));
    if (path === '/api/v1/reports/:name')
      for (const name of REPORT_NAMES)
        list.push({ path: `/api/v1/reports/${name}?creditor=${B_VAT}` }, { path: `/api/v1/reports/${name}` });
    return list;
  }
  const bodies: unknown[] = [
    { creditor: B_VAT, url: 'https://intruder.example/hook', events: ['dispute.opened', 'payment.matched'] },
    {
      creditor: B_VAT,
      debtor: DEBTOR,
      invoice: 'B-1',
      year: 2026,
      amount: '10.00',
      date: '2026-04-07',
      reason: 'x',
      resolution: 'y',
    },
    {
      debtor: DEBTOR,
      invoice: 'B-1',
      amount: '10.00',
      date: '2026-04-07',
      reason: 'x',
      outcome: 'no-answer',
    },
    { invoices: ['B-1'] },
    { creditor: B_VAT, dryRun: false, date: '2026-05-30' },
    [invoiceOf(B_VAT, 'Intruso', 'X-1', '1.00')],
    { name: 'Beta Hijack', vatNumber: B_VAT },
  ];
  const list: Array<{ path: string; body?: TBody; type?: string }> = [];
  for (const q of ['', `?creditor=${B_VAT}`])
    for (const body of bodies) list.push({ path: concrete + q, body: JSON.stringify(body) });
  if (path === '/api/v1/imports') {
    const form = new FormData();
    form.append('file', new Blob([readFileSync(FIXTURE)]), 'IT01114601006_00001.xml');
    list.push({ path: '/api/v1/imports', body: form, type: '' });
    list.push({
      path: `/api/v1/imports?name=IT01114601006_00002.xml&creditor=${B_VAT}`,
      body: readFileSync(FIXTURE),
      type: 'application/octet-stream',
    });
  }
  return list;
}

function apiRoutes(): Array<{ method: string; path: string }> {
  const seen = new Set<string>();
  return app.routes
    .filter(
      (r) => r.method !== 'ALL' && r.path.startsWith('/api/v1/') && !r.path.startsWith('/api/v1/public'),
    )
    .filter((r) => {
      const key = `${r.method} ${r.path}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
}

describe('cross-tenant sweep', () => {
  it('shows B to an administrator (the markers are real)', async () => {
    const debtors = await call(admin, 'GET', '/api/v1/debtors');
    expect(debtors.text).toContain('Bianchi Segreto');
    const payments = await call(admin, 'GET', '/api/v1/payments/unmatched');
    expect(payments.text).toContain('7777.77');
    expect((await call(admin, 'GET', '/api/v1/webhooks')).text).toContain('beta-riservata.example');
  });

  it('never returns or changes anything of B for a credit manager of A or an API key of A', async () => {
    const principals: Array<[string, TAuthHeaders]> = [
      ['credit manager of A', await userHeaders(t.db, { role: 'credit_manager', creditors: [A_VAT] })],
      ['API key of A', await apiKeyHeaders(t.db, A_VAT, ['read', 'write'])],
    ];
    const before = await tenantFingerprint(bIds.creditor);
    const routes = apiRoutes();
    expect(routes.length).toBeGreaterThanOrEqual(20);
    let calls = 0;
    const leaks: string[] = [];
    for (const [who, headers] of principals) {
      for (const route of routes) {
        for (const attack of attacks(route.method, route.path)) {
          const r = await call(
            headers,
            route.method,
            attack.path,
            attack.body,
            attack.type ?? 'application/json',
          );
          calls += 1;
          if (r.status >= 500) leaks.push(`${who} ${route.method} ${attack.path}: ${r.status} ${r.text}`);
          for (const marker of B_MARKERS)
            if (r.text.includes(marker))
              leaks.push(`${who} ${route.method} ${attack.path}: "${marker}" in ${r.text.slice(0, 300)}`);
        }
      }
    }
    expect(leaks).toEqual([]);
    expect(await tenantFingerprint(bIds.creditor)).toEqual(before);
    expect(calls).toBeGreaterThan(200);
  });
});
