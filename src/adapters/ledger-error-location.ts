import type { AppError } from '../core/shared/errors.ts';
import type { TImportIssue } from './import-rejection.ts';

/** An invoice mapped from a file for addInvoices, with where each of its fields came from. */
export type TLedgerInvoice = {
  /** Where the invoice as a whole is (XML path of the body, or the CSV line). */
  bodyPath: string;
  /** One element of addInvoices' input (ZInvoiceInput). */
  input: Record<string, unknown>;
  /** Ledger field (relative to the invoice, e.g. `instalments[1].dueDate`) → location in the file. */
  fieldPaths: Record<string, string>;
};

/**
 * Locates a refusal of addInvoices (field `invoices[i].<ledger field>`) at the file location of
 * the value it names, the nearest enclosing one when that field has none; the message keeps only
 * the reason.
 */
export function locateLedgerError(error: AppError, invoices: readonly TLedgerInvoice[]): TImportIssue {
  const field = typeof error.details.field === 'string' ? error.details.field : '';
  const reason = error.message.startsWith(`${field}: `)
    ? error.message.slice(field.length + 2)
    : error.message;
  const match = /^invoices\[(\d+)\]\.?(.*)$/.exec(field);
  const invoice = match ? invoices[Number(match[1])] : undefined;
  if (!invoice) return { where: field || 'file', message: reason };
  let key = match![2]!;
  while (key) {
    const path = invoice.fieldPaths[key];
    if (path) return { where: path, message: reason };
    const shorter = key.replace(/(\.[^.[\]]*|\[\d+\])$/, '');
    if (shorter === key) break;
    key = shorter;
  }
  return { where: invoice.bodyPath, message: reason };
}
