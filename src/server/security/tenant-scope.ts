import type { Context } from 'hono';
import { resolveCreditorId } from '../../app/collection/resolve-creditor.ts';
import { makeContext, type TContext } from '../../app/shared/context.ts';
import { parseVatNumber } from '../../core/ledger/tax-identifiers.ts';
import { principalActor, reachesCreditor } from '../../core/security/roles.ts';
import type { TCalendarDate } from '../../core/shared/calendar-date.ts';
import { AppError, invalid } from '../../core/shared/errors.ts';
import type { TSql } from '../../db/database.ts';
import { findCreditorById, findCreditorByVat, type TCreditorRow } from '../../db/queries/creditors.ts';
import { principalOf } from './authenticate.ts';

/** The use-case context of a request: the principal acts (and is written in the register). */
export function requestContext(
  c: Context,
  deps: { db: TSql; clock?: () => Date },
  today?: TCalendarDate,
): TContext {
  const principal = principalOf(c);
  return {
    ...makeContext(deps.db, principalActor(principal), deps.clock?.() ?? new Date(), today),
    principal,
  };
}

/**
 * The creditor a request works on. Named (VAT number): it must be one the principal reaches,
 * else it is "not a creditor" (the same answer as for a VAT that does not exist). Not named: null
 * ("every creditor") for administrators, the only creditor of a principal that reaches one, and
 * otherwise the caller must say which.
 */
export async function scopeCreditor(
  c: Context,
  db: TSql,
  vat: string | null | undefined,
  field = 'creditor',
): Promise<TCreditorRow | null> {
  const principal = principalOf(c);
  if (vat) {
    const creditor = await findCreditorByVat(db, parseVatNumber(vat, field).full);
    if (!creditor || !reachesCreditor(principal, creditor.id))
      throw new AppError('NOT_FOUND', `${field}: "${vat}" is not a creditor`, { field, value: vat });
    return creditor;
  }
  if (principal.creditorIds === null) return null;
  if (principal.creditorIds.length === 1)
    return (await findCreditorById(db, principal.creditorIds[0]!)) ?? null;
  throw invalid(
    field,
    null,
    principal.creditorIds.length === 0
      ? 'cannot be chosen: you reach no creditor'
      : `is required: you reach ${principal.creditorIds.length} creditors; name one by VAT number`,
  );
}

export async function scopeCreditorId(
  c: Context,
  db: TSql,
  vat: string | null | undefined,
  field = 'creditor',
) {
  return (await scopeCreditor(c, db, vat, field))?.id ?? null;
}

/** For use cases that take the creditor's VAT number in their input: the reached one, filled in. */
export async function scopeCreditorVat(
  c: Context,
  db: TSql,
  vat: unknown,
  field = 'creditor',
): Promise<string | undefined> {
  if (vat !== undefined && vat !== null && typeof vat !== 'string')
    throw invalid(field, vat, 'is not a VAT number');
  return (await scopeCreditor(c, db, vat as string | undefined, field))?.vat_number ?? undefined;
}

/**
 * For routes that work on exactly one creditor: the named one if reached, the principal's only
 * one, or (administrators) the only creditor there is; never a guess among several.
 */
export async function requiredCreditorId(
  c: Context,
  db: TSql,
  vat: string | null | undefined,
  field = 'creditor',
): Promise<number> {
  return (await scopeCreditorId(c, db, vat, field)) ?? (await resolveCreditorId(db, vat, field));
}
