import { describe, expect, it } from 'vitest';
import { parseDate, type TCalendarDate } from '../shared/calendar-date.ts';
import { STANDARD_POLICY } from './presets.ts';
import { ALL_YES, CollectionSimulator } from './test-simulator.ts';

const d = (s: string) => parseDate(s);

/** Runs the engine every calendar day from `from` to `to`, completing each new task `completeAfter` days later. */
function walk(sim: CollectionSimulator, to: TCalendarDate, completeAfter = 0) {
  while (sim.today <= to) {
    sim.run();
    for (const task of sim.openTasks()) {
      const age = (Date.parse(sim.today) - Date.parse(task.createdOn)) / 86_400_000;
      if (age >= completeAfter) sim.complete(task, task.kind === 'review' ? 'approved' : 'no-answer');
    }
    sim.advance();
  }
}

const steps = (sim: CollectionSimulator) =>
  sim.log.map((l) => [l.day, l.action.stepKey, l.action.status, l.action.scheduledOn]);

describe('the standard preset walked day by day', () => {
  //  March 2026            April 2026                         May 2026
  //  Tu 17 pre-due-email   Mo  6 Easter Monday (holiday)      Sa  2 -> Mo 4 letter-2
  //  Th 19 pre-due-call    Tu  7 call-1 (due+15 = 6 Apr)      Th 14 handover
  //  Su 22 DUE DATE        We 22 letter-1 (call-1 + 15)
  //                        Sa 25 Liberation Day -> Mo 27 call-2 (letter-1 + 3)
  it('takes every step once, in order, moved off weekends and holidays', () => {
    const sim = new CollectionSimulator(STANDARD_POLICY, d('2026-03-01'));
    sim.addInstalment(1, d('2026-03-22'), 1_200_000);
    walk(sim, d('2026-06-30'));
    expect(steps(sim)).toEqual([
      ['2026-03-17', 'pre-due-email', 'queued', '2026-03-17'],
      ['2026-03-19', 'pre-due-call', 'pending', '2026-03-19'],
      ['2026-04-07', 'call-1', 'pending', '2026-04-07'],
      ['2026-04-22', 'letter-1', 'queued', '2026-04-22'],
      ['2026-04-27', 'call-2', 'pending', '2026-04-27'],
      ['2026-05-04', 'letter-2', 'queued', '2026-05-04'],
      ['2026-05-14', 'handover', 'queued', '2026-05-14'],
    ]);
    expect(sim.log.map((l) => l.action.channels)).toEqual([
      ['email'],
      ['phone-call'],
      ['phone-call'],
      ['letter'],
      ['phone-call'],
      ['registered-letter'],
      ['agency-handover'],
    ]);
    expect(sim.log[3]!.action.instalments).toEqual([
      { id: 1, invoiceNumber: 'INV-1', dueDate: '2026-03-22', outstandingCents: 1_200_000 },
    ]);
    expect(sim.violations).toEqual([]);
  });

  it('skips the call before the due date for an instalment under 10,000.00', () => {
    const sim = new CollectionSimulator(STANDARD_POLICY, d('2026-03-01'));
    sim.addInstalment(1, d('2026-03-22'), 999_999);
    walk(sim, d('2026-04-08'));
    expect(steps(sim)).toEqual([
      ['2026-03-17', 'pre-due-email', 'queued', '2026-03-17'],
      // Skipped the day after the e-mail: at most one contact per day, and skips wait their turn.
      ['2026-03-19', 'pre-due-call', 'skipped', '2026-03-19'],
      ['2026-04-07', 'call-1', 'pending', '2026-04-07'],
    ]);
    expect(sim.log[1]!.action.reason).toBe("amount below the step's minimum of 1000000 cents");
  });

  it('counts "N days after a step" from the day the call was actually made', () => {
    const sim = new CollectionSimulator(STANDARD_POLICY, d('2026-03-01'));
    sim.addInstalment(1, d('2026-03-22'), 50_000);
    // Operators are slow: every call is recorded 3 days after it was due; the case waits meanwhile.
    walk(sim, d('2026-06-30'), 3);
    expect(steps(sim)).toEqual([
      ['2026-03-17', 'pre-due-email', 'queued', '2026-03-17'],
      ['2026-03-19', 'pre-due-call', 'skipped', '2026-03-19'],
      ['2026-04-07', 'call-1', 'pending', '2026-04-07'],
      // call-1 done on 10 Apr: letter-1 on 25 Apr (holiday, Saturday) -> Monday 27
      ['2026-04-27', 'letter-1', 'queued', '2026-04-27'],
      ['2026-04-30', 'call-2', 'pending', '2026-04-30'],
      // letter-2 was due 7 May (letter-1 + 10) but waits for call-2, recorded on 3 May
      ['2026-05-07', 'letter-2', 'queued', '2026-05-07'],
      ['2026-05-18', 'handover', 'queued', '2026-05-18'],
    ]);
  });

  it('turns letter-2 and the hand-over into review tasks when evidence is missing', () => {
    const sim = new CollectionSimulator(STANDARD_POLICY, d('2026-03-01'));
    sim.addInstalment(1, d('2026-03-22'), 50_000, {
      ...ALL_YES,
      receiptConfirmed: 'unknown',
      deliveryProof: 'not-applicable',
    });
    walk(sim, d('2026-05-04'));
    const letter2 = sim.log.find((l) => l.action.stepKey === 'letter-2')!;
    expect(letter2.action.status).toBe('review');
    expect(letter2.action.taskKinds).toEqual(['review']);
    expect(letter2.action.evidenceGaps).toEqual([
      { invoiceNumber: 'INV-1', question: 'customer confirmed receipt of the invoice', answer: 'unknown' },
    ]);
  });
});

