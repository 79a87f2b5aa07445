import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clearHold } from '../../src/app/collection/clear-hold.ts';
import { closeDispute } from '../../src/app/collection/close-dispute.ts';
import { completeTask } from '../../src/app/collection/complete-task.ts';
import { listActions } from '../../src/app/collection/list-actions.ts';
import { listCases } from '../../src/app/collection/list-cases.ts';
import { listTasks } from '../../src/app/collection/list-tasks.ts';
import { openDispute } from '../../src/app/collection/open-dispute.ts';
import { setHold } from '../../src/app/collection/set-hold.ts';
import { recordPayment } from '../../src/app/ledger/record-payment.ts';
import { verifyRegister } from '../../src/app/register/verify-register.ts';
import { parseDate } from '../../src/core/shared/calendar-date.ts';
import { ctxOn } from '../support/fixtures.ts';
import { createTestDatabase, type TTestDatabase } from '../support/test-database.ts';
import {
  ALL_YES,
  actionSteps,
  addInvoice,
  newVat,
  newWorld,
  runOn,
  type TWorld,
} from './collection-fixtures.ts';

let t: TTestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(() => t.drop());

const tasksOf = (w: TWorld, day: string) =>
  listTasks(t.db, { asOf: parseDate(day), creditorId: w.creditorId });

/** A case at call-1 (made on 7 Apr 2026) for one 1,000.00 instalment due 22 Mar 2026. */
async function atFirstCall(evidence: Record<string, string> = ALL_YES) {
  const w = await newWorld(t.db);
  await addInvoice(t.db, w, `F-${w.debtorVat}`, [{ dueDate: '2026-03-22', amount: '1000.00' }], { evidence });
  await runOn(t.db, w, '2026-04-07');
  const [task] = await tasksOf(w, '2026-04-07');
  expect(task).toMatchObject({ kind: 'phone-call', stepKey: 'call-1' });
  return { w, taskId: task!.id, invoice: `F-${w.debtorVat}` };
}

describe('promises', () => {
  it('a kept promise pauses the case and the payment closes it', async () => {
    const { w, taskId } = await atFirstCall();
    const done = await completeTask(ctxOn(t.db, '2026-04-07'), {
      taskId,
      outcome: 'promise',
      promiseDate: '2026-04-30',
      promiseAmount: '1000.00',
      note: 'pays at month end',
    });
    expect(done).toMatchObject({
      stepStatus: 'done',
      promises: [{ dueDate: '2026-04-30', amount: '1000.00' }],
    });
    // letter-1 would be due on 22 Apr: the promise holds it back
    expect((await runOn(t.db, w, '2026-04-22')).stepsTaken).toBe(0);
    expect((await listCases(t.db, { creditorId: w.creditorId }))[0]).toMatchObject({ state: 'promised' });
    await recordPayment(ctxOn(t.db, '2026-04-29'), {
      debtor: w.debtorVat,
      amount: '1000.00',
      date: '2026-04-29',
    });
    expect(await runOn(t.db, w, '2026-04-30')).toMatchObject({
      promisesKept: 1,
      casesClosed: 1,
      stepsTaken: 0,
    });
    expect((await runOn(t.db, w, '2026-06-30')).stepsTaken).toBe(0);
  });

  it('a broken promise resumes the escalation at the next step, flagged, and goes first in the worklist', async () => {
    const { w, taskId } = await atFirstCall();
    await completeTask(ctxOn(t.db, '2026-04-07'), {
      taskId,
      outcome: 'promise',
      promiseDate: '2026-04-30',
      promiseAmount: '400.00',
    });
    await recordPayment(ctxOn(t.db, '2026-04-20'), {
      debtor: w.debtorVat,
      amount: '100.00',
      date: '2026-04-20',
    });
    expect((await runOn(t.db, w, '2026-05-03')).stepsTaken).toBe(0); // within the 3 days of grace
    const resumed = await runOn(t.db, w, '2026-05-04');
    expect(resumed).toMatchObject({ promisesBroken: 1 });
    expect(resumed.actions.map((a) => [a.stepKey, a.isAfterBrokenPromise, a.total])).toEqual([
      ['letter-1', true, '900.00'],
    ]);
    expect((await listCases(t.db, { creditorId: w.creditorId }))[0]).toMatchObject({
      brokenPromises: 1,
      state: 'active',
    });
    // call-2 three days later: the broken-promise debtor outranks a larger amount in the worklist
    const other = await atFirstCall();
    await runOn(t.db, w, '2026-05-07');
    const worklist = await listTasks(t.db, { asOf: parseDate('2026-05-07'), creditorId: null });
    const order = worklist.filter(
      (x) => x.debtor.vatNumber === w.debtorVat || x.debtor.vatNumber === other.w.debtorVat,
    );
    expect(order.map((x) => [x.debtor.vatNumber, x.hasBrokenPromise])).toEqual([
      [w.debtorVat, true],
      [other.w.debtorVat, false],
    ]);
  });

  it('a payment plan is followed instalment by instalment', async () => {
    const { w, taskId } = await atFirstCall();
    const done = await completeTask(ctxOn(t.db, '2026-04-08'), {
      taskId,
      outcome: 'plan',
      plan: [
        { date: '2026-04-30', amount: '500.00' },
        { date: '2026-05-29', amount: '500.00' },
      ],
    });
    expect(done.planId).toBeGreaterThan(0);
    await recordPayment(ctxOn(t.db, '2026-04-30'), {
      debtor: w.debtorVat,
      amount: '500.00',
      date: '2026-04-30',
    });
    expect(await runOn(t.db, w, '2026-05-04')).toMatchObject({ promisesKept: 1, stepsTaken: 0 });
    // 29 May + 3 days of grace = 1 Jun
    expect(await runOn(t.db, w, '2026-06-01')).toMatchObject({ promisesBroken: 0, stepsTaken: 0 });
    const broken = await runOn(t.db, w, '2026-06-02');
    expect(broken).toMatchObject({ promisesBroken: 1, stepsTaken: 1 });
    expect(broken.actions[0]).toMatchObject({
      stepKey: 'letter-1',
      total: '500.00',
      isAfterBrokenPromise: true,
    });
  });
});

