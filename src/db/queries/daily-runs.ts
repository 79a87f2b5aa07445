import type { TSql } from '../database.ts';

export type TDailyRunRow = {
  creditor_id: number;
  run_date: string;
  status: 'running' | 'done' | 'failed';
  worker: string;
  attempts: number;
  started_at: Date;
  heartbeat_at: Date;
  finished_at: Date | null;
  duration_ms: number | null;
  result: Record<string, unknown> | null;
  error: string | null;
};

const COLUMNS =
  'creditor_id, run_date, status, worker, attempts, started_at, heartbeat_at, finished_at, duration_ms, result, error';

/**
 * Claims the run of (creditor, date) for a worker, atomically on both engines: a new row, or a
 * failed one whose back-off has passed, or a running one whose lease expired. Null when another
 * worker has it or it is done (or has failed too often). The row lock taken by ON CONFLICT makes
 * two workers claiming at once serialise: the second sees the first's fresh heartbeat.
 */
export async function claimDailyRun(
  db: TSql,
  claim: {
    creditorId: number;
    runDate: string;
    worker: string;
    now: Date;
    staleBefore: Date;
    maxAttempts: number;
    retryBaseMinutes: number;
  },
): Promise<TDailyRunRow | null> {
  const [row] = await db.query<TDailyRunRow>(
    `insert into daily_runs as r (creditor_id, run_date, status, worker, attempts, started_at, heartbeat_at)
     values ($1, $2, 'running', $3, 1, $4, $4)
     on conflict (creditor_id, run_date) do update
       set status = 'running', worker = excluded.worker, attempts = r.attempts + 1,
           started_at = excluded.started_at, heartbeat_at = excluded.heartbeat_at,
           finished_at = null, error = null
     where (r.status = 'running' and r.heartbeat_at < $5)
        or (r.status = 'failed' and r.attempts < $6
            and r.heartbeat_at < $4::timestamptz - make_interval(mins => least(60, power(2, r.attempts)::int) * $7))
     returning ${COLUMNS}`,
    [
      claim.creditorId,
      claim.runDate,
      claim.worker,
      claim.now,
      claim.staleBefore,
      claim.maxAttempts,
      claim.retryBaseMinutes,
    ],
  );
  return row ?? null;
}

/** Keeps the lease alive; false when the claim was taken over (then the worker stops). */
export async function heartbeatDailyRun(
  db: TSql,
  key: { creditorId: number; runDate: string; worker: string; now: Date },
): Promise<boolean> {
  const rows = await db.query(
    `update daily_runs set heartbeat_at = $4
     where creditor_id = $1 and run_date = $2 and worker = $3 and status = 'running' returning 1`,
    [key.creditorId, key.runDate, key.worker, key.now],
  );
  return rows.length === 1;
}

export async function finishDailyRun(
  db: TSql,
  key: { creditorId: number; runDate: string; worker: string; now: Date },
  outcome: { status: 'done' | 'failed'; durationMs: number; result: unknown; error: string | null },
): Promise<void> {
  await db.query(
    `update daily_runs set status = $5, finished_at = $4, heartbeat_at = $4, duration_ms = $6, result = $7::jsonb, error = $8
     where creditor_id = $1 and run_date = $2 and worker = $3 and status = 'running'`,
    [
      key.creditorId,
      key.runDate,
      key.worker,
      key.now,
      outcome.status,
      outcome.durationMs,
      outcome.result === null ? null : JSON.stringify(outcome.result),
      outcome.error,
    ],
  );
}

/** The latest run of each creditor (for `schedule list` and the metrics). */
export async function latestDailyRuns(db: TSql): Promise<TDailyRunRow[]> {
  return db.query<TDailyRunRow>(
    `select distinct on (creditor_id) ${COLUMNS} from daily_runs order by creditor_id, run_date desc`,
  );
}

export async function setDailyScheduleSettings(
  db: TSql,
  creditorId: number,
  schedule: unknown,
): Promise<void> {
  await db.query(
    `update creditors set settings = settings || jsonb_build_object('dailyRun', $2::jsonb) where id = $1`,
    [creditorId, JSON.stringify(schedule)],
  );
}
