-- The debtor's self-service page: personal links and the receipts uploaded through them.
-- Only the SHA-256 of a link's token is stored: a copy of the database does not open any page.

create table debtor_links (
  creditor_id bigint not null references creditors (id),
  id bigint generated always as identity,
  debtor_id bigint not null,
  token_hash text not null check (token_hash ~ '^[0-9a-f]{64}$'),
  expires_at timestamptz not null,
  revoked_at timestamptz,
  created_by text not null,
  created_at timestamptz not null default now(),
  primary key (creditor_id, id),
  foreign key (creditor_id, debtor_id) references debtors (creditor_id, id),
  unique (creditor_id, token_hash)
);
-- The page knows the token only, not the tenant: looked up by hash across tenants.
create index debtor_links_token on debtor_links (token_hash);
create index debtor_links_debtor on debtor_links (creditor_id, debtor_id);

-- "Already paid": the proof a debtor uploads, for the operator who reviews it.
create table debtor_receipts (
  creditor_id bigint not null,
  id bigint generated always as identity,
  debtor_id bigint not null,
  link_id bigint not null,
  file_name text not null,
  content_type text not null,
  bytes bytea not null,
  paid_on date,
  note text,
  created_at timestamptz not null default now(),
  primary key (creditor_id, id),
  foreign key (creditor_id, debtor_id) references debtors (creditor_id, id),
  foreign key (creditor_id, link_id) references debtor_links (creditor_id, id)
);
create index debtor_receipts_debtor on debtor_receipts (creditor_id, debtor_id);
