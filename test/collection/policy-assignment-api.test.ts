import type { ServerType } from '@hono/node-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer } from '../../src/server/serve.ts';
import { adminHeaders, type TAuthHeaders, userHeaders } from '../support/api-auth.ts';
import { createTestDatabase, type TTestDatabase } from '../support/test-database.ts';
import { actionSteps, addInvoice, newVat, newWorld, type TWorld } from './collection-fixtures.ts';

let t: TTestDatabase;
let server: ServerType;
let base: string;
let admin: TAuthHeaders;
let operator: TAuthHeaders;
let w: TWorld;
const otherDebtor = newVat();

beforeAll(async () => {
  t = await createTestDatabase();
  admin = await adminHeaders(t.db);
  w = await newWorld(t.db);
  operator = await userHeaders(t.db, { role: 'operator', creditors: [w.creditorVat] });
  const started = await startServer(t.db, 0);
  server = started.server;
  base = `http://127.0.0.1:${started.port}`;
  await addInvoice(t.db, w, 'PA-1', [{ dueDate: '2026-03-10', amount: '410.00' }]);
  await addInvoice(t.db, w, 'PA-2', [{ dueDate: '2026-03-10', amount: '95.50' }], { debtorVat: otherDebtor });
});
afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  await t.drop();
});

async function call(headers: TAuthHeaders, method: string, path: string, body?: unknown) {
  const response = await fetch(`${base}${path}`, {
    method,
    headers: { ...headers, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as any };
}

describe('policy assignment over HTTP', () => {
  it('stores a debtor override and a default, lists them, and the next run follows them', async () => {
    const assigned = await call(admin, 'POST', '/api/v1/policies/assignments', {
      creditor: w.creditorVat,
      debtor: w.debtorVat,
      policy: 'gentle',
    });
    expect(assigned.status).toBe(201);
    expect(assigned.body).toEqual({ scope: 'debtor', policy: 'gentle', target: w.debtorVat, ruleId: null });
    const byDefault = await call(admin, 'POST', '/api/v1/policies/assignments', {
      creditor: w.creditorVat,
      policy: 'agency',
      default: true,
    });
    expect(byDefault.body).toEqual({ scope: 'default', policy: 'agency', target: 'agency', ruleId: null });
    const rule = await call(admin, 'POST', '/api/v1/policies/assignments', {
      creditor: w.creditorVat,
      policy: 'standard',
      rule: { minAmount: '5000.00', riskClasses: ['to-avoid'] },
    });
    expect(rule.status).toBe(201);
    expect(rule.body).toMatchObject({ scope: 'rule', policy: 'standard', target: 10 });

    const listed = await call(operator, 'GET', `/api/v1/policies?creditor=${w.creditorVat}`);
    expect(listed.body.policies.filter((p: any) => p.isDefault).map((p: any) => p.key)).toEqual(['agency']);
    expect(listed.body.rules).toEqual([
      {
        id: rule.body.ruleId,
        position: 10,
        policy: 'standard',
        minAmount: '5000.00',
        riskClasses: ['to-avoid'],
        customerGroups: null,
        countries: null,
      },
    ]);
    const overrides = await call(operator, 'GET', `/api/v1/policies/overrides?creditor=${w.creditorVat}`);
    expect(overrides.status).toBe(200);
    expect(overrides.body).toEqual([
      {
        scope: 'debtor',
        debtor: { vatNumber: w.debtorVat, fiscalCode: null, name: `Debitore ${w.debtorVat}` },
        invoice: null,
        policy: 'gentle',
      },
    ]);
    const ofOther = await call(
      operator,
      'GET',
      `/api/v1/policies/overrides?creditor=${w.creditorVat}&debtor=${otherDebtor}`,
    );
    expect(ofOther.body).toEqual([]);

    // Six days past due: gentle's friendly reminder (day 3) for the assigned debtor, the
    // agency policy's verification (day 5) for the other one, who follows the new default.
    const run = await call(admin, 'POST', '/api/v1/runs', { creditor: w.creditorVat, date: '2026-03-16' });
    expect(run.status).toBe(201);
    const cases = await t.db.query<{ vat_number: string; key: string }>(
      `select d.vat_number, p.key from collection_cases c
       join debtors d on d.creditor_id = c.creditor_id and d.id = c.debtor_id
       join collection_policies p on p.creditor_id = c.creditor_id and p.id = c.policy_id
       where c.creditor_id = $1 order by d.vat_number = $2 desc`,
      [w.creditorId, w.debtorVat],
    );
    expect(cases).toEqual([
      { vat_number: w.debtorVat, key: 'gentle' },
      { vat_number: otherDebtor, key: 'agency' },
    ]);
    expect((await actionSteps(t.db, w)).map(([day, step]) => [day, step]).sort()).toEqual([
      ['2026-03-16', 'friendly-reminder'],
      ['2026-03-16', 'verify-details'],
    ]);
  });

  it('refuses an operator (403) and a policy that does not exist, naming the field', async () => {
    const refused = await call(operator, 'POST', '/api/v1/policies/assignments', {
      creditor: w.creditorVat,
      debtor: otherDebtor,
      policy: 'gentle',
    });
    expect(refused.status).toBe(403);
    const bad = await call(admin, 'POST', '/api/v1/policies/assignments', {
      creditor: w.creditorVat,
      debtor: otherDebtor,
      policy: 'no-such-policy',
    });
    expect(bad.status).toBe(404);
    expect(bad.body.details).toMatchObject({ field: 'policy', value: 'no-such-policy' });
    expect(bad.body.message).toContain('policy');
    const two = await call(admin, 'POST', '/api/v1/policies/assignments', {
      creditor: w.creditorVat,
      debtor: otherDebtor,
      policy: 'gentle',
      default: true,
    });
    expect(two.status).toBe(400);
    expect(two.body.details.field).toBe('policy');
    const overrides = await call(admin, 'GET', `/api/v1/policies/overrides?creditor=${w.creditorVat}`);
    expect(overrides.body.map((o: any) => o.debtor.vatNumber)).toEqual([w.debtorVat]);
  });
});
