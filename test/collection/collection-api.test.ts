import type { ServerType } from '@hono/node-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer } from '../../src/server/serve.ts';
import { adminHeaders, type TAuthHeaders } from '../support/api-auth.ts';
import { createTestDatabase, type TTestDatabase } from '../support/test-database.ts';
import { addInvoice, newWorld, type TWorld } from './collection-fixtures.ts';

let t: TTestDatabase;
let server: ServerType;
let base: string;
let auth: TAuthHeaders;
let w: TWorld;

beforeAll(async () => {
  t = await createTestDatabase();
  auth = await adminHeaders(t.db);
  const started = await startServer(t.db, 0);
  server = started.server;
  base = `http://127.0.0.1:${started.port}`;
  w = await newWorld(t.db);
  await addInvoice(t.db, w, 'API-1', [{ dueDate: '2026-03-22', amount: '640.00' }]);
});
afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  await t.drop();
});

async function call(method: string, path: string, body?: unknown) {
  const response = await fetch(`${base}${path}`, {
    method,
    headers: { ...auth, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as any };
}

describe('HTTP API of the collection engine', () => {
  it('runs, serves the worklist, records an outcome, lists actions and cases', async () => {
    const dry = await call('POST', '/api/v1/runs', { date: '2026-04-07', dryRun: true });
    expect(dry.status).toBe(200);
    expect(dry.body.actions.map((a: any) => a.stepKey)).toEqual(['call-1']);
    const run = await call('POST', '/api/v1/runs', { date: '2026-04-07' });
    expect(run.status).toBe(201);
    // Opened after the due date: the reminders before it are passed over, the call is due.
    expect(run.body.actions.map((a: any) => [a.stepKey, a.status])).toEqual([['call-1', 'pending']]);
    expect((await call('POST', '/api/v1/runs', { date: '2026-04-07' })).body.stepsTaken).toBe(0);

    const tasks = await call('GET', '/api/v1/tasks?date=2026-04-07');
    expect(tasks.status).toBe(200);
    expect(tasks.body).toMatchObject([
      { kind: 'phone-call', stepKey: 'call-1', debtor: { vatNumber: w.debtorVat } },
    ]);
    const bad = await call('POST', `/api/v1/tasks/${tasks.body[0].id}/complete`, { outcome: 'maybe' });
    expect(bad.status).toBe(400);
    const done = await call('POST', `/api/v1/tasks/${tasks.body[0].id}/complete`, {
      outcome: 'no-answer',
      date: '2026-04-07',
    });
    expect(done.status).toBe(200);
    expect(done.body).toMatchObject({ outcome: 'no-answer', stepStatus: 'done' });
    const again = await call('POST', `/api/v1/tasks/${tasks.body[0].id}/complete`, { outcome: 'no-answer' });
    expect(again.status).toBe(409);

    const actions = await call('GET', `/api/v1/actions?debtor=${w.debtorVat}`);
    expect(actions.body.map((a: any) => [a.stepKey, a.status])).toEqual([['call-1', 'done']]);
    const cases = await call('GET', `/api/v1/cases?creditor=${w.creditorVat}`);
    expect(cases.body).toMatchObject([
      { status: 'open', state: 'active', policy: 'standard', outstanding: '640.00' },
    ]);
    const policies = await call('GET', `/api/v1/policies?creditor=${w.creditorVat}`);
    expect(policies.body.policies.map((p: any) => p.key)).toEqual(['standard', 'gentle', 'agency']);
  });

  it('adds a policy over HTTP (never an edit in place), refusing a bad or repeated one by name', async () => {
    const policy = {
      creditor: w.creditorVat,
      key: 'standard-2',
      name: 'Standard, calls later',
      steps: [
        {
          key: 'mail',
          channels: ['email'],
          tone: 'friendly',
          template: 'reminder-letter',
          when: { from: 'due-date', days: 5 },
        },
        {
          key: 'call',
          channels: ['phone-call'],
          tone: 'firm',
          template: 'call-script',
          when: { from: 'step', step: 'mail', days: 10 },
          conditions: { minAmount: '500.00' },
        },
      ],
    };
    const added = await call('POST', '/api/v1/policies', policy);
    expect(added.status).toBe(201);
    expect(added.body).toMatchObject({ key: 'standard-2', isPreset: false, isDefault: false });
    expect(added.body.steps[1].conditions).toEqual({ minAmount: '500.00' });
    const again = await call('POST', '/api/v1/policies', policy);
    expect([again.status, again.body.code]).toEqual([409, 'DUPLICATE']);
    const bad = await call('POST', '/api/v1/policies', {
      ...policy,
      key: 'standard-3',
      steps: [{ ...policy.steps[1], when: { from: 'step', step: 'mail', days: 10 } }],
    });
    expect([bad.status, bad.body.details.field]).toEqual([400, 'policy.steps[0].when']);
    const listed = await call('GET', `/api/v1/policies?creditor=${w.creditorVat}`);
    expect(listed.body.policies.map((p: any) => p.key)).toEqual([
      'standard',
      'gentle',
      'agency',
      'standard-2',
    ]);
  });

  it('opens and closes disputes and holds', async () => {
    const opened = await call('POST', '/api/v1/disputes', {
      invoice: 'API-1',
      reason: 'not delivered',
      date: '2026-04-08',
    });
    expect(opened.status).toBe(201);
    expect(opened.body).toMatchObject({ status: 'open', reason: 'not delivered', openedOn: '2026-04-08' });
    expect((await call('POST', '/api/v1/disputes', { invoice: 'API-1' })).status).toBe(409);
    expect((await call('POST', '/api/v1/runs', { date: '2026-04-22' })).body.stepsTaken).toBe(0);
    const closed = await call('DELETE', '/api/v1/disputes', { invoice: 'API-1', resolution: 'delivered' });
    expect(closed.body).toMatchObject({ status: 'closed', resolution: 'delivered' });

    const hold = await call('POST', '/api/v1/holds', {
      invoice: 'API-1',
      reason: 'lawyer reviewing',
      date: '2026-04-22',
    });
    expect(hold.status).toBe(201);
    expect(hold.body).toMatchObject({ scope: 'invoice', invoice: { number: 'API-1' } });
    expect((await call('POST', '/api/v1/runs', { date: '2026-04-22' })).body.stepsTaken).toBe(0);
    expect((await call('DELETE', '/api/v1/holds', { invoice: 'API-1' })).status).toBe(200);
    expect((await call('DELETE', '/api/v1/holds', { invoice: 'API-1' })).status).toBe(404);
    const resumed = await call('POST', '/api/v1/runs', { date: '2026-04-22' });
    expect(resumed.body.actions.map((a: any) => [a.stepKey, a.scheduledOn])).toEqual([
      ['letter-1', '2026-04-22'],
    ]);
  });
});
