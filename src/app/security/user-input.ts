import { parseVatNumber } from '../../core/ledger/tax-identifiers.ts';
import { ROLES, type TRole } from '../../core/security/roles.ts';
import { AppError, invalid } from '../../core/shared/errors.ts';
import type { TSql } from '../../db/database.ts';
import { findCreditorById, findCreditorByVat } from '../../db/queries/creditors.ts';

export function parseEmail(value: unknown, field = 'email'): string {
  if (typeof value !== 'string' || !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(value.trim()) || value.length > 254)
    throw invalid(field, value ?? null, 'is not an e-mail address');
  return value.trim().toLowerCase();
}

export function parseRole(value: unknown, field = 'role'): TRole {
  if (typeof value !== 'string' || !(ROLES as readonly string[]).includes(value))
    throw invalid(field, value ?? null, `is not one of ${ROLES.join(', ')}`);
  return value as TRole;
}

/** Creditors named by VAT number or by id; each must exist. */
export async function resolveCreditorRefs(db: TSql, refs: unknown, field = 'creditors'): Promise<number[]> {
  if (refs === undefined || refs === null) return [];
  if (!Array.isArray(refs)) throw invalid(field, refs, 'must be a list of VAT numbers or ids');
  const ids: number[] = [];
  for (const ref of refs) {
    const text = String(ref);
    const creditor = /^\d{1,10}$/.test(text)
      ? await findCreditorById(db, Number(text))
      : await findCreditorByVat(db, parseVatNumber(text, field).full);
    if (!creditor)
      throw new AppError('NOT_FOUND', `${field}: "${text}" is not a creditor`, { field, value: text });
    if (!ids.includes(creditor.id)) ids.push(creditor.id);
  }
  return ids;
}
