import type { TUserRow } from '../../db/queries/users.ts';

/** What the API and the CLI show of a user: never the hashes or secrets. */
export type TUserView = {
  id: number;
  email: string;
  name: string;
  role: string;
  creditorIds: number[];
  hasTotp: boolean;
  isDisabled: boolean;
};

export function toUserView(row: TUserRow): TUserView {
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    role: row.role,
    creditorIds: row.creditor_ids,
    hasTotp: row.totp_secret !== null,
    isDisabled: row.is_disabled,
  };
}

/** The shape of `user` in the session answers (the web application's contract). */
export function toSessionUser(row: TUserRow): {
  id: number;
  email: string;
  name: string;
  role: string;
  creditorIds: number[];
} {
  return { id: row.id, email: row.email, name: row.name, role: row.role, creditorIds: row.creditor_ids };
}
