import { parseVatNumber } from '../../core/ledger/tax-identifiers.ts';
import { AppError } from '../../core/shared/errors.ts';
import type { TSql } from '../../db/database.ts';
import { findAgency, findMandate, type TAgencyRow, type TMandateRow } from '../../db/queries/agency.ts';

/** The agency named by VAT number, or the only one there is. */
export async function resolveAgency(db: TSql, vat: string | null | undefined): Promise<TAgencyRow> {
  const rows = await findAgency(db, vat ? parseVatNumber(vat, 'agency').full : null);
  if (rows.length === 1) return rows[0]!;
  if (rows.length === 0)
    throw new AppError(
      'NOT_FOUND',
      vat ? `agency: "${vat}" is not an agency` : 'agency: there is no agency yet',
      {
        field: 'agency',
        value: vat ?? null,
      },
    );
  throw new AppError(
    'CONFLICT',
    `agency: there are ${rows.length} agencies; say which with --agency <VAT number>`,
    {
      field: 'agency',
      value: null,
    },
  );
}

export async function resolveMandate(
  db: TSql,
  agencyVat: string | null | undefined,
  mandate: string,
): Promise<{ agency: TAgencyRow; mandate: TMandateRow }> {
  const agency = await resolveAgency(db, agencyVat);
  const row = await findMandate(db, agency.id, mandate.trim());
  if (!row)
    throw new AppError('NOT_FOUND', `mandate: "${mandate}" is not a mandate of ${agency.name}`, {
      field: 'mandate',
      value: mandate,
    });
  return { agency, mandate: row };
}
