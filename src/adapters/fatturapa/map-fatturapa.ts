import { parseFiscalCode, parseIban, parseVatNumber } from '../../core/ledger/tax-identifiers.ts';
import { addDays, parseDate, type TCalendarDate } from '../../core/shared/calendar-date.ts';
import { formatAmount, parseAmount, parseCurrency, sumCents, type TCents } from '../../core/shared/money.ts';
import { IssueList } from '../import-rejection.ts';
import type { TLedgerInvoice } from '../ledger-error-location.ts';
import type {
  TFatturaBody,
  TFatturaDocument,
  TFatturaParty,
  TFatturaPayment,
  TLocated,
} from './parse-fatturapa.ts';

/**
 * Turns a parsed FatturaPA document into the input `addInvoices` accepts (one element per body),
 * checking on the way what the XSD cannot: dates that exist, amounts that are not negative,
 * instalments that add up, check digits of VAT numbers, IBANs. Every problem is reported with its
 * XML path; the ledger's own rules (duplicates, numbering, related invoices) stay in addInvoices.
 */

/** TipoDocumento → ledger type. Deferred invoices (TD24/TD25) and fee notes (TD06) are invoices. */
const LEDGER_TYPE: Record<string, 'invoice' | 'credit-note' | 'debit-note'> = {
  TD01: 'invoice',
  TD06: 'invoice',
  TD24: 'invoice',
  TD25: 'invoice',
  TD04: 'credit-note',
  TD05: 'debit-note',
};
const PAYMENT_METHOD = /^MP(0[1-9]|1\d|2[0-3])$/;

export type TInstalmentDetails = {
  paymentMethod: string | null;
  paymentIban: string | null;
  latePenaltyCents: TCents | null;
  latePenaltyFrom: string | null;
};

export type TMappedInvoice = TLedgerInvoice & {
  details: {
    documentTotalCents: TCents | null;
    instalments: TInstalmentDetails[];
  };
};

export type TMappedFattura = {
  seller: { vatNumber: string; name: string | null; fiscalCode: string | null; iban: string | null };
  sellerVatPath: string;
  recipientCode: string | null;
  recipientPec: string | null;
  invoices: TMappedInvoice[];
};

export type TMapOptions = { paymentTermDays?: number | null };

/** Runs a parser that throws `invalid(path, ...)`, recording "<reason>" at `path` instead. */
function check<T>(issues: IssueList, v: TLocated, fn: (value: string, path: string) => T): T | undefined {
  if (v.value === null) return undefined;
  try {
    return fn(v.value, v.path);
  } catch (error) {
    issues.add(v.path, stripField(error, v.path));
    return undefined;
  }
}

function stripField(error: unknown, path: string): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.startsWith(`${path}: `) ? message.slice(path.length + 2) : message;
}

function required(issues: IssueList, v: TLocated, what: string): string | null {
  if (v.value === null) issues.add(v.path, `is missing: ${what}`);
  return v.value;
}

function partyVat(issues: IssueList, party: TFatturaParty): string | null {
  if (party.vatCode.value === null) return null;
  const country = party.country.value ?? 'IT';
  return (
    check(issues, party.vatCode, (code, path) => parseVatNumber(`${country}${code}`, path, country).full) ??
    null
  );
}

function mapDebtor(issues: IssueList, doc: TFatturaDocument) {
  const buyer = doc.buyer;
  const country = (buyer.country.value ?? buyer.address?.country ?? 'IT').toUpperCase();
  const vatNumber = partyVat(issues, buyer);
  const fiscalCode =
    country === 'IT'
      ? (check(issues, buyer.fiscalCode, (v, p) => parseFiscalCode(v, p)) ?? null)
      : buyer.fiscalCode.value;
  if (buyer.vatCode.value === null && buyer.fiscalCode.value === null) {
    issues.add(
      `${buyer.path}/DatiAnagrafici`,
      'has neither IdFiscaleIVA nor CodiceFiscale: the buyer cannot be identified',
    );
  }
  required(issues, buyer.name, 'the buyer has no Denominazione nor Nome and Cognome');
  const a = buyer.address;
  const isConsumer = !vatNumber && fiscalCode !== null && fiscalCode.length === 16;
  return {
    name: buyer.name.value ?? '',
    kind: doc.version === 'FPA12' ? 'public-administration' : isConsumer ? 'consumer' : 'business',
    country,
    vatNumber,
    fiscalCode,
    pec: doc.recipientPec,
    addresses:
      a?.street && a.city
        ? [
            {
              kind: 'registered',
              street: a.street,
              postalCode: a.postalCode,
              city: a.city,
              province: a.province,
              country: (a.country ?? 'IT').toUpperCase(),
            },
          ]
        : [],
  };
}

