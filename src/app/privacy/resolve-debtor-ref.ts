import { AppError } from '../../core/shared/errors.ts';
import type { TSql } from '../../db/database.ts';
import { findDebtorRowById } from '../../db/queries/risk.ts';
import { resolveDebtor } from '../ledger/resolve-debtor.ts';

/** A debtor by id (up to 10 digits) or by VAT number / codice fiscale, within a creditor when given. */
export async function resolveDebtorRef(db: TSql, ref: string, creditorId: number | null, field = 'debtor') {
  if (/^\d{1,10}$/.test(ref)) {
    const debtor = await findDebtorRowById(db, Number(ref), creditorId);
    if (!debtor)
      throw new AppError('NOT_FOUND', `${field}: "${ref}" is not a known debtor`, { field, value: ref });
    return debtor;
  }
  return resolveDebtor(db, ref, creditorId, field);
}
