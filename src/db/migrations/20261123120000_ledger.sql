-- The receivables ledger. Every table but creditors carries creditor_id, the tenant key, which
-- leads every primary key, unique constraint and foreign key (ready for distribution by tenant).
-- Money is bigint minor units with a currency; due dates are calendar dates.

create table creditors (
  id bigint generated always as identity primary key,
  name text not null check (length(trim(name)) > 0),
  country char(2) not null default 'IT',
  vat_number text not null unique,            -- with country prefix: IT01234567890
  fiscal_code text,
  iban text,
  pec text,
  email text,
  phone text,
  address jsonb not null default '{}',
  settings jsonb not null default '{}',
  created_at timestamptz not null default now()
);

create table debtors (
  creditor_id bigint not null references creditors (id),
  id bigint generated always as identity,
  name text not null check (length(trim(name)) > 0),
  kind text not null default 'business' check (kind in ('business', 'consumer', 'public-administration')),
  country char(2) not null default 'IT',
  vat_number text,
  fiscal_code text,
  pec text,
  emails text[] not null default '{}',
  phones text[] not null default '{}',
  language text not null default 'it',
  customer_group text,
  notes text,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  primary key (creditor_id, id),
  check (vat_number is not null or fiscal_code is not null)
);
create unique index debtors_vat_number on debtors (creditor_id, vat_number) where vat_number is not null;
create unique index debtors_fiscal_code on debtors (creditor_id, fiscal_code)
  where fiscal_code is not null and vat_number is null;

create table debtor_addresses (
  creditor_id bigint not null,
  id bigint generated always as identity,
  debtor_id bigint not null,
  kind text not null default 'registered' check (kind in ('registered', 'billing', 'shipping', 'other')),
  street text not null,
  postal_code text,
  city text not null,
  province text,
  country char(2) not null default 'IT',
  primary key (creditor_id, id),
  foreign key (creditor_id, debtor_id) references debtors (creditor_id, id)
);
create index debtor_addresses_debtor on debtor_addresses (creditor_id, debtor_id);

create table debtor_contacts (
  creditor_id bigint not null,
  id bigint generated always as identity,
  debtor_id bigint not null,
  name text not null,
  role text,
  email text,
  phone text,
  primary key (creditor_id, id),
  foreign key (creditor_id, debtor_id) references debtors (creditor_id, id)
);
create index debtor_contacts_debtor on debtor_contacts (creditor_id, debtor_id);

-- Answers to the evidence questions of seed 001, recorded per invoice.
create domain evidence_answer as text check (value in ('yes', 'no', 'unknown', 'not-applicable'));

create table invoices (
  creditor_id bigint not null,
  id bigint generated always as identity,
  debtor_id bigint not null,
  number text not null check (length(trim(number)) > 0),
  type text not null check (type in ('invoice', 'credit-note', 'debit-note', 'other')),
  document_type text,                          -- FatturaPA TipoDocumento (TD01, TD04, ...)
  issue_date date not null,
  issue_year int not null,
  currency char(3) not null,
  total_cents bigint not null check (total_cents >= 0),
  payment_method text,                         -- FatturaPA ModalitaPagamento (MP05 = bank transfer)
  payment_iban text,
  related_invoice_id bigint,                   -- a credit or debit note's original invoice
  terms_agreed evidence_answer not null default 'unknown',
  invoice_accurate evidence_answer not null default 'unknown',
  receipt_confirmed evidence_answer not null default 'unknown',
  delivery_proof evidence_answer not null default 'unknown',
  payment_instructions evidence_answer not null default 'unknown',
  source text not null default 'manual',
  fingerprint text not null,                   -- hash of the content: the same invoice again is a duplicate
  created_at timestamptz not null default now(),
  primary key (creditor_id, id),
  foreign key (creditor_id, debtor_id) references debtors (creditor_id, id),
  foreign key (creditor_id, related_invoice_id) references invoices (creditor_id, id),
  unique (creditor_id, issue_year, number),
  check (issue_year = extract(year from issue_date))
);
create index invoices_debtor on invoices (creditor_id, debtor_id);

create table instalments (
  creditor_id bigint not null,
  id bigint generated always as identity,
  invoice_id bigint not null,
  seq smallint not null check (seq > 0),
  due_date date not null,
  amount_cents bigint not null check (amount_cents > 0),
  primary key (creditor_id, id),
  foreign key (creditor_id, invoice_id) references invoices (creditor_id, id),
  unique (creditor_id, invoice_id, seq)
);
create index instalments_due on instalments (creditor_id, due_date);

