import { addDays, compareDates, type TCalendarDate } from '../shared/calendar-date.ts';
import { assertUnreachable, invalid } from '../shared/errors.ts';
import { safeCents, type TCents } from '../shared/money.ts';
import { interestPeriods, type TInterestPeriod, type TRateContext } from './interest-periods.ts';

/**
 * How a payment is split between what is owed.
 * - 'art-1194': art. 1194 c.c.: costs first, then interest, then capital. The debtor cannot
 *   impute a payment to capital before interest and costs without the creditor's consent.
 * - 'capital-first': the creditor agreed otherwise: capital, then interest, then costs.
 * Within each class the oldest item goes first (art. 1193 c.c.: the oldest debt).
 */
export type TImputation = 'art-1194' | 'capital-first';
export const IMPUTATIONS = ['art-1194', 'capital-first'] as const;

export type TCapitalItem = { id: string; dueDate: TCalendarDate; amountCents: TCents };
export type TPaymentItem = { id: string; date: TCalendarDate; amountCents: TCents };
export type TCostItem = { id: string; date: TCalendarDate; amountCents: TCents; description: string };

export type TDebtAccountInput = TRateContext & {
  capitals: readonly TCapitalItem[];
  payments: readonly TPaymentItem[];
  costs: readonly TCostItem[];
  to: TCalendarDate;
  imputation: TImputation;
};

export type TImputedPayment = {
  id: string;
  date: TCalendarDate;
  amountCents: TCents;
  toCostsCents: TCents;
  toInterestCents: TCents;
  toCapitalCents: TCents;
  /** More than everything owed on that day: left to the caller (a credit of the debtor). */
  unappliedCents: TCents;
};

export type TCapitalBalance = {
  id: string;
  dueDate: TCalendarDate;
  amountCents: TCents;
  capitalPaidCents: TCents;
  capitalOutstandingCents: TCents;
  interestCents: TCents;
  interestPaidCents: TCents;
  interestOutstandingCents: TCents;
};

export type TCostBalance = TCostItem & { paidCents: TCents; outstandingCents: TCents };

export type TDebtAccount = {
  to: TCalendarDate;
  imputation: TImputation;
  periods: TInterestPeriod[];
  payments: TImputedPayment[];
  capitals: TCapitalBalance[];
  costs: TCostBalance[];
  totals: {
    capitalOutstandingCents: TCents;
    interestCents: TCents;
    interestOutstandingCents: TCents;
    costsCents: TCents;
    costsOutstandingCents: TCents;
    dueCents: TCents;
    unappliedCents: TCents;
  };
};

type TBucket = { owed: TCents; paid: TCents };

function take(bucket: TBucket, available: TCents): TCents {
  const amount = Math.min(available, bucket.owed - bucket.paid);
  bucket.paid += amount;
  return amount;
}

/**
 * The account of one debt (an invoice: its instalments, the payments received, the recovery
 * costs) on the day `to`, replayed in date order:
 * - each capital (instalment) bears interest from the day after its due date;
 * - a payment closes the interest periods on its date (that day counts on the old capital), is
 *   imputed by `imputation`, and the capital it reduces bears less interest from the next day;
 * - costs bear no interest, interest bears no interest (art. 1283 c.c.: no compounding);
 * - payments and costs dated after `to` are not part of the account on `to`.
 */
