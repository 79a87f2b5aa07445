import { z } from 'zod';
import { AppError } from '../../core/shared/errors.ts';
import { findCreditorById } from '../../db/queries/creditors.ts';
import type { TDebtorLinkRow } from '../../db/queries/debtor-links.ts';
import type { TDisputeView } from '../collection/dispute-view.ts';
import { openDispute } from '../collection/open-dispute.ts';
import { appendRegisterEntries, type TRegisterEntryInput } from '../register/append-register-entries.ts';
import type { TContext } from '../shared/context.ts';
import { parseInput } from '../shared/parse-input.ts';
import { addSelfServiceTask } from './self-service-task.ts';

export const ZSelfServiceDispute = z.object({
  invoiceId: z.coerce.number().int().positive(),
  reason: z.string().trim().min(3).max(2000),
});

/**
 * The debtor disputes one of its own invoices: the same dispute an operator opens (the invoice
 * leaves the escalation), plus a review task for the operator, in one transaction.
 */
export async function selfServiceDispute(
  ctx: TContext,
  link: TDebtorLinkRow,
  raw: unknown,
): Promise<{ dispute: TDisputeView; taskId: number | null }> {
  const input = parseInput(ZSelfServiceDispute, raw);
  return ctx.db.transaction(async (db) => {
    const [invoice] = await db.query<{ number: string; issue_date: string }>(
      `select number, issue_date from invoices where creditor_id = $1 and debtor_id = $2 and id = $3`,
      [link.creditor_id, link.debtor_id, input.invoiceId],
    );
    // Another debtor's invoice is "not found", exactly like one that does not exist.
    if (!invoice)
      throw new AppError('NOT_FOUND', `invoiceId: ${input.invoiceId} is not one of your invoices`, {
        field: 'invoiceId',
        value: input.invoiceId,
      });
    const creditor = (await findCreditorById(db, link.creditor_id))!;
    const tx: TContext = { ...ctx, db };
    const dispute = await openDispute(tx, {
      invoice: invoice.number,
      year: Number(invoice.issue_date.slice(0, 4)),
      creditor: creditor.vat_number,
      reason: input.reason,
    });
    if (dispute.invoice.id !== input.invoiceId)
      throw new AppError('CONFLICT', `invoiceId: ${input.invoiceId} could not be told apart`, {
        field: 'invoiceId',
        value: input.invoiceId,
      });
    const register: TRegisterEntryInput[] = [];
    const { taskId } = await addSelfServiceTask(
      db,
      link,
      ctx.today,
      `self-service: the debtor disputes invoice ${invoice.number}: ${input.reason}`,
      register,
    );
    await appendRegisterEntries(tx, link.creditor_id, register);
    return { dispute, taskId };
  });
}
