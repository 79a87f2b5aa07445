-- Communications: the creditor's own templates (the built-in defaults live in the code), the
-- transactional outbox the collection run writes in the same transaction as its actions, every
-- delivery attempt, and the PEC receipts kept as legal proof.

create table message_templates (
  creditor_id bigint not null references creditors (id),
  template_key text not null,
  language text not null check (language in ('it', 'en')),
  channel text not null check (channel in ('email', 'letter', 'pec', 'sms')),
  subject text not null,
  body text not null,
  closing text not null default '',
  updated_at timestamptz not null default now(),
  updated_by text not null,
  primary key (creditor_id, template_key, language, channel)
);

-- One row per message an action sends on one channel: (action, channel) is once-only, so a
-- rerun of the engine or of a fallback never queues the same message twice.
create table outbox (
  creditor_id bigint not null,
  id bigint generated always as identity,
  action_id bigint not null,
  channel text not null check (channel in ('email', 'pec', 'letter', 'registered-letter', 'sms')),
  status text not null default 'pending'
    check (status in ('pending', 'sending', 'sent', 'failed', 'cancelled')),
  needs_attention boolean not null default false,
  attempts int not null default 0,
  next_attempt_at timestamptz not null default now(),
  message_id text not null,
  recipient text,
  fallback_of bigint,
  last_error text,
  batch_date date,                       -- letters: the print batch that took it
  tracking_number text,                  -- registered letters: the postal number, recorded afterwards
  created_at timestamptz not null default now(),
  sent_at timestamptz,
  primary key (creditor_id, id),
  foreign key (creditor_id, action_id) references collection_actions (creditor_id, id),
  foreign key (creditor_id, fallback_of) references outbox (creditor_id, id),
  unique (creditor_id, action_id, channel)
);
create index outbox_due on outbox (status, next_attempt_at) where status = 'pending';
create index outbox_batch on outbox (creditor_id, batch_date) where batch_date is not null;
create unique index outbox_message_id on outbox (message_id);

create table outbox_attempts (
  creditor_id bigint not null,
  id bigint generated always as identity,
  outbox_id bigint not null,
  attempted_at timestamptz not null,
  outcome text not null check (outcome in ('sent', 'temporary-failure', 'hard-failure', 'cancelled', 'deferred')),
  detail text,
  primary key (creditor_id, id),
  foreign key (creditor_id, outbox_id) references outbox (creditor_id, id)
);
create index outbox_attempts_outbox on outbox_attempts (creditor_id, outbox_id);

-- PEC receipts (ricevute di accettazione / avvenuta consegna): the whole .eml is kept as proof.
create table pec_receipts (
  creditor_id bigint not null,
  id bigint generated always as identity,
  outbox_id bigint not null,
  kind text not null,
  message_id text not null,
  sender text,
  recipient text,
  provider text,
  event_at text,
  receipt_id text,
  sha256 text not null,
  eml bytea not null,
  daticert text not null,
  received_at timestamptz not null default now(),
  primary key (creditor_id, id),
  foreign key (creditor_id, outbox_id) references outbox (creditor_id, id),
  unique (creditor_id, sha256)
);
