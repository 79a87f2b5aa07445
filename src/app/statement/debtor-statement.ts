import { z } from 'zod';
import { parseVatNumber } from '../../core/ledger/tax-identifiers.ts';
import { parseDate } from '../../core/shared/calendar-date.ts';
import { AppError } from '../../core/shared/errors.ts';
import { formatAmount, sumCents } from '../../core/shared/money.ts';
import type { TSql } from '../../db/database.ts';
import { findCreditorById, findCreditorByVat } from '../../db/queries/creditors.ts';
import { INTEREST_CONVENTION } from '../interest/interest-view.ts';
import { invoiceAccounts, type TInvoiceAccountView } from '../interest/invoice-accounts.ts';
import { resolveDebtor } from '../ledger/resolve-debtor.ts';
import { parseInput } from '../shared/parse-input.ts';

export const ZDebtorStatement = z.object({
  debtor: z.string().trim().min(1),
  creditor: z.string().nullish(),
  date: z.string(),
  allowUnverifiedRates: z.boolean().default(false),
  /** Only these invoices (a case file lists the case's invoices, not the whole relationship). */
  invoiceIds: z.array(z.number().int().positive()).nullish(),
});

export type TDebtorStatementInput = z.input<typeof ZDebtorStatement>;

type TTotals = {
  principal: string;
  capitalOutstanding: string;
  interest: string;
  interestOutstanding: string;
  costs: string;
  costsOutstanding: string;
  due: string;
};

export type TDebtorStatement = {
  title: string;
  date: string;
  creditor: { name: string; vatNumber: string; iban: string | null; pec: string | null };
  debtor: { name: string; kind: string; vatNumber: string | null; fiscalCode: string | null };
  conventions: { interest: string; imputation: string; creditNotes: string };
  invoices: Array<Omit<TInvoiceAccountView, 'cents'>>;
  /** Per currency: a statement never adds euros to another currency. */
  totals: Record<string, TTotals>;
};

/**
 * Statement of account (estratto conto) of one debtor on a date: every invoice and instalment,
 * the payments and credit notes with their dates and how each payment was imputed, the interest
 * period by period with rate and legal source, the flat indemnity, the recovery costs and the
 * total due. Read-only: the figures are recomputed from the ledger each time.
 */
export async function debtorStatement(db: TSql, raw: TDebtorStatementInput): Promise<TDebtorStatement> {
  const input = parseInput(ZDebtorStatement, raw);
  const date = parseDate(input.date, 'date');
  let creditorId: number | null = null;
  if (input.creditor) {
    const creditor = await findCreditorByVat(db, parseVatNumber(input.creditor, 'creditor').full);
    if (!creditor) {
      throw new AppError('NOT_FOUND', `creditor: "${input.creditor}" is not a creditor`, {
        field: 'creditor',
        value: input.creditor,
      });
    }
    creditorId = creditor.id;
  }
  const debtor = await resolveDebtor(db, input.debtor, creditorId);
  const creditor = (await findCreditorById(db, debtor.creditor_id))!;
  const accounts = await invoiceAccounts(
    db,
    debtor.creditor_id,
    { debtorId: debtor.id, invoiceIds: input.invoiceIds ?? null },
    { to: date, allowUnverifiedRates: input.allowUnverifiedRates },
  );
  const totals: Record<string, TTotals> = {};
  for (const currency of [...new Set(accounts.map((a) => a.invoice.currency))]) {
    const of = accounts.filter((a) => a.invoice.currency === currency).map((a) => a.cents);
    const sum = (pick: (c: (typeof of)[number]) => number) => formatAmount(sumCents(of.map(pick)), currency);
    totals[currency] = {
      principal: sum((c) => c.principalCents),
      capitalOutstanding: sum((c) => c.capitalOutstandingCents),
      interest: sum((c) => c.interestCents),
      interestOutstanding: sum((c) => c.interestOutstandingCents),
      costs: sum((c) => c.costsCents),
      costsOutstanding: sum((c) => c.costsOutstandingCents),
      due: sum((c) => c.dueCents),
    };
  }
  return {
    title: `Estratto conto al ${date}`,
    date,
    creditor: { name: creditor.name, vatNumber: creditor.vat_number, iban: creditor.iban, pec: creditor.pec },
    debtor: {
      name: debtor.name,
      kind: debtor.kind,
      vatNumber: debtor.vat_number,
      fiscalCode: debtor.fiscal_code,
    },
    conventions: {
      interest: INTEREST_CONVENTION,
      imputation:
        'payments are imputed on their date to costs, then interest, then capital (art. 1194 c.c.), oldest first, unless the invoice says the creditor agreed otherwise',
      creditNotes: 'a credit note reduces the capital from the due date: that part was never owed',
    },
    invoices: accounts.map(({ cents: _cents, ...view }) => view),
    totals,
  };
}
