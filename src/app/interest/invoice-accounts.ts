import {
  debtAccount,
  type TCostItem,
  type TDebtAccount,
  type TImputation,
  type TPaymentItem,
} from '../../core/interest/debt-account.ts';
import type { TInterestRegime } from '../../core/interest/interest-periods.ts';
import { formatRatePercent, parseRatePercent } from '../../core/interest/rate.ts';
import type { TRateKind, TRateRow } from '../../core/interest/rate-table.ts';
import { addDays, compareDates, type TCalendarDate } from '../../core/shared/calendar-date.ts';
import { formatAmount, type TCents } from '../../core/shared/money.ts';
import type { TSql } from '../../db/database.ts';
import {
  listDebtAllocations,
  listDebtInstalments,
  listDebtInvoices,
  listInterestTerms,
  listRecoveryCosts,
  type TDebtAllocationRow,
  type TDebtInstalmentRow,
  type TDebtInvoiceRow,
  type TInterestTermsRow,
  type TRecoveryCostRow,
} from '../../db/queries/interest.ts';
import { type TPeriodView, toPeriodView } from './interest-view.ts';
import { loadRateTable } from './rate-table.ts';

/** Art. 6 D.Lgs. 231/2002: EUR 40 flat for recovery costs, per invoice, no demand needed. */
export const FLAT_INDEMNITY_CENTS = 4000;
export const FLAT_INDEMNITY_CURRENCY = 'EUR';
/** creditors.settings key: false switches the flat indemnity off for that creditor. */
export const FLAT_INDEMNITY_SETTING = 'flatIndemnity';

export type TIndemnityStatus = 'due' | 'consumer' | 'waived' | 'other-currency' | 'not-late';

/** What the caller may force for this computation; null/undefined = the invoice's terms or default. */
export type TAccountOptions = {
  to: TCalendarDate;
  kind?: TRateKind | null;
  isPre2013Contract?: boolean | null;
  courtClaimFiledOn?: TCalendarDate | null;
  imputation?: TImputation | null;
  allowUnverifiedRates?: boolean;
};

export type TInvoiceAccountView = {
  invoice: { id: number; number: string; type: string; issueDate: string; currency: string; total: string };
  to: string;
  regime: {
    kind: TRateKind;
    /** Why this kind: chosen for the computation, set in the invoice terms, or from the debtor kind. */
    kindSource: 'option' | 'terms' | 'debtor-kind';
    debtorKind: string;
    kindReason: string;
    isPre2013Contract: boolean;
    courtClaimFiledOn: string | null;
    contractual: { ratePercent: string; from: string } | null;
  };
  imputation: TImputation;
  instalments: Array<{
    seq: number;
    dueDate: string;
    amount: string;
    credited: string;
    principal: string;
    capitalPaid: string;
    capitalOutstanding: string;
    interest: string;
    interestPaid: string;
    interestOutstanding: string;
  }>;
  allocations: Array<{
    date: string;
    kind: 'payment' | 'credit-note';
    paymentId: number | null;
    reference: string | null;
    instalmentSeq: number;
    amount: string;
  }>;
  payments: Array<{
    paymentId: number;
    date: string;
    amount: string;
    toCosts: string;
    toInterest: string;
    toCapital: string;
    unapplied: string;
  }>;
  periods: Array<TPeriodView & { instalmentSeq: number }>;
  indemnity: { amount: string; date: string; legalBasis: string } | null;
  indemnityStatus: TIndemnityStatus;
  indemnityNote: string;
  costs: Array<{
    id: number;
    date: string;
    description: string;
    amount: string;
    paid: string;
    outstanding: string;
    proof: { fileName: string; sha256: string } | null;
  }>;
  totals: {
    principal: string;
    capitalOutstanding: string;
    interest: string;
    interestOutstanding: string;
    costs: string;
    costsOutstanding: string;
    due: string;
    unapplied: string;
  };
  /** Cents, for callers that add several invoices up (the statement); not printed. */
  cents: TDebtAccount['totals'] & { principalCents: TCents };
};

