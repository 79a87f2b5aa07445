import type { TSql } from '../database.ts';
import { withAnalyticMemory } from './insight.ts';

/**
 * What the collection engine achieved, reconstructed for any as-of date from its records:
 * which step gets people to pay, and how promises fared.
 */
export type TStepRow = {
  creditor_id: number;
  creditor_vat: string;
  creditor_name: string;
  step_key: string;
  currency: string;
  cases_reached: number;
  cases_paying: number;
  collected_cents: number;
  cases_closed: number;
};

/**
 * Per step: the cases it reached (an action of that step created by asOf, not skipped or
 * cancelled); the payments allocated to the case's instalments while it was the case's latest
 * step (from its day up to the day before the case's next step, and by asOf), and how many cases
 * paid something then; the cases closed by asOf whose latest step before closing it was.
 */
export async function stepOutcomes(
  db: TSql,
  p: { asOf: string; creditorId: number | null },
): Promise<TStepRow[]> {
  return withAnalyticMemory(db, (tx) =>
    tx.query<TStepRow>(
      `with acts as (
         select a.creditor_id, a.case_id, a.step_key, a.created_on,
                lead(a.created_on) over (partition by a.creditor_id, a.case_id order by a.created_on, a.id) as next_on,
                row_number() over (partition by a.creditor_id, a.case_id order by a.created_on desc, a.id desc) as recency
         from collection_actions a
         where a.created_on <= $1::date and a.status not in ('skipped', 'cancelled')
           and ($2::int8 is null or a.creditor_id = $2)),
       case_currency as (
         select ci.creditor_id, ci.case_id, min(i.currency)::text as currency
         from case_instalments ci
         join instalments t on t.creditor_id = ci.creditor_id and t.id = ci.instalment_id
         join invoices i on i.creditor_id = t.creditor_id and i.id = t.invoice_id
         where ($2::int8 is null or ci.creditor_id = $2)
         group by ci.creditor_id, ci.case_id),
       money as (
         select x.creditor_id, x.case_id, x.step_key, i.currency::text as currency, sum(al.amount_cents)::int8 as cents
         from acts x
         join case_instalments ci on ci.creditor_id = x.creditor_id and ci.case_id = x.case_id
         join allocations al on al.creditor_id = ci.creditor_id and al.instalment_id = ci.instalment_id
                             and al.payment_id is not null and al.allocated_on >= x.created_on
                             and (x.next_on is null or al.allocated_on < x.next_on) and al.allocated_on <= $1::date
         join instalments t on t.creditor_id = ci.creditor_id and t.id = ci.instalment_id
         join invoices i on i.creditor_id = t.creditor_id and i.id = t.invoice_id
         group by x.creditor_id, x.case_id, x.step_key, i.currency),
       last_before_close as (
         select distinct on (c.creditor_id, c.id) c.creditor_id, c.id as case_id, x.step_key
         from collection_cases c
         join acts x on x.creditor_id = c.creditor_id and x.case_id = c.id and x.created_on <= c.closed_on
         where c.closed_on <= $1::date
         order by c.creditor_id, c.id, x.created_on desc, x.recency),
       per_case as (
         select x.creditor_id, x.step_key, coalesce(cc.currency, 'EUR') as currency, x.case_id,
                coalesce(m.cents, 0) as cents, (l.case_id is not null) as is_closed_here
         from (select distinct creditor_id, case_id, step_key from acts) x
         left join case_currency cc on cc.creditor_id = x.creditor_id and cc.case_id = x.case_id
         left join money m on m.creditor_id = x.creditor_id and m.case_id = x.case_id and m.step_key = x.step_key
         left join last_before_close l on l.creditor_id = x.creditor_id and l.case_id = x.case_id and l.step_key = x.step_key)
       select pc.creditor_id, c.vat_number as creditor_vat, c.name as creditor_name, pc.step_key, pc.currency,
              count(distinct pc.case_id)::int8 as cases_reached,
              count(distinct pc.case_id) filter (where pc.cents > 0)::int8 as cases_paying,
              sum(pc.cents)::int8 as collected_cents,
              count(distinct pc.case_id) filter (where pc.is_closed_here)::int8 as cases_closed
       from per_case pc join creditors c on c.id = pc.creditor_id
       group by pc.creditor_id, c.vat_number, c.name, pc.step_key, pc.currency
       order by c.vat_number, min(pc.case_id), pc.step_key, pc.currency`,
      [p.asOf, p.creditorId],
    ),
  );
}

export type TPromiseOutcomeRow = {
  creditor_id: number;
  creditor_vat: string;
  creditor_name: string;
  kind: 'promise' | 'plan';
  currency: string;
  pending_count: number;
  pending_cents: number;
  kept_count: number;
  kept_cents: number;
  broken_count: number;
  broken_cents: number;
  cancelled_count: number;
};

/** Promises (and plan instalments) made by asOf, by their state on asOf. */
export async function promiseOutcomes(
  db: TSql,
  p: { asOf: string; creditorId: number | null },
): Promise<TPromiseOutcomeRow[]> {
  return db.query<TPromiseOutcomeRow>(
    `with state as (
       select pr.creditor_id, case when pr.plan_id is null then 'promise' else 'plan' end as kind,
              pr.amount_cents,
              case when pr.resolved_on is null or pr.resolved_on > $1::date then 'pending' else pr.status end as status,
              (select min(i.currency)::text from case_instalments ci
                 join instalments t on t.creditor_id = ci.creditor_id and t.id = ci.instalment_id
                 join invoices i on i.creditor_id = t.creditor_id and i.id = t.invoice_id
               where ci.creditor_id = pr.creditor_id and ci.case_id = pr.case_id) as currency
       from collection_promises pr
       where pr.made_on <= $1::date and ($2::int8 is null or pr.creditor_id = $2))
     select s.creditor_id, c.vat_number as creditor_vat, c.name as creditor_name, s.kind,
            coalesce(s.currency, 'EUR') as currency,
            count(*) filter (where s.status = 'pending')::int8 as pending_count,
            coalesce(sum(s.amount_cents) filter (where s.status = 'pending'), 0)::int8 as pending_cents,
            count(*) filter (where s.status = 'kept')::int8 as kept_count,
            coalesce(sum(s.amount_cents) filter (where s.status = 'kept'), 0)::int8 as kept_cents,
            count(*) filter (where s.status = 'broken')::int8 as broken_count,
            coalesce(sum(s.amount_cents) filter (where s.status = 'broken'), 0)::int8 as broken_cents,
            count(*) filter (where s.status = 'cancelled')::int8 as cancelled_count
     from state s join creditors c on c.id = s.creditor_id
     group by s.creditor_id, c.vat_number, c.name, s.kind, coalesce(s.currency, 'EUR')
     order by c.vat_number, s.kind desc, 5`,
    [p.asOf, p.creditorId],
  );
}
