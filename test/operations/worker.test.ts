import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../../src/adapters/logging/logger.ts';
import { setDailySchedule } from '../../src/app/operations/set-daily-schedule.ts';
import { type TWorkerConfig, workerTick } from '../../src/app/operations/worker-tick.ts';
import { createApp } from '../../src/server/app.ts';
import { addInvoice, newWorld, type TWorld } from '../collection/collection-fixtures.ts';
import { ctxOn } from '../support/fixtures.ts';
import { createTestDatabase, type TTestDatabase } from '../support/test-database.ts';

let t: TTestDatabase;
let w: TWorld;

beforeAll(async () => {
  t = await createTestDatabase();
  w = await newWorld(t.db);
  // Due 2026-03-22: on 2026-04-07 the first call of the standard preset is due.
  await addInvoice(t.db, w, 'W-1', [{ dueDate: '2026-03-22', amount: '640.00' }]);
  await setDailySchedule(ctxOn(t.db), w.creditorId, { at: '06:30' });
});
afterAll(() => t.drop());

function workerAt(iso: string, name = 'w1'): TWorkerConfig {
  return { db: t.db, clock: () => new Date(iso), worker: name, duties: [], logger: silentLogger() };
}

async function runRow() {
  return t.db.query<{ run_date: string; status: string; attempts: number; worker: string; result: any }>(
    'select run_date, status, attempts, worker, result from daily_runs where creditor_id = $1 order by run_date',
    [w.creditorId],
  );
}

describe('the worker and its scheduler', () => {
  it('does nothing before the creditor run time, in Rome time', async () => {
    // 05:29Z is 06:29 in Rome (winter time is UTC+1... but April is summer time, UTC+2: 07:29).
    const early = await workerTick(workerAt('2026-04-07T04:29:00Z'));
    expect(early.runs).toEqual([]);
    expect(await runRow()).toEqual([]);
  });

  it('runs once at the scheduled time and records the run', async () => {
    const tick = await workerTick(workerAt('2026-04-07T04:30:00Z'));
    expect(tick.runs).toHaveLength(1);
    expect(tick.runs[0]).toMatchObject({
      creditorId: w.creditorId,
      runDate: '2026-04-07',
      status: 'done',
      attempt: 1,
    });
    expect(tick.runs[0]!.summary).toMatchObject({ casesOpened: 1, stepsTaken: 1, tasksCreated: 1 });
    const [row] = await runRow();
    expect(row).toMatchObject({ run_date: '2026-04-07', status: 'done', attempts: 1, worker: 'w1' });
    expect(row!.result).toMatchObject({ stepsTaken: 1, date: '2026-04-07' });

    // A second pass the same day (this worker or another) finds the run done.
    expect((await workerTick(workerAt('2026-04-07T10:00:00Z', 'w2'))).runs).toEqual([]);
    const actions = await t.db.query<{ step_key: string }>(
      'select step_key from collection_actions where creditor_id = $1',
      [w.creditorId],
    );
    expect(actions.map((a) => a.step_key)).toEqual(['call-1']);
  });

  it('two workers at the same instant: exactly one runs the day', async () => {
    const [a, b] = await Promise.all([
      workerTick(workerAt('2026-04-08T05:00:00Z', 'a')),
      workerTick(workerAt('2026-04-08T05:00:00Z', 'b')),
    ]);
    expect(a.runs.length + b.runs.length).toBe(1);
    const rows = (await runRow()).filter((r) => r.run_date === '2026-04-08');
    expect(rows).toHaveLength(1);
    expect(rows[0]!.status).toBe('done');
  });

  it('takes over a run whose worker died (lease expired), never a live one', async () => {
    await t.db.query(
      `insert into daily_runs (creditor_id, run_date, status, worker, started_at, heartbeat_at)
       values ($1, '2026-04-09', 'running', 'dead', '2026-04-09T04:30:00Z', '2026-04-09T04:31:00Z')`,
      [w.creditorId],
    );
    // Four minutes after the last heartbeat the lease (5 min) still holds.
    expect((await workerTick(workerAt('2026-04-09T04:35:00Z'))).runs).toEqual([]);
    const takeover = await workerTick(workerAt('2026-04-09T04:36:01Z', 'rescuer'));
    expect(takeover.runs).toMatchObject([{ runDate: '2026-04-09', status: 'done', attempt: 2 }]);
    const row = (await runRow()).find((r) => r.run_date === '2026-04-09');
    expect(row).toMatchObject({ status: 'done', attempts: 2, worker: 'rescuer' });
  });

  it('retries a failed run after its back-off only', async () => {
    await t.db.query(
      `insert into daily_runs (creditor_id, run_date, status, worker, started_at, heartbeat_at, error)
       values ($1, '2026-04-10', 'failed', 'w1', '2026-04-10T04:30:00Z', '2026-04-10T04:30:00Z', 'database restarted')`,
      [w.creditorId],
    );
    // First retry after 2 minutes.
    expect((await workerTick(workerAt('2026-04-10T04:31:59Z'))).runs).toEqual([]);
    expect((await workerTick(workerAt('2026-04-10T04:32:01Z'))).runs).toMatchObject([
      { runDate: '2026-04-10', status: 'done', attempt: 2 },
    ]);
  });

  it('runs the duties after the runs and survives a failing one', async () => {
    const seen: string[] = [];
    const tick = await workerTick({
      ...workerAt('2026-04-10T12:00:00Z'),
      duties: [
        {
          name: 'broken',
          run: async () => {
            throw new Error('smtp down');
          },
        },
        {
          name: 'outbox',
          run: async (ctx) => {
            seen.push(ctx.today);
            return 3;
          },
        },
      ],
    });
    expect(tick.duties).toEqual({ broken: 'smtp down', outbox: 3 });
    expect(seen).toEqual(['2026-04-10']);
  });

  it('serves readiness and Prometheus metrics read from the database', async () => {
    const app = createApp({ db: t.db });
    const ready = await app.request('/api/ready');
    expect(ready.status).toBe(200);
    expect(await ready.json()).toMatchObject({ status: 'ready' });
    const metrics = await (await app.request('/metrics')).text();
    expect(metrics).toContain('riscossa_daily_runs{status="done"} 4');
    expect(metrics).toContain('riscossa_actions_created{status="pending"} 1');
    expect(metrics).toContain('riscossa_open_tasks 1');
    expect(metrics).toMatch(
      /riscossa_http_requests_total\{method="GET",route="\/api\/ready",status="200"\} 1/,
    );
  });

  it('refuses a schedule that is not a time of day, naming the field', async () => {
    await expect(setDailySchedule(ctxOn(t.db), w.creditorId, { at: '6:30' })).rejects.toThrow(
      'at: "6:30" is not a time of day like 07:00',
    );
    await expect(
      setDailySchedule(ctxOn(t.db), w.creditorId, { timeZone: 'Europe/Atlantis' }),
    ).rejects.toThrow('timeZone: "Europe/Atlantis" is not a known time zone');
  });
});