function regimeOf(
  invoice: TDebtInvoiceRow,
  terms: TInterestTermsRow | undefined,
  options: TAccountOptions,
): { regime: TInterestRegime; kindReason: string; kindSource: 'option' | 'terms' | 'debtor-kind' } {
  const kind: TRateKind =
    options.kind ?? terms?.kind ?? (invoice.debtor_kind === 'consumer' ? 'legal' : 'commercial');
  const kindReason = options.kind
    ? 'chosen for this computation'
    : terms?.kind
      ? 'set in the invoice interest terms'
      : invoice.debtor_kind === 'consumer'
        ? 'consumer debtor: art. 1284 c.c.'
        : `${invoice.debtor_kind} debtor: D.Lgs. 231/2002`;
  const courtClaim =
    options.courtClaimFiledOn ?? (terms?.court_claim_filed_on as TCalendarDate | null) ?? null;
  const kindSource = options.kind ? 'option' : terms?.kind ? 'terms' : 'debtor-kind';
  return {
    kindReason,
    kindSource,
    regime: {
      kind,
      isPre2013Contract: options.isPre2013Contract ?? terms?.is_pre_2013_contract ?? false,
      courtClaimFiledOn: courtClaim,
      contractual:
        terms?.contractual_rate && terms.contractual_from
          ? {
              ratePpm: parseRatePercent(terms.contractual_rate, 'contractual_rate'),
              from: terms.contractual_from as TCalendarDate,
              source: 'contractual rate (invoice interest terms)',
            }
          : null,
    },
  };
}

/**
 * The earliest due date missed on `to`: an instalment not fully settled (payments and credit
 * notes) by the end of its due date. Null when every instalment due was paid on time.
 */
function firstMissedDueDate(
  instalments: readonly TDebtInstalmentRow[],
  allocations: readonly TDebtAllocationRow[],
  to: TCalendarDate,
): TCalendarDate | null {
  for (const t of [...instalments].sort((a, b) =>
    compareDates(a.due_date as TCalendarDate, b.due_date as TCalendarDate),
  )) {
    if (compareDates(t.due_date as TCalendarDate, to) >= 0) continue;
    const settledOnTime = allocations
      .filter(
        (a) =>
          a.instalment_id === t.id &&
          compareDates(a.allocated_on as TCalendarDate, t.due_date as TCalendarDate) <= 0,
      )
      .reduce((s, a) => s + a.amount_cents, 0);
    if (settledOnTime < t.amount_cents) return t.due_date as TCalendarDate;
  }
  return null;
}

function indemnityFor(
  invoice: TDebtInvoiceRow,
  missed: TCalendarDate | null,
): { cost: TCostItem | null; status: TIndemnityStatus; note: string } {
  if (invoice.debtor_kind === 'consumer')
    return {
      cost: null,
      status: 'consumer',
      note: 'not due: consumer debtor (art. 6 D.Lgs. 231/2002 applies between businesses and with public administrations)',
    };
  if (invoice.creditor_settings[FLAT_INDEMNITY_SETTING] === false)
    return { cost: null, status: 'waived', note: 'not claimed: switched off by the creditor' };
  if (invoice.currency !== FLAT_INDEMNITY_CURRENCY)
    return {
      cost: null,
      status: 'other-currency',
      note: `not computed: the invoice is in ${invoice.currency}, the indemnity is EUR 40`,
    };
  if (!missed) return { cost: null, status: 'not-late', note: 'not due: no instalment paid late' };
  return {
    status: 'due',
    cost: {
      id: 'indemnity',
      date: addDays(missed, 1),
      amountCents: FLAT_INDEMNITY_CENTS,
      description: 'flat indemnity for recovery costs, art. 6 D.Lgs. 231/2002',
    },
    note: `due from ${addDays(missed, 1)}, the day after the first missed due date`,
  };
}

