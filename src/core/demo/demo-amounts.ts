import type { TCalendarDate } from '../shared/calendar-date.ts';
import { addDays, endOfMonth } from '../shared/calendar-date.ts';
import type { TCents } from '../shared/money.ts';
import type { TDemoCustomer } from './demo-debtors.ts';
import type { TRandom } from './prng.ts';

/** Italian standard VAT rate, in percent (art. 16 DPR 633/1972). */
export const STANDARD_VAT_PERCENT = 22;

/** `percent` % of an amount in cents, rounded half up; integers only, no floating point. */
export function percentOf(cents: TCents, percent: number): TCents {
  const scaled = cents * percent + 50;
  return (scaled - (scaled % 100)) / 100;
}

/** Rounds down to whole euros: customers pay round sums on account. */
export function wholeEuros(cents: TCents): TCents {
  return cents - (cents % 100);
}

/** Splits a total into `count` instalments; the last takes the cents the division leaves over. */
export function splitEvenly(totalCents: TCents, count: number): TCents[] {
  const base = (totalCents - (totalCents % count)) / count;
  return Array.from({ length: count }, (_, i) => (i === count - 1 ? totalCents - base * (count - 1) : base));
}

/** Net amount before VAT, by segment: private customers buy little, EU dealers buy in bulk. */
export function demoTaxableCents(r: TRandom, c: TDemoCustomer): TCents {
  if (c.segment === 'consumer') return r.int(8_000, 150_000);
  if (c.segment === 'foreign') return r.int(200_000, 2_000_000);
  const bucket = r.weighted([50, 35, 15]);
  if (bucket === 0) return r.int(15_000, 90_000);
  if (bucket === 1) return r.int(90_000, 500_000);
  return r.int(500_000, 2_500_000);
}

/** VAT on an invoice: none on intra-EU supplies (the buyer reverse-charges it), else 22%. */
export function demoVatCents(c: TDemoCustomer, taxableCents: TCents): TCents {
  return c.segment === 'foreign' ? 0 : percentOf(taxableCents, STANDARD_VAT_PERCENT);
}

/** "n days from the invoice date, end of month" (d.f.f.m.), the usual Italian B2B term. */
function endOfMonthTerm(issueDate: TCalendarDate, days: number): TCalendarDate {
  return endOfMonth(addDays(issueDate, days));
}

/**
 * Due dates by the terms customers commonly agree: 15 days for private customers; 30 days from
 * the invoice date or 30/60/90 d.f.f.m. for businesses; instalments 30/60(/90) d.f.f.m. on
 * larger supplies.
 */
export function demoDueDates(r: TRandom, c: TDemoCustomer, issueDate: TCalendarDate, totalCents: TCents) {
  if (c.segment === 'consumer') return [addDays(issueDate, 15)];
  if (c.segment === 'foreign') return [r.chance(50) ? addDays(issueDate, 30) : endOfMonthTerm(issueDate, 60)];
  const isLarge = totalCents >= 300_000;
  const plan = isLarge ? r.weighted([45, 35, 20]) : 0;
  if (plan === 1) return [30, 60].map((d) => endOfMonthTerm(issueDate, d));
  if (plan === 2) return [30, 60, 90].map((d) => endOfMonthTerm(issueDate, d));
  const term = r.weighted([25, 25, 35, 15]);
  if (term === 0) return [addDays(issueDate, 30)];
  return [endOfMonthTerm(issueDate, [30, 60, 90][term - 1]!)];
}

type TAnswer = 'yes' | 'no' | 'unknown';

function answer(r: TRandom, yesPercent: number, unknownPercent: number): TAnswer {
  const roll = r.int(1, 100);
  return roll <= yesPercent ? 'yes' : roll <= yesPercent + unknownPercent ? 'unknown' : 'no';
}

/** Answers to the seven-questions check (seed 001): mostly yes, with the gaps real files have. */
export function demoEvidence(r: TRandom, c: TDemoCustomer) {
  return {
    termsAgreed: answer(r, 85, 12),
    invoiceAccurate: c.profile === 'disputing' ? answer(r, 60, 15) : answer(r, 92, 6),
    receiptConfirmed: answer(r, 70, 25),
    deliveryProof: c.isService ? ('not-applicable' as const) : answer(r, 75, 18),
    paymentInstructions: answer(r, 90, 8),
  };
}
