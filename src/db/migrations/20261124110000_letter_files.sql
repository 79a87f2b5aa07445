-- A letter is rendered once, when its print batch is made, and kept: a rerun of the batch for
-- the same day writes the same files, even if a payment arrived in between (that letter was printed).
alter table outbox add column letter_pdf bytea;
alter table outbox add column letter_pages int;
