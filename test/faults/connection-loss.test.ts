import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyRegister } from '../../src/app/register/verify-register.ts';
import { isPostgresRun, serverUrl } from '../support/test-database.ts';
import {
  exited,
  seededRandom,
  seededTemplate,
  startCli,
  type TSeededTemplate,
  waitForOutput,
} from './fault-harness.ts';
import {
  AFTER_LEASE,
  portfolio,
  RUN_AT,
  seedPortfolio,
  snapshot,
  type TSnapshot,
  workerArgs,
} from './fault-portfolio.ts';

/**
 * PostgreSQL goes away in the middle of a daily run: every connection of the worker is
 * terminated by the server (what a restart or a fail-over does to its clients; the whole
 * cluster is not restarted because other test files share it). The worker must report and
 * exit or record the run as failed, and a later pass must finish the day exactly as an
 * undisturbed run: every action once, nothing lost, the register chain intact.
 */
const TRIALS = Number(process.env.FAULT_TRIALS ?? 2);

let template: TSeededTemplate;
let oracle: TSnapshot;

async function terminateConnections(url: string): Promise<number> {
  const name = new URL(url).pathname.slice(1);
  const admin = new pg.Client({ connectionString: serverUrl()! });
  await admin.connect();
  const rows = await admin.query(
    'select pg_terminate_backend(pid) as ok from pg_stat_activity where datname = $1 and pid <> pg_backend_pid()',
    [name],
  );
  await admin.end();
  return rows.rowCount ?? 0;
}

describe.skipIf(!isPostgresRun())(
  'fault suite: the database connections lost during a run (PostgreSQL)',
  () => {
    beforeAll(async () => {
      template = await seededTemplate(seedPortfolio);
      const target = await template.copy('oracle');
      const result = await exited(startCli(target, workerArgs(RUN_AT, 'oracle')));
      expect(result.code).toBe(0);
      const db = await target.open();
      oracle = await snapshot(db, '');
      await db.close();
    });
    afterAll(() => template?.dispose());

    it(`${TRIALS} trials: the worker survives or exits cleanly, the next pass finishes the day exactly once`, async () => {
      const random = seededRandom(77);
      let cut = 0;
      for (let trial = 0; trial < TRIALS; trial += 1) {
        const target = await template.copy(`c${trial}`);
        const child = startCli(target, workerArgs(RUN_AT, `victim-${trial}`), 'info');
        const end = exited(child);
        await waitForOutput(child, '"msg":"daily run started"');
        await new Promise((resolve) => setTimeout(resolve, 50 + random() * 400));
        cut += await terminateConnections(target.url!);
        const outcome = await end;
        // It ends by itself (no hang): cleanly with the run recorded as failed, or with an error.
        expect([0, 1], `trial ${trial}: ${outcome.stderr}`).toContain(outcome.code);

        const rescue = await exited(startCli(target, workerArgs(AFTER_LEASE, `rescuer-${trial}`)));
        expect(rescue.code, rescue.stderr).toBe(0);
        const db = await target.open();
        try {
          expect(await snapshot(db, ''), `trial ${trial}`).toEqual(oracle);
          const [run] = await db.query<{ status: string; attempts: number }>(
            `select status, attempts from daily_runs where run_date = '2026-04-07'`,
          );
          expect(run, `trial ${trial}`).toMatchObject({ status: 'done' });
          const [creditor] = await db.query<{ id: number }>(
            'select id from creditors where vat_number = $1',
            [portfolio.creditorVat],
          );
          expect((await verifyRegister(db, creditor!.id)).isValid).toBe(true);
        } finally {
          await db.close();
        }
      }
      // The connections were really cut while the worker ran.
      expect(cut).toBeGreaterThan(0);
    });
  },
);
