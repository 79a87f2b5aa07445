import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import {
  DEFAULT_LINK_DAYS,
  hashLinkToken,
  LINK_TOKEN_BYTES,
  MAX_LINK_DAYS,
} from '../../core/self-service/link-token.ts';
import { insertDebtorLink } from '../../db/queries/debtor-links.ts';
import { resolveCreditorIdOrNull } from '../collection/resolve-creditor.ts';
import { resolveDebtor } from '../ledger/resolve-debtor.ts';
import { appendRegisterEntries } from '../register/append-register-entries.ts';
import type { TContext } from '../shared/context.ts';
import { parseInput } from '../shared/parse-input.ts';

export const ZCreateLink = z.object({
  debtor: z.string().trim().min(1),
  creditor: z.string().nullish(),
  days: z.coerce.number().int().min(1).max(MAX_LINK_DAYS).default(DEFAULT_LINK_DAYS),
  baseUrl: z.string().url().nullish(),
});
export type TCreateLink = z.input<typeof ZCreateLink>;

/** `links create --json`: the token is shown this once and never stored. */
export type TCreatedLink = {
  id: number;
  token: string;
  path: string;
  url: string | null;
  debtor: { id: number; name: string; vatNumber: string | null; fiscalCode: string | null };
  creditorId: number;
  expiresAt: string;
};

/** A personal link for one debtor of one creditor: 256 random bits, only its hash is kept. */
export async function createLink(ctx: TContext, raw: TCreateLink): Promise<TCreatedLink> {
  const input = parseInput(ZCreateLink, raw);
  const token = randomBytes(LINK_TOKEN_BYTES).toString('base64url');
  const expiresAt = new Date(ctx.now.getTime() + input.days * 86_400_000);
  return ctx.db.transaction(async (db) => {
    const creditorId = await resolveCreditorIdOrNull(db, input.creditor);
    const debtor = await resolveDebtor(db, input.debtor, creditorId);
    const link = await insertDebtorLink(db, {
      creditorId: debtor.creditor_id,
      debtorId: debtor.id,
      tokenHash: hashLinkToken(token),
      expiresAt,
      createdBy: ctx.actor,
    });
    await appendRegisterEntries({ ...ctx, db }, debtor.creditor_id, [
      {
        action: 'link.created',
        subjectType: 'link',
        subjectId: link.id,
        debtorId: debtor.id,
        data: { expiresAt: expiresAt.toISOString(), days: input.days },
      },
    ]);
    const path = `/pay/${token}`;
    return {
      id: link.id,
      token,
      path,
      url: input.baseUrl ? new URL(path, input.baseUrl).toString() : null,
      debtor: {
        id: debtor.id,
        name: debtor.name,
        vatNumber: debtor.vat_number,
        fiscalCode: debtor.fiscal_code,
      },
      creditorId: debtor.creditor_id,
      expiresAt: expiresAt.toISOString(),
    };
  });
}
