-- Idempotency keys of POST requests: the first response is kept and replayed for a retry with the
-- same key; the same key with another request is refused. Scoped per principal ('user:7',
-- 'api-key:3'), so two callers never collide. Rows older than a day may be deleted.
create table idempotency_keys (
  principal text not null,
  key text not null,
  request_hash text not null,                  -- SHA-256 of method, path, query and body
  status int,                                  -- null while the first request is running
  content_type text,
  body bytea,
  created_at timestamptz not null default now(),
  primary key (principal, key)
);
create index idempotency_keys_created on idempotency_keys (created_at);