function dueDateOf(issues: IssueList, p: TFatturaPayment, issueDate: TCalendarDate): string | null {
  const stated = check(issues, p.dueDate, (v, path) => parseDate(v, path));
  if (stated) return stated;
  if (p.dueDate.value !== null) return null;
  const days = p.termDays.value === null ? null : Number(p.termDays.value);
  if (days !== null && Number.isInteger(days) && days > 0) {
    const from = check(issues, p.referenceDate, (v, path) => parseDate(v, path)) ?? issueDate;
    return addDays(from, days);
  }
  issues.add(p.dueDate.path, 'is missing and there is no GiorniTerminiPagamento: the due date is unknown');
  return null;
}

function mapInstalments(issues: IssueList, body: TFatturaBody, currency: string, issueDate: TCalendarDate) {
  return body.payments.map((p) => {
    const method = required(issues, p.method, 'the payment method (MP01..MP23)');
    if (method !== null && !PAYMENT_METHOD.test(method)) {
      issues.add(p.method.path, `${JSON.stringify(method)} is not a payment method code MP01..MP23`);
    }
    required(issues, p.amount, 'the instalment amount');
    const amountCents = check(issues, p.amount, (v, path) => parseAmount(v, path, currency));
    const penalty = check(issues, p.penalty, (v, path) =>
      parseAmount(v, path, currency, { allowZero: true }),
    );
    return {
      dueDate: dueDateOf(issues, p, issueDate),
      amountCents,
      details: {
        paymentMethod: method,
        paymentIban: check(issues, p.iban, (v, path) => parseIban(v, path)) ?? null,
        latePenaltyCents: penalty ?? null,
        latePenaltyFrom: check(issues, p.penaltyFrom, (v, path) => parseDate(v, path)) ?? null,
      },
      path: p.path,
    };
  });
}

/**
 * What the buyer owes can be less than ImportoTotaleDocumento: a withholding tax (ritenuta) is
 * paid by the buyer to the State, and under split payment (EsigibilitaIVA "S") so is the VAT.
 * Instalments may add up to any of these amounts; anything else is an inconsistent document.
 */
function payableAlternatives(issues: IssueList, body: TFatturaBody, currency: string, totalCents: TCents) {
  const money = (v: TLocated) =>
    check(issues, v, (x, p) => parseAmount(x, p, currency, { allowZero: true })) ?? 0;
  const withholding = sumCents(body.withholdings.map(money));
  const splitVat = sumCents(body.summaries.filter((s) => s.isSplitPayment).map((s) => money(s.tax)));
  return [
    ...new Set([
      totalCents,
      totalCents - withholding,
      totalCents - splitVat,
      totalCents - withholding - splitVat,
    ]),
  ];
}

