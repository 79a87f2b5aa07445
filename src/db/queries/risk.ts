import type { TSql } from '../database.ts';
import type { TDebtorRow } from './debtors.ts';
import { withAnalyticMemory } from './insight.ts';

/**
 * Risk data per debtor. behaviourByDebtor computes, in one aggregate query over a creditor's
 * instalments, the sums and counts that core/insight/payment-behaviour.ts defines (and tests by
 * hand); the score itself is computed from them in the core.
 */
export type TBehaviourParams = {
  creditorId: number;
  debtorId: number | null;
  asOf: string;
  last12After: string;
  last6After: string;
  veryLateDays: number;
};

export type TDebtorBehaviourRow = {
  debtor_id: number;
  name: string;
  vat_number: string | null;
  fiscal_code: string | null;
  due_count: number;
  late_count: number;
  very_late_count: number;
  days_beyond_sum: number;
  weighted_days_12: number;
  measured_cents_12: number;
  weighted_days_6: number;
  measured_cents_6: number;
  weighted_days_prior_6: number;
  measured_cents_prior_6: number;
  exposure_cents: number;
  overdue_cents: number;
  credit_limit_cents: number | null;
  credit_limit_currency: string;
  recorded_class: string | null;
  recorded_score: number | null;
  recorded_on: string | null;
  recorded_chronic: boolean;
  broken_promises: number;
  open_disputes: number;
  external_provider: string | null;
  external_rating: string | null;
  external_score: number | null;
  external_rated_on: string | null;
};

export async function behaviourByDebtor(db: TSql, p: TBehaviourParams): Promise<TDebtorBehaviourRow[]> {
  if (p.debtorId === null) return withAnalyticMemory(db, (tx) => behaviourQuery(tx, p));
  return behaviourQuery(db, p);
}

