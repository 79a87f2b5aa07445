import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addPolicy } from '../../src/app/collection/add-policy.ts';
import { assignPolicy } from '../../src/app/collection/assign-policy.ts';
import { runCollection } from '../../src/app/collection/run-collection.ts';
import { showLegal } from '../../src/app/legal/show-legal.ts';
import { verifyRegister } from '../../src/app/register/verify-register.ts';
import { addInvoice, newWorld, type TWorld } from '../collection/collection-fixtures.ts';
import { ctxOn } from '../support/fixtures.ts';
import { createTestDatabase, type TTestDatabase } from '../support/test-database.ts';

// A policy step of channel `legal`, taken by the daily run, opens the case's legal phase with
// the legal notice and its deadline, once.
let t: TTestDatabase;
let w: TWorld;

beforeAll(async () => {
  t = await createTestDatabase();
  w = await newWorld(t.db);
  await addInvoice(t.db, w, 'L-1', [{ dueDate: '2026-02-27', amount: '1500.00' }]);
  await addPolicy(ctxOn(t.db, '2026-01-10'), w.creditorId, {
    key: 'to-lawyer',
    name: 'Reminder, then the lawyer',
    steps: [
      {
        key: 'reminder',
        channels: ['email'],
        tone: 'firm',
        template: 'second-reminder-letter',
        when: { from: 'due-date', days: 5 },
      },
      {
        key: 'lawyer',
        channels: ['legal'],
        tone: 'formal',
        template: 'diffida-legale',
        when: { from: 'step', step: 'reminder', days: 10 },
      },
    ],
  });
  await assignPolicy(ctxOn(t.db, '2026-01-10'), w.creditorId, { policy: 'to-lawyer', debtor: w.debtorVat });
});
afterAll(() => t.drop());

const run = (day: string) => runCollection(ctxOn(t.db, day), { creditorId: w.creditorId, date: day });
const legalEntries = () =>
  t.db.query<{ subject_id: number; data: any }>(
    `select subject_id, data from register_entries where creditor_id = $1 and action = 'legal.legal-notice' order by seq`,
    [w.creditorId],
  );

describe('a legal policy step opens the legal phase', () => {
  it('records the legal notice with its deadline when the run takes the step, exactly once', async () => {
    await run('2026-03-04');
    expect(await legalEntries()).toEqual([]);
    const taken = await run('2026-03-16');
    expect(taken.stepsTaken).toBe(1);
    const [caseRow] = await t.db.query<{ id: number }>(
      'select id from collection_cases where creditor_id = $1',
      [w.creditorId],
    );
    const caseId = caseRow!.id;
    const [action] = await t.db.query<{ id: number; status: string }>(
      `select id, status from collection_actions where creditor_id = $1 and step_key = 'lawyer'`,
      [w.creditorId],
    );
    expect(action!.status).toBe('queued');

    const view = await showLegal(ctxOn(t.db, '2026-03-16'), { caseId });
    expect(view.stages.map((s) => [s.stage, s.on, s.reference])).toEqual([
      ['legal-notice', '2026-03-16', 'step lawyer'],
    ]);
    // 15 days to pay from the notice, moved to the next business day: 31 March 2026 is a Tuesday.
    expect(view.deadlines.map((d) => [d.key, d.date, d.status])).toEqual([
      ['notice-payment', '2026-03-31', 'open'],
    ]);
    const entries = await legalEntries();
    expect(entries.length).toBe(1);
    expect(entries[0]!.subject_id).toBe(caseId);
    expect(entries[0]!.data).toMatchObject({
      on: '2026-03-16',
      actionId: action!.id,
      deadlines: [{ key: 'notice-payment', date: '2026-03-31' }],
    });

    // Later runs (and a run repeated on the same day) add nothing.
    await run('2026-03-16');
    await run('2026-04-20');
    const [stages] = await t.db.query<{ n: number }>(
      'select count(*)::int8 as n from legal_stages where creditor_id = $1',
      [w.creditorId],
    );
    expect(stages!.n).toBe(1);
    expect((await legalEntries()).length).toBe(1);
    expect((await verifyRegister(t.db, w.creditorId)).isValid).toBe(true);
  });
});
