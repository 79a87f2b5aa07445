-- Prescription: a court claim holds the clock until the judgment is final (art. 2945 c.2 c.c.),
-- so the register of interruptions also knows the end of the case: `judgment-final` (a new
-- 10-year period, art. 2953) and `claim-extinguished` (art. 2945 c.3: the claim counts as an
-- instantaneous interruption).
alter table prescription_interruptions drop constraint prescription_interruptions_kind_check;
alter table prescription_interruptions add constraint prescription_interruptions_kind_check
  check (kind in ('registered-letter', 'pec', 'acknowledgement', 'court-claim', 'judgment-final',
                  'claim-extinguished'));

-- A demand the outbox sent and the debtor received (PEC delivery receipt, registered letter
-- delivered) interrupts by itself: the row names the message, and a message interrupts each of
-- its instalments once, however often its receipt is ingested.
alter table prescription_interruptions add column outbox_id bigint;
alter table prescription_interruptions
  add foreign key (creditor_id, outbox_id) references outbox (creditor_id, id);
create unique index prescription_interruptions_outbox
  on prescription_interruptions (creditor_id, outbox_id, instalment_id) where outbox_id is not null;

-- Registered letters: the day the post delivered it (tracking, return receipt).
alter table outbox add column delivered_on date;
