import {
  addDays,
  compareDates,
  dayOfWeek,
  daysBetween,
  type TCalendarDate,
} from '../shared/calendar-date.ts';
import type { TCents } from '../shared/money.ts';
import { demoVatCents, percentOf, wholeEuros } from './demo-amounts.ts';
import type { TDemoCustomer } from './demo-debtors.ts';
import type { TRandom } from './prng.ts';

/** A credit note needs a dispute first: none on invoices issued in the last days. */
const MIN_DAYS_BEFORE_CREDIT_NOTE = 10;

export type TDemoDraft = {
  customer: TDemoCustomer;
  issueDate: TCalendarDate;
  taxableCents: TCents;
  totalCents: TCents;
  instalments: Array<{ dueDate: TCalendarDate; amountCents: TCents }>;
  paymentMethod: 'MP05' | 'MP12';
};

export type TDemoSettlement = {
  creditNote: { issueDate: TCalendarDate; amountCents: TCents } | null;
  payments: Array<{ date: TCalendarDate; amountCents: TCents; instalmentSeq: number; isPartial: boolean }>;
};

/** Banks credit transfers on working days: a weekend value date moves to Monday. */
function workingDayOnOrAfter(date: TCalendarDate): TCalendarDate {
  const weekday = dayOfWeek(date);
  return weekday === 6 ? addDays(date, 2) : weekday === 0 ? addDays(date, 1) : date;
}

function maxDate(a: TCalendarDate, b: TCalendarDate): TCalendarDate {
  return compareDates(a, b) >= 0 ? a : b;
}

/** Days after the due date this debtor pays this invoice, or null when it does not pay at all. */
function paymentDelay(r: TRandom, d: TDemoDraft): number | null {
  switch (d.customer.profile) {
    case 'punctual':
      // A bank collects a RiBa on the due date; a transfer comes around it, sometimes forgotten.
      if (d.paymentMethod === 'MP12') return r.chance(92) ? 0 : r.int(10, 30);
      return r.chance(90) ? r.int(-12, 4) : r.int(8, 25);
    case 'late':
      return r.int(12, 80);
    case 'partial':
      return r.int(5, 45);
    case 'defaulting':
      return r.chance(30) ? r.int(60, 160) : null;
    case 'disputing':
      return r.int(15, 60);
  }
}

function planCreditNote(r: TRandom, d: TDemoDraft, today: TCalendarDate): TDemoSettlement['creditNote'] {
  const age = daysBetween(d.issueDate, today);
  const chance = d.customer.profile === 'disputing' ? 35 : 3;
  if (age < MIN_DAYS_BEFORE_CREDIT_NOTE || !r.chance(chance)) return null;
  const issueDate = addDays(d.issueDate, r.int(5, Math.min(45, age)));
  if (r.chance(45)) return { issueDate, amountCents: d.totalCents }; // storno totale
  // Goods returned or a price reduction: part of the net amount, with its VAT.
  const creditTaxable = percentOf(d.taxableCents, r.int(8, 30));
  const amountCents = creditTaxable + demoVatCents(d.customer, creditTaxable);
  return amountCents > 0 && amountCents < d.totalCents ? { issueDate, amountCents } : null;
}

/**
 * What happens to an invoice up to `today`: maybe a credit note, then payments instalment by
 * instalment (oldest first, as the ledger allocates them) until the debtor stops paying or the
 * next payment would fall after today. A partial payment leaves the rest of the invoice open.
 */
export function planSettlement(r: TRandom, d: TDemoDraft, today: TCalendarDate): TDemoSettlement {
  const creditNote = planCreditNote(r, d, today);
  let credit = creditNote?.amountCents ?? 0;
  const remaining = d.instalments.map((t) => {
    const taken = Math.min(credit, t.amountCents);
    credit -= taken;
    return t.amountCents - taken;
  });
  const payments: TDemoSettlement['payments'] = [];
  const delay = paymentDelay(r, d);
  let earliest = creditNote ? creditNote.issueDate : d.issueDate;
  for (const [i, t] of d.instalments.entries()) {
    const open = remaining[i]!;
    if (open === 0) continue;
    if (delay === null) break;
    const date = workingDayOnOrAfter(maxDate(addDays(t.dueDate, delay + r.int(0, 3)), earliest));
    if (compareDates(date, today) > 0) break;
    earliest = date;
    const wantsPartial =
      (d.customer.profile === 'partial' && r.chance(45)) ||
      (d.customer.profile === 'defaulting' && r.chance(30));
    const partial = wantsPartial ? wholeEuros(percentOf(open, r.int(20, 70))) : 0;
    if (partial >= 100 && partial < open) {
      payments.push({ date, amountCents: partial, instalmentSeq: i + 1, isPartial: true });
      break;
    }
    payments.push({ date, amountCents: open, instalmentSeq: i + 1, isPartial: false });
  }
  return { creditNote, payments };
}
