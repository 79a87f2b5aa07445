-- Agency mode (docs/agency.md): an agency works for client creditors under mandates. The agency
-- is the tenant of these tables (agency_id leads every key); a mandate names exactly one client
-- creditor, and everything of a mandate is read through that creditor's own tables, so two
-- mandates' data never mix.

create table agencies (
  id bigint generated always as identity primary key,
  name text not null check (length(trim(name)) > 0),
  vat_number text not null unique,
  licence text not null default '',              -- art. 115 TULPS licence (questura, number, date)
  created_at timestamptz not null default now()
);

create table mandates (
  agency_id bigint not null references agencies (id),
  id bigint generated always as identity,
  creditor_id bigint not null references creditors (id),
  reference text not null check (length(trim(reference)) > 0),
  commission_rate numeric(7, 4) not null check (commission_rate >= 0 and commission_rate <= 100),  -- % of collected
  fixed_fee_cents bigint not null default 0 check (fixed_fee_cents >= 0),                          -- per case taken
  policy_key text,
  starts_on date not null,
  ends_on date,
  created_at timestamptz not null default now(),
  primary key (agency_id, id),
  unique (agency_id, reference),
  check (ends_on is null or ends_on >= starts_on)
);
create index mandates_creditor on mandates (creditor_id);

-- Credit specialists of an agency (seed 002). `user_ref` links a user account later (issue on users).
create table specialists (
  agency_id bigint not null references agencies (id),
  id bigint generated always as identity,
  name text not null check (length(trim(name)) > 0),
  email text,
  languages text[] not null default '{it}',
  regions text[] not null default '{}',          -- province codes or countries this specialist knows
  max_open_cases int check (max_open_cases > 0),
  is_active boolean not null default true,
  user_ref text,
  created_at timestamptz not null default now(),
  primary key (agency_id, id),
  unique (agency_id, name)
);

-- Assignment rules, tried in position order; every criterion stated must match (null = any).
create table specialist_rules (
  agency_id bigint not null,
  id bigint generated always as identity,
  position int not null,
  specialist_id bigint not null,
  mandate_id bigint,
  min_cents bigint check (min_cents >= 0),
  max_cents bigint check (max_cents >= 0),
  regions text[],
  languages text[],
  primary key (agency_id, id),
  unique (agency_id, position),
  foreign key (agency_id, specialist_id) references specialists (agency_id, id),
  foreign key (agency_id, mandate_id) references mandates (agency_id, id)
);

-- A client's case taken by the agency under a mandate: once per case, ever.
create table mandate_cases (
  agency_id bigint not null,
  mandate_id bigint not null,
  creditor_id bigint not null,
  case_id bigint not null,
  taken_on date not null,
  specialist_id bigint,
  fixed_fee_cents bigint not null default 0,
  primary key (agency_id, mandate_id, case_id),
  unique (creditor_id, case_id),
  foreign key (agency_id, mandate_id) references mandates (agency_id, id),
  foreign key (agency_id, specialist_id) references specialists (agency_id, id),
  foreign key (creditor_id, case_id) references collection_cases (creditor_id, id)
);
create index mandate_cases_specialist on mandate_cases (agency_id, specialist_id);

-- Money the agency passed on to a client for a month of a mandate.
create table remittances (
  agency_id bigint not null,
  id bigint generated always as identity,
  mandate_id bigint not null,
  month char(7) not null check (month ~ '^\d{4}-(0[1-9]|1[0-2])$'),
  amount_cents bigint not null check (amount_cents > 0),
  remitted_on date not null,
  reference text not null default '',
  recorded_by text not null,
  created_at timestamptz not null default now(),
  primary key (agency_id, id),
  foreign key (agency_id, mandate_id) references mandates (agency_id, id),
  unique (agency_id, mandate_id, month)
);
