-- Documents (the original FatturaPA XML, seed 001's evidence, proofs of communications), the
-- handover of a case to an agency with the case file built at that moment, and the agency's
-- progress on a handed-over case (docs/agency.md).

-- Every stored document, once per tenant by the SHA-256 of its bytes: adding the same file again
-- only adds links. Kinds: the original e-invoice, the evidence of seed 001 (terms agreed,
-- delivery notes, receipt confirmations), proofs of communications (PEC receipts, registered-
-- letter tracking: filled by communications, issue 5), anything else.
create table documents (
  creditor_id bigint not null references creditors (id),
  id bigint generated always as identity,
  kind text not null check (kind in (
    'fatturapa-xml', 'terms', 'delivery-note', 'receipt-confirmation', 'proof-of-sending',
    'proof-of-delivery', 'correspondence', 'other')),
  file_name text not null check (length(trim(file_name)) > 0 and file_name !~ '[/\\]'),
  media_type text not null,
  sha256 text not null check (sha256 ~ '^[0-9a-f]{64}$'),
  size_bytes bigint not null check (size_bytes >= 0),
  content bytea not null,
  debtor_id bigint,
  description text not null default '',
  added_on date not null,
  added_by text not null,
  created_at timestamptz not null default now(),
  primary key (creditor_id, id),
  foreign key (creditor_id, debtor_id) references debtors (creditor_id, id),
  unique (creditor_id, sha256)
);
create index documents_debtor on documents (creditor_id, debtor_id);

-- Which invoices a document concerns (a batch XML concerns several; a delivery note one).
create table document_invoices (
  creditor_id bigint not null,
  document_id bigint not null,
  invoice_id bigint not null,
  primary key (creditor_id, document_id, invoice_id),
  foreign key (creditor_id, document_id) references documents (creditor_id, id),
  foreign key (creditor_id, invoice_id) references invoices (creditor_id, id)
);
create index document_invoices_invoice on document_invoices (creditor_id, invoice_id);

-- Which action (a letter, a PEC) a document proves: the extension point for communications.
create table document_actions (
  creditor_id bigint not null,
  document_id bigint not null,
  action_id bigint not null,
  primary key (creditor_id, document_id, action_id),
  foreign key (creditor_id, document_id) references documents (creditor_id, id),
  foreign key (creditor_id, action_id) references collection_actions (creditor_id, id)
);
create index document_actions_action on document_actions (creditor_id, action_id);

-- A handed-over case: the company's escalation stops; payments still reconcile and close it.
alter table collection_cases
  add column handed_over_on date,
  add column handed_over_to text;

-- The case file as built on the handover day: built once (the primary key), kept byte for byte
-- so that what the agency received can be shown later.
create table case_files (
  creditor_id bigint not null,
  case_id bigint not null,
  as_of date not null,
  file_name text not null,
  sha256 text not null check (sha256 ~ '^[0-9a-f]{64}$'),
  size_bytes bigint not null,
  content bytea not null,
  manifest jsonb not null,
  built_by text not null,
  created_at timestamptz not null default now(),
  primary key (creditor_id, case_id),
  foreign key (creditor_id, case_id) references collection_cases (creditor_id, id)
);

-- What the agency reports on a handed-over case: contacts, promises, legal stages, outcomes.
create table case_progress (
  creditor_id bigint not null,
  id bigint generated always as identity,
  case_id bigint not null,
  recorded_on date not null,
  stage text not null check (stage ~ '^[a-z0-9][a-z0-9-]{0,39}$'),
  note text not null default '',
  amount_cents bigint check (amount_cents >= 0),
  recorded_by text not null,
  created_at timestamptz not null default now(),
  primary key (creditor_id, id),
  foreign key (creditor_id, case_id) references collection_cases (creditor_id, id)
);
create index case_progress_case on case_progress (creditor_id, case_id, id);
