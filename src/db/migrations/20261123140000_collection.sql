-- The collection engine: policies and how they are assigned, cases (one open case per debtor per
-- creditor), the actions taken on them (exactly once per case and step: a unique constraint, not
-- a hope), operators' tasks, disputes, holds, promises and payment plans. Mutable state lives
-- here; every change to it is also written to register_entries in the same transaction.

create table collection_policies (
  creditor_id bigint not null references creditors (id),
  id bigint generated always as identity,
  key text not null check (key ~ '^[a-z0-9][a-z0-9-]{0,39}$'),
  name text not null,
  description text not null default '',
  steps jsonb not null check (jsonb_typeof(steps) = 'array'),   -- validated by the application (ZPolicyStep)
  is_preset boolean not null default false,
  is_default boolean not null default false,
  created_at timestamptz not null default now(),
  primary key (creditor_id, id),
  unique (creditor_id, key)
);
create unique index collection_policies_one_default on collection_policies (creditor_id) where is_default;

-- Assignment rules, tried in position order; every criterion stated must match (null = any).
create table collection_policy_rules (
  creditor_id bigint not null,
  id bigint generated always as identity,
  position int not null,
  policy_id bigint not null,
  min_amount_cents bigint check (min_amount_cents > 0),
  risk_classes text[],
  customer_groups text[],
  countries text[],
  created_at timestamptz not null default now(),
  primary key (creditor_id, id),
  foreign key (creditor_id, policy_id) references collection_policies (creditor_id, id),
  unique (creditor_id, position)
);

create table debtor_policies (
  creditor_id bigint not null,
  debtor_id bigint not null,
  policy_id bigint not null,
  primary key (creditor_id, debtor_id),
  foreign key (creditor_id, debtor_id) references debtors (creditor_id, id),
  foreign key (creditor_id, policy_id) references collection_policies (creditor_id, id)
);

create table invoice_policies (
  creditor_id bigint not null,
  invoice_id bigint not null,
  policy_id bigint not null,
  primary key (creditor_id, invoice_id),
  foreign key (creditor_id, invoice_id) references invoices (creditor_id, id),
  foreign key (creditor_id, policy_id) references collection_policies (creditor_id, id)
);

create table collection_cases (
  creditor_id bigint not null,
  id bigint generated always as identity,
  debtor_id bigint not null,
  policy_id bigint not null,
  status text not null default 'open' check (status in ('open', 'closed')),
  opened_on date not null,
  anchor_due_date date not null,               -- "N days from the due date" counts from here
  closed_on date,
  close_reason text,
  assignee text,                               -- the credit specialist following the case (seed 002)
  broken_promises int not null default 0,
  created_at timestamptz not null default now(),
  primary key (creditor_id, id),
  foreign key (creditor_id, debtor_id) references debtors (creditor_id, id),
  foreign key (creditor_id, policy_id) references collection_policies (creditor_id, id),
  check ((status = 'closed') = (closed_on is not null))
);
create unique index collection_cases_one_open on collection_cases (creditor_id, debtor_id) where status = 'open';

-- An instalment is chased by one case only, ever.
create table case_instalments (
  creditor_id bigint not null,
  case_id bigint not null,
  instalment_id bigint not null,
  joined_on date not null,
  primary key (creditor_id, case_id, instalment_id),
  foreign key (creditor_id, case_id) references collection_cases (creditor_id, id),
  foreign key (creditor_id, instalment_id) references instalments (creditor_id, id),
  unique (creditor_id, instalment_id)
);

-- One row per step of a case (plus extra messages such as resent payment instructions). Status:
-- queued (messages waiting in the outbox for the sender, step done), sent, pending (waiting for
-- its tasks), review (evidence check failed, waiting for a credit manager), done, skipped,
-- cancelled. `instalments` is what the communication lists, as it was when it was decided.
create table collection_actions (
  creditor_id bigint not null,
  id bigint generated always as identity,
  case_id bigint not null,
  step_key text not null,
  channels text[] not null,
  tone text not null,
  template text not null,
  status text not null check (status in ('queued', 'sent', 'pending', 'review', 'done', 'skipped', 'cancelled')),
  scheduled_on date not null,
  created_on date not null,
  done_on date,
  total_cents bigint not null,
  instalments jsonb not null,
  evidence_gaps jsonb not null default '[]',
  reason text,
  is_after_broken_promise boolean not null default false,
  created_at timestamptz not null default now(),
  primary key (creditor_id, id),
  foreign key (creditor_id, case_id) references collection_cases (creditor_id, id),
  unique (creditor_id, case_id, step_key)
);
create index collection_actions_created on collection_actions (creditor_id, created_on);

