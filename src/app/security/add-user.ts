import { isAllCreditorsRole } from '../../core/security/roles.ts';
import { AppError, invalid } from '../../core/shared/errors.ts';
import { findUserById, insertUser, setUserCreditors } from '../../db/queries/users.ts';
import type { TContext } from '../shared/context.ts';
import { assertAcceptablePassword, hashPassword } from './passwords.ts';
import { recordSecurityEvent } from './security-events.ts';
import { parseEmail, parseRole, resolveCreditorRefs } from './user-input.ts';
import { type TUserView, toUserView } from './user-view.ts';

export type TAddUserInput = {
  email: unknown;
  name: unknown;
  role: unknown;
  creditors?: unknown;
  password: unknown;
};

/** Adds a user with a role and the creditors they reach (administrators reach all). */
export async function addUser(ctx: TContext, input: TAddUserInput): Promise<TUserView> {
  const email = parseEmail(input.email);
  if (typeof input.name !== 'string' || !input.name.trim())
    throw invalid('name', input.name ?? null, 'is required');
  const role = parseRole(input.role);
  const password = assertAcceptablePassword(input.password, email);
  const creditorIds = await resolveCreditorRefs(ctx.db, input.creditors);
  if (isAllCreditorsRole(role) && creditorIds.length > 0)
    throw invalid(
      'creditors',
      input.creditors,
      'must be empty for an administrator (who reaches every creditor)',
    );
  const passwordHash = await hashPassword(password);
  return ctx.db.transaction(async (tx) => {
    const id = await insertUser(tx, { email, name: input.name as string, role, passwordHash, now: ctx.now });
    if (id === 0)
      throw new AppError('DUPLICATE', `email: "${email}" is already a user`, {
        field: 'email',
        value: email,
      });
    await setUserCreditors(tx, id, creditorIds);
    const user = toUserView((await findUserById(tx, id))!);
    await recordSecurityEvent({ ...ctx, db: tx }, 'user.added', {
      creditorIds,
      subjectId: id,
      data: { email, role, creditorIds },
    });
    return user;
  });
}
