import type { Command } from 'commander';
import { parseVatNumber } from '../../core/ledger/tax-identifiers.ts';
import { AppError } from '../../core/shared/errors.ts';
import type { TSql } from '../../db/database.ts';
import { findCreditorByVat } from '../../db/queries/creditors.ts';

export function pageOptions(cmd: Command): Command {
  return cmd
    .option('--limit <n>', 'at most this many rows', '1000')
    .option('--after <id>', 'rows after this id (keyset pagination)');
}

export async function creditorFilter(db: TSql, vat: string | undefined): Promise<number | null> {
  if (!vat) return null;
  const creditor = await findCreditorByVat(db, parseVatNumber(vat, '--creditor').full);
  if (!creditor)
    throw new AppError('NOT_FOUND', `--creditor: "${vat}" is not a creditor`, {
      field: '--creditor',
      value: vat,
    });
  return creditor.id;
}
