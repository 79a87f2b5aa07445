import { hashLinkToken, isLinkTokenShaped, linkState } from '../../core/self-service/link-token.ts';
import { AppError } from '../../core/shared/errors.ts';
import type { TSql } from '../../db/database.ts';
import { findLinkByTokenHash, type TDebtorLinkRow } from '../../db/queries/debtor-links.ts';

/**
 * The link a token opens, or a refusal that says nothing about any debtor: unknown → NOT_FOUND,
 * expired or revoked → LINK_EXPIRED (the page tells the debtor to ask for a new one).
 */
export async function resolveLink(db: TSql, token: string, now: Date): Promise<TDebtorLinkRow> {
  const link = isLinkTokenShaped(token) ? await findLinkByTokenHash(db, hashLinkToken(token)) : undefined;
  if (!link) throw new AppError('NOT_FOUND', 'this link is not valid', { field: 'token' });
  const state = linkState(link, now);
  if (state !== 'active')
    throw new AppError('LINK_EXPIRED', `this link is ${state}: ask the creditor for a new one`, {
      field: 'token',
      state,
    });
  return link;
}
