import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays, parseDate } from '../shared/calendar-date.ts';
import { AGENCY_POLICY, GENTLE_POLICY, STANDARD_POLICY } from './presets.ts';
import { ALL_YES, CollectionSimulator, type TOutcome } from './test-simulator.ts';

/**
 * Random lives of one debtor: days pass (with or without a run: downtime), payments arrive,
 * disputes and holds open and close, operators record random outcomes. Whatever happens, the
 * engine never takes a step twice in a case, never contacts anyone about a settled, disputed
 * or held instalment, and never takes a step before the previous one is done (the simulator
 * records a violation for each).
 */
const OUTCOMES: TOutcome[] = ['no-answer', 'promise', 'dispute', 'approved', 'unreachable'];

const event = fc.oneof(
  {
    weight: 6,
    arbitrary: fc.record({ kind: fc.constant('day' as const), days: fc.integer({ min: 1, max: 3 }) }),
  },
  {
    weight: 1,
    arbitrary: fc.record({ kind: fc.constant('downtime' as const), days: fc.integer({ min: 2, max: 15 }) }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('pay' as const),
      instalment: fc.nat(3),
      share: fc.integer({ min: 1, max: 100 }),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({ kind: fc.constant('dispute' as const), invoice: fc.nat(2), isOpen: fc.boolean() }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('hold' as const),
      invoice: fc.option(fc.nat(2), { nil: null }),
      days: fc.option(fc.integer({ min: 0, max: 20 }), { nil: null }),
      isSet: fc.boolean(),
    }),
  },
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant('complete' as const),
      outcome: fc.constantFrom(...OUTCOMES),
      promiseDays: fc.integer({ min: 0, max: 20 }),
      promiseShare: fc.integer({ min: 1, max: 100 }),
    }),
  },
);

const instalmentsArb = fc.array(
  fc.record({
    invoice: fc.nat(2),
    dueOffset: fc.integer({ min: -40, max: 60 }),
    amountCents: fc.integer({ min: 1, max: 3_000_000 }),
    hasEvidence: fc.boolean(),
  }),
  { minLength: 1, maxLength: 4 },
);

describe('collection engine properties', () => {
  for (const policy of [STANDARD_POLICY, GENTLE_POLICY, AGENCY_POLICY]) {
    it(`${policy.key}: no step twice, nothing for settled instalments, order respected`, () => {
      fc.assert(
        fc.property(instalmentsArb, fc.array(event, { maxLength: 120 }), (instalments, events) => {
          const start = parseDate('2026-03-01');
          const sim = new CollectionSimulator(policy, start);
          const ids = instalments.map((i) =>
            sim.addInstalment(
              i.invoice + 1,
              addDays(start, i.dueOffset),
              i.amountCents,
              i.hasEvidence ? ALL_YES : { ...ALL_YES, deliveryProof: 'no' },
            ),
          );
          for (const e of events) {
            switch (e.kind) {
              case 'day':
                for (let n = 0; n < e.days; n++) {
                  sim.run();
                  sim.advance();
                }
                break;
              case 'downtime':
                sim.advance(e.days);
                break;
              case 'pay': {
                const id = ids[e.instalment % ids.length]!;
                sim.pay(id, Math.ceil((sim.outstanding(id) * e.share) / 100));
                break;
              }
              case 'dispute':
                if (e.isOpen) sim.disputes.add(e.invoice + 1);
                else sim.disputes.delete(e.invoice + 1);
                break;
              case 'hold':
                sim.holds = e.isSet
                  ? [
                      ...sim.holds,
                      {
                        id: sim.holds.length + 1,
                        invoiceId: e.invoice === null ? null : e.invoice + 1,
                        startsOn: sim.today,
                        endsOn: e.days === null ? null : addDays(sim.today, e.days),
                      },
                    ]
                  : sim.holds.filter((h) => h.invoiceId !== (e.invoice === null ? null : e.invoice + 1));
                break;
              case 'complete': {
                const task = sim.openTasks()[0];
                if (!task) break;
                const owed = ids.reduce((s, id) => s + sim.outstanding(id), 0);
                sim.complete(task, e.outcome, {
                  dueDate: addDays(sim.today, e.promiseDays),
                  amountCents: Math.max(1, Math.ceil((owed * e.promiseShare) / 100)),
                });
                break;
              }
            }
          }
          sim.run();
          expect(sim.violations).toEqual([]);
          for (const c of sim.cases) {
            const keys = sim.log.filter((l) => l.caseId === c.id).map((l) => l.action.stepKey);
            expect(new Set(keys).size).toBe(keys.length);
            const order = keys.map((k) => policy.steps.findIndex((s) => s.key === k));
            expect(order).toEqual([...order].sort((a, b) => a - b));
          }
          expect(sim.cases.filter((c) => c.isOpen).length).toBeLessThanOrEqual(1);
        }),
        { numRuns: 300 },
      );
    });
  }
});
