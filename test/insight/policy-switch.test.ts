import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addPolicy } from '../../src/app/collection/add-policy.ts';
import { assignPolicy } from '../../src/app/collection/assign-policy.ts';
import { scoreDebtors } from '../../src/app/insight/score-debtors.ts';
import { setCreditLimit } from '../../src/app/insight/set-credit-limit.ts';
import { updateRiskSettings } from '../../src/app/insight/set-risk-settings.ts';
import { resolveDebtor } from '../../src/app/ledger/resolve-debtor.ts';
import {
  actionSteps,
  addInvoice,
  newVat,
  newWorld,
  runOn,
  type TWorld,
} from '../collection/collection-fixtures.ts';
import { ctxOn } from '../support/fixtures.ts';
import { createTestDatabase, type TTestDatabase } from '../support/test-database.ts';

let t: TTestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(() => t.drop());

/** "To avoid" escalates faster than the standard policy's call at 15 days. */
const FAST = {
  key: 'fast',
  name: 'Fast (to avoid)',
  steps: [
    {
      key: 'first-email',
      channels: ['email'],
      tone: 'firm',
      template: 'fast-1',
      when: { from: 'due-date', days: 3 },
    },
    {
      key: 'second-email',
      channels: ['email'],
      tone: 'firm',
      template: 'fast-2',
      when: { from: 'due-date', days: 8 },
    },
    {
      key: 'warning',
      channels: ['registered-letter'],
      tone: 'formal',
      template: 'fast-3',
      when: { from: 'step', step: 'second-email', days: 5 },
    },
  ],
};

async function casesOf(w: TWorld) {
  return t.db.query<{
    debtor_id: number;
    key: string;
    policy_source: string;
    policy_switched_on: string | null;
  }>(
    `select c.debtor_id, p.key, c.policy_source, c.policy_switched_on from collection_cases c
     join collection_policies p on p.creditor_id = c.creditor_id and p.id = c.policy_id
     where c.creditor_id = $1 order by c.id`,
    [w.creditorId],
  );
}

async function switchRows(w: TWorld) {
  return t.db.query<{ debtor_id: number; reason: string; data: any }>(
    `select debtor_id, reason, data from register_entries
     where creditor_id = $1 and action = 'case.policy-switched' order by seq`,
    [w.creditorId],
  );
}

describe('a change of risk class re-resolves the policy of open cases', () => {
  it('moves a healthy debtor turned "to avoid" to the faster policy once, leaving an override alone', async () => {
    const w = await newWorld(t.db);
    const pinnedVat = newVat();
    // Due Monday 2026-03-02: the standard policy e-mails on 02-25 and calls at +15 (03-17).
    await addInvoice(t.db, w, 'S-1', [{ dueDate: '2026-03-02', amount: '2000.00' }]);
    await addInvoice(t.db, w, 'P-1', [{ dueDate: '2026-03-02', amount: '2000.00' }], {
      debtorVat: pinnedVat,
    });
    await addPolicy(ctxOn(t.db, '2026-02-20'), w.creditorId, FAST);
    await assignPolicy(ctxOn(t.db, '2026-02-20'), w.creditorId, {
      policy: 'fast',
      rule: { position: 1, riskClasses: ['to-avoid'] },
    });
    await assignPolicy(ctxOn(t.db, '2026-02-20'), w.creditorId, { policy: 'standard', debtor: pinnedVat });

    const [first] = await scoreDebtors(ctxOn(t.db, '2026-02-25'), { creditorId: w.creditorId });
    expect(first!.changes.map((c) => [c.from, c.to])).toEqual([
      [null, 'healthy'],
      [null, 'healthy'],
    ]);
    expect(first!.policySwitches).toEqual([]);
    await runOn(t.db, w, '2026-02-25');
    const debtor = await resolveDebtor(t.db, w.debtorVat, w.creditorId);
    const pinned = await resolveDebtor(t.db, pinnedVat, w.creditorId);
    expect(await casesOf(w)).toEqual([
      { debtor_id: debtor.id, key: 'standard', policy_source: 'default', policy_switched_on: null },
      { debtor_id: pinned.id, key: 'standard', policy_source: 'debtor', policy_switched_on: null },
    ]);

    // Monday 03-09: both go over a tiny credit limit under a stricter threshold: "to avoid".
    const day = ctxOn(t.db, '2026-03-09');
    await setCreditLimit(day, { debtor: w.debtorVat, creditorId: w.creditorId, amount: '100.00' });
    await setCreditLimit(day, { debtor: pinnedVat, creditorId: w.creditorId, amount: '100.00' });
    await updateRiskSettings(day, w.creditorId, { healthyFromScore: 90, toAvoidBelowScore: 90 });
    const [second] = await scoreDebtors(day, { creditorId: w.creditorId });
    expect(second!.changes.map((c) => [c.debtorId, c.from, c.to])).toEqual([
      [debtor.id, 'healthy', 'to-avoid'],
      [pinned.id, 'healthy', 'to-avoid'],
    ]);
    // first-email (+3, 03-05) fell before the switch: passed over; second-email (+8) is next.
    expect(second!.policySwitches).toEqual([
      {
        caseId: expect.any(Number),
        debtorId: debtor.id,
        from: 'standard',
        to: 'fast',
        nextStep: { key: 'second-email', on: '2026-03-10' },
      },
    ]);
    const [row] = await switchRows(w);
    expect(row).toEqual({
      debtor_id: debtor.id,
      reason: 'risk class changed from healthy to to-avoid',
      data: {
        from: 'standard',
        to: 'fast',
        source: 'rule',
        riskClass: { from: 'healthy', to: 'to-avoid' },
        switchedOn: '2026-03-09',
        nextStepBefore: { key: 'call-1', on: '2026-03-17' },
        nextStep: { key: 'second-email', on: '2026-03-10' },
      },
    });
    expect(await casesOf(w)).toEqual([
      { debtor_id: debtor.id, key: 'fast', policy_source: 'rule', policy_switched_on: '2026-03-09' },
      { debtor_id: pinned.id, key: 'standard', policy_source: 'debtor', policy_switched_on: null },
    ]);

    // Scoring again without a change of class switches nothing and records nothing.
    const [again] = await scoreDebtors(ctxOn(t.db, '2026-03-10'), { creditorId: w.creditorId });
    expect([again!.changes, again!.policySwitches]).toEqual([[], []]);
    expect(await switchRows(w)).toHaveLength(1);

    // The run follows the new policy from its next step: nothing on 03-09, second-email on 03-10,
    // the registered letter 5 days later (03-15 is a Sunday: 03-16); the pinned debtor still
    // waits for the standard call on 03-17.
    expect((await runOn(t.db, w, '2026-03-09')).stepsTaken).toBe(0);
    expect((await runOn(t.db, w, '2026-03-10')).actions.map((a) => [a.debtor.id, a.stepKey])).toEqual([
      [debtor.id, 'second-email'],
    ]);
    expect((await runOn(t.db, w, '2026-03-13')).stepsTaken).toBe(0);
    await runOn(t.db, w, '2026-03-16');
    await runOn(t.db, w, '2026-03-17');
    expect(await actionSteps(t.db, w)).toEqual([
      ['2026-02-25', 'pre-due-email', 'queued'],
      ['2026-02-25', 'pre-due-email', 'queued'],
      ['2026-03-10', 'second-email', 'queued'],
      ['2026-03-16', 'warning', 'queued'],
      ['2026-03-17', 'call-1', 'pending'],
    ]);
  });
});
