import { AppError, invalid } from '../../core/shared/errors.ts';
import { revokeUserSessions } from '../../db/queries/sessions.ts';
import { findUserByEmail, type TUserRow, updateUser } from '../../db/queries/users.ts';
import type { TContext } from '../shared/context.ts';
import { assertAcceptablePassword, hashPassword } from './passwords.ts';
import { recordSecurityEvent } from './security-events.ts';
import { newTotpSecret, totpUri, verifyTotp } from './totp.ts';
import { parseEmail } from './user-input.ts';
import { type TUserView, toUserView } from './user-view.ts';

export async function requireUser(ctx: TContext, email: unknown): Promise<TUserRow> {
  const address = parseEmail(email);
  const user = await findUserByEmail(ctx.db, address);
  if (!user)
    throw new AppError('NOT_FOUND', `email: "${address}" is not a user`, { field: 'email', value: address });
  return user;
}

/** Disables a user and ends their sessions at once. */
export async function disableUser(ctx: TContext, email: unknown): Promise<TUserView> {
  const user = await requireUser(ctx, email);
  await ctx.db.transaction(async (tx) => {
    await updateUser(tx, user.id, { is_disabled: true }, ctx.now);
    await revokeUserSessions(tx, user.id, ctx.now);
    await recordSecurityEvent({ ...ctx, db: tx }, 'user.disabled', {
      subjectId: user.id,
      creditorIds: user.creditor_ids,
      data: { email: user.email },
    });
  });
  return toUserView({ ...user, is_disabled: true });
}

/** Enables a disabled user again: they log in with their password (sessions ended at disabling stay ended). */
export async function enableUser(ctx: TContext, email: unknown): Promise<TUserView> {
  const user = await requireUser(ctx, email);
  if (!user.is_disabled) return toUserView(user);
  await ctx.db.transaction(async (tx) => {
    await updateUser(tx, user.id, { is_disabled: false }, ctx.now);
    await recordSecurityEvent({ ...ctx, db: tx }, 'user.enabled', {
      subjectId: user.id,
      creditorIds: user.creditor_ids,
      data: { email: user.email },
    });
  });
  return toUserView({ ...user, is_disabled: false });
}

/** Sets a new password (checked against the policy), unlocks, and ends the user's sessions. */
export async function setPassword(ctx: TContext, email: unknown, password: unknown): Promise<TUserView> {
  const user = await requireUser(ctx, email);
  const hash = await hashPassword(assertAcceptablePassword(password, user.email));
  await ctx.db.transaction(async (tx) => {
    await updateUser(tx, user.id, { password_hash: hash, failed_logins: 0, locked_until: null }, ctx.now);
    await revokeUserSessions(tx, user.id, ctx.now);
    await recordSecurityEvent({ ...ctx, db: tx }, 'user.password-changed', {
      subjectId: user.id,
      creditorIds: user.creditor_ids,
      data: { email: user.email },
    });
  });
  return toUserView(user);
}

/** Starts TOTP enrolment: a new secret kept pending until a code from it is confirmed. */
export async function startTotpEnrolment(
  ctx: TContext,
  email: unknown,
): Promise<{ email: string; secret: string; uri: string }> {
  const user = await requireUser(ctx, email);
  const secret = newTotpSecret();
  await updateUser(ctx.db, user.id, { totp_pending_secret: secret }, ctx.now);
  return { email: user.email, secret, uri: totpUri(secret, user.email) };
}

/** Confirms enrolment with a code from the authenticator: from now on log-in asks for one. */
export async function confirmTotpEnrolment(ctx: TContext, email: unknown, code: unknown): Promise<TUserView> {
  const user = await requireUser(ctx, email);
  if (!user.totp_pending_secret)
    throw new AppError('CONFLICT', `email: "${user.email}" has no enrolment in progress`, {
      field: 'email',
      value: user.email,
    });
  if (!verifyTotp(user.totp_pending_secret, String(code ?? ''), ctx.now))
    throw invalid('code', code ?? null, 'is not the current code of the authenticator');
  await ctx.db.transaction(async (tx) => {
    await updateUser(
      tx,
      user.id,
      { totp_secret: user.totp_pending_secret, totp_pending_secret: null },
      ctx.now,
    );
    await recordSecurityEvent({ ...ctx, db: tx }, 'user.totp-enrolled', {
      subjectId: user.id,
      creditorIds: user.creditor_ids,
      data: { email: user.email },
    });
  });
  return toUserView({ ...user, totp_secret: user.totp_pending_secret });
}

export async function removeTotp(ctx: TContext, email: unknown): Promise<TUserView> {
  const user = await requireUser(ctx, email);
  await ctx.db.transaction(async (tx) => {
    await updateUser(tx, user.id, { totp_secret: null, totp_pending_secret: null }, ctx.now);
    await recordSecurityEvent({ ...ctx, db: tx }, 'user.changed', {
      subjectId: user.id,
      creditorIds: user.creditor_ids,
      data: { email: user.email, totp: 'removed' },
    });
  });
  return toUserView({ ...user, totp_secret: null });
}
