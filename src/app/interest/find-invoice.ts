import { parseVatNumber } from '../../core/ledger/tax-identifiers.ts';
import { AppError } from '../../core/shared/errors.ts';
import type { TSql } from '../../db/database.ts';
import { findCreditorByVat } from '../../db/queries/creditors.ts';
import { findInvoicesByNumber, type TInvoiceMatchRow } from '../../db/queries/interest.ts';
import { resolveDebtor } from '../ledger/resolve-debtor.ts';

export type TInvoiceRef = {
  invoice: string;
  debtor?: string | null;
  creditor?: string | null;
  year?: number | null;
};

/** The one invoice (not a credit note) a number designates, narrowed by debtor, creditor or year. */
export async function findInvoice(db: TSql, ref: TInvoiceRef): Promise<TInvoiceMatchRow> {
  let creditorId: number | null = null;
  if (ref.creditor) {
    const creditor = await findCreditorByVat(db, parseVatNumber(ref.creditor, 'creditor').full);
    if (!creditor) {
      throw new AppError('NOT_FOUND', `creditor: "${ref.creditor}" is not a creditor`, {
        field: 'creditor',
        value: ref.creditor,
      });
    }
    creditorId = creditor.id;
  }
  const debtor = ref.debtor ? await resolveDebtor(db, ref.debtor, creditorId) : null;
  const matches = (
    await findInvoicesByNumber(db, ref.invoice.trim(), {
      creditorId: debtor?.creditor_id ?? creditorId,
      debtorId: debtor?.id ?? null,
      year: ref.year ?? null,
    })
  ).filter((m) => m.type !== 'credit-note');
  if (matches.length === 0) {
    throw new AppError(
      'NOT_FOUND',
      `invoice: "${ref.invoice}" is not a known invoice${ref.debtor ? ` of debtor ${ref.debtor}` : ''}`,
      {
        field: 'invoice',
        value: ref.invoice,
      },
    );
  }
  if (matches.length > 1) {
    throw new AppError(
      'CONFLICT',
      `invoice: "${ref.invoice}" matches ${matches.length} invoices (${matches.map((m) => `year ${m.issue_year}`).join(', ')}); say which with --debtor, --creditor or --year`,
      { field: 'invoice', value: ref.invoice },
    );
  }
  return matches[0]!;
}
