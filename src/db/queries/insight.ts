import { assertUnreachable } from '../../core/shared/errors.ts';
import type { TSql } from '../database.ts';

/**
 * Portfolio reports, set-based: each is one or two aggregate queries whatever the number of
 * instalments, and returns one row per group (and bucket), never per instalment. Amounts open on
 * a date D are reconstructed as instalment amount minus the allocations dated on or before D, for
 * invoices issued on or before D: any past date can be reported exactly.
 */
/**
 * Work memory for one portfolio-wide aggregate: over a million instalments its hashes and sorts
 * take tens of MB, and with PostgreSQL's 4 MB default they spill to disk and run several times
 * slower. Set per transaction (set local), so other connections keep the server's setting.
 */
export const ANALYTIC_WORK_MEM = '128MB';

/** Runs `fn` in a transaction (or the caller's) with ANALYTIC_WORK_MEM. */
export async function withAnalyticMemory<T>(db: TSql, fn: (tx: TSql) => Promise<T>): Promise<T> {
  return db.transaction(async (tx) => {
    await tx.query(`set local work_mem = '${ANALYTIC_WORK_MEM}'`);
    return fn(tx);
  });
}

export const REPORT_GROUPINGS = ['creditor', 'debtor', 'class', 'currency'] as const;
export type TReportGrouping = (typeof REPORT_GROUPINGS)[number];

/** Group keys every report row carries; the ones a grouping does not use are null. */
export type TGroupKey = {
  creditor_id: number | null;
  debtor_id: number | null;
  risk_class: string | null;
  currency: string;
};

export type TGroupLabels = {
  creditor_vat: string | null;
  creditor_name: string | null;
  debtor_name: string | null;
  debtor_vat: string | null;
  debtor_fiscal_code: string | null;
};

/** The group columns for a grouping; only these fixed expressions are ever put into SQL text. */
function groupColumns(by: TReportGrouping): string {
  switch (by) {
    case 'creditor':
      return 'i.creditor_id as creditor_id, null::int8 as debtor_id, null::text as risk_class';
    case 'debtor':
      return 'i.creditor_id as creditor_id, i.debtor_id as debtor_id, null::text as risk_class';
    case 'class':
      return `i.creditor_id as creditor_id, null::int8 as debtor_id, coalesce(r.class, 'unscored') as risk_class`;
    case 'currency':
      return 'null::int8 as creditor_id, null::int8 as debtor_id, null::text as risk_class';
    default:
      return assertUnreachable(by);
  }
}

function riskJoin(by: TReportGrouping): string {
  return by === 'class'
    ? 'left join debtor_risk r on r.creditor_id = i.creditor_id and r.debtor_id = i.debtor_id'
    : '';
}

/** Wraps a grouped query `g` with the creditor's and debtor's names for display. */
function withLabels(grouped: string, order: string): string {
  return `select g.*, c.vat_number as creditor_vat, c.name as creditor_name, d.name as debtor_name,
                 d.vat_number as debtor_vat, d.fiscal_code as debtor_fiscal_code
          from (${grouped}) g
          left join creditors c on c.id = g.creditor_id
          left join debtors d on d.creditor_id = g.creditor_id and d.id = g.debtor_id
          order by c.vat_number nulls first, d.name nulls first, g.debtor_id nulls first, g.risk_class nulls first,
                   g.currency${order ? `, ${order}` : ''}`;
}

/** Allocations per instalment up to a date ($1), optionally of one creditor ($2). */
const SETTLED_BY_AS_OF = `settled as (
  select a.creditor_id, a.instalment_id, sum(a.amount_cents)::int8 as cents
  from allocations a
  where a.allocated_on <= $1::date and ($2::int8 is null or a.creditor_id = $2)
  group by a.creditor_id, a.instalment_id)`;

export type TAgingRow = TGroupKey & TGroupLabels & { bucket: number; cents: number };

/** Open amounts on `asOf` by group and aging bucket: width_bucket over the core's lower bounds. */
export async function agingByGroup(
  db: TSql,
  p: { asOf: string; creditorId: number | null; by: TReportGrouping; lowerBounds: readonly number[] },
): Promise<TAgingRow[]> {
  const grouped = `with ${SETTLED_BY_AS_OF}
    select ${groupColumns(p.by)}, i.currency::text as currency,
           width_bucket($1::date - t.due_date, $3::int[]) as bucket,
           sum(t.amount_cents - coalesce(s.cents, 0))::int8 as cents
    from instalments t
    join invoices i on i.creditor_id = t.creditor_id and i.id = t.invoice_id
    left join settled s on s.creditor_id = t.creditor_id and s.instalment_id = t.id
    ${riskJoin(p.by)}
    where i.issue_date <= $1::date and ($2::int8 is null or t.creditor_id = $2)
      and t.amount_cents > coalesce(s.cents, 0)
    group by 1, 2, 3, 4, 5`;
  return withAnalyticMemory(db, (tx) =>
    tx.query<TAgingRow>(withLabels(grouped, 'g.bucket'), [p.asOf, p.creditorId, p.lowerBounds]),
  );
}

