import { italianVatCheckDigit } from '../ledger/tax-identifiers.ts';
import { addDays, dayOfWeek, type TCalendarDate, yearOf } from '../shared/calendar-date.ts';
import { formatAmount } from '../shared/money.ts';
import { demoDueDates, demoEvidence, demoTaxableCents, demoVatCents, splitEvenly } from './demo-amounts.ts';
import { generateCustomers, type TDemoDebtor } from './demo-debtors.ts';
import { planSettlement, type TDemoDraft } from './demo-settlement.ts';
import { mulberry32 } from './prng.ts';

/**
 * A realistic, deterministic portfolio for demonstrations and manual testing: the same seed and
 * `today` give the same data on every machine. Pure: no clock, no database; the shapes are the
 * inputs of the ledger use cases (addCreditor, addInvoices, recordPayment).
 */
export const DEMO_INVOICE_COUNT = 300;
/** How far back invoices go: long enough for debts overdue by many months. */
export const DEMO_HISTORY_DAYS = 480;

const CREDITOR_VAT_FIRST_TEN = '0391827016'; // serial 0391827, province office 016 (Bergamo)
const CREDITOR_VAT_DIGITS = `${CREDITOR_VAT_FIRST_TEN}${italianVatCheckDigit(CREDITOR_VAT_FIRST_TEN)}`;

export const DEMO_CREDITOR = {
  name: 'Ferramenta Lombarda S.r.l.',
  vatNumber: `IT${CREDITOR_VAT_DIGITS}`,
  fiscalCode: CREDITOR_VAT_DIGITS,
  // The IBAN of the Italian banks' published example: valid, and nobody's real account.
  iban: 'IT60X0542811101000000123456',
  pec: 'ferramentalombarda@pec.example',
  email: 'amministrazione@ferramentalombarda.example',
  phone: '+39 035 421 7788',
};

export type TDemoInvoice = {
  number: string;
  type: 'invoice' | 'credit-note';
  documentType: 'TD01' | 'TD04';
  issueDate: string;
  currency: 'EUR';
  total: string;
  paymentMethod: string | null;
  paymentIban: string | null;
  relatedInvoice: { number: string; issueDate: string } | null;
  debtor: TDemoDebtor;
  creditor: { vatNumber: string; name: string };
  instalments: Array<{ dueDate: string; amount: string }>;
  evidence: ReturnType<typeof demoEvidence>;
};

export type TDemoPayment = {
  debtor: string;
  creditor: string;
  amount: string;
  currency: 'EUR';
  date: string;
  invoices: string[];
  externalId: string;
  reference: string;
  method: string;
};

export type TDemoPortfolio = {
  seed: number;
  today: TCalendarDate;
  creditor: typeof DEMO_CREDITOR;
  debtors: TDemoDebtor[];
  /** Invoices in issue order, then credit notes (each after the invoice it corrects). */
  invoices: TDemoInvoice[];
  /** In value-date order. */
  payments: TDemoPayment[];
};

/** Invoices are issued on working days: a weekend date moves back to Friday. */
function workingDayOnOrBefore(date: TCalendarDate): TCalendarDate {
  const weekday = dayOfWeek(date);
  return weekday === 0 ? addDays(date, -2) : weekday === 6 ? addDays(date, -1) : date;
}

/** Numbers restart every year, as Italian invoice numbering does: "FT-2026/0001". */
function numberer(prefix: string): (date: TCalendarDate) => string {
  const next = new Map<number, number>();
  return (date) => {
    const year = yearOf(date);
    const seq = (next.get(year) ?? 0) + 1;
    next.set(year, seq);
    return `${prefix}-${year}/${String(seq).padStart(4, '0')}`;
  };
}