async function behaviourQuery(db: TSql, p: TBehaviourParams): Promise<TDebtorBehaviourRow[]> {
  return db.query<TDebtorBehaviourRow>(
    `with inst as (
       select i.debtor_id, t.due_date, t.amount_cents, i.currency,
              coalesce(sum(a.amount_cents) filter (where a.credit_note_id is not null), 0) as credited,
              coalesce(sum(a.amount_cents) filter (where a.payment_id is not null), 0) as paid,
              coalesce(sum(a.amount_cents * greatest(0, a.allocated_on - t.due_date))
                       filter (where a.payment_id is not null), 0) as paid_delay,
              max(a.allocated_on) as last_on
       from instalments t
       join invoices i on i.creditor_id = t.creditor_id and i.id = t.invoice_id
       left join allocations a on a.creditor_id = t.creditor_id and a.instalment_id = t.id
                              and a.allocated_on <= $3::date
       where t.creditor_id = $1 and i.issue_date <= $3::date and ($2::int8 is null or i.debtor_id = $2)
       group by i.debtor_id, t.id, t.due_date, t.amount_cents, i.currency),
     measured as (
       select debtor_id, due_date, amount_cents - credited as m,
              case when amount_cents - credited - paid > 0 then $3::date - due_date
                   else greatest(0, last_on - due_date) end as d,
              paid_delay + (amount_cents - credited - paid) * ($3::date - due_date) as w
       from inst
       where due_date <= $3::date and amount_cents - credited > 0
         and (due_date > $4::date or amount_cents - credited - paid > 0)),
     behaviour as (
       select debtor_id, count(*) as due_count,
              count(*) filter (where d > 0) as late_count,
              count(*) filter (where d > $6::int) as very_late_count,
              sum(d) as days_beyond_sum, sum(w) as w12, sum(m) as m12,
              coalesce(sum(w) filter (where due_date > $5::date), 0) as w6,
              coalesce(sum(m) filter (where due_date > $5::date), 0) as m6,
              coalesce(sum(w) filter (where due_date <= $5::date), 0) as wp6,
              coalesce(sum(m) filter (where due_date <= $5::date), 0) as mp6
       from measured group by debtor_id),
     exposure as (
       select x.debtor_id, sum(x.amount_cents - x.credited - x.paid) as cents,
              coalesce(sum(x.amount_cents - x.credited - x.paid) filter (where x.due_date < $3::date), 0) as overdue
       from inst x
       left join debtor_risk r on r.creditor_id = $1 and r.debtor_id = x.debtor_id
       where x.amount_cents - x.credited - x.paid > 0 and x.currency = coalesce(r.credit_limit_currency, 'EUR')
       group by x.debtor_id),
     promises as (
       select c.debtor_id, count(*) as broken
       from collection_promises p
       join collection_cases c on c.creditor_id = p.creditor_id and c.id = p.case_id
       where p.creditor_id = $1 and ($2::int8 is null or c.debtor_id = $2) and p.status = 'broken'
         and p.resolved_on > $4::date and p.resolved_on <= $3::date
       group by c.debtor_id),
     disputes as (
       select i.debtor_id, count(*) as open
       from collection_disputes x
       join invoices i on i.creditor_id = x.creditor_id and i.id = x.invoice_id
       where x.creditor_id = $1 and ($2::int8 is null or i.debtor_id = $2)
         and x.opened_on <= $3::date and (x.closed_on is null or x.closed_on > $3::date)
       group by i.debtor_id)
     select d.id as debtor_id, d.name, d.vat_number, d.fiscal_code,
            coalesce(b.due_count, 0)::int8 as due_count, coalesce(b.late_count, 0)::int8 as late_count,
            coalesce(b.very_late_count, 0)::int8 as very_late_count,
            coalesce(b.days_beyond_sum, 0)::int8 as days_beyond_sum,
            coalesce(b.w12, 0)::int8 as weighted_days_12, coalesce(b.m12, 0)::int8 as measured_cents_12,
            coalesce(b.w6, 0)::int8 as weighted_days_6, coalesce(b.m6, 0)::int8 as measured_cents_6,
            coalesce(b.wp6, 0)::int8 as weighted_days_prior_6, coalesce(b.mp6, 0)::int8 as measured_cents_prior_6,
            coalesce(e.cents, 0)::int8 as exposure_cents, coalesce(e.overdue, 0)::int8 as overdue_cents,
            r.credit_limit_cents, coalesce(r.credit_limit_currency, 'EUR')::text as credit_limit_currency,
            r.class as recorded_class, r.score::int8 as recorded_score, r.scored_on as recorded_on,
            coalesce(r.is_chronic_late_payer, false) as recorded_chronic,
            coalesce(bp.broken, 0)::int8 as broken_promises, coalesce(od.open, 0)::int8 as open_disputes,
            x.provider as external_provider, x.rating as external_rating, x.score::int8 as external_score,
            x.rated_on as external_rated_on
     from debtors d
     left join behaviour b on b.debtor_id = d.id
     left join exposure e on e.debtor_id = d.id
     left join debtor_risk r on r.creditor_id = d.creditor_id and r.debtor_id = d.id
     left join promises bp on bp.debtor_id = d.id
     left join disputes od on od.debtor_id = d.id
     left join lateral (
       select provider, rating, score, rated_on from external_ratings er
       where er.creditor_id = d.creditor_id and er.debtor_id = d.id and er.rated_on <= $3::date and er.rated_on > $4::date
       order by er.rated_on desc, er.imported_at desc, er.id desc limit 1) x on true
     where d.creditor_id = $1 and ($2::int8 is null or d.id = $2)
     order by d.id`,
    [p.creditorId, p.debtorId, p.asOf, p.last12After, p.last6After, p.veryLateDays],
  );
}

export type THistoryRow = {
  debtor_id: number;
  invoice_number: string;
  due_date: string;
  amount_cents: number;
  allocations: Array<{ on: string; cents: number; isCreditNote: boolean }>;
};

