-- The activity register can forget a debtor's personal data without breaking its hash chain.
-- Rows of format 2 are hashed over a salted SHA-256 digest of their personal payload (reason and
-- data) instead of the payload itself; erasure empties the payload and the salt, keeps the digest,
-- and the chain still proves every other field. Rows already written keep format 1 and the hash
-- rule they were written with: nothing is recomputed, so hashes already handed out (case files,
-- verifications kept by auditors) stay valid. The hash is computed by the application (canonical
-- JSON), which a plain SQL migration cannot reproduce anyway.
alter table register_entries
  add column format smallint not null default 1 check (format in (1, 2)),
  add column payload_salt text,
  add column payload_digest text,
  add column erased_at timestamptz,
  add constraint register_entries_format2_digest check (format = 1 or payload_digest is not null);

-- Still append-only: the one change allowed is an erasure, which empties reason, data and salt,
-- stamps erased_at, and leaves every other column (the hashed ones) exactly as it was.
create function register_entries_erase_only() returns trigger language plpgsql as $$
begin
  if tg_op = 'UPDATE' and old.erased_at is null and new.erased_at is not null
     and new.reason is null and new.data = '{}'::jsonb and new.payload_salt is null
     and (new.creditor_id, new.seq, new.occurred_at, new.actor, new.action, new.subject_type, new.subject_id,
          new.debtor_id, new.prev_hash, new.hash, new.format, new.payload_digest)
         is not distinct from
         (old.creditor_id, old.seq, old.occurred_at, old.actor, old.action, old.subject_type, old.subject_id,
          old.debtor_id, old.prev_hash, old.hash, old.format, old.payload_digest) then
    return new;
  end if;
  raise exception 'the activity register is append-only (% refused)', tg_op using errcode = '42501';
end $$;
drop trigger register_entries_no_update on register_entries;
create trigger register_entries_no_update before update or delete on register_entries
  for each row execute function register_entries_erase_only();
