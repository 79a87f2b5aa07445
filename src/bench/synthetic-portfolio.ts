import { italianVatCheckDigit } from '../core/ledger/tax-identifiers.ts';
import type { TCalendarDate } from '../core/shared/calendar-date.ts';
import { hash32, mulberry32, type TSeededRandom } from './seeded-random.ts';
import { MAX_SYNTHETIC_DEBTORS, syntheticDebtor, syntheticDebtorName } from './synthetic-debtors.ts';

/**
 * A synthetic portfolio for benchmarks: one creditor, N invoices of 1-3 instalments each, about
 * ten instalments per debtor, due dates over the 18 months before a reference date, some invoices
 * paid in full or in part. Pure and deterministic: the same (invoices, seed, reference date) give
 * the same rows, ids included when the id bases are the same.
 *
 * Rows come out in columns (one array per column) and in chunks, so a loader can stream any
 * number of invoices in bounded memory and hand each chunk to COPY or unnest as it is.
 */

/** ~10 instalments per debtor: the engine benchmark's shape (1,000,000 instalments, 100,000 debtors). */
export const INSTALMENTS_PER_DEBTOR = 10;
/** 1 to 3 instalments per invoice (2 on average: --invoices 500000 gives about 1,000,000 instalments). */
export const MAX_INSTALMENTS_PER_INVOICE = 3;
/** Due dates fall in the 548 days (18 months) before the reference date. */
export const DUE_WINDOW_DAYS = 548;
export const INSTALMENT_SPACING_DAYS = 30;
/** Share of invoices paid in full / in part (one payment each); the rest is open, as in collection. */
export const PAID_PERCENT = 20;
export const PARTIAL_PERCENT = 5;
/** Totals are log-uniform between 50.00 and 50,000.00 EUR. */
const MIN_TOTAL_CENTS = 5_000;
const MAX_TOTAL_CENTS = 5_000_000;
/** Keeps the debtor VAT numbers unique (see MAX_SYNTHETIC_DEBTORS) with room to spare. */
export const MAX_SYNTHETIC_INVOICES = Math.floor(
  (MAX_SYNTHETIC_DEBTORS * INSTALMENTS_PER_DEBTOR) / MAX_INSTALMENTS_PER_INVOICE,
);

export const SYNTHETIC_INVOICE_CONSTANTS = {
  type: 'invoice',
  documentType: 'TD01',
  currency: 'EUR',
  paymentMethod: 'MP05',
  source: 'bench',
} as const;
export const SYNTHETIC_PAYMENT_CONSTANTS = { currency: 'EUR', method: 'MP05', source: 'bench' } as const;

export type TSyntheticSpec = { invoices: number; seed: number; referenceDate: TCalendarDate };

export type TSyntheticPlan = TSyntheticSpec & {
  debtors: number;
  instalments: number;
  payments: number;
  allocations: number;
};

/** The first id of each table's block; the generator numbers rows consecutively from there. */
export type TIdBases = {
  debtors: number;
  invoices: number;
  instalments: number;
  payments: number;
  allocations: number;
};

export type TDebtorColumns = {
  id: number[];
  name: string[];
  vatNumber: string[];
  fiscalCode: string[];
  pec: string[];
};

export type TInvoiceChunk = {
  invoices: {
    id: number[];
    debtorId: number[];
    number: string[];
    issueDate: string[];
    issueYear: number[];
    totalCents: number[];
    fingerprint: string[];
  };
  instalments: { id: number[]; invoiceId: number[]; seq: number[]; dueDate: string[]; amountCents: number[] };
  payments: {
    id: number[];
    debtorId: number[];
    amountCents: number[];
    valueDate: string[];
    reference: string[];
    payerName: string[];
  };
  allocations: {
    id: number[];
    instalmentId: number[];
    paymentId: number[];
    amountCents: number[];
    allocatedOn: string[];
  };
};

type TSettlement = 'paid' | 'partial' | 'open';

