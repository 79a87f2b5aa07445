-- The once-a-day run per creditor, claimed by one worker at a time. Any number of workers may
-- run on one PostgreSQL: the row is the claim (insert ... on conflict), the heartbeat is the lease.
-- A worker that dies leaves a 'running' row whose heartbeat stops; after the lease another worker
-- takes the run over. The run itself is idempotent, so a takeover never doubles an action.
create table daily_runs (
  creditor_id bigint not null references creditors (id),
  run_date date not null,
  status text not null check (status in ('running', 'done', 'failed')),
  worker text not null,
  attempts integer not null default 1 check (attempts > 0),
  started_at timestamptz not null,
  heartbeat_at timestamptz not null,
  finished_at timestamptz,
  duration_ms bigint,
  result jsonb,
  error text,
  primary key (creditor_id, run_date)
);
create index daily_runs_status on daily_runs (status, run_date);