export type TReceivablesRow = TGroupKey & TGroupLabels & { cents: number };

/** Receivables open on `asOf` by group (the AR of the DSO). */
export async function receivablesByGroup(
  db: TSql,
  p: { asOf: string; creditorId: number | null; by: TReportGrouping },
): Promise<TReceivablesRow[]> {
  const grouped = `with ${SETTLED_BY_AS_OF}
    select ${groupColumns(p.by)}, i.currency::text as currency,
           sum(t.amount_cents - coalesce(s.cents, 0))::int8 as cents
    from instalments t
    join invoices i on i.creditor_id = t.creditor_id and i.id = t.invoice_id
    left join settled s on s.creditor_id = t.creditor_id and s.instalment_id = t.id
    ${riskJoin(p.by)}
    where i.issue_date <= $1::date and ($2::int8 is null or t.creditor_id = $2)
      and t.amount_cents > coalesce(s.cents, 0)
    group by 1, 2, 3, 4`;
  return withAnalyticMemory(db, (tx) =>
    tx.query<TReceivablesRow>(withLabels(grouped, ''), [p.asOf, p.creditorId]),
  );
}

export type TSalesRow = TGroupKey & { period: number; cents: number };

/**
 * Credit sales (totals of invoices, debit notes and other documents, credit notes excluded) by
 * group and countback period. `periodStarts` ascending; width_bucket numbers them 1 = oldest.
 */
export async function salesByPeriod(
  db: TSql,
  p: { asOf: string; creditorId: number | null; by: TReportGrouping; periodStarts: readonly string[] },
): Promise<TSalesRow[]> {
  return db.query<TSalesRow>(
    `select ${groupColumns(p.by)}, i.currency::text as currency,
            width_bucket(i.issue_date, $3::date[]) as period,
            sum(i.total_cents)::int8 as cents
     from invoices i
     ${riskJoin(p.by)}
     where i.type <> 'credit-note' and i.issue_date >= ($3::date[])[1] and i.issue_date <= $1::date
       and ($2::int8 is null or i.creditor_id = $2)
     group by 1, 2, 3, 4, 5`,
    [p.asOf, p.creditorId, p.periodStarts],
  );
}

export type TCeiRow = TGroupKey &
  TGroupLabels & {
    beginning_cents: number;
    sales_cents: number;
    ending_cents: number;
    ending_current_cents: number;
  };

/**
 * The four balances of the collection effectiveness index in one pass: receivables at the end of
 * `beginOn` (the day before the period), sales issued after it, receivables and not-yet-due
 * receivables at the end of `endOn`.
 */
export async function ceiBalancesByGroup(
  db: TSql,
  p: { beginOn: string; endOn: string; creditorId: number | null; by: TReportGrouping },
): Promise<TCeiRow[]> {
  const grouped = `with settled as (
      select a.creditor_id, a.instalment_id,
             coalesce(sum(a.amount_cents) filter (where a.allocated_on <= $3::date), 0)::int8 as at_begin,
             sum(a.amount_cents)::int8 as at_end
      from allocations a
      where a.allocated_on <= $1::date and ($2::int8 is null or a.creditor_id = $2)
      group by a.creditor_id, a.instalment_id)
    select ${groupColumns(p.by)}, i.currency::text as currency,
      coalesce(sum(t.amount_cents - coalesce(s.at_begin, 0)) filter (where i.issue_date <= $3::date), 0)::int8 as beginning_cents,
      coalesce(sum(t.amount_cents) filter (where i.issue_date > $3::date), 0)::int8 as sales_cents,
      sum(t.amount_cents - coalesce(s.at_end, 0))::int8 as ending_cents,
      coalesce(sum(t.amount_cents - coalesce(s.at_end, 0)) filter (where t.due_date >= $1::date), 0)::int8 as ending_current_cents
    from instalments t
    join invoices i on i.creditor_id = t.creditor_id and i.id = t.invoice_id
    left join settled s on s.creditor_id = t.creditor_id and s.instalment_id = t.id
    ${riskJoin(p.by)}
    where i.issue_date <= $1::date and ($2::int8 is null or t.creditor_id = $2)
      and (t.amount_cents > coalesce(s.at_begin, 0) or i.issue_date > $3::date)
    group by 1, 2, 3, 4`;
  return withAnalyticMemory(db, (tx) =>
    tx.query<TCeiRow>(withLabels(grouped, ''), [p.endOn, p.creditorId, p.beginOn]),
  );
}

export type TForecastRow = TGroupKey & TGroupLabels & { slot: number; cents: number };

