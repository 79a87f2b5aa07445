-- Where a case's policy came from, and when it last switched. A case whose policy came from an
-- assignment rule or the creditor's default is re-resolved when its debtor's risk class changes;
-- one following a per-invoice or per-debtor override keeps it (a person chose it).
alter table collection_cases
  add column policy_source text not null default 'rule'
    check (policy_source in ('invoice', 'debtor', 'rule', 'default')),
  add column policy_switched_on date;

-- Cases opened before this column: an override that still names the case's policy is taken as
-- its source (the best the data can tell); everything else came from a rule or the default.
update collection_cases c set policy_source = 'invoice'
where exists (
  select 1 from case_instalments ci
  join instalments i on i.creditor_id = ci.creditor_id and i.id = ci.instalment_id
  join invoice_policies ip on ip.creditor_id = i.creditor_id and ip.invoice_id = i.invoice_id
  where ci.creditor_id = c.creditor_id and ci.case_id = c.id and ip.policy_id = c.policy_id
);
update collection_cases c set policy_source = 'debtor'
where policy_source = 'rule' and exists (
  select 1 from debtor_policies dp
  where dp.creditor_id = c.creditor_id and dp.debtor_id = c.debtor_id and dp.policy_id = c.policy_id
);