export function generateDemoPortfolio(seed: number, today: TCalendarDate): TDemoPortfolio {
  const r = mulberry32(seed);
  const customers = generateCustomers(r);
  const creditorRef = { vatNumber: DEMO_CREDITOR.vatNumber, name: DEMO_CREDITOR.name };

  const drafts: Array<TDemoDraft & { evidence: TDemoInvoice['evidence'] }> = [];
  for (let i = 0; i < DEMO_INVOICE_COUNT; i++) {
    // Every debtor gets at least one invoice, the rest go mostly to the large customers.
    const customer = customers[i < customers.length ? i : r.weighted(customers.map((c) => c.weight))]!;
    const issueDate = workingDayOnOrBefore(addDays(today, -r.int(1, DEMO_HISTORY_DAYS)));
    const taxableCents = demoTaxableCents(r, customer);
    const totalCents = taxableCents + demoVatCents(customer, taxableCents);
    const dueDates = demoDueDates(r, customer, issueDate, totalCents);
    const amounts = splitEvenly(totalCents, dueDates.length);
    const isRiba = customer.segment === 'business' && r.chance(30);
    drafts.push({
      customer,
      issueDate,
      taxableCents,
      totalCents,
      instalments: dueDates.map((dueDate, k) => ({ dueDate, amountCents: amounts[k]! })),
      paymentMethod: isRiba ? 'MP12' : 'MP05',
      evidence: demoEvidence(r, customer),
    });
  }
  // Stable sort: same-day invoices keep their drawing order, so numbering is deterministic.
  drafts.sort((a, b) => (a.issueDate < b.issueDate ? -1 : a.issueDate > b.issueDate ? 1 : 0));

  const invoiceNumber = numberer('FT');
  const invoices: TDemoInvoice[] = [];
  const creditNotes: Array<{ date: TCalendarDate; make: (number: string) => TDemoInvoice }> = [];
  const payments: Array<TDemoPayment & { order: number }> = [];
  for (const d of drafts) {
    const number = invoiceNumber(d.issueDate);
    const base = { currency: 'EUR' as const, debtor: d.customer.debtor, creditor: creditorRef };
    invoices.push({
      ...base,
      number,
      type: 'invoice',
      documentType: 'TD01',
      issueDate: d.issueDate,
      total: formatAmount(d.totalCents),
      paymentMethod: d.paymentMethod,
      // A RiBa is collected by the creditor's bank, so the invoice states no IBAN to pay to.
      paymentIban: d.paymentMethod === 'MP05' ? DEMO_CREDITOR.iban : null,
      relatedInvoice: null,
      instalments: d.instalments.map((t) => ({ dueDate: t.dueDate, amount: formatAmount(t.amountCents) })),
      evidence: d.evidence,
    });
    const settlement = planSettlement(r, d, today);
    const cn = settlement.creditNote;
    if (cn) {
      creditNotes.push({
        date: cn.issueDate,
        make: (cnNumber) => ({
          ...base,
          number: cnNumber,
          type: 'credit-note',
          documentType: 'TD04',
          issueDate: cn.issueDate,
          total: formatAmount(cn.amountCents),
          paymentMethod: null,
          paymentIban: null,
          relatedInvoice: { number, issueDate: d.issueDate },
          instalments: [],
          evidence: { ...d.evidence, invoiceAccurate: 'yes', deliveryProof: 'not-applicable' },
        }),
      });
    }
    for (const p of settlement.payments) {
      const what = p.isPartial ? 'Acconto' : d.instalments.length > 1 ? `Rata ${p.instalmentSeq}` : 'Saldo';
      payments.push({
        order: payments.length,
        debtor: d.customer.identifier,
        creditor: DEMO_CREDITOR.vatNumber,
        amount: formatAmount(p.amountCents),
        currency: 'EUR',
        date: p.date,
        invoices: [number],
        externalId: `DEMO-${number}-${p.instalmentSeq}`,
        reference: `${what} fattura ${number} del ${d.issueDate}`,
        method: d.paymentMethod,
      });
    }
  }
  creditNotes.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  const creditNoteNumber = numberer('NC');
  for (const c of creditNotes) invoices.push(c.make(creditNoteNumber(c.date)));
  payments.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : a.order - b.order));

  return {
    seed,
    today,
    creditor: DEMO_CREDITOR,
    debtors: customers.map((c) => c.debtor),
    invoices,
    payments: payments.map(({ order: _order, ...p }) => p),
  };
}