/** The first draws of an invoice's generator: what the counting pass needs. */
function invoiceShape(random: TSeededRandom): { count: number; settlement: TSettlement } {
  const count = random.int(1, MAX_INSTALMENTS_PER_INVOICE);
  const roll = random.next() * 100;
  const settlement =
    roll < PAID_PERCENT ? 'paid' : roll < PAID_PERCENT + PARTIAL_PERCENT ? 'partial' : 'open';
  return { count, settlement };
}

function invoiceRandom(seed: number, index: number): TSeededRandom {
  return mulberry32(hash32(seed, index));
}

/** Counts every table's rows without building any (a few milliseconds per million invoices). */
export function planSyntheticPortfolio(spec: TSyntheticSpec): TSyntheticPlan {
  let instalments = 0;
  let payments = 0;
  let allocations = 0;
  for (let i = 0; i < spec.invoices; i++) {
    const { count, settlement } = invoiceShape(invoiceRandom(spec.seed, i));
    instalments += count;
    if (settlement !== 'open') payments += 1;
    allocations += settlement === 'paid' ? count : settlement === 'partial' ? 1 : 0;
  }
  const debtors = Math.ceil(instalments / INSTALMENTS_PER_DEBTOR);
  return { ...spec, debtors, instalments, payments, allocations };
}

/** The tenant of one run: distinct for every (seed, invoices, reference date). */
export function syntheticCreditor(spec: TSyntheticSpec): { name: string; vatNumber: string } {
  const digits = String(hash32(hash32(spec.seed, spec.invoices), epochDay(spec.referenceDate)) % 10_000_000);
  // Office 999 is not a province code, so a creditor never shares a VAT number with a synthetic debtor.
  const firstTen = `${digits.padStart(7, '0')}999`;
  return {
    name: `Bench Creditor S.p.A. (seed ${spec.seed}, ${spec.invoices} invoices, ${spec.referenceDate})`,
    vatNumber: `IT${firstTen}${italianVatCheckDigit(firstTen)}`,
  };
}

/** The debtor (0-based index) an invoice belongs to: contiguous runs of ~5 invoices per debtor. */
function debtorIndexOf(plan: TSyntheticPlan, invoiceIndex: number): number {
  return Math.floor((invoiceIndex * plan.debtors) / plan.invoices);
}

export function* syntheticDebtorChunks(
  plan: TSyntheticPlan,
  firstId: number,
  chunkSize: number,
): Generator<TDebtorColumns> {
  for (let start = 0; start < plan.debtors; start += chunkSize) {
    const end = Math.min(plan.debtors, start + chunkSize);
    const chunk: TDebtorColumns = { id: [], name: [], vatNumber: [], fiscalCode: [], pec: [] };
    for (let d = start; d < end; d++) {
      const debtor = syntheticDebtor(plan.seed, d);
      chunk.id.push(firstId + d);
      chunk.name.push(debtor.name);
      chunk.vatNumber.push(debtor.vatNumber);
      chunk.fiscalCode.push(debtor.fiscalCode);
      chunk.pec.push(debtor.pec);
    }
    yield chunk;
  }
}

