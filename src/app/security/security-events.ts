import type { TSql } from '../../db/database.ts';
import { appendRegisterEntries } from '../register/append-register-entries.ts';
import type { TContext } from '../shared/context.ts';

export type TSecurityAction =
  | 'login.succeeded'
  | 'login.failed'
  | 'login.locked'
  | 'logout'
  | 'permission.denied'
  | 'user.added'
  | 'user.changed'
  | 'user.disabled'
  | 'user.enabled'
  | 'user.password-changed'
  | 'user.totp-enrolled'
  | 'api-key.created'
  | 'api-key.revoked'
  | 'personal-data.exported'
  | 'debtor.anonymised';

/**
 * Writes a security event to the append-only security log and, for each creditor it concerns,
 * to that creditor's register (so a creditor's audit trail shows who reached its data).
 * Runs in the caller's transaction when there is one.
 */
export async function recordSecurityEvent(
  ctx: TContext,
  action: TSecurityAction,
  event: {
    subjectType?: string;
    subjectId?: number | null;
    creditorIds?: readonly number[] | null;
    debtorId?: number | null;
    data?: Record<string, unknown>;
  },
): Promise<void> {
  const creditorIds = [...(event.creditorIds ?? [])];
  const subjectType = event.subjectType ?? 'user';
  await ctx.db.transaction(async (tx: TSql) => {
    await tx.query(
      `insert into security_events (occurred_at, actor, action, subject_type, subject_id, creditor_ids, data)
       values ($1, $2, $3, $4, $5, $6, $7)`,
      [
        ctx.now,
        ctx.actor,
        action,
        subjectType,
        event.subjectId ?? null,
        creditorIds,
        JSON.stringify(event.data ?? {}),
      ],
    );
    for (const creditorId of creditorIds) {
      await appendRegisterEntries({ ...ctx, db: tx }, creditorId, [
        {
          action: `security.${action}`,
          subjectType,
          subjectId: event.subjectId ?? null,
          debtorId: event.debtorId ?? null,
          data: event.data ?? {},
        },
      ]);
    }
  });
}