/** Item-level history of a few debtors' instalments due in (after, asOf] or still open: the evidence. */
export async function instalmentHistory(
  db: TSql,
  p: { creditorId: number; debtorIds: readonly number[]; after: string; asOf: string },
): Promise<THistoryRow[]> {
  const rows = await db.query<
    THistoryRow & { allocations: Array<{ on: string; cents: string | number; isCreditNote: boolean }> }
  >(
    `select i.debtor_id, i.number as invoice_number, t.due_date, t.amount_cents,
            coalesce(json_agg(json_build_object('on', a.allocated_on, 'cents', a.amount_cents,
                                                'isCreditNote', a.credit_note_id is not null)
                              order by a.allocated_on, a.id) filter (where a.id is not null), '[]') as allocations
     from instalments t
     join invoices i on i.creditor_id = t.creditor_id and i.id = t.invoice_id
     left join allocations a on a.creditor_id = t.creditor_id and a.instalment_id = t.id and a.allocated_on <= $4::date
     where t.creditor_id = $1 and i.debtor_id = any($2::int8[]) and t.due_date <= $4::date
       and i.issue_date <= $4::date
     group by i.debtor_id, i.number, t.id, t.due_date, t.amount_cents
     having t.due_date > $3::date or t.amount_cents > coalesce(sum(a.amount_cents), 0)
     order by i.debtor_id, t.due_date, t.id`,
    [p.creditorId, p.debtorIds, p.after, p.asOf],
  );
  return rows.map((r) => ({
    ...r,
    allocations: r.allocations.map((a) => ({ ...a, cents: Number(a.cents) })),
  }));
}

export type TScoreUpsert = {
  debtorId: number;
  score: number;
  internalScore: number;
  riskClass: string;
  isChronicLatePayer: boolean;
  factors: unknown;
  chronicEvidence: unknown;
};

export async function upsertScores(
  db: TSql,
  creditorId: number,
  scoredOn: string,
  scoredAt: Date,
  rows: readonly TScoreUpsert[],
): Promise<void> {
  if (rows.length === 0) return;
  await db.query(
    `insert into debtor_risk (creditor_id, debtor_id, score, internal_score, class, is_chronic_late_payer, factors,
                              chronic_evidence, scored_on, scored_at, updated_at)
     select $1, x.debtor_id, x.score, x.internal_score, x.class, x.chronic, x.factors::jsonb, x.evidence::jsonb,
            $2::date, $3::timestamptz, $3::timestamptz
     from unnest($4::int8[], $5::int2[], $6::int2[], $7::text[], $8::bool[], $9::text[], $10::text[])
       as x(debtor_id, score, internal_score, class, chronic, factors, evidence)
     on conflict (creditor_id, debtor_id) do update set score = excluded.score, internal_score = excluded.internal_score,
       class = excluded.class, is_chronic_late_payer = excluded.is_chronic_late_payer, factors = excluded.factors,
       chronic_evidence = excluded.chronic_evidence, scored_on = excluded.scored_on, scored_at = excluded.scored_at,
       updated_at = excluded.updated_at`,
    [
      creditorId,
      scoredOn,
      scoredAt.toISOString(),
      rows.map((r) => r.debtorId),
      rows.map((r) => r.score),
      rows.map((r) => r.internalScore),
      rows.map((r) => r.riskClass),
      rows.map((r) => r.isChronicLatePayer),
      rows.map((r) => JSON.stringify(r.factors)),
      rows.map((r) => JSON.stringify(r.chronicEvidence)),
    ],
  );
}

export type TCreditLimitRow = { credit_limit_cents: number | null; credit_limit_currency: string };

/** Locks the debtor's risk row (creating an empty one) so two limit changes serialise. */
export async function lockDebtorRisk(
  db: TSql,
  creditorId: number,
  debtorId: number,
): Promise<TCreditLimitRow> {
  await db.query(
    `insert into debtor_risk (creditor_id, debtor_id) values ($1, $2) on conflict (creditor_id, debtor_id) do nothing`,
    [creditorId, debtorId],
  );
  const [row] = await db.query<TCreditLimitRow>(
    `select credit_limit_cents, credit_limit_currency::text as credit_limit_currency from debtor_risk
     where creditor_id = $1 and debtor_id = $2 for update`,
    [creditorId, debtorId],
  );
  return row!;
}

export async function updateCreditLimit(
  db: TSql,
  creditorId: number,
  debtorId: number,
  limitCents: number | null,
  currency: string,
  at: Date,
): Promise<void> {
  await db.query(
    `update debtor_risk set credit_limit_cents = $3, credit_limit_currency = $4, updated_at = $5
     where creditor_id = $1 and debtor_id = $2`,
    [creditorId, debtorId, limitCents, currency, at.toISOString()],
  );
}

