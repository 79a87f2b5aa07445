-- import_files was the one tenant table whose keys did not start with creditor_id. Every key
-- leads with the tenant so that the schema can be distributed by creditor (Citus) and so that
-- a file's fingerprint is unique per creditor, not across creditors.
alter table invoices drop constraint invoices_import_file_id_fkey;
alter table payments drop constraint payments_import_file_id_fkey;
alter table import_files drop constraint import_files_pkey;
alter table import_files add primary key (creditor_id, id);
alter table import_files drop constraint import_files_sha256_key;
alter table import_files add constraint import_files_creditor_sha256 unique (creditor_id, sha256);
drop index import_files_creditor;
-- The importer looks a file up by fingerprint before it has read which creditor it is for.
create index import_files_sha256 on import_files (sha256);
alter table invoices add constraint invoices_import_file_fkey
  foreign key (creditor_id, import_file_id) references import_files (creditor_id, id);
alter table payments add constraint payments_import_file_fkey
  foreign key (creditor_id, import_file_id) references import_files (creditor_id, id);
