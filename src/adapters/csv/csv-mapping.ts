import { z } from 'zod';

/**
 * How a CSV file's columns map to invoice or payment fields. Saved per source (an ERP export, a
 * bank's download) under a name and reused. Without a mapping, the header is read with the usual
 * Italian and English column names.
 */
export const INVOICE_FIELDS = [
  'number',
  'issueDate',
  'total',
  'dueDate',
  'instalmentAmount',
  'currency',
  'type',
  'relatedNumber',
  'debtorName',
  'debtorVatNumber',
  'debtorFiscalCode',
  'debtorEmail',
  'debtorPec',
  'paymentMethod',
  'iban',
] as const;
export const PAYMENT_FIELDS = [
  'date',
  'valueDate',
  'amount',
  'credit',
  'debit',
  'currency',
  'payerName',
  'payerIban',
  'remittance',
  'reference',
  'creditorReference',
] as const;

export const ZCsvMapping = z.object({
  kind: z.enum(['invoices', 'payments']),
  delimiter: z.enum([';', ',', '\t', '|']).optional(),
  decimalSeparator: z.enum([',', '.']).optional(),
  dateOrder: z.enum(['DMY', 'MDY', 'YMD']).default('DMY'),
  creditorVat: z.string().optional(),
  columns: z.record(z.string(), z.string()),
});
export type TCsvMapping = z.infer<typeof ZCsvMapping>;

const SYNONYMS: Record<string, string[]> = {
  number: [
    'numero',
    'numero fattura',
    'n fattura',
    'nr fattura',
    'numero documento',
    'number',
    'invoice number',
    'invoice no',
    'invoice',
  ],
  issueDate: ['data fattura', 'data documento', 'data emissione', 'issue date', 'invoice date'],
  total: ['totale', 'totale documento', 'importo totale', 'total', 'invoice total', 'total amount'],
  dueDate: ['scadenza', 'data scadenza', 'due date', 'due'],
  instalmentAmount: [
    'importo rata',
    'rata',
    'importo scadenza',
    'instalment amount',
    'installment amount',
    'amount due',
  ],
  currency: ['divisa', 'currency'],
  type: ['tipo', 'tipo documento', 'type', 'document type'],
  relatedNumber: ['fattura collegata', 'fattura di riferimento', 'related invoice'],
  debtorName: [
    'cliente',
    'ragione sociale',
    'debitore',
    'denominazione',
    'customer',
    'customer name',
    'debtor',
    'debtor name',
  ],
  debtorVatNumber: ['partita iva', 'p iva', 'piva', 'p.iva', 'vat', 'vat number', 'vat no'],
  debtorFiscalCode: ['codice fiscale', 'cf', 'fiscal code', 'tax code'],
  debtorEmail: ['email', 'e-mail', 'mail'],
  debtorPec: ['pec'],
  paymentMethod: ['modalita pagamento', 'payment method'],
  iban: ['iban', 'iban pagamento'],
  date: ['data contabile', 'data operazione', 'data', 'booking date', 'date', 'transaction date'],
  valueDate: ['data valuta', 'valuta', 'value date'],
  amount: ['importo', 'amount'],
  credit: ['entrate', 'accrediti', 'avere', 'credit', 'credits', 'money in'],
  debit: ['uscite', 'addebiti', 'dare', 'debit', 'debits', 'money out'],
  payerName: ['ordinante', 'nome ordinante', 'controparte', 'payer', 'payer name', 'counterparty', 'from'],
  payerIban: ['iban ordinante', 'iban controparte', 'payer iban', 'counterparty iban', 'iban'],
  remittance: [
    'causale',
    'descrizione',
    'descrizione operazione',
    'description',
    'remittance',
    'remittance information',
    'details',
    'memo',
  ],
  reference: ['riferimento', 'id operazione', 'cro', 'trn', 'reference', 'transaction id', 'id'],
  creditorReference: ['riferimento creditore', 'creditor reference', 'rf'],
};

const normalizeHeader = (h: string) =>
  h
    .toLowerCase()
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();

/** A mapping read from the header alone, or null when the header does not say enough. */
export function mappingFromHeader(header: readonly string[]): TCsvMapping | null {
  const normalized = header.map(normalizeHeader);
  const columnFor = (fields: readonly string[]) => {
    const columns: Record<string, string> = {};
    const used = new Set<number>();
    for (const f of fields) {
      for (const synonym of SYNONYMS[f] ?? []) {
        const i = normalized.findIndex((h, k) => !used.has(k) && h === normalizeHeader(synonym));
        if (i >= 0) {
          columns[f] = header[i]!;
          used.add(i);
          break;
        }
      }
    }
    return columns;
  };
  const invoices = columnFor(INVOICE_FIELDS);
  if (invoices.number && invoices.debtorName && (invoices.total || invoices.instalmentAmount)) {
    if (!invoices.issueDate) {
      const i = normalized.indexOf('data');
      if (i >= 0) invoices.issueDate = header[i]!;
    }
    if (invoices.issueDate) return { kind: 'invoices', dateOrder: 'DMY', columns: invoices };
  }
  const payments = columnFor(PAYMENT_FIELDS);
  if (payments.date && (payments.amount || payments.credit))
    return { kind: 'payments', dateOrder: 'DMY', columns: payments };
  return null;
}
