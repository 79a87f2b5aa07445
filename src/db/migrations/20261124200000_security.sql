-- People and permissions: users (not tenant rows: an agency user may work for several creditors,
-- so their creditors are listed in user_creditors), sessions, API keys (one creditor each) and the
-- log-in attempts used for the rate limit. Secrets are stored hashed only.

create table users (
  id bigint generated always as identity primary key,
  email text not null check (email = lower(email) and position('@' in email) > 1),
  name text not null check (length(trim(name)) > 0),
  role text not null check (role in ('administrator', 'credit_manager', 'operator', 'agency_specialist', 'read_only')),
  password_hash text not null,                 -- Argon2id, PHC string
  totp_secret text,                            -- base32; null = no second factor
  totp_pending_secret text,                    -- enrolment started, not yet confirmed with a code
  is_disabled boolean not null default false,
  failed_logins int not null default 0,        -- consecutive failures; reset on success
  locked_until timestamptz,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create unique index users_email on users (email);

-- Which creditors a user may reach. Administrators reach all and have no rows here.
create table user_creditors (
  creditor_id bigint not null references creditors (id),
  user_id bigint not null references users (id),
  primary key (creditor_id, user_id)
);
create index user_creditors_user on user_creditors (user_id);

-- Sessions: the cookie holds a random token, the database its SHA-256 only.
create table sessions (
  token_hash text primary key,
  user_id bigint not null references users (id),
  csrf_token text not null,
  created_at timestamptz not null,
  last_seen_at timestamptz not null,           -- idle timeout counts from here
  expires_at timestamptz not null,             -- absolute timeout
  revoked_at timestamptz
);
create index sessions_user on sessions (user_id);

create table api_keys (
  creditor_id bigint not null references creditors (id),
  id bigint generated always as identity,
  name text not null,
  token_hash text not null unique,             -- SHA-256 of the whole token (256 random bits)
  token_prefix text not null,                  -- first characters, to recognise a key in lists
  permissions text[] not null check (permissions <@ array['read', 'work', 'write']::text[] and cardinality(permissions) > 0),
  created_by text not null,
  created_at timestamptz not null default now(),
  last_used_at timestamptz,
  revoked_at timestamptz,
  primary key (creditor_id, id)
);

-- Attempts by e-mail and by address over a sliding window: the rate limit of log-ins.
create table login_attempts (
  id bigint generated always as identity primary key,
  email text not null,
  address text,
  is_success boolean not null,
  attempted_at timestamptz not null
);
create index login_attempts_email on login_attempts (email, attempted_at);
create index login_attempts_address on login_attempts (address, attempted_at);

-- Security events (log-ins, failures, refusals, user and key changes, exports of personal data).
-- Append-only like the register; events that concern creditors are also written to their register.
create table security_events (
  id bigint generated always as identity primary key,
  occurred_at timestamptz not null,
  actor text not null,
  action text not null,
  subject_type text not null,
  subject_id bigint,
  creditor_ids bigint[] not null default '{}',
  data jsonb not null default '{}'
);
create index security_events_time on security_events (occurred_at);
create trigger security_events_no_update before update or delete on security_events
  for each row execute function register_entries_append_only();
create trigger security_events_no_truncate before truncate on security_events
  for each statement execute function register_entries_append_only();
