import { z } from 'zod';
import { allocateInOrder } from '../../core/ledger/allocate.ts';
import { parseVatNumber } from '../../core/ledger/tax-identifiers.ts';
import { parseDate } from '../../core/shared/calendar-date.ts';
import { AppError, invalid } from '../../core/shared/errors.ts';
import { formatAmount, parseAmount, parseCurrency } from '../../core/shared/money.ts';
import { findCreditorByVat } from '../../db/queries/creditors.ts';
import { findInvoiceByNumber, insertAllocations, lockOpenInstalments } from '../../db/queries/invoices.ts';
import { findPaymentByExternalId, insertPayment } from '../../db/queries/payments.ts';
import { appendRegisterEntries } from '../register/append-register-entries.ts';
import type { TContext } from '../shared/context.ts';
import { parseInput } from '../shared/parse-input.ts';
import { resolveDebtor } from './resolve-debtor.ts';

export const ZRecordPayment = z.object({
  debtor: z.string().min(1),
  creditor: z.string().nullish(),
  amount: z.union([z.string(), z.number()]),
  currency: z.string().default('EUR'),
  date: z.string(),
  invoices: z.array(z.string()).default([]),
  allowCredit: z.boolean().default(false),
  reference: z.string().nullish(),
  externalId: z.string().nullish(),
  method: z.string().nullish(),
});

export type TRecordPayment = z.input<typeof ZRecordPayment>;

export type TPaymentResult = {
  id: number;
  status: 'recorded' | 'duplicate';
  amount: string;
  currency: string;
  date: string;
  allocated: string;
  credit: string;
  allocations: Array<{ invoiceNumber: string; dueDate: string; amount: string }>;
};

/**
 * Records a payment and allocates it to the debtor's open instalments (those of the invoices
 * named, or all), oldest due date first. More than is open is refused unless the creditor keeps
 * the excess as a credit. With an external id, recording the same payment again is a no-op.
 */
export async function recordPayment(ctx: TContext, raw: TRecordPayment): Promise<TPaymentResult> {
  const input = parseInput(ZRecordPayment, raw);
  const currency = parseCurrency(input.currency);
  const amountCents = parseAmount(input.amount, 'amount', currency);
  const valueDate = parseDate(input.date, 'date');
  return ctx.db.transaction(async (db) => {
    let creditorId: number | null = null;
    if (input.creditor) {
      const creditor = await findCreditorByVat(db, parseVatNumber(input.creditor, 'creditor').full);
      if (!creditor)
        throw new AppError('NOT_FOUND', `creditor: "${input.creditor}" is not a creditor`, {
          field: 'creditor',
          value: input.creditor,
        });
      creditorId = creditor.id;
    }
    const debtor = await resolveDebtor(db, input.debtor, creditorId);
    creditorId = debtor.creditor_id;

    if (input.externalId) {
      const existing = await findPaymentByExternalId(db, creditorId, input.externalId);
      if (existing) {
        if (
          existing.amount_cents !== amountCents ||
          existing.value_date !== valueDate ||
          existing.debtor_id !== debtor.id
        ) {
          throw new AppError(
            'CONFLICT',
            `externalId: "${input.externalId}" was already recorded with different content`,
            {
              field: 'externalId',
              value: input.externalId,
            },
          );
        }
        return {
          id: existing.id,
          status: 'duplicate',
          amount: formatAmount(existing.amount_cents, currency),
          currency,
          date: existing.value_date,
          allocated: formatAmount(existing.allocated_cents, currency),
          credit: formatAmount(existing.amount_cents - existing.allocated_cents, currency),
          allocations: [],
        };
      }
    }

    const invoiceIds: number[] = [];
    for (const [i, number] of input.invoices.entries()) {
      const found = (await findInvoiceByNumber(db, creditorId, number, null)).filter(
        (f) => f.debtor_id === debtor.id,
      );
      if (found.length === 0)
        throw invalid(`invoices[${i}]`, number, `is not an invoice of debtor ${input.debtor}`);
      invoiceIds.push(...found.map((f) => f.id));
    }
    const open = (
      await lockOpenInstalments(
        db,
        creditorId,
        invoiceIds.length > 0 ? { invoiceIds } : { debtorId: debtor.id },
      )
    ).filter((o) => o.currency === currency);
    const plan = allocateInOrder(
      amountCents,
      open.map((o) => ({ id: o.id, outstandingCents: o.outstanding_cents })),
    );
    if (plan.remainderCents > 0 && !input.allowCredit) {
      const openCents = amountCents - plan.remainderCents;
      throw new AppError(
        'OVERPAYMENT',
        `amount: "${formatAmount(amountCents, currency)}" is more than the ${formatAmount(openCents, currency)} ${currency} open${invoiceIds.length ? ' on the invoices named' : ''}; pass --allow-credit to keep the excess of ${formatAmount(plan.remainderCents, currency)} as a credit`,
        {
          field: 'amount',
          value: formatAmount(amountCents, currency),
          open: formatAmount(openCents, currency),
        },
      );
    }
    const paymentId = await insertPayment(db, creditorId, {
      debtorId: debtor.id,
      amountCents,
      currency,
      valueDate,
      method: input.method ?? null,
      reference: input.reference ?? null,
      externalId: input.externalId ?? null,
      payerName: null,
      payerIban: null,
      allowsCredit: input.allowCredit,
      source: 'manual',
    });
    await insertAllocations(
      db,
      creditorId,
      plan.allocations.map((a) => ({
        instalmentId: a.id,
        paymentId,
        creditNoteId: null,
        amountCents: a.amountCents,
        allocatedOn: valueDate,
      })),
    );
    const byId = new Map(open.map((o) => [o.id, o]));
    const allocations = plan.allocations.map((a) => ({
      invoiceNumber: byId.get(a.id)!.invoice_number,
      dueDate: byId.get(a.id)!.due_date,
      amount: formatAmount(a.amountCents, currency),
    }));
    const allocatedCents = amountCents - plan.remainderCents;
    await appendRegisterEntries({ ...ctx, db }, creditorId, [
      {
        action: 'payment.recorded',
        subjectType: 'payment',
        subjectId: paymentId,
        debtorId: debtor.id,
        data: {
          amount: formatAmount(amountCents, currency),
          currency,
          valueDate,
          reference: input.reference ?? null,
          allocations,
          credit: formatAmount(plan.remainderCents, currency),
        },
      },
    ]);
    return {
      id: paymentId,
      status: 'recorded',
      amount: formatAmount(amountCents, currency),
      currency,
      date: valueDate,
      allocated: formatAmount(allocatedCents, currency),
      credit: formatAmount(plan.remainderCents, currency),
      allocations,
    };
  });
}