export function debtAccount(input: TDebtAccountInput): TDebtAccount {
  const capitals = [...input.capitals].sort((a, b) => compareDates(a.dueDate, b.dueDate));
  for (const c of capitals) safeCents(c.amountCents, `capital ${c.id}`);
  const payments = input.payments
    .filter((p) => compareDates(p.date, input.to) <= 0)
    .sort((a, b) => compareDates(a.date, b.date));
  for (const p of payments) {
    if (safeCents(p.amountCents, `payment ${p.id}`) <= 0)
      throw invalid(`payment ${p.id}`, p.amountCents, 'must be > 0');
  }
  const costs = input.costs
    .filter((c) => compareDates(c.date, input.to) <= 0)
    .sort((a, b) => compareDates(a.date, b.date));

  const capitalBuckets = capitals.map((c) => ({ owed: c.amountCents, paid: 0 }));
  const interestBuckets = capitals.map(() => ({ owed: 0, paid: 0 }));
  const costBuckets = costs.map((c) => ({ owed: c.amountCents, paid: 0 }));
  const periods: TInterestPeriod[] = [];

  // Interest is replayed up to each payment date, then up to `to`. `accruedThrough` is the last
  // day already counted; nothing accrues before the earliest due date.
  let accruedThrough: TCalendarDate | null = capitals[0] ? capitals[0].dueDate : null;
  const accrueThrough = (day: TCalendarDate) => {
    if (accruedThrough === null || compareDates(day, accruedThrough) <= 0) return;
    capitals.forEach((c, i) => {
      const first = [addDays(accruedThrough!, 1), addDays(c.dueDate, 1)].sort(compareDates)[1]!;
      const capital = capitalBuckets[i]!.owed - capitalBuckets[i]!.paid;
      const added = interestPeriods(c.id, capital, first, day, input);
      for (const p of added) interestBuckets[i]!.owed += p.interestCents;
      periods.push(...added);
    });
    accruedThrough = day;
  };

  const imputed: TImputedPayment[] = [];
  for (const payment of payments) {
    accrueThrough(payment.date);
    let left = payment.amountCents;
    const row = { toCostsCents: 0, toInterestCents: 0, toCapitalCents: 0 };
    const payCosts = () => {
      costs.forEach((c, i) => {
        if (compareDates(c.date, payment.date) > 0) return;
        const paid = take(costBuckets[i]!, left);
        row.toCostsCents += paid;
        left -= paid;
      });
    };
    const payInterest = () => {
      for (const bucket of interestBuckets) {
        const paid = take(bucket, left);
        row.toInterestCents += paid;
        left -= paid;
      }
    };
    const payCapital = () => {
      for (const bucket of capitalBuckets) {
        const paid = take(bucket, left);
        row.toCapitalCents += paid;
        left -= paid;
      }
    };
    switch (input.imputation) {
      case 'art-1194':
        payCosts();
        payInterest();
        payCapital();
        break;
      case 'capital-first':
        payCapital();
        payInterest();
        payCosts();
        break;
      default:
        assertUnreachable(input.imputation);
    }
    imputed.push({
      id: payment.id,
      date: payment.date,
      amountCents: payment.amountCents,
      ...row,
      unappliedCents: left,
    });
  }
  accrueThrough(input.to);

  const capitalBalances = capitals.map((c, i) => {
    const cap = capitalBuckets[i]!;
    const int = interestBuckets[i]!;
    return {
      id: c.id,
      dueDate: c.dueDate,
      amountCents: c.amountCents,
      capitalPaidCents: cap.paid,
      capitalOutstandingCents: cap.owed - cap.paid,
      interestCents: int.owed,
      interestPaidCents: int.paid,
      interestOutstandingCents: int.owed - int.paid,
    };
  });
  const costBalances = costs.map((c, i) => ({
    ...c,
    paidCents: costBuckets[i]!.paid,
    outstandingCents: costBuckets[i]!.owed - costBuckets[i]!.paid,
  }));
  const sum = (values: number[]) => values.reduce((a, b) => safeCents(a + b), 0);
  const capitalOutstandingCents = sum(capitalBalances.map((c) => c.capitalOutstandingCents));
  const interestOutstandingCents = sum(capitalBalances.map((c) => c.interestOutstandingCents));
  const costsOutstandingCents = sum(costBalances.map((c) => c.outstandingCents));
  return {
    to: input.to,
    imputation: input.imputation,
    periods,
    payments: imputed,
    capitals: capitalBalances,
    costs: costBalances,
    totals: {
      capitalOutstandingCents,
      interestCents: sum(capitalBalances.map((c) => c.interestCents)),
      interestOutstandingCents,
      costsCents: sum(costBalances.map((c) => c.amountCents)),
      costsOutstandingCents,
      dueCents: sum([capitalOutstandingCents, interestOutstandingCents, costsOutstandingCents]),
      unappliedCents: sum(imputed.map((p) => p.unappliedCents)),
    },
  };
}