function accountView(
  invoice: TDebtInvoiceRow,
  instalments: readonly TDebtInstalmentRow[],
  allocations: readonly TDebtAllocationRow[],
  costs: readonly TRecoveryCostRow[],
  terms: TInterestTermsRow | undefined,
  rates: readonly TRateRow[],
  options: TAccountOptions,
): TInvoiceAccountView {
  const cur = invoice.currency;
  const fmt = (c: TCents) => formatAmount(c, cur);
  const { regime, kindReason, kindSource } = regimeOf(invoice, terms, options);
  const imputation: TImputation = options.imputation ?? terms?.imputation ?? 'art-1194';
  const seqOf = new Map(instalments.map((t) => [t.id, t.seq]));
  const visible = allocations.filter((a) => compareDates(a.allocated_on as TCalendarDate, options.to) <= 0);

  // A credit note says part of the instalment was never owed: it lowers the capital from the start.
  const creditedOf = (id: number) =>
    visible
      .filter((a) => a.instalment_id === id && a.credit_note_id !== null)
      .reduce((s, a) => s + a.amount_cents, 0);
  const paymentsById = new Map<string, TPaymentItem & { paymentId: number }>();
  for (const a of visible) {
    if (a.payment_id === null) continue;
    const key = `payment:${a.payment_id}:${a.allocated_on}`;
    const item = paymentsById.get(key) ?? {
      id: key,
      paymentId: a.payment_id,
      date: a.allocated_on as TCalendarDate,
      amountCents: 0,
    };
    item.amountCents += a.amount_cents;
    paymentsById.set(key, item);
  }
  const missed = firstMissedDueDate(instalments, visible, options.to);
  const indemnity = indemnityFor(invoice, missed);
  const costItems: TCostItem[] = [
    ...(indemnity.cost ? [indemnity.cost] : []),
    ...costs.map((c) => ({
      id: `cost:${c.id}`,
      date: c.incurred_on as TCalendarDate,
      amountCents: c.amount_cents,
      description: c.description,
    })),
  ];

  const account = debtAccount({
    regime,
    rates,
    options: { allowUnverified: options.allowUnverifiedRates ?? false },
    capitals: instalments.map((t) => ({
      id: String(t.id),
      dueDate: t.due_date as TCalendarDate,
      amountCents: t.amount_cents - creditedOf(t.id),
    })),
    payments: [...paymentsById.values()],
    costs: costItems,
    to: options.to,
    imputation,
  });

  const capitalById = new Map(account.capitals.map((c) => [c.id, c]));
  const costById = new Map(account.costs.map((c) => [c.id, c]));
  const principalCents = account.capitals.reduce((s, c) => s + c.amountCents, 0);
  return {
    invoice: {
      id: invoice.id,
      number: invoice.number,
      type: invoice.type,
      issueDate: invoice.issue_date,
      currency: cur,
      total: fmt(invoice.total_cents),
    },
    to: options.to,
    regime: {
      kind: regime.kind,
      kindSource,
      debtorKind: invoice.debtor_kind,
      kindReason,
      isPre2013Contract: regime.isPre2013Contract ?? false,
      courtClaimFiledOn: regime.courtClaimFiledOn ?? null,
      contractual: regime.contractual
        ? { ratePercent: formatRatePercent(regime.contractual.ratePpm), from: regime.contractual.from }
        : null,
    },
    imputation,
    instalments: instalments.map((t) => {
      const c = capitalById.get(String(t.id))!;
      return {
        seq: t.seq,
        dueDate: t.due_date,
        amount: fmt(t.amount_cents),
        credited: fmt(creditedOf(t.id)),
        principal: fmt(c.amountCents),
        capitalPaid: fmt(c.capitalPaidCents),
        capitalOutstanding: fmt(c.capitalOutstandingCents),
        interest: fmt(c.interestCents),
        interestPaid: fmt(c.interestPaidCents),
        interestOutstanding: fmt(c.interestOutstandingCents),
      };
    }),
    allocations: visible.map((a) => ({
      date: a.allocated_on,
      kind: a.payment_id !== null ? 'payment' : 'credit-note',
      paymentId: a.payment_id,
      reference: a.payment_id !== null ? a.payment_reference : a.credit_note_number,
      instalmentSeq: seqOf.get(a.instalment_id)!,
      amount: fmt(a.amount_cents),
    })),
    payments: account.payments.map((p) => ({
      paymentId: paymentsById.get(p.id)!.paymentId,
      date: p.date,
      amount: fmt(p.amountCents),
      toCosts: fmt(p.toCostsCents),
      toInterest: fmt(p.toInterestCents),
      toCapital: fmt(p.toCapitalCents),
      unapplied: fmt(p.unappliedCents),
    })),
    periods: account.periods.map((p) => ({
      instalmentSeq: seqOf.get(Number(p.capitalId))!,
      ...toPeriodView(p, cur),
    })),
    indemnity: indemnity.cost
      ? {
          amount: fmt(indemnity.cost.amountCents),
          date: indemnity.cost.date,
          legalBasis: 'art. 6 D.Lgs. 231/2002 (per invoice)',
        }
      : null,
    indemnityStatus: indemnity.status,
    indemnityNote: indemnity.note,
    costs: costs
      .filter((c) => costById.has(`cost:${c.id}`))
      .map((c) => {
        const b = costById.get(`cost:${c.id}`)!;
        return {
          id: c.id,
          date: c.incurred_on,
          description: c.description,
          amount: fmt(c.amount_cents),
          paid: fmt(b.paidCents),
          outstanding: fmt(b.outstandingCents),
          proof: c.proof_sha256 ? { fileName: c.proof_file_name!, sha256: c.proof_sha256 } : null,
        };
      }),
    totals: {
      principal: fmt(principalCents),
      capitalOutstanding: fmt(account.totals.capitalOutstandingCents),
      interest: fmt(account.totals.interestCents),
      interestOutstanding: fmt(account.totals.interestOutstandingCents),
      costs: fmt(account.totals.costsCents),
      costsOutstanding: fmt(account.totals.costsOutstandingCents),
      due: fmt(account.totals.dueCents),
      unapplied: fmt(account.totals.unappliedCents),
    },
    cents: { ...account.totals, principalCents },
  };
}

