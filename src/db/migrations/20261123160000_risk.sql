-- Prevention (seed 003): each debtor's credit limit, its latest payment-behaviour score and
-- class, and the ratings bought from commercial-information providers. The class history is in
-- the activity register (action risk.class-changed), not here.

create table debtor_risk (
  creditor_id bigint not null,
  debtor_id bigint not null,
  credit_limit_cents bigint check (credit_limit_cents >= 0),    -- null: no limit set
  credit_limit_currency char(3) not null default 'EUR',
  score smallint check (score between 0 and 100),               -- null until first scored
  internal_score smallint check (internal_score between 0 and 100),
  class text check (class in ('healthy', 'under-observation', 'to-avoid')),
  is_chronic_late_payer boolean not null default false,
  factors jsonb not null default '[]',
  chronic_evidence jsonb not null default '[]',
  scored_on date,                                               -- the as-of date of the score
  scored_at timestamptz,
  updated_at timestamptz not null default now(),
  primary key (creditor_id, debtor_id),
  foreign key (creditor_id, debtor_id) references debtors (creditor_id, id)
);
create index debtor_risk_class on debtor_risk (creditor_id, class);

create table external_ratings (
  creditor_id bigint not null,
  id bigint generated always as identity,
  debtor_id bigint not null,
  provider text not null check (length(trim(provider)) > 0),
  rated_on date not null,
  rating text not null,                                         -- the provider's own label (A1, 7, ...)
  raw_score numeric not null,
  scale_min numeric not null,
  scale_max numeric not null check (scale_max > scale_min),
  is_higher_better boolean not null,
  score smallint not null check (score between 0 and 100),      -- normalised, 100 = lowest risk
  source text,                                                  -- file name it came from
  imported_by text not null,
  imported_at timestamptz not null,
  primary key (creditor_id, id),
  foreign key (creditor_id, debtor_id) references debtors (creditor_id, id),
  unique (creditor_id, debtor_id, provider, rated_on)
);
create index external_ratings_latest on external_ratings (creditor_id, debtor_id, rated_on desc);
