import type { TSql } from '../../db/database.ts';
import { listUserRows } from '../../db/queries/users.ts';
import { type TUserView, toUserView } from './user-view.ts';

/** Every user, without hashes or secrets. */
export async function listUsers(db: TSql): Promise<TUserView[]> {
  return (await listUserRows(db)).map(toUserView);
}