export type TNewExternalRating = {
  debtorId: number;
  provider: string;
  ratedOn: string;
  rating: string;
  rawScore: string;
  scaleMin: string;
  scaleMax: string;
  isHigherBetter: boolean;
  score: number;
};

/**
 * Stores ratings; the same debtor, provider and date again replaces the row only when something
 * differs. Returns how many rows were inserted and how many changed.
 */
export async function upsertExternalRatings(
  db: TSql,
  creditorId: number,
  rows: readonly TNewExternalRating[],
  meta: { source: string; importedBy: string; importedAt: Date },
): Promise<{ inserted: number; updated: number }> {
  if (rows.length === 0) return { inserted: 0, updated: 0 };
  const result = await db.query<{ is_insert: boolean }>(
    `insert into external_ratings (creditor_id, debtor_id, provider, rated_on, rating, raw_score, scale_min, scale_max,
                                   is_higher_better, score, source, imported_by, imported_at)
     select $1, x.debtor_id, x.provider, x.rated_on, x.rating, x.raw_score, x.scale_min, x.scale_max, x.higher,
            x.score, $2, $3, $4::timestamptz
     from unnest($5::int8[], $6::text[], $7::date[], $8::text[], $9::numeric[], $10::numeric[], $11::numeric[],
                 $12::bool[], $13::int2[])
       as x(debtor_id, provider, rated_on, rating, raw_score, scale_min, scale_max, higher, score)
     on conflict (creditor_id, debtor_id, provider, rated_on) do update set rating = excluded.rating,
       raw_score = excluded.raw_score, scale_min = excluded.scale_min, scale_max = excluded.scale_max,
       is_higher_better = excluded.is_higher_better, score = excluded.score, source = excluded.source,
       imported_by = excluded.imported_by, imported_at = excluded.imported_at
     where (external_ratings.rating, external_ratings.score, external_ratings.raw_score, external_ratings.scale_min,
            external_ratings.scale_max, external_ratings.is_higher_better)
           is distinct from (excluded.rating, excluded.score, excluded.raw_score, excluded.scale_min,
                             excluded.scale_max, excluded.is_higher_better)
     returning (xmax = 0) as is_insert`,
    [
      creditorId,
      meta.source,
      meta.importedBy,
      meta.importedAt.toISOString(),
      rows.map((r) => r.debtorId),
      rows.map((r) => r.provider),
      rows.map((r) => r.ratedOn),
      rows.map((r) => r.rating),
      rows.map((r) => r.rawScore),
      rows.map((r) => r.scaleMin),
      rows.map((r) => r.scaleMax),
      rows.map((r) => r.isHigherBetter),
      rows.map((r) => r.score),
    ],
  );
  const inserted = result.filter((r) => r.is_insert).length;
  return { inserted, updated: result.length - inserted };
}

/** Sets creditors.settings.risk, leaving the other settings as they are. */
export async function setRiskSettings(db: TSql, creditorId: number, settings: unknown): Promise<void> {
  await db.query(
    `update creditors set settings = settings || jsonb_build_object('risk', $2::jsonb) where id = $1`,
    [creditorId, JSON.stringify(settings)],
  );
}

/** A creditor's debtors designated by VAT number (with or without country prefix) or codice fiscale. */
export async function findDebtorsByIdentifiers(
  db: TSql,
  creditorId: number,
  identifiers: readonly string[],
): Promise<Array<{ id: number; vat_number: string | null; fiscal_code: string | null }>> {
  return db.query(
    `select id, vat_number, fiscal_code from debtors
     where creditor_id = $1
       and (vat_number = any($2::text[]) or fiscal_code = any($2::text[])
            or vat_number = any(select 'IT' || x from unnest($2::text[]) x))`,
    [creditorId, identifiers],
  );
}

export async function findDebtorRowById(
  db: TSql,
  debtorId: number,
  creditorId: number | null,
): Promise<TDebtorRow | undefined> {
  const [row] = await db.query<TDebtorRow>(
    `select creditor_id, id, name, kind, country, vat_number, fiscal_code, pec, emails, phones, language,
            customer_group, notes from debtors where id = $1 and ($2::int8 is null or creditor_id = $2)`,
    [debtorId, creditorId],
  );
  return row;
}
