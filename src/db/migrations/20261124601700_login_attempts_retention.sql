-- Housekeeping deletes log-in attempts past their retention, oldest first: an index on the time.
create index login_attempts_attempted_at on login_attempts (attempted_at);
