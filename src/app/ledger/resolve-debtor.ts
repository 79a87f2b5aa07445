import { AppError } from '../../core/shared/errors.ts';
import type { TSql } from '../../db/database.ts';
import { findDebtorsByIdentifier, type TDebtorRow } from '../../db/queries/debtors.ts';

/**
 * Finds the one debtor a VAT number or codice fiscale designates. When several creditors have a
 * debtor with that identifier the caller must say which creditor (never a guess across tenants).
 */
export async function resolveDebtor(
  db: TSql,
  identifier: string,
  creditorId: number | null,
  field = 'debtor',
): Promise<TDebtorRow> {
  const compact = identifier.replace(/[\s.\-/]/g, '');
  const matches = await findDebtorsByIdentifier(db, compact, creditorId);
  if (matches.length === 0) {
    throw new AppError('NOT_FOUND', `${field}: "${identifier}" is not a known debtor`, {
      field,
      value: identifier,
    });
  }
  if (matches.length > 1) {
    throw new AppError(
      'CONFLICT',
      `${field}: "${identifier}" is a debtor of ${matches.length} creditors; say which with --creditor <VAT number>`,
      { field, value: identifier },
    );
  }
  return matches[0]!;
}