create table payments (
  creditor_id bigint not null,
  id bigint generated always as identity,
  debtor_id bigint,                            -- null while a bank entry is not matched
  amount_cents bigint not null check (amount_cents > 0),
  currency char(3) not null,
  value_date date not null,
  method text,
  reference text,
  external_id text,                            -- the source's id: repeating it never doubles a payment
  payer_name text,
  payer_iban text,
  allows_credit boolean not null default false,
  source text not null default 'manual',
  created_at timestamptz not null default now(),
  primary key (creditor_id, id),
  foreign key (creditor_id, debtor_id) references debtors (creditor_id, id)
);
create unique index payments_external_id on payments (creditor_id, external_id) where external_id is not null;
create index payments_debtor on payments (creditor_id, debtor_id);

-- What settles an instalment: part of a payment, or part of a credit note. Outstanding amounts
-- are always derived from these rows, never stored.
create table allocations (
  creditor_id bigint not null,
  id bigint generated always as identity,
  instalment_id bigint not null,
  payment_id bigint,
  credit_note_id bigint,
  amount_cents bigint not null check (amount_cents > 0),
  allocated_on date not null,
  created_at timestamptz not null default now(),
  primary key (creditor_id, id),
  foreign key (creditor_id, instalment_id) references instalments (creditor_id, id),
  foreign key (creditor_id, payment_id) references payments (creditor_id, id),
  foreign key (creditor_id, credit_note_id) references invoices (creditor_id, id),
  check ((payment_id is null) <> (credit_note_id is null))
);
create index allocations_instalment on allocations (creditor_id, instalment_id);
create index allocations_payment on allocations (creditor_id, payment_id) where payment_id is not null;
create index allocations_credit_note on allocations (creditor_id, credit_note_id) where credit_note_id is not null;

-- The last line of defence: whatever the application does, an instalment is never settled beyond
-- its amount and a payment or credit note is never spent beyond its own amount.
create function allocations_check_bounds() returns trigger language plpgsql as $$
declare
  settled bigint;
  spent bigint;
begin
  select coalesce(sum(a.amount_cents), 0) into settled from allocations a
    where a.creditor_id = new.creditor_id and a.instalment_id = new.instalment_id;
  if settled > (select amount_cents from instalments i where i.creditor_id = new.creditor_id and i.id = new.instalment_id) then
    raise exception 'allocations exceed instalment % amount', new.instalment_id using errcode = '23514';
  end if;
  if new.payment_id is not null then
    select coalesce(sum(a.amount_cents), 0) into spent from allocations a
      where a.creditor_id = new.creditor_id and a.payment_id = new.payment_id;
    if spent > (select amount_cents from payments p where p.creditor_id = new.creditor_id and p.id = new.payment_id) then
      raise exception 'allocations exceed payment % amount', new.payment_id using errcode = '23514';
    end if;
  else
    select coalesce(sum(a.amount_cents), 0) into spent from allocations a
      where a.creditor_id = new.creditor_id and a.credit_note_id = new.credit_note_id;
    if spent > (select total_cents from invoices n where n.creditor_id = new.creditor_id and n.id = new.credit_note_id) then
      raise exception 'allocations exceed credit note % amount', new.credit_note_id using errcode = '23514';
    end if;
  end if;
  return new;
end $$;
create trigger allocations_bounds after insert on allocations
  for each row execute function allocations_check_bounds();

-- The activity register: append-only (enforced here, not only in the application), each row
-- chained to the previous row of its tenant by a SHA-256 hash computed by the application.
create table register_entries (
  creditor_id bigint not null references creditors (id),
  seq bigint not null,
  occurred_at timestamptz not null,
  actor text not null,
  action text not null,
  subject_type text not null,
  subject_id bigint,
  debtor_id bigint,
  reason text,
  data jsonb not null default '{}',
  prev_hash text not null,
  hash text not null,
  primary key (creditor_id, seq)
);
create index register_entries_debtor on register_entries (creditor_id, debtor_id, seq);

create function register_entries_append_only() returns trigger language plpgsql as $$
begin
  raise exception 'the activity register is append-only (% refused)', tg_op using errcode = '42501';
end $$;
create trigger register_entries_no_update before update or delete on register_entries
  for each row execute function register_entries_append_only();
create trigger register_entries_no_truncate before truncate on register_entries
  for each statement execute function register_entries_append_only();

-- The head of each tenant's chain: locked while appending so rows are chained in order.
create table register_heads (
  creditor_id bigint primary key references creditors (id),
  seq bigint not null,
  hash text not null
);
