-- The allocation bounds (an instalment never settled beyond its amount, a payment or credit note
-- never spent beyond its own) were checked by a row trigger: two aggregate queries for every
-- allocated row, most of the time of a bank statement import that settles 100,000 instalments in
-- one INSERT. The same check now runs once per statement over the rows it inserted (a transition
-- table), with the same messages. Same name, so bulk loads recognise it (src/bench/bulk-integrity.ts).
drop trigger allocations_bounds on allocations;
drop function allocations_check_bounds();

create function allocations_check_bounds() returns trigger language plpgsql as $$
declare
  bad bigint;
begin
  select t.instalment_id into bad
  from (select distinct creditor_id, instalment_id from new_allocations) t
  join instalments i on i.creditor_id = t.creditor_id and i.id = t.instalment_id
  where i.amount_cents < (select coalesce(sum(a.amount_cents), 0) from allocations a
                          where a.creditor_id = t.creditor_id and a.instalment_id = t.instalment_id)
  order by t.instalment_id
  limit 1;
  if bad is not null then
    raise exception 'allocations exceed instalment % amount', bad using errcode = '23514';
  end if;

  select t.payment_id into bad
  from (select distinct creditor_id, payment_id from new_allocations where payment_id is not null) t
  join payments p on p.creditor_id = t.creditor_id and p.id = t.payment_id
  where p.amount_cents < (select coalesce(sum(a.amount_cents), 0) from allocations a
                          where a.creditor_id = t.creditor_id and a.payment_id = t.payment_id)
  order by t.payment_id
  limit 1;
  if bad is not null then
    raise exception 'allocations exceed payment % amount', bad using errcode = '23514';
  end if;

  select t.credit_note_id into bad
  from (select distinct creditor_id, credit_note_id from new_allocations where credit_note_id is not null) t
  join invoices n on n.creditor_id = t.creditor_id and n.id = t.credit_note_id
  where n.total_cents < (select coalesce(sum(a.amount_cents), 0) from allocations a
                         where a.creditor_id = t.creditor_id and a.credit_note_id = t.credit_note_id)
  order by t.credit_note_id
  limit 1;
  if bad is not null then
    raise exception 'allocations exceed credit note % amount', bad using errcode = '23514';
  end if;
  return null;
end $$;

create trigger allocations_bounds after insert on allocations
  referencing new table as new_allocations
  for each statement execute function allocations_check_bounds();
