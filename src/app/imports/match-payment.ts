import { z } from 'zod';
import { allocateInOrder } from '../../core/ledger/allocate.ts';
import { AppError, invalid } from '../../core/shared/errors.ts';
import { formatAmount } from '../../core/shared/money.ts';
import { findInvoiceByNumber, insertAllocations, lockOpenInstalments } from '../../db/queries/invoices.ts';
import { lockPayment, markPaymentMatched } from '../../db/queries/matching.ts';
import { appendRegisterEntries } from '../register/append-register-entries.ts';
import type { TContext } from '../shared/context.ts';
import { parseInput } from '../shared/parse-input.ts';
import { isCreditorReached } from '../shared/tenant-scope.ts';

export const ZMatchPayment = z.object({
  paymentId: z.coerce.number().int().positive(),
  invoices: z.array(z.string().trim().min(1)).min(1),
});

export type TMatchPaymentResult = {
  id: number;
  status: 'matched';
  debtor: { id: number };
  amount: string;
  allocated: string;
  credit: string;
  allocations: Array<{ invoiceNumber: string; dueDate: string; amount: string }>;
};

/**
 * A person assigns an unmatched bank payment to invoices of one debtor: it settles their open
 * instalments oldest due first; what is left over is the debtor's credit. Payment, allocations and
 * register row in one transaction.
 */
export async function matchPayment(
  ctx: TContext,
  raw: z.input<typeof ZMatchPayment>,
): Promise<TMatchPaymentResult> {
  const input = parseInput(ZMatchPayment, raw);
  return ctx.db.transaction(async (db) => {
    const found = await lockPayment(db, input.paymentId);
    // Another tenant's payment is answered as missing (tenant-scope.ts).
    const payment = found && isCreditorReached(ctx, found.creditor_id) ? found : undefined;
    if (!payment)
      throw new AppError('NOT_FOUND', `payment: ${input.paymentId} is not a payment`, {
        field: 'payment',
        value: input.paymentId,
      });
    if (payment.match_status !== 'unmatched') {
      throw new AppError('CONFLICT', `payment: ${input.paymentId} is already matched`, {
        field: 'payment',
        value: input.paymentId,
      });
    }
    const creditorId = payment.creditor_id;
    const invoiceIds: number[] = [];
    const debtors = new Set<number>();
    for (const [i, number] of input.invoices.entries()) {
      const found = await findInvoiceByNumber(db, creditorId, number, null);
      const invoices = found.filter((f) => f.type !== 'credit-note');
      if (invoices.length === 0)
        throw invalid(`invoices[${i}]`, number, 'is not an invoice of the creditor of this payment');
      for (const f of invoices) {
        invoiceIds.push(f.id);
        debtors.add(f.debtor_id);
      }
    }
    if (debtors.size > 1)
      throw invalid('invoices', input.invoices, 'belong to different debtors: a payment settles one debtor');
    const debtorId = [...debtors][0]!;
    const open = (await lockOpenInstalments(db, creditorId, { invoiceIds })).filter(
      (o) => o.currency === payment.currency,
    );
    const plan = allocateInOrder(
      payment.amount_cents,
      open.map((o) => ({ id: o.id, outstandingCents: o.outstanding_cents })),
    );
    await insertAllocations(
      db,
      creditorId,
      plan.allocations.map((a) => ({
        instalmentId: a.id,
        paymentId: payment.id,
        creditNoteId: null,
        amountCents: a.amountCents,
        allocatedOn: payment.value_date,
      })),
    );
    await markPaymentMatched(db, creditorId, payment.id, {
      debtorId,
      rule: 'manual',
      allowsCredit: plan.remainderCents > 0,
    });
    const byId = new Map(open.map((o) => [o.id, o]));
    const allocations = plan.allocations.map((a) => ({
      invoiceNumber: byId.get(a.id)!.invoice_number,
      dueDate: byId.get(a.id)!.due_date,
      amount: formatAmount(a.amountCents, payment.currency),
    }));
    const credit = formatAmount(plan.remainderCents, payment.currency);
    await appendRegisterEntries({ ...ctx, db }, creditorId, [
      {
        action: 'payment.matched',
        subjectType: 'payment',
        subjectId: payment.id,
        debtorId,
        data: {
          amount: formatAmount(payment.amount_cents, payment.currency),
          currency: payment.currency,
          rule: 'manual',
          invoices: input.invoices,
          allocations,
          credit,
        },
      },
    ]);
    return {
      id: payment.id,
      status: 'matched',
      debtor: { id: debtorId },
      amount: formatAmount(payment.amount_cents, payment.currency),
      allocated: formatAmount(payment.amount_cents - plan.remainderCents, payment.currency),
      credit,
      allocations,
    };
  });
}