/** Invoices with their instalments, payments and allocations, `chunkSize` invoices at a time. */
export function* syntheticInvoiceChunks(
  plan: TSyntheticPlan,
  ids: TIdBases,
  chunkSize: number,
): Generator<TInvoiceChunk> {
  const dates = dateTexts();
  const referenceDay = epochDay(plan.referenceDate);
  const next = { instalment: ids.instalments, payment: ids.payments, allocation: ids.allocations };
  for (let start = 0; start < plan.invoices; start += chunkSize) {
    const end = Math.min(plan.invoices, start + chunkSize);
    const chunk = emptyInvoiceChunk();
    for (let i = start; i < end; i++) {
      const random = invoiceRandom(plan.seed, i);
      const { count, settlement } = invoiceShape(random);
      const total = Math.round(
        Math.exp(Math.log(MIN_TOTAL_CENTS) + random.next() * Math.log(MAX_TOTAL_CENTS / MIN_TOTAL_CENTS)),
      );
      // The last instalment falls due by the day before the reference date, the first after the window opens.
      const lastDueLatest = referenceDay - 1;
      const span = (count - 1) * INSTALMENT_SPACING_DAYS;
      const firstDue = lastDueLatest - span - random.int(0, DUE_WINDOW_DAYS - 1 - span);
      const issueDay = firstDue - random.int(30, 60);
      const issueDate = dates(issueDay);
      const invoiceId = ids.invoices + i;
      const debtorIndex = debtorIndexOf(plan, i);
      const number = `FT-${String(i + 1).padStart(7, '0')}`;

      const inv = chunk.invoices;
      inv.id.push(invoiceId);
      inv.debtorId.push(ids.debtors + debtorIndex);
      inv.number.push(number);
      inv.issueDate.push(issueDate);
      inv.issueYear.push(Number(issueDate.slice(0, 4)));
      inv.totalCents.push(total);
      inv.fingerprint.push(`synthetic:${plan.seed}:${i}:${count}:${total}:${firstDue}`);

      const share = Math.floor(total / count);
      const firstInstalmentId = next.instalment;
      for (let seq = 1; seq <= count; seq++) {
        const t = chunk.instalments;
        t.id.push(next.instalment++);
        t.invoiceId.push(invoiceId);
        t.seq.push(seq);
        t.dueDate.push(dates(firstDue + (seq - 1) * INSTALMENT_SPACING_DAYS));
        // The last instalment takes the rounding remainder: instalments add up to the total.
        t.amountCents.push(seq < count ? share : total - share * (count - 1));
      }
      if (settlement === 'open') continue;

      const isPaid = settlement === 'paid';
      const lastDue = firstDue + span;
      const valueDay = Math.max(
        issueDay,
        Math.min(referenceDay - 1, isPaid ? lastDue + random.int(-20, 45) : firstDue + random.int(0, 30)),
      );
      const valueDate = dates(valueDay);
      const amount = isPaid ? total : Math.max(1, Math.floor((share * random.int(20, 90)) / 100));
      const paymentId = next.payment++;
      const pay = chunk.payments;
      pay.id.push(paymentId);
      pay.debtorId.push(ids.debtors + debtorIndex);
      pay.amountCents.push(amount);
      pay.valueDate.push(valueDate);
      pay.reference.push(`${isPaid ? 'Saldo' : 'Acconto'} fattura ${number} del ${issueDate}`);
      pay.payerName.push(syntheticDebtorName(plan.seed, debtorIndex));
      const a = chunk.allocations;
      for (let seq = 1; seq <= (isPaid ? count : 1); seq++) {
        a.id.push(next.allocation++);
        a.instalmentId.push(firstInstalmentId + seq - 1);
        a.paymentId.push(paymentId);
        a.amountCents.push(isPaid ? (seq < count ? share : total - share * (count - 1)) : amount);
        a.allocatedOn.push(valueDate);
      }
    }
    yield chunk;
  }
}

function emptyInvoiceChunk(): TInvoiceChunk {
  return {
    invoices: {
      id: [],
      debtorId: [],
      number: [],
      issueDate: [],
      issueYear: [],
      totalCents: [],
      fingerprint: [],
    },
    instalments: { id: [], invoiceId: [], seq: [], dueDate: [], amountCents: [] },
    payments: { id: [], debtorId: [], amountCents: [], valueDate: [], reference: [], payerName: [] },
    allocations: { id: [], instalmentId: [], paymentId: [], amountCents: [], allocatedOn: [] },
  };
}

const DAY_MS = 86_400_000;

function epochDay(date: TCalendarDate): number {
  return Math.round(Date.parse(`${date}T00:00:00Z`) / DAY_MS);
}

/** 'YYYY-MM-DD' of an epoch day, memoised: a portfolio only ever uses a few hundred distinct days. */
function dateTexts(): (day: number) => string {
  const cache = new Map<number, string>();
  return (day) => {
    let text = cache.get(day);
    if (text === undefined) {
      text = new Date(day * DAY_MS).toISOString().slice(0, 10);
      cache.set(day, text);
    }
    return text;
  };
}
