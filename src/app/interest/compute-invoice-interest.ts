import { z } from 'zod';
import { IMPUTATIONS } from '../../core/interest/debt-account.ts';
import { parseDate } from '../../core/shared/calendar-date.ts';
import { invalid } from '../../core/shared/errors.ts';
import type { TSql } from '../../db/database.ts';
import { parseInput } from '../shared/parse-input.ts';
import { findInvoice } from './find-invoice.ts';
import { INTEREST_CONVENTION } from './interest-view.ts';
import { invoiceAccounts, type TInvoiceAccountView } from './invoice-accounts.ts';

export const ZInvoiceInterest = z.object({
  invoice: z.string().trim().min(1),
  debtor: z.string().nullish(),
  creditor: z.string().nullish(),
  year: z.number().int().nullish(),
  to: z.string(),
  kind: z.enum(['commercial', 'legal']).nullish(),
  isPre2013Contract: z.boolean().nullish(),
  courtClaimFiledOn: z.string().nullish(),
  imputation: z.enum(IMPUTATIONS).nullish(),
  allowUnverifiedRates: z.boolean().default(false),
});

export type TInvoiceInterest = z.input<typeof ZInvoiceInterest>;

export type TInvoiceInterestResult = Omit<TInvoiceAccountView, 'cents'> & {
  kind: string;
  principal: string;
  /** Interest accrued to `to` on every instalment (paid or not); `totals` says what is still due. */
  total: string;
  convention: string;
};

/**
 * Interest on a real invoice's instalments to a date, taking its payments (allocations, on their
 * dates) and credit notes into account; consumers get the legal rate unless told otherwise.
 */
export async function computeInvoiceInterest(
  db: TSql,
  raw: TInvoiceInterest,
): Promise<TInvoiceInterestResult> {
  const input = parseInput(ZInvoiceInterest, raw);
  const to = parseDate(input.to, 'to');
  const match = await findInvoice(db, input);
  const [account] = await invoiceAccounts(
    db,
    match.creditor_id,
    { invoiceIds: [match.id] },
    {
      to,
      kind: input.kind ?? null,
      isPre2013Contract: input.isPre2013Contract ?? null,
      courtClaimFiledOn: input.courtClaimFiledOn
        ? parseDate(input.courtClaimFiledOn, 'courtClaimFiledOn')
        : null,
      imputation: input.imputation ?? null,
      allowUnverifiedRates: input.allowUnverifiedRates,
    },
  );
  if (!account) throw invalid('to', to, "is before the invoice's issue date");
  const { cents: _cents, ...view } = account;
  return {
    kind: account.regime.kind,
    principal: account.totals.principal,
    total: account.totals.interest,
    ...view,
    convention: INTEREST_CONVENTION,
  };
}
