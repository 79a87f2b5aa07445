-- Contact verification before the first letter, tracing results and partner offices abroad
-- (docs/agency.md).

create table contact_verifications (
  creditor_id bigint not null,
  id bigint generated always as identity,
  debtor_id bigint not null,
  verified_on date not null,
  pec_status text not null check (pec_status in ('confirmed', 'added', 'changed', 'not-found', 'not-applicable')),
  pec_before text,
  pec_after text,
  address_issues jsonb not null default '[]',
  addresses_normalised int not null default 0,
  source text not null,
  verified_by text not null,
  created_at timestamptz not null default now(),
  primary key (creditor_id, id),
  foreign key (creditor_id, debtor_id) references debtors (creditor_id, id)
);
create index contact_verifications_debtor on contact_verifications (creditor_id, debtor_id, id);

create table tracing_results (
  creditor_id bigint not null,
  id bigint generated always as identity,
  task_id bigint not null,
  debtor_id bigint not null,
  outcome text not null check (outcome in ('new-address', 'new-phone', 'deceased', 'company-closed', 'not-found')),
  found_on date not null,
  detail jsonb not null default '{}',
  note text not null default '',
  recorded_by text not null,
  created_at timestamptz not null default now(),
  primary key (creditor_id, id),
  unique (creditor_id, task_id),
  foreign key (creditor_id, task_id) references collection_tasks (creditor_id, id),
  foreign key (creditor_id, debtor_id) references debtors (creditor_id, id)
);

-- Offices abroad (seed 002) that follow an agency's foreign debtors, by country.
create table partner_offices (
  agency_id bigint not null references agencies (id),
  id bigint generated always as identity,
  name text not null check (length(trim(name)) > 0),
  countries text[] not null check (cardinality(countries) > 0),
  email text,
  primary key (agency_id, id),
  unique (agency_id, name)
);

alter table mandate_cases add column partner_office_id bigint;
alter table mandate_cases add foreign key (agency_id, partner_office_id) references partner_offices (agency_id, id);
