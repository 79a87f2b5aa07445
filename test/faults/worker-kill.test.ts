import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyRegister } from '../../src/app/register/verify-register.ts';
import {
  exited,
  runToEnd,
  seededRandom,
  seededTemplate,
  startCli,
  type TSeededTemplate,
  type TTarget,
  waitForOutput,
} from './fault-harness.ts';
import {
  AFTER_LEASE,
  DEBTORS,
  portfolio,
  RUN_AT,
  seedPortfolio,
  snapshot,
  type TSnapshot,
  workerArgs,
} from './fault-portfolio.ts';

/**
 * The worker is killed with SIGKILL at random points of a daily run, a payment arrives while it
 * is down, and a new worker finishes the day. Against an oracle (the same portfolio run once,
 * undisturbed): every action exists exactly once, the register chain is intact, and nothing is
 * created for what the payment settled. FAULT_TRIALS sets the number of trials (CI: reduced).
 */
const TRIALS = Number(process.env.FAULT_TRIALS ?? 3);
let template: TSeededTemplate;

let oracle: TSnapshot;
let undisturbedMs = 0;

beforeAll(async () => {
  template = await seededTemplate(seedPortfolio);
  const target = await template.copy('oracle');
  const child = startCli(target, workerArgs(RUN_AT, 'oracle'), 'info');
  const end = exited(child);
  await waitForOutput(child, '"msg":"daily run started"');
  const started = performance.now();
  expect((await end).code).toBe(0);
  undisturbedMs = performance.now() - started;
  const db = await target.open();
  oracle = await snapshot(db, portfolio.paidDebtorVat);
  await db.close();
});
afterAll(() => template.dispose());

async function killedTrial(trial: number, random: () => number) {
  const target: TTarget = await template.copy(`t${trial}`);
  const child = startCli(target, workerArgs(RUN_AT, `victim-${trial}`), 'info');
  const end = exited(child);
  // Anywhere in the run: from its claim to the time an undisturbed run takes to finish.
  await waitForOutput(child, '"msg":"daily run started"');
  const timer = setTimeout(() => child.kill('SIGKILL'), Math.round(undisturbedMs * random()));
  const outcome = await end;
  clearTimeout(timer);

  // While no worker runs, the debtor pays everything (the bank import or a clerk).
  const paidAt = new Date();
  await runToEnd(target, [
    'payments',
    'add',
    '--debtor',
    portfolio.paidDebtorVat,
    '--amount',
    `${100 + DEBTORS - 1}.00`,
    '--date',
    '2026-04-06',
  ]);
  await runToEnd(target, workerArgs(AFTER_LEASE, `rescuer-${trial}`));

  const db = await target.open();
  try {
    const state = await snapshot(db, portfolio.paidDebtorVat);
    const [run] = await db.query<{ status: string; attempts: number }>(
      `select status, attempts from daily_runs where run_date = '2026-04-07'`,
    );
    const [creditor] = await db.query<{ id: number }>('select id from creditors where vat_number = $1', [
      portfolio.creditorVat,
    ]);
    const chain = await verifyRegister(db, creditor!.id);
    // Actions for the paid debtor created after the payment: there must be none.
    const afterPayment = await db.query<{ n: number }>(
      `select count(*)::int8 as n from collection_actions a
       join collection_cases c on c.creditor_id = a.creditor_id and c.id = a.case_id
       join debtors d on d.creditor_id = c.creditor_id and d.id = c.debtor_id
       where d.vat_number = $1 and a.created_at >= $2 and a.status <> 'skipped'`,
      [portfolio.paidDebtorVat, paidAt],
    );
    return { state, run, chain, killed: outcome.signal === 'SIGKILL', afterPayment: afterPayment[0]!.n };
  } finally {
    await db.close();
  }
}

describe('fault suite: SIGKILL during the daily run', () => {
  it(`the oracle run creates work to protect`, () => {
    expect(oracle.actions.length).toBeGreaterThan(20);
    expect(oracle.cases.length).toBe(DEBTORS - 1);
  });

  it(`${TRIALS} trials: every action once, register intact, nothing for what was paid meanwhile`, async () => {
    const random = seededRandom(20261123);
    let killedMidway = 0;
    for (let trial = 0; trial < TRIALS; trial += 1) {
      const r = await killedTrial(trial, random);
      expect(r.state, `trial ${trial}`).toEqual(oracle);
      expect(r.run, `trial ${trial}`).toMatchObject({ status: 'done' });
      expect(r.chain.isValid, `trial ${trial}: ${r.chain.problem}`).toBe(true);
      expect(r.afterPayment, `trial ${trial}`).toBe(0);
      if (r.killed && (r.run?.attempts ?? 0) > 1) killedMidway += 1;
    }
    // At least one kill must have landed inside a claimed run, or the suite tested nothing.
    expect(killedMidway).toBeGreaterThan(0);
  });
});
