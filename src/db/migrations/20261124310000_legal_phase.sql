-- The legal phase of a case (docs/agency.md): stages as they happen (legal notice, petition for a
-- payment order, order granted, served, opposed, final, precetto, pignoramento), each once per
-- case, and how a case ended (paid, settled, written off, uncollectable) with the amount written off.

create table legal_stages (
  creditor_id bigint not null,
  id bigint generated always as identity,
  case_id bigint not null,
  stage text not null check (stage in ('legal-notice', 'petition-filed', 'order-granted', 'order-served',
                                       'opposed', 'order-final', 'precetto-served', 'pignoramento')),
  happened_on date not null,
  reference text not null default '',          -- court roll number, order number, bailiff's report
  note text not null default '',
  recorded_by text not null,
  created_at timestamptz not null default now(),
  primary key (creditor_id, id),
  foreign key (creditor_id, case_id) references collection_cases (creditor_id, id),
  unique (creditor_id, case_id, stage)
);

create table case_outcomes (
  creditor_id bigint not null,
  case_id bigint not null,
  outcome text not null check (outcome in ('paid', 'settled', 'written-off', 'uncollectable')),
  closed_on date not null,
  outstanding_cents bigint not null check (outstanding_cents >= 0),  -- owed on the ledger when closed
  written_off_cents bigint not null check (written_off_cents >= 0),
  currency char(3) not null,
  note text not null default '',
  recorded_by text not null,
  created_at timestamptz not null default now(),
  primary key (creditor_id, case_id),
  foreign key (creditor_id, case_id) references collection_cases (creditor_id, id),
  check (written_off_cents <= outstanding_cents)
);
