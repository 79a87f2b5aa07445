import { AppError } from '../../core/shared/errors.ts';
import {
  countFailedAttempts,
  findUserByEmail,
  recordLoginAttempt,
  type TUserRow,
  updateUser,
} from '../../db/queries/users.ts';
import type { TContext } from '../shared/context.ts';
import { decoyPasswordHash, verifyPassword } from './passwords.ts';
import { recordSecurityEvent } from './security-events.ts';
import { createSession, type TNewSession } from './sessions.ts';
import { verifyTotp } from './totp.ts';

/**
 * Lock-out: 5 consecutive failures lock the account for 15 minutes. Rate limit: over a sliding
 * 15 minutes, at most 10 failures per e-mail and 50 per client address, then 429 until they age.
 */
export const LOGIN_POLICY = {
  windowMs: 15 * 60 * 1000,
  maxFailuresPerEmail: 10,
  maxFailuresPerAddress: 50,
  lockAfterFailures: 5,
  lockMs: 15 * 60 * 1000,
} as const;

/** One message for every refusal: it tells nothing about which part was wrong. */
const REFUSED = 'e-mail, password or one-time code not accepted';

export type TLogInInput = { email: unknown; password: unknown; totp?: unknown; address: string | null };

export async function logIn(
  ctx: TContext,
  input: TLogInInput,
): Promise<{ user: TUserRow; session: TNewSession }> {
  const email = typeof input.email === 'string' ? input.email.trim().toLowerCase().slice(0, 254) : '';
  const password = typeof input.password === 'string' ? input.password.slice(0, 1024) : '';
  const since = new Date(ctx.now.getTime() - LOGIN_POLICY.windowMs);
  const failures = await countFailedAttempts(ctx.db, email, input.address, since);
  if (
    failures.byEmail >= LOGIN_POLICY.maxFailuresPerEmail ||
    failures.byAddress >= LOGIN_POLICY.maxFailuresPerAddress
  )
    throw new AppError('RATE_LIMITED', 'too many failed log-ins; try again later', {
      retryAfterSeconds: LOGIN_POLICY.windowMs / 1000,
    });

  const user = email ? await findUserByEmail(ctx.db, email) : undefined;
  const isPasswordRight = await verifyPassword(password, user?.password_hash ?? (await decoyPasswordHash()));
  const isLocked = user?.locked_until ? user.locked_until.getTime() > ctx.now.getTime() : false;
  if (!user || user.is_disabled || !isPasswordRight || isLocked) {
    await refuse(ctx, email, input.address, user, isLocked ? 'locked' : 'password');
    throw new AppError('UNAUTHENTICATED', REFUSED);
  }
  if (user.totp_secret) {
    if (input.totp === undefined || input.totp === null || input.totp === '')
      throw new AppError('UNAUTHENTICATED', 'a one-time code is required', {
        field: 'totp',
        totpRequired: true,
      });
    if (!verifyTotp(user.totp_secret, String(input.totp), ctx.now)) {
      await refuse(ctx, email, input.address, user, 'totp');
      throw new AppError('UNAUTHENTICATED', REFUSED, { field: 'totp' });
    }
  }

  await recordLoginAttempt(ctx.db, { email, address: input.address, isSuccess: true, at: ctx.now });
  if (user.failed_logins > 0 || user.locked_until)
    await updateUser(ctx.db, user.id, { failed_logins: 0, locked_until: null }, ctx.now);
  const session = await createSession(ctx.db, user.id, ctx.now);
  await recordSecurityEvent({ ...ctx, actor: `user:${user.email}` }, 'login.succeeded', {
    subjectId: user.id,
    creditorIds: user.creditor_ids,
    data: { address: input.address },
  });
  return { user, session };
}

async function refuse(
  ctx: TContext,
  email: string,
  address: string | null,
  user: TUserRow | undefined,
  reason: 'password' | 'totp' | 'locked',
): Promise<void> {
  await recordLoginAttempt(ctx.db, { email, address, isSuccess: false, at: ctx.now });
  let isNowLocked = false;
  if (user && reason !== 'locked') {
    const failed = user.failed_logins + 1;
    isNowLocked = failed >= LOGIN_POLICY.lockAfterFailures;
    await updateUser(
      ctx.db,
      user.id,
      isNowLocked
        ? { failed_logins: 0, locked_until: new Date(ctx.now.getTime() + LOGIN_POLICY.lockMs) }
        : { failed_logins: failed },
      ctx.now,
    );
  }
  await recordSecurityEvent(ctx, isNowLocked ? 'login.locked' : 'login.failed', {
    subjectId: user?.id ?? null,
    creditorIds: user?.creditor_ids ?? [],
    data: { email, address, reason },
  });
}
