import { randomBytes } from 'node:crypto';
import { addUser } from '../security/add-user.ts';
import { listUsers } from '../security/list-users.ts';
import type { TContext } from '../shared/context.ts';

export const DEMO_LOGIN_EMAIL = 'demo@riscossa.example';

/**
 * The first log-in of a fresh demo: a credit manager of the demo creditor with a random password,
 * shown once, so that `npm start` ends with a web app one can enter. Only when there is no user
 * at all: a database with people of its own is never given a demo account.
 */
export async function createDemoLogin(
  ctx: TContext,
  creditorVat: string,
): Promise<{ email: string; password: string } | null> {
  if ((await listUsers(ctx.db)).length > 0) return null;
  const password = randomBytes(15).toString('base64url');
  await addUser(ctx, {
    email: DEMO_LOGIN_EMAIL,
    name: 'Demo',
    role: 'credit_manager',
    creditors: [creditorVat],
    password,
  });
  return { email: DEMO_LOGIN_EMAIL, password };
}
