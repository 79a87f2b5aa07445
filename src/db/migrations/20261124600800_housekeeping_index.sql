-- The worker's housekeeping deletes sessions past their absolute timeout in batches, oldest
-- first: an index on expires_at keeps each batch a short range scan (idempotency_keys has one on
-- created_at already).
create index sessions_expires on sessions (expires_at);
