-- Interest rates as data (docs/interest.md). Global, not per tenant: the rates are law.
-- commercial: D.Lgs. 231/2002 art. 5, one row per semester; reference_rate = ECB main refinancing
--   rate in force on 1 January / 1 July, rate = reference_rate + 8 points (as published).
-- legal: art. 1284 c.c., one row per calendar year; no reference rate.
-- A period without a row cannot be computed; an unverified row is refused unless explicitly allowed.
create table interest_rates (
  kind text not null check (kind in ('commercial', 'legal')),
  period_start date not null,
  reference_rate numeric(7, 4),
  rate numeric(7, 4) not null check (rate >= 0),
  source text not null check (length(trim(source)) > 0),   -- Gazzetta Ufficiale reference
  is_verified boolean not null,
  added_by text not null,
  added_at timestamptz not null default now(),
  replaced jsonb,                                            -- the unverified row this one confirmed or corrected
  primary key (kind, period_start),
  check (extract(day from period_start) = 1),
  check (
    (kind = 'commercial' and extract(month from period_start) in (1, 7)
      and reference_rate is not null and rate = reference_rate + 8)
    or (kind = 'legal' and extract(month from period_start) = 1 and reference_rate is null)
  )
);

insert into interest_rates (kind, period_start, reference_rate, rate, source, is_verified, added_by, added_at) values
  ('commercial', '2020-01-01', 0.00, 8.00, 'Gazzetta Ufficiale notice for 1 January - 30 June 2020 not found; ECB main refinancing rate 0.00 % since 16 March 2016', false, 'migration 20261123130000', '2026-11-23T13:00:00Z'),
  ('commercial', '2020-07-01', 0.00, 8.00, 'GU n. 191 del 31/07/2020', true, 'migration 20261123130000', '2026-11-23T13:00:00Z'),
  ('commercial', '2021-01-01', 0.00, 8.00, 'GU n. 29 del 04/02/2021', true, 'migration 20261123130000', '2026-11-23T13:00:00Z'),
  ('commercial', '2021-07-01', 0.00, 8.00, 'GU n. 166/2021', true, 'migration 20261123130000', '2026-11-23T13:00:00Z'),
  ('commercial', '2022-01-01', 0.00, 8.00, 'GU n. 20/2022', true, 'migration 20261123130000', '2026-11-23T13:00:00Z'),
  ('commercial', '2022-07-01', 0.00, 8.00, 'GU n. 197/2022', true, 'migration 20261123130000', '2026-11-23T13:00:00Z'),
  ('commercial', '2023-01-01', 2.50, 10.50, 'GU n. 14 del 18/01/2023', true, 'migration 20261123130000', '2026-11-23T13:00:00Z'),
  ('commercial', '2023-07-01', 4.00, 12.00, 'GU n. 165 del 17/07/2023', true, 'migration 20261123130000', '2026-11-23T13:00:00Z'),
  ('commercial', '2024-01-01', 4.50, 12.50, 'GU n. 12 del 16/01/2024', true, 'migration 20261123130000', '2026-11-23T13:00:00Z'),
  ('commercial', '2024-07-01', 4.25, 12.25, 'GU n. 176 del 29/07/2024', true, 'migration 20261123130000', '2026-11-23T13:00:00Z'),
  ('commercial', '2025-01-01', 3.15, 11.15, 'GU n. 63 del 17/03/2025', true, 'migration 20261123130000', '2026-11-23T13:00:00Z'),
  ('commercial', '2025-07-01', 2.15, 10.15, 'GU n. 161 del 14/07/2025', true, 'migration 20261123130000', '2026-11-23T13:00:00Z'),
  ('commercial', '2026-01-01', 2.15, 10.15, 'GU n. 15 del 20/01/2026', true, 'migration 20261123130000', '2026-11-23T13:00:00Z'),
  -- 2026 H2: shipped UNVERIFIED on purpose (one secondary source, no GU reference): refused by
  -- default with a message naming the semester; `riscossa rates add` confirms it.
  ('commercial', '2026-07-01', 2.40, 10.40, 'UNVERIFIED: one secondary source only (a public Italian project citing the MEF notice); no Gazzetta Ufficiale reference found', false, 'migration 20261123130000', '2026-11-23T13:00:00Z'),
  ('legal', '2020-01-01', null, 0.05, 'D.M. 12/12/2019, GU n. 293 del 14/12/2019', true, 'migration 20261123130000', '2026-11-23T13:00:00Z'),
  ('legal', '2021-01-01', null, 0.01, 'D.M. 11/12/2020, GU n. 310 del 15/12/2020', true, 'migration 20261123130000', '2026-11-23T13:00:00Z'),
  ('legal', '2022-01-01', null, 1.25, 'D.M. 13/12/2021, GU n. 297/2021', true, 'migration 20261123130000', '2026-11-23T13:00:00Z'),
  ('legal', '2023-01-01', null, 5.00, 'D.M. 13/12/2022, GU n. 292 del 15/12/2022', true, 'migration 20261123130000', '2026-11-23T13:00:00Z'),
  ('legal', '2024-01-01', null, 2.50, 'D.M. 29/11/2023, GU n. 288 del 11/12/2023', true, 'migration 20261123130000', '2026-11-23T13:00:00Z'),
  ('legal', '2025-01-01', null, 2.00, 'D.M. 10/12/2024, GU n. 294 del 16/12/2024', true, 'migration 20261123130000', '2026-11-23T13:00:00Z'),
  ('legal', '2026-01-01', null, 1.60, 'D.M. 10/12/2025, GU n. 289 del 13/12/2025', true, 'migration 20261123130000', '2026-11-23T13:00:00Z');

-- How an invoice's interest is computed when it differs from the default (debtor kind decides
-- commercial or legal; art. 1194 imputation). One row per invoice, written by a person.
create table invoice_interest_terms (
  creditor_id bigint not null,
  invoice_id bigint not null,
  kind text check (kind in ('commercial', 'legal')),        -- null: from debtors.kind
  is_pre_2013_contract boolean not null default false,        -- ECB + 7 points
  contractual_rate numeric(7, 4) check (contractual_rate >= 0),
  contractual_from date,
  court_claim_filed_on date,                                   -- art. 1284 c.4 switch
  imputation text not null default 'art-1194' check (imputation in ('art-1194', 'capital-first')),
  updated_by text not null,
  updated_at timestamptz not null default now(),
  primary key (creditor_id, invoice_id),
  foreign key (creditor_id, invoice_id) references invoices (creditor_id, id),
  check ((contractual_rate is null) = (contractual_from is null))
);

-- Recovery costs beyond the flat EUR 40 indemnity (art. 6 D.Lgs. 231/2002: the creditor may
-- prove higher costs), entered by a person, each with its proof kept beside it.
create table recovery_costs (
  creditor_id bigint not null,
  id bigint generated always as identity,
  invoice_id bigint not null,
  incurred_on date not null,
  amount_cents bigint not null check (amount_cents > 0),
  currency char(3) not null,
  description text not null check (length(trim(description)) > 0),
  proof_file_name text,
  proof_media_type text,
  proof_sha256 text,
  proof bytea,
  added_by text not null,
  added_at timestamptz not null default now(),
  primary key (creditor_id, id),
  foreign key (creditor_id, invoice_id) references invoices (creditor_id, id),
  check ((proof is null) = (proof_sha256 is null) and (proof is null) = (proof_file_name is null))
);
create index recovery_costs_invoice on recovery_costs (creditor_id, invoice_id);
