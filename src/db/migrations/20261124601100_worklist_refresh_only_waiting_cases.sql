-- refresh_task_priorities (20261124600900) computed what every named case still owes before
-- looking for its open tasks: the daily run opens a case and joins its instalments before the
-- case has a task, so the case_instalments trigger paid the full outstanding computation for
-- thousands of cases with nothing to update (a third of a first run's insert time). Same keys,
-- same triggers; the cases without an open task are now dropped first, through the
-- collection_tasks_open index, and only the rest are summed.
create or replace function refresh_task_priorities(p_creditor_ids bigint[], p_case_ids bigint[]) returns void
language sql as $$
  with waiting as materialized (
    select t.creditor_id, t.case_id
    from (select distinct creditor_id, case_id from unnest(p_creditor_ids, p_case_ids) as t (creditor_id, case_id)) t
    where exists (select 1 from collection_tasks w
                  where w.creditor_id = t.creditor_id and w.case_id = t.case_id and w.status = 'open')
  )
  update collection_tasks k
  set priority_broken = c.broken_promises > 0,
      priority_amount_cents = coalesce(o.amount_cents, 0),
      priority_oldest_due = o.oldest_due,
      priority_risk = case r.class when 'to-avoid' then 2 when 'under-observation' then 1 when 'healthy' then 0 else -1 end
  from waiting t
  join collection_cases c on c.creditor_id = t.creditor_id and c.id = t.case_id
  left join debtor_risk r on r.creditor_id = c.creditor_id and r.debtor_id = c.debtor_id
  left join lateral (
    select sum(s.outstanding) as amount_cents, min(s.due_date) as oldest_due
    from (select i.due_date,
                 i.amount_cents - coalesce((select sum(a.amount_cents) from allocations a
                                            where a.creditor_id = i.creditor_id and a.instalment_id = i.id), 0) as outstanding
          from case_instalments ci
          join instalments i on i.creditor_id = ci.creditor_id and i.id = ci.instalment_id
          where ci.creditor_id = c.creditor_id and ci.case_id = c.id) s
    where s.outstanding > 0) o on true
  where k.creditor_id = t.creditor_id and k.case_id = t.case_id and k.status = 'open'
$$;
