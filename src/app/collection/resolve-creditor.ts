import { parseVatNumber } from '../../core/ledger/tax-identifiers.ts';
import { AppError } from '../../core/shared/errors.ts';
import type { TSql } from '../../db/database.ts';
import { findCreditorByVat, listCreditorRows } from '../../db/queries/creditors.ts';

/** The creditor named by VAT number, or the only one there is; never a guess among several. */
export async function resolveCreditorId(
  db: TSql,
  vat: string | null | undefined,
  field = 'creditor',
): Promise<number> {
  if (vat) {
    const creditor = await findCreditorByVat(db, parseVatNumber(vat, field).full);
    if (!creditor)
      throw new AppError('NOT_FOUND', `${field}: "${vat}" is not a creditor`, { field, value: vat });
    return creditor.id;
  }
  const all = await listCreditorRows(db);
  if (all.length === 1) return all[0]!.id;
  throw new AppError(
    all.length === 0 ? 'NOT_FOUND' : 'CONFLICT',
    all.length === 0
      ? `${field}: there is no creditor yet`
      : `${field}: there are ${all.length} creditors; say which with --creditor <VAT number>`,
    { field, value: vat ?? null },
  );
}

/** For look-ups that work across creditors: the creditor named, or null for "any". */
export async function resolveCreditorIdOrNull(
  db: TSql,
  vat: string | null | undefined,
  field = 'creditor',
): Promise<number | null> {
  return vat ? resolveCreditorId(db, vat, field) : null;
}
