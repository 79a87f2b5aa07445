import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { completeTask } from '../../src/app/collection/complete-task.ts';
import { listTasks } from '../../src/app/collection/list-tasks.ts';
import { recordPayment } from '../../src/app/ledger/record-payment.ts';
import { verifyRegister } from '../../src/app/register/verify-register.ts';
import { parseDate } from '../../src/core/shared/calendar-date.ts';
import { ctxOn } from '../support/fixtures.ts';
import { createTestDatabase, type TTestDatabase } from '../support/test-database.ts';
import { actionSteps, addInvoice, newWorld, runOn } from './collection-fixtures.ts';

let t: TTestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(() => t.drop());

/** Completes every open task of the creditor due by `day` with `outcome`. */
async function completeOpenTasks(
  creditorId: number,
  day: string,
  outcome: 'no-answer' | 'approved' = 'no-answer',
) {
  const tasks = await listTasks(t.db, { asOf: parseDate(day), creditorId });
  for (const task of tasks) {
    await completeTask(ctxOn(t.db, day), {
      taskId: task.id,
      outcome: task.kind === 'review' ? 'approved' : outcome,
    });
  }
  return tasks.length;
}

describe('the daily run', () => {
  it('creates what is due once: a second run the same day creates nothing, a dry run predicts exactly', async () => {
    const w = await newWorld(t.db);
    await addInvoice(t.db, w, 'R-1', [{ dueDate: '2026-03-22', amount: '1220.00' }]);
    await addInvoice(t.db, w, 'R-2', [{ dueDate: '2026-03-20', amount: '500.00' }]);
    const dry = await runOn(t.db, w, '2026-03-17', { dryRun: true });
    expect(await actionSteps(t.db, w)).toEqual([]);
    expect(
      await t.db.query('select 1 from collection_policies where creditor_id = $1', [w.creditorId]),
    ).toEqual([]);
    const first = await runOn(t.db, w, '2026-03-17');
    const strip = (r: typeof first) => r.actions.map(({ id: _id, caseId: _caseId, ...rest }) => rest);
    expect(strip(dry)).toEqual(strip(first));
    expect(first).toMatchObject({ casesOpened: 1, stepsTaken: 1, stepsSkipped: 0, tasksCreated: 0 });
    // One e-mail for the debtor, listing both instalments: one communication, not one per invoice.
    expect(
      first.actions.map((a) => [
        a.stepKey,
        a.channel,
        a.instalments.map((i) => [i.invoiceNumber, i.outstanding]),
      ]),
    ).toEqual([
      [
        'pre-due-email',
        'email',
        [
          ['R-2', '500.00'],
          ['R-1', '1220.00'],
        ],
      ],
    ]);
    const second = await runOn(t.db, w, '2026-03-17');
    expect(second).toMatchObject({
      casesOpened: 0,
      stepsTaken: 0,
      stepsSkipped: 0,
      tasksCreated: 0,
      batches: 0,
    });
    expect(await actionSteps(t.db, w)).toEqual([['2026-03-17', 'pre-due-email', 'queued']]);
  });

  it('catches up after 10 days of downtime: each step once, in order, counted from when it was taken', async () => {
    const w = await newWorld(t.db);
    await addInvoice(t.db, w, 'C-1', [{ dueDate: '2026-03-22', amount: '800.00' }]);
    for (const day of ['2026-03-17', '2026-03-19', '2026-04-07']) {
      await runOn(t.db, w, day);
      await completeOpenTasks(w.creditorId, day);
    }
    // down from 21 Apr to 30 Apr: letter-1 was due on 22 Apr
    const catchUp = await runOn(t.db, w, '2026-05-01');
    expect(catchUp.actions.map((a) => [a.stepKey, a.scheduledOn, a.date])).toEqual([
      ['letter-1', '2026-04-22', '2026-05-01'],
    ]);
    expect((await runOn(t.db, w, '2026-05-01')).stepsTaken).toBe(0);
    for (const day of [
      '2026-05-02',
      '2026-05-03',
      '2026-05-04',
      '2026-05-05',
      '2026-05-11',
      '2026-05-12',
      '2026-05-22',
    ]) {
      await runOn(t.db, w, day);
      await completeOpenTasks(w.creditorId, day);
    }
    expect(await actionSteps(t.db, w)).toEqual([
      ['2026-03-17', 'pre-due-email', 'queued'],
      ['2026-03-19', 'pre-due-call', 'skipped'],
      ['2026-04-07', 'call-1', 'done'],
      ['2026-05-01', 'letter-1', 'queued'],
      ['2026-05-04', 'call-2', 'done'],
      ['2026-05-11', 'letter-2', 'queued'],
      ['2026-05-22', 'handover', 'queued'],
    ]);
  });

  it('re-checks the balance at creation: a payment between decision and creation leaves the settled instalment out', async () => {
    const w = await newWorld(t.db);
    await addInvoice(t.db, w, 'P-1', [{ dueDate: '2026-03-22', amount: '300.00' }]);
    await addInvoice(t.db, w, 'P-2', [{ dueDate: '2026-03-24', amount: '200.00' }]);
    await runOn(t.db, w, '2026-03-17');
    // The call is due on 7 Apr; the debtor pays P-1 while the run is deciding.
    const result = await runOn(
      t.db,
      w,
      '2026-04-08',
      {},
      {
        afterDecide: async (batch) => {
          expect(batch.decisions[0]!.actions[0]!.instalments.map((i) => i.invoiceNumber)).toEqual([
            'P-1',
            'P-2',
          ]);
          await recordPayment(ctxOn(t.db, '2026-04-08'), {
            debtor: w.debtorVat,
            amount: '300.00',
            date: '2026-04-08',
          });
        },
      },
    );
    expect(
      result.actions.map((a) => [a.stepKey, a.status, a.instalments.map((i) => i.invoiceNumber), a.total]),
    ).toEqual([['call-1', 'pending', ['P-2'], '200.00']]);
    const [task] = await listTasks(t.db, { asOf: parseDate('2026-04-08'), creditorId: w.creditorId });
    expect(task).toMatchObject({
      kind: 'phone-call',
      stepKey: 'call-1',
      isLate: true,
      dueDate: '2026-04-07',
      amount: '200.00',
    });
    expect(task!.instalments.map((i) => i.invoiceNumber)).toEqual(['P-2']);

    // Everything paid between decision and creation: nothing is created at all.
    const w2 = await newWorld(t.db);
    await addInvoice(t.db, w2, 'Q-1', [{ dueDate: '2026-03-22', amount: '300.00' }]);
    const none = await runOn(
      t.db,
      w2,
      '2026-03-17',
      {},
      {
        afterDecide: async () => {
          await recordPayment(ctxOn(t.db, '2026-03-17'), {
            debtor: w2.debtorVat,
            amount: '300.00',
            date: '2026-03-17',
          });
        },
      },
    );
    expect(none).toMatchObject({ casesOpened: 0, stepsTaken: 0, droppedAsSettled: 1 });
    expect(await actionSteps(t.db, w2)).toEqual([]);
    expect((await runOn(t.db, w2, '2026-04-30')).stepsTaken).toBe(0);
  });

  it('closes the case when all is paid; a later overdue instalment opens a new case', async () => {
    const w = await newWorld(t.db);
    await addInvoice(t.db, w, 'K-1', [
      { dueDate: '2026-03-22', amount: '100.00' },
      { dueDate: '2026-06-22', amount: '100.00' },
    ]);
    await runOn(t.db, w, '2026-03-17');
    await recordPayment(ctxOn(t.db, '2026-03-25'), {
      debtor: w.debtorVat,
      amount: '100.00',
      date: '2026-03-25',
    });
    expect(await runOn(t.db, w, '2026-03-26')).toMatchObject({ casesClosed: 1 });
    expect(await runOn(t.db, w, '2026-06-17')).toMatchObject({ casesOpened: 1, stepsTaken: 1 });
    const cases = await t.db.query<{ status: string; anchor_due_date: string }>(
      'select status, anchor_due_date from collection_cases where creditor_id = $1 order by id',
      [w.creditorId],
    );
    expect(cases).toEqual([
      { status: 'closed', anchor_due_date: '2026-03-22' },
      { status: 'open', anchor_due_date: '2026-06-22' },
    ]);
  });

  it('closes a settled case even while its call waits, cancelling the task; a newly overdue instalment joins', async () => {
    const w = await newWorld(t.db);
    await addInvoice(t.db, w, 'W-1', [{ dueDate: '2026-03-22', amount: '100.00' }]);
    await runOn(t.db, w, '2026-04-07'); // call-1 waits for an operator
    await addInvoice(t.db, w, 'W-2', [{ dueDate: '2026-04-08', amount: '50.00' }]);
    expect(await runOn(t.db, w, '2026-04-09')).toMatchObject({ instalmentsJoined: 1, stepsTaken: 0 });
    await recordPayment(ctxOn(t.db, '2026-04-10'), {
      debtor: w.debtorVat,
      amount: '150.00',
      date: '2026-04-10',
    });
    expect(await runOn(t.db, w, '2026-04-10')).toMatchObject({ casesClosed: 1 });
    const [task] = await t.db.query<{ status: string }>(
      'select status from collection_tasks where creditor_id = $1',
      [w.creditorId],
    );
    expect(task!.status).toBe('cancelled');
    expect(await listTasks(t.db, { asOf: parseDate('2026-04-10'), creditorId: w.creditorId })).toEqual([]);
  });

  it('the database refuses a second action for the same case and step, whatever the application does', async () => {
    const w = await newWorld(t.db);
    await addInvoice(t.db, w, 'U-1', [{ dueDate: '2026-03-22', amount: '100.00' }]);
    await runOn(t.db, w, '2026-03-17');
    await expect(
      t.db.query(
        `insert into collection_actions (creditor_id, case_id, step_key, channels, tone, template, status, scheduled_on,
           created_on, total_cents, instalments)
         select creditor_id, case_id, step_key, channels, tone, template, status, scheduled_on, created_on, total_cents, instalments
         from collection_actions where creditor_id = $1`,
        [w.creditorId],
      ),
    ).rejects.toThrow(/duplicate key/);
    expect((await verifyRegister(t.db, w.creditorId)).isValid).toBe(true);
  });
});