describe('disputes and holds', () => {
  it('a disputed invoice leaves the escalation until the dispute is closed', async () => {
    const w = await newWorld(t.db);
    await addInvoice(t.db, w, 'D-1', [{ dueDate: '2026-03-22', amount: '700.00' }]);
    await addInvoice(t.db, w, 'D-2', [{ dueDate: '2026-03-22', amount: '300.00' }]);
    const opened = await openDispute(ctxOn(t.db, '2026-03-10'), {
      invoice: 'D-1',
      creditor: w.creditorVat,
      reason: 'goods damaged',
    });
    expect(opened).toMatchObject({ status: 'open', reason: 'goods damaged', invoice: { number: 'D-1' } });
    await expect(
      openDispute(ctxOn(t.db, '2026-03-10'), { invoice: 'D-1', creditor: w.creditorVat }),
    ).rejects.toThrow('invoice: "D-1" is already disputed');
    const first = await runOn(t.db, w, '2026-03-17');
    expect(first.actions.map((a) => a.instalments.map((i) => i.invoiceNumber))).toEqual([['D-2']]);
    await recordPayment(ctxOn(t.db, '2026-03-25'), {
      debtor: w.debtorVat,
      amount: '300.00',
      date: '2026-03-25',
      invoices: ['D-2'],
    });
    // Only the disputed invoice is left: the case waits, sends nothing, does not close.
    expect(await runOn(t.db, w, '2026-04-07')).toMatchObject({ stepsTaken: 0, casesClosed: 0 });
    const closed = await closeDispute(ctxOn(t.db, '2026-04-10'), {
      invoice: 'D-1',
      creditor: w.creditorVat,
      resolution: 'credit note refused',
    });
    expect(closed).toMatchObject({
      status: 'closed',
      closedOn: '2026-04-10',
      resolution: 'credit note refused',
    });
    const resumed = await runOn(t.db, w, '2026-04-10');
    expect(
      resumed.actions.map((a) => [
        a.stepKey,
        a.status,
        a.scheduledOn,
        a.instalments.map((i) => i.invoiceNumber),
      ]),
    ).toEqual([['call-1', 'pending', '2026-04-07', ['D-1']]]);
    await expect(
      closeDispute(ctxOn(t.db, '2026-04-10'), { invoice: 'D-1', creditor: w.creditorVat }),
    ).rejects.toThrow('invoice: "D-1" has no open dispute');
  });

  it('holds a debtor until an end date, and an invoice until cleared', async () => {
    const w = await newWorld(t.db);
    await addInvoice(t.db, w, 'H-1', [{ dueDate: '2026-03-22', amount: '700.00' }]);
    await addInvoice(t.db, w, 'H-2', [{ dueDate: '2026-03-22', amount: '300.00' }]);
    const hold = await setHold(ctxOn(t.db, '2026-03-01'), {
      debtor: w.debtorVat,
      reason: 'negotiating',
      until: '2026-04-10',
    });
    expect(hold).toMatchObject({ scope: 'debtor', endsOn: '2026-04-10', debtor: { vatNumber: w.debtorVat } });
    await expect(
      setHold(ctxOn(t.db, '2026-03-02'), { debtor: w.debtorVat, reason: 'again' }),
    ).rejects.toThrow(/already on hold since 2026-03-01 until 2026-04-10/);
    for (const day of ['2026-03-17', '2026-03-19', '2026-04-07', '2026-04-10']) {
      expect((await runOn(t.db, w, day)).stepsTaken).toBe(0);
    }
    await setHold(ctxOn(t.db, '2026-04-10'), {
      invoice: 'H-1',
      creditor: w.creditorVat,
      reason: 'awaiting proof of delivery',
    });
    const after = await runOn(t.db, w, '2026-04-13');
    // The case opens with both instalments; the held one is left out of the call.
    expect(
      after.actions
        .filter((a) => a.status !== 'skipped')
        .map((a) => [a.stepKey, a.instalments.map((i) => i.invoiceNumber)]),
    ).toEqual([['call-1', ['H-2']]]);
    const cleared = await clearHold(ctxOn(t.db, '2026-04-14'), { invoice: 'H-1', creditor: w.creditorVat });
    expect(cleared.map((h) => [h.scope, h.clearedOn])).toEqual([['invoice', '2026-04-14']]);
    await expect(
      clearHold(ctxOn(t.db, '2026-04-14'), { invoice: 'H-1', creditor: w.creditorVat }),
    ).rejects.toThrow('invoice: "H-1" is not on hold');
    await expect(
      setHold(ctxOn(t.db, '2026-04-14'), { debtor: w.debtorVat, invoice: 'H-1', reason: 'x' }),
    ).rejects.toThrow('not both');
  });
});

