-- Webhooks: endpoints per creditor, and the outbox of deliveries. A delivery row is written in the
-- same transaction as the change it reports (from the register entry of that change), then sent
-- after commit by the dispatcher, retried with backoff; every attempt is logged.
create table webhook_endpoints (
  creditor_id bigint not null references creditors (id),
  id bigint generated always as identity,
  url text not null check (url ~ '^https?://'),
  events text[] not null check (cardinality(events) > 0),
  secret text not null,                        -- needed in clear to sign (HMAC-SHA256)
  is_active boolean not null default true,
  created_by text not null,
  created_at timestamptz not null,
  primary key (creditor_id, id)
);

create table webhook_deliveries (
  creditor_id bigint not null,
  id bigint generated always as identity,
  endpoint_id bigint not null,
  event_id text not null,                      -- evt_<creditor>_<register seq>: stable across retries
  event_type text not null,
  payload jsonb not null,
  status text not null default 'pending' check (status in ('pending', 'delivered', 'failed')),
  attempts int not null default 0,
  next_attempt_at timestamptz not null,
  last_status_code int,
  last_error text,
  delivered_at timestamptz,
  created_at timestamptz not null,
  primary key (creditor_id, id),
  foreign key (creditor_id, endpoint_id) references webhook_endpoints (creditor_id, id),
  unique (creditor_id, endpoint_id, event_id)
);
create index webhook_deliveries_due on webhook_deliveries (next_attempt_at) where status = 'pending';

create table webhook_attempts (
  creditor_id bigint not null,
  id bigint generated always as identity,
  delivery_id bigint not null,
  attempted_at timestamptz not null,
  status_code int,
  error text,
  duration_ms int not null,
  primary key (creditor_id, id),
  foreign key (creditor_id, delivery_id) references webhook_deliveries (creditor_id, id)
);
create index webhook_attempts_delivery on webhook_attempts (creditor_id, delivery_id);