describe('catch-up and pauses', () => {
  it('after a 10-day gap takes the overdue step once, then continues from the day it was taken', () => {
    const sim = new CollectionSimulator(STANDARD_POLICY, d('2026-03-01'));
    sim.addInstalment(1, d('2026-03-22'), 50_000);
    walk(sim, d('2026-04-20')); // call-1 made on 7 Apr; letter-1 due 22 Apr
    sim.advance(10); // the server is down from 21 Apr to 30 Apr
    sim.run();
    sim.run();
    expect(steps(sim).slice(-1)).toEqual([['2026-05-01', 'letter-1', 'queued', '2026-04-22']]);
    walk(sim, d('2026-05-08'));
    // 1 May is a holiday: the run still catches up that day; call-2 is 3 days after the letter went.
    expect(steps(sim).slice(-1)).toEqual([['2026-05-04', 'call-2', 'pending', '2026-05-04']]);
    expect(sim.log.filter((l) => l.action.stepKey === 'letter-1')).toHaveLength(1);
  });

  it('sends nothing for a paid, disputed or held instalment and closes the case when all is paid', () => {
    const sim = new CollectionSimulator(STANDARD_POLICY, d('2026-03-01'));
    const a = sim.addInstalment(1, d('2026-03-22'), 50_000);
    const b = sim.addInstalment(2, d('2026-03-25'), 30_000);
    walk(sim, d('2026-04-06'));
    sim.disputes.add(2);
    walk(sim, d('2026-04-07'));
    const call1 = sim.log.find((l) => l.action.stepKey === 'call-1')!;
    expect(call1.action.instalments.map((i) => i.id)).toEqual([a]);
    sim.holds = [{ id: 1, invoiceId: null, startsOn: d('2026-04-08'), endsOn: d('2026-04-30') }];
    walk(sim, d('2026-04-30'));
    expect(sim.log.some((l) => l.action.stepKey === 'letter-1')).toBe(false);
    walk(sim, d('2026-05-01'));
    expect(steps(sim).slice(-1)).toEqual([['2026-05-01', 'letter-1', 'queued', '2026-04-22']]);
    sim.pay(a, 50_000);
    sim.pay(b, 30_000);
    const decision = sim.run();
    expect(decision.closeCase).toBe(true);
  });

  it('pauses for a promise; a kept promise settles, a broken one resumes at the next step, flagged', () => {
    const sim = new CollectionSimulator(STANDARD_POLICY, d('2026-03-01'));
    const a = sim.addInstalment(1, d('2026-03-22'), 50_000);
    walk(sim, d('2026-04-06'));
    sim.run(); // 7 Apr: call-1
    const call = sim.openTasks()[0]!;
    sim.complete(call, 'promise', { dueDate: d('2026-04-30'), amountCents: 20_000 });
    walk(sim, d('2026-05-03'));
    expect(sim.log.some((l) => l.action.stepKey === 'letter-1')).toBe(false); // letter-1 due 22 Apr, paused
    sim.run(); // 4 May: 30 Apr + 3 days of grace have passed without payment
    expect(steps(sim).slice(-1)).toEqual([['2026-05-04', 'letter-1', 'queued', '2026-04-22']]);
    expect(sim.log.at(-1)!.action.isAfterBrokenPromise).toBe(true);
    expect(sim.openCase()!.promises[0]!.status).toBe('broken');

    const kept = new CollectionSimulator(STANDARD_POLICY, d('2026-04-07'));
    const k = kept.addInstalment(1, d('2026-03-22'), 50_000);
    kept.run();
    kept.complete(kept.openTasks()[0]!, 'promise', { dueDate: d('2026-04-30'), amountCents: 50_000 });
    kept.advance(20);
    kept.pay(k, 50_000);
    expect(kept.run().closeCase).toBe(true);
    // Opened after the due date: the reminders before it are passed over, not recorded.
    expect(kept.log.map((l) => [l.action.stepKey, l.action.status])).toEqual([['call-1', 'pending']]);
    expect(kept.openCase()).toBeUndefined();
    expect(kept.cases[0]!.promises[0]!.status).toBe('kept');
    expect(sim.outstanding(a)).toBe(50_000);
  });
});
