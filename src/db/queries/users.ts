import type { TSql } from '../database.ts';

export type TUserRow = {
  id: number;
  email: string;
  name: string;
  role: string;
  password_hash: string;
  totp_secret: string | null;
  totp_pending_secret: string | null;
  is_disabled: boolean;
  failed_logins: number;
  locked_until: Date | null;
  created_at: Date;
  creditor_ids: number[];
};

const COLUMNS = `u.id, u.email, u.name, u.role, u.password_hash, u.totp_secret, u.totp_pending_secret,
  u.is_disabled, u.failed_logins, u.locked_until, u.created_at,
  coalesce((select array_agg(uc.creditor_id order by uc.creditor_id) from user_creditors uc
            where uc.user_id = u.id), '{}') as creditor_ids`;

/** int8[] arrives as strings on one engine and numbers on the other: one shape here. */
function normalize(row: TUserRow | undefined): TUserRow | undefined {
  if (row) row.creditor_ids = (row.creditor_ids ?? []).map(Number);
  return row;
}

export async function findUserByEmail(db: TSql, email: string): Promise<TUserRow | undefined> {
  const [row] = await db.query<TUserRow>(`select ${COLUMNS} from users u where u.email = $1`, [email]);
  return normalize(row);
}

export async function findUserById(db: TSql, id: number): Promise<TUserRow | undefined> {
  const [row] = await db.query<TUserRow>(`select ${COLUMNS} from users u where u.id = $1`, [id]);
  return normalize(row);
}

export async function listUserRows(db: TSql): Promise<TUserRow[]> {
  const rows = await db.query<TUserRow>(`select ${COLUMNS} from users u order by u.id`);
  return rows.map((r) => normalize(r)!);
}

export async function insertUser(
  db: TSql,
  user: { email: string; name: string; role: string; passwordHash: string; now: Date },
): Promise<number> {
  const [row] = await db.query<{ id: number }>(
    `insert into users (email, name, role, password_hash, created_at, updated_at)
     values ($1, $2, $3, $4, $5, $5) on conflict (email) do nothing returning id`,
    [user.email, user.name, user.role, user.passwordHash, user.now],
  );
  return row?.id ?? 0;
}

export async function setUserCreditors(
  db: TSql,
  userId: number,
  creditorIds: readonly number[],
): Promise<void> {
  await db.query('delete from user_creditors where user_id = $1', [userId]);
  if (creditorIds.length > 0)
    await db.query(
      'insert into user_creditors (creditor_id, user_id) select unnest($2::int8[]), $1 on conflict do nothing',
      [userId, creditorIds],
    );
}

export async function updateUser(
  db: TSql,
  id: number,
  fields: Partial<{
    password_hash: string;
    totp_secret: string | null;
    totp_pending_secret: string | null;
    is_disabled: boolean;
    failed_logins: number;
    locked_until: Date | null;
    role: string;
  }>,
  now: Date,
): Promise<void> {
  const names = Object.keys(fields);
  if (names.length === 0) return;
  const sets = names.map((name, i) => `${name} = $${i + 3}`).join(', ');
  await db.query(`update users set ${sets}, updated_at = $2 where id = $1`, [
    id,
    now,
    ...names.map((n) => fields[n as keyof typeof fields]),
  ]);
}

export async function recordLoginAttempt(
  db: TSql,
  attempt: { email: string; address: string | null; isSuccess: boolean; at: Date },
): Promise<void> {
  await db.query(
    'insert into login_attempts (email, address, is_success, attempted_at) values ($1, $2, $3, $4)',
    [attempt.email, attempt.address, attempt.isSuccess, attempt.at],
  );
}

/** Failed attempts since `since` for this e-mail and (separately) from this address. */
export async function countFailedAttempts(
  db: TSql,
  email: string,
  address: string | null,
  since: Date,
): Promise<{ byEmail: number; byAddress: number }> {
  const [row] = await db.query<{ by_email: number; by_address: number }>(
    `select (select count(*) from login_attempts where email = $1 and attempted_at >= $3 and not is_success)::int8 as by_email,
            (select count(*) from login_attempts where address = $2 and attempted_at >= $3 and not is_success)::int8 as by_address`,
    [email, address, since],
  );
  return { byEmail: row?.by_email ?? 0, byAddress: address ? (row?.by_address ?? 0) : 0 };
}