function mapBody(
  issues: IssueList,
  doc: TFatturaDocument,
  body: TFatturaBody,
  debtor: ReturnType<typeof mapDebtor>,
  sellerVat: string,
  options: TMapOptions,
): TMappedInvoice | null {
  const before = issues.issues.length;
  const documentType = required(issues, body.documentType, 'TipoDocumento');
  const type = documentType ? (LEDGER_TYPE[documentType] ?? 'other') : 'other';
  const number = required(issues, body.number, 'the invoice number');
  required(issues, body.issueDate, 'the invoice date');
  const issueDate = check(issues, body.issueDate, (v, p) => parseDate(v, p));
  required(issues, body.currency, 'the currency (Divisa)');
  const currency = check(issues, body.currency, (v, p) => parseCurrency(v, p)) ?? 'EUR';
  const money = (v: TLocated) =>
    check(issues, v, (x, p) => parseAmount(x, p, currency, { allowZero: true, allowNegative: true }));
  let totalCents = check(issues, body.total, (v, p) => parseAmount(v, p, currency));
  if (body.total.value === null) {
    // ImportoTotaleDocumento is optional: the summary lines (taxable + tax) give the total.
    const parts = body.summaries.flatMap((s) => [money(s.taxable) ?? 0, money(s.tax) ?? 0]);
    totalCents = parts.length > 0 ? sumCents(parts) : undefined;
    if (!totalCents || totalCents <= 0) {
      issues.add(body.total.path, 'is missing and DatiRiepilogo does not give a positive total');
    }
  }
  const isCreditNote = type === 'credit-note';
  const instalments = isCreditNote || !issueDate ? [] : mapInstalments(issues, body, currency, issueDate);
  let payableCents = totalCents;
  if (totalCents && instalments.length > 0 && instalments.every((t) => t.amountCents !== undefined)) {
    const sum = sumCents(instalments.map((t) => t.amountCents!));
    const allowed = payableAlternatives(issues, body, currency, totalCents);
    if (allowed.includes(sum)) payableCents = sum;
    else {
      issues.add(
        body.payments.length === 1 ? body.payments[0]!.amount.path : `${body.path}/DatiPagamento`,
        `instalments add up to ${formatAmount(sum, currency)} but ImportoTotaleDocumento is ${formatAmount(totalCents, currency)}` +
          (allowed.length > 1
            ? ` (payable amounts accepted: ${allowed.map((a) => formatAmount(a, currency)).join(', ')})`
            : ''),
      );
    }
  } else if (totalCents && !isCreditNote && instalments.length === 0) {
    payableCents = Math.min(...payableAlternatives(issues, body, currency, totalCents));
  }
  if (issues.issues.length > before || !number || !issueDate || !payableCents) return null;

  const related = type === 'credit-note' || type === 'debit-note' ? body.related[0] : undefined;
  const dated = instalments.map((t) => ({
    dueDate: t.dueDate!,
    amount: formatAmount(t.amountCents!, currency),
  }));
  if (!isCreditNote && dated.length === 0 && options.paymentTermDays) {
    dated.push({
      dueDate: addDays(issueDate, options.paymentTermDays),
      amount: formatAmount(payableCents, currency),
    });
  }
  const fieldPaths: Record<string, string> = {
    number: body.number.path,
    issueDate: body.issueDate.path,
    currency: body.currency.path,
    total: body.total.path,
    type: body.documentType.path,
    paymentIban: body.payments[0]?.iban.path ?? body.path,
    instalments: body.payments.length > 0 ? `${body.path}/DatiPagamento` : body.path,
    debtor: doc.buyer.path,
    'debtor.name': doc.buyer.name.path,
    'debtor.vatNumber': doc.buyer.vatCode.path,
    'debtor.fiscalCode': doc.buyer.fiscalCode.path,
    'debtor.pec': '/FatturaElettronica/FatturaElettronicaHeader/DatiTrasmissione/PECDestinatario',
    creditor: doc.seller.path,
    'creditor.vatNumber': doc.seller.vatCode.path,
    ...(related
      ? { 'relatedInvoice.number': related.number.path, 'relatedInvoice.issueDate': related.issueDate.path }
      : {}),
  };
  body.payments.forEach((p, j) => {
    fieldPaths[`instalments[${j}].dueDate`] = p.dueDate.path;
    fieldPaths[`instalments[${j}].amount`] = p.amount.path;
  });
  return {
    bodyPath: body.path,
    input: {
      number,
      type,
      documentType,
      issueDate,
      currency,
      total: formatAmount(payableCents, currency),
      paymentMethod: instalments[0]?.details.paymentMethod ?? null,
      paymentIban: instalments.find((t) => t.details.paymentIban)?.details.paymentIban ?? null,
      relatedInvoice: related?.number.value
        ? { number: related.number.value, issueDate: related.issueDate.value }
        : null,
      debtor,
      creditor: { vatNumber: sellerVat },
      instalments: dated,
    },
    fieldPaths,
    details: {
      documentTotalCents: totalCents !== payableCents ? (totalCents ?? null) : null,
      instalments: instalments.map((t) => t.details),
    },
  };
}

export function mapFatturaPA(doc: TFatturaDocument, options: TMapOptions = {}): TMappedFattura {
  const issues = new IssueList();
  required(issues, doc.seller.vatCode, "the seller's VAT number (IdFiscaleIVA/IdCodice)");
  const sellerVat = partyVat(issues, doc.seller);
  const debtor = mapDebtor(issues, doc);
  const invoices = doc.bodies.map((b) => mapBody(issues, doc, b, debtor, sellerVat ?? '', options));
  issues.throwIfAny();
  const firstIban = invoices.flatMap((i) => i!.details.instalments).find((t) => t.paymentIban)?.paymentIban;
  return {
    seller: {
      vatNumber: sellerVat!,
      name: doc.seller.name.value,
      fiscalCode: doc.seller.fiscalCode.value,
      iban: firstIban ?? null,
    },
    sellerVatPath: doc.seller.vatCode.path,
    recipientCode: doc.recipientCode,
    recipientPec: doc.recipientPec,
    invoices: invoices as TMappedInvoice[],
  };
}
