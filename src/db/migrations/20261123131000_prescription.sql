-- Prescription clocks (docs/interest.md): the limitation period of an invoice's instalments and
-- the events that interrupted it. The clock itself is computed, never stored.

-- The period when it is not the default 10 years (art. 2946 c.c.), per invoice.
create table prescription_terms (
  creditor_id bigint not null,
  invoice_id bigint not null,
  basis text not null check (basis in ('ordinary', 'periodic', 'professional-fees', 'payment-order')),
  years smallint check (years between 1 and 20),           -- null: the basis's years
  note text,
  updated_by text not null,
  updated_at timestamptz not null default now(),
  primary key (creditor_id, invoice_id),
  foreign key (creditor_id, invoice_id) references invoices (creditor_id, id)
);

-- Written demands actually delivered and acknowledgements (art. 2943, 2944 c.c.), dated on the
-- day of delivery. Payments on account interrupt too; they are read from the allocations.
create table prescription_interruptions (
  creditor_id bigint not null,
  id bigint generated always as identity,
  invoice_id bigint not null,
  instalment_id bigint,                                      -- null: every instalment of the invoice
  kind text not null check (kind in ('registered-letter', 'pec', 'acknowledgement', 'court-claim')),
  delivered_on date not null,
  reference text not null check (length(trim(reference)) > 0),  -- receipt number, PEC message id
  proof_file_name text,
  proof_sha256 text,
  proof bytea,
  added_by text not null,
  added_at timestamptz not null default now(),
  primary key (creditor_id, id),
  foreign key (creditor_id, invoice_id) references invoices (creditor_id, id),
  foreign key (creditor_id, instalment_id) references instalments (creditor_id, id),
  check ((proof is null) = (proof_sha256 is null) and (proof is null) = (proof_file_name is null))
);
create index prescription_interruptions_invoice on prescription_interruptions (creditor_id, invoice_id);
