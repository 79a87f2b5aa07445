import { AppError } from '../../core/shared/errors.ts';
import type { TSql } from '../../db/database.ts';
import { findInvoicesByNumber, type TInvoiceRef } from '../../db/queries/collection-work.ts';

/**
 * The one invoice a number designates. Numbers repeat across creditors and years (they restart
 * every year), so an ambiguous number is refused with the way to disambiguate, never guessed.
 */
export async function resolveInvoice(
  db: TSql,
  number: string,
  creditorId: number | null,
  year: number | null = null,
  field = 'invoice',
): Promise<TInvoiceRef> {
  const matches = await findInvoicesByNumber(db, number.trim(), creditorId, year);
  if (matches.length === 0) {
    throw new AppError('NOT_FOUND', `${field}: "${number}" is not a known invoice`, { field, value: number });
  }
  if (matches.length > 1) {
    const isOneCreditor = matches.every((m) => m.creditor_id === matches[0]!.creditor_id);
    throw new AppError(
      'CONFLICT',
      `${field}: "${number}" designates ${matches.length} invoices; say which with ${isOneCreditor ? '--year <issue year>' : '--creditor <VAT number>'}`,
      { field, value: number },
    );
  }
  return matches[0]!;
}
