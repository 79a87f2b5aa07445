import type { TSql } from '../database.ts';

export type TSessionRow = {
  token_hash: string;
  user_id: number;
  csrf_token: string;
  created_at: Date;
  last_seen_at: Date;
  expires_at: Date;
  revoked_at: Date | null;
};

export async function insertSession(db: TSql, s: Omit<TSessionRow, 'revoked_at'>): Promise<void> {
  await db.query(
    `insert into sessions (token_hash, user_id, csrf_token, created_at, last_seen_at, expires_at)
     values ($1, $2, $3, $4, $5, $6)`,
    [s.token_hash, s.user_id, s.csrf_token, s.created_at, s.last_seen_at, s.expires_at],
  );
}

export async function findSession(db: TSql, tokenHash: string): Promise<TSessionRow | undefined> {
  const [row] = await db.query<TSessionRow>('select * from sessions where token_hash = $1', [tokenHash]);
  return row;
}

export async function touchSession(db: TSql, tokenHash: string, at: Date): Promise<void> {
  await db.query('update sessions set last_seen_at = greatest(last_seen_at, $2) where token_hash = $1', [
    tokenHash,
    at,
  ]);
}

export async function revokeSession(db: TSql, tokenHash: string, at: Date): Promise<void> {
  await db.query('update sessions set revoked_at = $2 where token_hash = $1 and revoked_at is null', [
    tokenHash,
    at,
  ]);
}

export async function revokeUserSessions(db: TSql, userId: number, at: Date): Promise<void> {
  await db.query('update sessions set revoked_at = $2 where user_id = $1 and revoked_at is null', [
    userId,
    at,
  ]);
}
