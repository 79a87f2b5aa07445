import type { TSql } from '../database.ts';

/** Deletes up to `limit` sessions whose absolute timeout passed (revoked or not), oldest first. */
export async function deleteExpiredSessions(db: TSql, now: Date, limit: number): Promise<number> {
  const rows = await db.query(
    `delete from sessions where token_hash in (
       select token_hash from sessions where expires_at <= $1 order by expires_at limit $2)
     returning 1`,
    [now, limit],
  );
  return rows.length;
}

/** Deletes up to `limit` idempotency records created before `before`, oldest first. */
export async function deleteIdempotencyKeysBefore(db: TSql, before: Date, limit: number): Promise<number> {
  const rows = await db.query(
    `delete from idempotency_keys where (principal, key) in (
       select principal, key from idempotency_keys where created_at < $1 order by created_at limit $2)
     returning 1`,
    [before, limit],
  );
  return rows.length;
}

/** Deletes up to `limit` log-in attempts made before `before`, oldest first. */
export async function deleteLoginAttemptsBefore(db: TSql, before: Date, limit: number): Promise<number> {
  const rows = await db.query(
    `delete from login_attempts where id in (
       select id from login_attempts where attempted_at < $1 order by attempted_at limit $2)
     returning 1`,
    [before, limit],
  );
  return rows.length;
}
