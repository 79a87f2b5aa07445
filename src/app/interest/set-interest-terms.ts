import { z } from 'zod';
import { IMPUTATIONS } from '../../core/interest/debt-account.ts';
import { formatRatePercent, parseRatePercent } from '../../core/interest/rate.ts';
import { parseDate } from '../../core/shared/calendar-date.ts';
import { invalid } from '../../core/shared/errors.ts';
import { upsertInterestTerms } from '../../db/queries/interest.ts';
import { appendRegisterEntries } from '../register/append-register-entries.ts';
import type { TContext } from '../shared/context.ts';
import { parseInput } from '../shared/parse-input.ts';
import { findInvoice } from './find-invoice.ts';

export const ZSetInterestTerms = z.object({
  invoice: z.string().trim().min(1),
  debtor: z.string().nullish(),
  creditor: z.string().nullish(),
  year: z.number().int().nullish(),
  kind: z.enum(['commercial', 'legal']).nullish(),
  isPre2013Contract: z.boolean().default(false),
  contractualRate: z.union([z.string(), z.number()]).nullish(),
  contractualFrom: z.string().nullish(),
  courtClaimFiledOn: z.string().nullish(),
  imputation: z.enum(IMPUTATIONS).default('art-1194'),
});

export type TSetInterestTerms = z.input<typeof ZSetInterestTerms>;

export type TInterestTermsView = {
  invoice: string;
  terms: {
    kind: 'commercial' | 'legal' | null;
    isPre2013Contract: boolean;
    contractualRate: string | null;
    contractualFrom: string | null;
    courtClaimFiledOn: string | null;
    imputation: 'art-1194' | 'capital-first';
  };
};

/**
 * Records how an invoice bears interest (replacing earlier terms), with its register row in the
 * same transaction: a change of imputation or of the court-claim date changes every figure.
 */
export async function setInterestTerms(ctx: TContext, raw: TSetInterestTerms): Promise<TInterestTermsView> {
  const input = parseInput(ZSetInterestTerms, raw);
  const hasRate = input.contractualRate !== undefined && input.contractualRate !== null;
  if (hasRate !== Boolean(input.contractualFrom)) {
    throw invalid(
      hasRate ? 'contractualFrom' : 'contractualRate',
      null,
      'is required with the other contractual field',
    );
  }
  const terms = {
    kind: input.kind ?? null,
    isPre2013Contract: input.isPre2013Contract,
    contractualRate: hasRate
      ? formatRatePercent(parseRatePercent(input.contractualRate!, 'contractualRate'))
      : null,
    contractualFrom: input.contractualFrom ? parseDate(input.contractualFrom, 'contractualFrom') : null,
    courtClaimFiledOn: input.courtClaimFiledOn
      ? parseDate(input.courtClaimFiledOn, 'courtClaimFiledOn')
      : null,
    imputation: input.imputation,
  };
  return ctx.db.transaction(async (db) => {
    const invoice = await findInvoice(db, input);
    await upsertInterestTerms(db, invoice.creditor_id, {
      invoiceId: invoice.id,
      ...terms,
      updatedBy: ctx.actor,
      updatedAt: ctx.now,
    });
    await appendRegisterEntries({ ...ctx, db }, invoice.creditor_id, [
      {
        action: 'invoice.interest-terms-set',
        subjectType: 'invoice',
        subjectId: invoice.id,
        debtorId: invoice.debtor_id,
        data: { number: invoice.number, ...terms },
      },
    ]);
    return { invoice: invoice.number, terms };
  });
}