/** Open amounts on `asOf` by week of due date: 0 overdue, 1..weeks, weeks+1 later. */
export async function forecastByGroup(
  db: TSql,
  p: { asOf: string; creditorId: number | null; by: TReportGrouping; weeks: number },
): Promise<TForecastRow[]> {
  const grouped = `with ${SETTLED_BY_AS_OF}
    select ${groupColumns(p.by)}, i.currency::text as currency,
           case when t.due_date < $1::date then 0
                else least((t.due_date - $1::date) / 7 + 1, $3::int + 1) end as slot,
           sum(t.amount_cents - coalesce(s.cents, 0))::int8 as cents
    from instalments t
    join invoices i on i.creditor_id = t.creditor_id and i.id = t.invoice_id
    left join settled s on s.creditor_id = t.creditor_id and s.instalment_id = t.id
    ${riskJoin(p.by)}
    where i.issue_date <= $1::date and ($2::int8 is null or t.creditor_id = $2)
      and t.amount_cents > coalesce(s.cents, 0)
    group by 1, 2, 3, 4, 5`;
  return withAnalyticMemory(db, (tx) =>
    tx.query<TForecastRow>(withLabels(grouped, 'g.slot'), [p.asOf, p.creditorId, p.weeks]),
  );
}

/**
 * Promises to pay and payment-plan instalments pending on `asOf` (made by then, not resolved by
 * then) by group and week of their date, in the currency of the case's invoices. The case table
 * is aliased `i` because it carries the creditor_id and debtor_id the group columns read.
 */
export async function promisesByGroup(
  db: TSql,
  p: { asOf: string; creditorId: number | null; by: TReportGrouping; weeks: number },
): Promise<TForecastRow[]> {
  const grouped = `select ${groupColumns(p.by)}, coalesce(cur.currency, 'EUR') as currency,
           case when pr.due_date < $1::date then 0
                else least((pr.due_date - $1::date) / 7 + 1, $3::int + 1) end as slot,
           sum(pr.amount_cents)::int8 as cents
    from collection_promises pr
    join collection_cases i on i.creditor_id = pr.creditor_id and i.id = pr.case_id
    left join lateral (
      select inv.currency::text as currency from case_instalments ci
      join instalments t on t.creditor_id = ci.creditor_id and t.id = ci.instalment_id
      join invoices inv on inv.creditor_id = t.creditor_id and inv.id = t.invoice_id
      where ci.creditor_id = i.creditor_id and ci.case_id = i.id limit 1) cur on true
    ${riskJoin(p.by)}
    where pr.made_on <= $1::date and (pr.resolved_on is null or pr.resolved_on > $1::date)
      and ($2::int8 is null or pr.creditor_id = $2)
    group by 1, 2, 3, 4, 5`;
  return db.query<TForecastRow>(withLabels(grouped, 'g.slot'), [p.asOf, p.creditorId, p.weeks]);
}

export type TOverdueTrendRow = TGroupKey & TGroupLabels & { point: number; cents: number };

/**
 * Overdue amounts at many dates in ONE pass (the dashboard's trend: 12 dates cost one report, not
 * twelve). Allocations never exceed their instalment, so an as-of open amount is never negative
 * and the overdue total at D is linear: every instalment issued by D and due before D adds its
 * amount, every allocation dated by D on such an instalment takes its own back. Each row therefore
 * counts from a start date on (instalment: greatest(issue, due + 1); allocation: that or its own
 * date, whichever is later): rows are summed by the first of the ascending `dates` ($3) on or
 * after their start (`point`, 1-based) and the caller accumulates. Exact to the cent, like aging.
 */
export async function overdueTrendByGroup(
  db: TSql,
  p: { dates: readonly string[]; creditorId: number | null; by: TReportGrouping },
): Promise<TOverdueTrendRow[]> {
  const last = p.dates[p.dates.length - 1]!;
  // The union is aliased "i": it carries the creditor, debtor and currency the group columns read.
  const grouped = `select ${groupColumns(p.by)}, i.currency::text as currency,
           width_bucket(i.starts_on - 1, $3::date[]) + 1 as point,
           sum(i.cents)::int8 as cents
    from (select v.creditor_id, v.debtor_id, v.currency, greatest(v.issue_date, t.due_date + 1) as starts_on,
                 t.amount_cents as cents
          from instalments t join invoices v on v.creditor_id = t.creditor_id and v.id = t.invoice_id
          where ($2::int8 is null or t.creditor_id = $2)
          union all
          select v.creditor_id, v.debtor_id, v.currency, greatest(v.issue_date, t.due_date + 1, a.allocated_on),
                 -a.amount_cents
          from allocations a
          join instalments t on t.creditor_id = a.creditor_id and t.id = a.instalment_id
          join invoices v on v.creditor_id = t.creditor_id and v.id = t.invoice_id
          where ($2::int8 is null or a.creditor_id = $2)) i
    ${riskJoin(p.by)}
    where i.starts_on <= $1::date
    group by 1, 2, 3, 4, 5`;
  return withAnalyticMemory(db, (tx) =>
    tx.query<TOverdueTrendRow>(withLabels(grouped, 'g.point'), [last, p.creditorId, p.dates]),
  );
}
