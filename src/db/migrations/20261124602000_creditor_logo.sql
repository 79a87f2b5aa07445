-- The creditor's logo for the letterhead of letters and statements: the image itself (PNG or
-- JPEG, at most 512 KB, checked by the use case and bounded here too) and its media type.
alter table creditors add column logo bytea;
alter table creditors add column logo_media_type text;
alter table creditors add constraint creditors_logo_size check (logo is null or octet_length(logo) <= 524288);
alter table creditors add constraint creditors_logo_type check (
  (logo is null and logo_media_type is null)
  or (logo is not null and logo_media_type in ('image/png', 'image/jpeg'))
);
