import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/server/app.ts';
import { addInvoice, newWorld, type TWorld } from '../collection/collection-fixtures.ts';
import { adminHeaders, type TAuthHeaders, userHeaders } from '../support/api-auth.ts';
import { createTestDatabase, type TTestDatabase } from '../support/test-database.ts';

let t: TTestDatabase;
let app: ReturnType<typeof createApp>;
let w: TWorld;
let admin: TAuthHeaders;

beforeAll(async () => {
  t = await createTestDatabase();
  app = createApp({ db: t.db, clock: () => new Date('2026-04-07T10:00:00Z') });
  admin = await adminHeaders(t.db);
  w = await newWorld(t.db);
  await addInvoice(t.db, w, 'S-1', [{ dueDate: '2026-03-22', amount: '640.00' }]);
  await addInvoice(t.db, w, 'S-2', [{ dueDate: '2026-03-22', amount: '320.00' }], {
    debtorVat: 'IT02438750586',
  });
  await app.request('/api/v1/runs', {
    method: 'POST',
    headers: { ...admin, 'content-type': 'application/json' },
    body: JSON.stringify({ date: '2026-04-07' }),
  });
});
afterAll(() => t.drop());

describe('an agency specialist', () => {
  it('sees and works only the tasks and cases assigned to them', async () => {
    const tasks = await t.db.query<{ id: number; case_id: number }>(
      'select id, case_id from collection_tasks order by id',
    );
    expect(tasks).toHaveLength(2);
    await t.db.query("update collection_tasks set assignee = 'agenzia@example.it' where id = $1", [
      tasks[0]!.id,
    ]);
    await t.db.query("update collection_cases set assignee = 'agenzia@example.it' where id = $1", [
      tasks[0]!.case_id,
    ]);
    const specialist = await userHeaders(t.db, {
      role: 'agency_specialist',
      creditors: [w.creditorVat],
      email: 'agenzia@example.it',
    });
    const headers = { ...specialist, 'content-type': 'application/json' };
    const listed = (await (await app.request('/api/v1/tasks?date=2026-04-07', { headers })).json()) as any[];
    expect(listed.map((k) => k.id)).toEqual([tasks[0]!.id]);
    const cases = (await (await app.request('/api/v1/cases', { headers })).json()) as any[];
    expect(cases.map((k) => k.id)).toEqual([tasks[0]!.case_id]);
    const other = await app.request(`/api/v1/tasks/${tasks[1]!.id}/complete`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ outcome: 'no-answer' }),
    });
    expect(other.status).toBe(404);
    const own = await app.request(`/api/v1/tasks/${tasks[0]!.id}/complete`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ outcome: 'no-answer' }),
    });
    expect(own.status).toBe(200);
    expect((await app.request('/api/v1/policies', { method: 'POST', headers, body: '{}' })).status).toBe(403);
  });
});
