import type { TSql } from '../database.ts';

export type TApiKeyRow = {
  creditor_id: number;
  id: number;
  name: string;
  token_prefix: string;
  permissions: string[];
  created_by: string;
  created_at: Date;
  last_used_at: Date | null;
  revoked_at: Date | null;
};

const COLUMNS =
  'creditor_id, id, name, token_prefix, permissions, created_by, created_at, last_used_at, revoked_at';

export async function insertApiKey(
  db: TSql,
  key: {
    creditorId: number;
    name: string;
    tokenHash: string;
    tokenPrefix: string;
    permissions: string[];
    createdBy: string;
    now: Date;
  },
): Promise<TApiKeyRow> {
  const [row] = await db.query<TApiKeyRow>(
    `insert into api_keys (creditor_id, name, token_hash, token_prefix, permissions, created_by, created_at)
     values ($1, $2, $3, $4, $5, $6, $7) returning ${COLUMNS}`,
    [key.creditorId, key.name, key.tokenHash, key.tokenPrefix, key.permissions, key.createdBy, key.now],
  );
  return row!;
}

export async function findApiKeyByHash(db: TSql, tokenHash: string): Promise<TApiKeyRow | undefined> {
  const [row] = await db.query<TApiKeyRow>(`select ${COLUMNS} from api_keys where token_hash = $1`, [
    tokenHash,
  ]);
  return row;
}

export async function listApiKeyRows(db: TSql, creditorId: number | null): Promise<TApiKeyRow[]> {
  return db.query<TApiKeyRow>(
    `select ${COLUMNS} from api_keys where ($1::int8 is null or creditor_id = $1) order by creditor_id, id`,
    [creditorId],
  );
}

export async function revokeApiKey(db: TSql, creditorId: number, id: number, at: Date): Promise<boolean> {
  const rows = await db.query(
    'update api_keys set revoked_at = $3 where creditor_id = $1 and id = $2 and revoked_at is null returning id',
    [creditorId, id, at],
  );
  return rows.length > 0;
}

/** Last use at minute precision: one write per key per minute, not per request. */
export async function touchApiKey(db: TSql, creditorId: number, id: number, at: Date): Promise<void> {
  await db.query(
    `update api_keys set last_used_at = $3 where creditor_id = $1 and id = $2
       and (last_used_at is null or last_used_at < $3::timestamptz - interval '1 minute')`,
    [creditorId, id, at],
  );
}
