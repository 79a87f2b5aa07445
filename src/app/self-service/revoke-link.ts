import { AppError } from '../../core/shared/errors.ts';
import { findLinkById, revokeLinkRow } from '../../db/queries/debtor-links.ts';
import { resolveCreditorIdOrNull } from '../collection/resolve-creditor.ts';
import { appendRegisterEntries } from '../register/append-register-entries.ts';
import type { TContext } from '../shared/context.ts';

export type TRevokedLink = { id: number; status: 'revoked' | 'already-revoked'; revokedAt: string };

/** Revokes a link at once: its page answers "no longer valid" from now on. Idempotent. */
export async function revokeLink(
  ctx: TContext,
  input: { id: number; creditor?: string | null; reachesCreditor?: (creditorId: number) => boolean },
): Promise<TRevokedLink> {
  return ctx.db.transaction(async (db) => {
    const creditorId = await resolveCreditorIdOrNull(db, input.creditor);
    const link = await findLinkById(db, creditorId, input.id);
    if (!link || (input.reachesCreditor && !input.reachesCreditor(link.creditor_id)))
      throw new AppError('NOT_FOUND', `id: ${input.id} is not a link`, { field: 'id', value: input.id });
    if (link.revoked_at)
      return { id: link.id, status: 'already-revoked', revokedAt: link.revoked_at.toISOString() };
    await revokeLinkRow(db, link.creditor_id, link.id, ctx.now);
    await appendRegisterEntries({ ...ctx, db }, link.creditor_id, [
      { action: 'link.revoked', subjectType: 'link', subjectId: link.id, debtorId: link.debtor_id },
    ]);
    return { id: link.id, status: 'revoked', revokedAt: ctx.now.toISOString() };
  });
}