create table collection_tasks (
  creditor_id bigint not null,
  id bigint generated always as identity,
  case_id bigint not null,
  action_id bigint,                            -- null for tasks an outcome created (tracing, proof of payment)
  step_key text,
  kind text not null check (kind in ('phone-call', 'visit', 'review', 'tracing')),
  status text not null default 'open' check (status in ('open', 'done', 'cancelled')),
  due_date date not null,
  assignee text,
  reason text,
  outcome text,
  note text,
  created_on date not null,
  completed_on date,
  completed_by text,
  created_at timestamptz not null default now(),
  primary key (creditor_id, id),
  foreign key (creditor_id, case_id) references collection_cases (creditor_id, id),
  foreign key (creditor_id, action_id) references collection_actions (creditor_id, id),
  check ((status = 'done') = (completed_on is not null))
);
create unique index collection_tasks_one_per_action on collection_tasks (creditor_id, action_id, kind)
  where action_id is not null;
create index collection_tasks_open on collection_tasks (creditor_id, case_id) where status = 'open';

create table collection_disputes (
  creditor_id bigint not null,
  id bigint generated always as identity,
  invoice_id bigint not null,
  status text not null default 'open' check (status in ('open', 'closed')),
  reason text not null,
  opened_on date not null,
  closed_on date,
  resolution text,
  created_at timestamptz not null default now(),
  primary key (creditor_id, id),
  foreign key (creditor_id, invoice_id) references invoices (creditor_id, id),
  check ((status = 'closed') = (closed_on is not null))
);
create unique index collection_disputes_one_open on collection_disputes (creditor_id, invoice_id) where status = 'open';

-- A pause on a whole debtor (invoice_id null) or one invoice, with an optional last day.
create table collection_holds (
  creditor_id bigint not null,
  id bigint generated always as identity,
  debtor_id bigint not null,
  invoice_id bigint,
  reason text not null check (length(trim(reason)) > 0),
  starts_on date not null,
  ends_on date,
  cleared_on date,
  created_at timestamptz not null default now(),
  primary key (creditor_id, id),
  foreign key (creditor_id, debtor_id) references debtors (creditor_id, id),
  foreign key (creditor_id, invoice_id) references invoices (creditor_id, id),
  check (ends_on is null or ends_on >= starts_on)
);
create index collection_holds_debtor on collection_holds (creditor_id, debtor_id) where cleared_on is null;

create table payment_plans (
  creditor_id bigint not null,
  id bigint generated always as identity,
  case_id bigint not null,
  task_id bigint,
  agreed_on date not null,
  created_at timestamptz not null default now(),
  primary key (creditor_id, id),
  foreign key (creditor_id, case_id) references collection_cases (creditor_id, id),
  foreign key (creditor_id, task_id) references collection_tasks (creditor_id, id)
);

-- A promise to pay by a date, or one instalment of a payment plan (plan_id, seq).
create table collection_promises (
  creditor_id bigint not null,
  id bigint generated always as identity,
  case_id bigint not null,
  task_id bigint,
  plan_id bigint,
  seq int not null default 1,
  made_on date not null,
  due_date date not null,
  amount_cents bigint not null check (amount_cents > 0),
  status text not null default 'pending' check (status in ('pending', 'kept', 'broken', 'cancelled')),
  resolved_on date,
  created_at timestamptz not null default now(),
  primary key (creditor_id, id),
  foreign key (creditor_id, case_id) references collection_cases (creditor_id, id),
  foreign key (creditor_id, task_id) references collection_tasks (creditor_id, id),
  foreign key (creditor_id, plan_id) references payment_plans (creditor_id, id),
  check (due_date >= made_on)
);
create index collection_promises_pending on collection_promises (creditor_id, case_id) where status = 'pending';
