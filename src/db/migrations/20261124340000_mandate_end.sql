-- The end of a mandate (docs/agency.md, "End of a mandate"): open cases go back to the client,
-- the personal data the agency gathered and no longer needs is anonymised, once per mandate.
alter table mandate_cases add column returned_on date;

create table mandate_closures (
  agency_id bigint not null,
  mandate_id bigint not null,
  ended_on date not null,
  counts jsonb not null,
  closed_by text not null,
  created_at timestamptz not null default now(),
  primary key (agency_id, mandate_id),
  foreign key (agency_id, mandate_id) references mandates (agency_id, id)
);
