-- Imports (FatturaPA, CSV, camt.053/054, CBI RH) and bank reconciliation (docs/imports.md).

-- Every file that was imported, by the SHA-256 of its bytes: the same file again is reported as
-- a duplicate and changes nothing. A rejected file leaves no row (its transaction rolled back).
create table import_files (
  id bigint generated always as identity primary key,
  creditor_id bigint not null references creditors (id),
  sha256 text not null unique check (sha256 ~ '^[0-9a-f]{64}$'),
  file_name text not null,
  format text not null check (format in ('fatturapa', 'csv', 'camt053', 'camt054', 'cbi')),
  counts jsonb not null default '{}',
  imported_by text not null,
  imported_at timestamptz not null default now()
);
create index import_files_creditor on import_files (creditor_id, id);

-- What FatturaPA says about each due date beyond amount and date: how and where to pay, and the
-- late-payment penalty the seller stated (PenalitaPagamentiRitardati from DataDecorrenzaPenale).
alter table instalments
  add column payment_method text,               -- MP01 .. MP23
  add column payment_iban text,
  add column late_penalty_cents bigint check (late_penalty_cents >= 0),
  add column late_penalty_from date;

alter table invoices
  add column recipient_code text,               -- DatiTrasmissione/CodiceDestinatario
  add column recipient_pec text,                -- DatiTrasmissione/PECDestinatario
  add column document_total_cents bigint,       -- ImportoTotaleDocumento when it differs from what is payable
  add column import_file_id bigint references import_files (id);

-- Bank entries: what the bank told us and how the entry was matched. A manual payment is matched
-- by definition; an imported one waits in the unmatched queue (debtor_id null) until a person
-- or a rule assigns it.
alter table payments
  add column booking_date date,
  add column creditor_reference text,           -- structured ISO 11649 reference (RF..)
  add column match_status text not null default 'matched' check (match_status in ('matched', 'unmatched')),
  add column match_rule text,                   -- rf-reference, invoice-number, exact-amount, manual
  add column suggestions jsonb not null default '[]',
  add column import_file_id bigint references import_files (id);
create index payments_unmatched on payments (creditor_id, id) where match_status = 'unmatched';

-- Column mappings for CSV files, saved per source (a bank, an ERP export) and reused by name.
create table import_mappings (
  name text primary key check (name ~ '^[a-z0-9][a-z0-9_.-]{0,62}$'),
  kind text not null check (kind in ('invoices', 'payments')),
  mapping jsonb not null,
  updated_by text not null,
  updated_at timestamptz not null default now()
);

-- The structured reference Riscossa prints is looked up by instalment id; invoice numbers found
-- in remittance text are looked up by number.
create index invoices_number on invoices (creditor_id, number);
create index payments_payer_iban on payments (creditor_id, payer_iban) where payer_iban is not null and debtor_id is not null;