describe('task outcomes and the evidence rule', () => {
  it('turns letter-2 into a review task when evidence is missing; approval sends it', async () => {
    const { w, taskId } = await atFirstCall({ ...ALL_YES, receiptConfirmed: 'unknown' });
    await completeTask(ctxOn(t.db, '2026-04-07'), { taskId, outcome: 'no-answer' });
    await runOn(t.db, w, '2026-04-22'); // letter-1
    await runOn(t.db, w, '2026-04-27'); // call-2
    const [call2] = await tasksOf(w, '2026-04-27');
    await completeTask(ctxOn(t.db, '2026-04-27'), { taskId: call2!.id, outcome: 'no-answer' });
    const review = await runOn(t.db, w, '2026-05-04');
    expect(
      review.actions.map((a) => [a.stepKey, a.status, a.tasks, a.evidenceGaps.map((g) => g.question)]),
    ).toEqual([['letter-2', 'review', ['review'], ['customer confirmed receipt of the invoice']]]);
    const [reviewTask] = await tasksOf(w, '2026-05-04');
    expect(reviewTask).toMatchObject({ kind: 'review', stepKey: 'letter-2' });
    await expect(
      completeTask(ctxOn(t.db, '2026-05-05'), { taskId: reviewTask!.id, outcome: 'no-answer' }),
    ).rejects.toThrow('outcome: "no-answer" is not an outcome of a review task');
    expect((await runOn(t.db, w, '2026-05-14')).stepsTaken).toBe(0); // waits for the credit manager
    const approved = await completeTask(ctxOn(t.db, '2026-05-05'), {
      taskId: reviewTask!.id,
      outcome: 'approved',
    });
    expect(approved.stepStatus).toBe('queued');
    // handover counts from the approval (5 May + 10 = 15 May), and is a review again
    expect((await runOn(t.db, w, '2026-05-14')).stepsTaken).toBe(0);
    expect((await runOn(t.db, w, '2026-05-15')).actions.map((a) => [a.stepKey, a.status])).toEqual([
      ['handover', 'review'],
    ]);
    const letter2 = (await listActions(t.db, { creditorId: w.creditorId })).find(
      (a) => a.stepKey === 'letter-2',
    );
    expect(letter2).toMatchObject({ status: 'queued', doneOn: '2026-05-05', channel: 'registered-letter' });
  });

  it('records paid, dispute, wrong-details and unreachable outcomes with their consequences', async () => {
    const paid = await atFirstCall();
    const p = await completeTask(ctxOn(t.db, '2026-04-07'), { taskId: paid.taskId, outcome: 'paid' });
    expect(p.tasksCreated.map((x) => x.kind)).toEqual(['review']);
    expect((await runOn(t.db, paid.w, '2026-04-22')).stepsTaken).toBe(0); // waits for the proof of payment

    const disputed = await atFirstCall();
    const d = await completeTask(ctxOn(t.db, '2026-04-07'), {
      taskId: disputed.taskId,
      outcome: 'dispute',
      note: 'wrong quantity',
    });
    expect(d.disputedInvoices).toEqual([disputed.invoice]);
    expect((await runOn(t.db, disputed.w, '2026-04-22')).stepsTaken).toBe(0);

    const wrong = await atFirstCall();
    const x = await completeTask(ctxOn(t.db, '2026-04-07'), {
      taskId: wrong.taskId,
      outcome: 'wrong-details',
    });
    expect(x.actionsCreated.map((a) => a.stepKey)).toEqual([`payment-instructions-${wrong.taskId}`]);

    const lost = await atFirstCall();
    const u1 = await completeTask(ctxOn(t.db, '2026-04-07'), { taskId: lost.taskId, outcome: 'unreachable' });
    expect(u1.tasksCreated).toEqual([]); // no letter has gone yet
    await runOn(t.db, lost.w, '2026-04-22'); // letter-1
    await runOn(t.db, lost.w, '2026-04-27'); // call-2
    const [call2] = await tasksOf(lost.w, '2026-04-27');
    const u2 = await completeTask(ctxOn(t.db, '2026-04-27'), { taskId: call2!.id, outcome: 'unreachable' });
    expect(u2.tasksCreated.map((k) => k.kind)).toEqual(['tracing']);
    await expect(
      completeTask(ctxOn(t.db, '2026-04-27'), { taskId: call2!.id, outcome: 'no-answer' }),
    ).rejects.toThrow(/is already done \(on 2026-04-27, outcome unreachable\)/);
    await expect(
      completeTask(ctxOn(t.db, '2026-04-27'), { taskId: 999_999, outcome: 'no-answer' }),
    ).rejects.toThrow('task: 999999 is not a task');
    const [tracing] = await tasksOf(lost.w, '2026-04-28');
    await expect(
      completeTask(ctxOn(t.db, '2026-04-28'), {
        taskId: tracing!.id,
        outcome: 'promise',
        promiseDate: '2026-05-01',
        promiseAmount: '1',
      }),
    ).rejects.toThrow('outcome: "promise" is not an outcome of a tracing task');
    await expect(
      completeTask(ctxOn(t.db, '2026-04-28'), {
        taskId: tracing!.id,
        outcome: 'approved',
        promiseDate: '2026-05-01',
      }),
    ).rejects.toThrow('is only for the outcome "promise"');
    for (const w of [paid.w, disputed.w, wrong.w, lost.w]) {
      expect((await verifyRegister(t.db, w.creditorId)).isValid).toBe(true);
    }
    const actions = await t.db.query<{ action: string }>(
      `select action from register_entries where creditor_id = $1 order by seq`,
      [lost.w.creditorId],
    );
    expect(actions.map((a) => a.action)).toEqual([
      'creditor.created',
      'debtor.created',
      'invoice.added',
      'policy.created',
      'policy.created',
      'policy.created',
      'case.opened',
      'step.taken',
      'task.completed',
      'step.done',
      'step.taken',
      'step.taken',
      'task.completed',
      'step.done',
      'task.created',
    ]);
    expect((await actionSteps(t.db, lost.w)).map((s) => s[1])).toEqual(['call-1', 'letter-1', 'call-2']);
    expect(newVat()).toMatch(/^IT\d{11}$/);
  });
});
