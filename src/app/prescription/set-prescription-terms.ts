import { z } from 'zod';
import { PRESCRIPTION_BASES, prescriptionYears } from '../../core/prescription/prescription-clock.ts';
import { upsertPrescriptionTerms } from '../../db/queries/prescription.ts';
import { findInvoice } from '../interest/find-invoice.ts';
import { appendRegisterEntries } from '../register/append-register-entries.ts';
import type { TContext } from '../shared/context.ts';
import { parseInput } from '../shared/parse-input.ts';

export const ZSetPrescriptionTerms = z.object({
  invoice: z.string().trim().min(1),
  debtor: z.string().nullish(),
  creditor: z.string().nullish(),
  year: z.number().int().nullish(),
  basis: z.enum(PRESCRIPTION_BASES),
  years: z.number().int().min(1).max(20).nullish(),
  note: z.string().nullish(),
});

export type TSetPrescriptionTerms = z.input<typeof ZSetPrescriptionTerms>;

/** Sets an invoice's limitation period (10 years unless said otherwise), with its register row. */
export async function setPrescriptionTerms(
  ctx: TContext,
  raw: TSetPrescriptionTerms,
): Promise<{ invoice: string; basis: string; years: number }> {
  const input = parseInput(ZSetPrescriptionTerms, raw);
  return ctx.db.transaction(async (db) => {
    const invoice = await findInvoice(db, input);
    await upsertPrescriptionTerms(db, invoice.creditor_id, {
      invoiceId: invoice.id,
      basis: input.basis,
      years: input.years ?? null,
      note: input.note ?? null,
      updatedBy: ctx.actor,
      updatedAt: ctx.now,
    });
    const result = {
      invoice: invoice.number,
      basis: input.basis,
      years: input.years ?? prescriptionYears(input.basis),
    };
    await appendRegisterEntries({ ...ctx, db }, invoice.creditor_id, [
      {
        action: 'prescription.terms-set',
        subjectType: 'invoice',
        subjectId: invoice.id,
        debtorId: invoice.debtor_id,
        data: { ...result, note: input.note ?? null },
      },
    ]);
    return result;
  });
}