/**
 * The account of each invoice (not credit notes) of a debtor, or of the invoices given, on the
 * day `options.to`: instalments, payments, interest periods, indemnity, costs, totals.
 */
export async function invoiceAccounts(
  db: TSql,
  creditorId: number,
  filter: { debtorId?: number | null; invoiceIds?: readonly number[] | null },
  options: TAccountOptions,
): Promise<TInvoiceAccountView[]> {
  const invoices = (await listDebtInvoices(db, { creditorId, ...filter })).filter(
    (i) => compareDates(i.issue_date as TCalendarDate, options.to) <= 0,
  );
  if (invoices.length === 0) return [];
  const ids = invoices.map((i) => i.id);
  // One after the other: `db` may be a transaction, i.e. one connection.
  const instalments = await listDebtInstalments(db, creditorId, ids);
  const allocations = await listDebtAllocations(db, creditorId, ids);
  const costs = await listRecoveryCosts(db, creditorId, ids);
  const terms = await listInterestTerms(db, creditorId, ids);
  const rates = await loadRateTable(db);
  return invoices.map((invoice) =>
    accountView(
      invoice,
      instalments.filter((t) => t.invoice_id === invoice.id),
      allocations.filter((a) => a.invoice_id === invoice.id),
      costs.filter((c) => c.invoice_id === invoice.id),
      terms.find((t) => t.invoice_id === invoice.id),
      rates,
      options,
    ),
  );
}
