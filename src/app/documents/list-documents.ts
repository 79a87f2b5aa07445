import type { TSql } from '../../db/database.ts';
import { listDocumentRows } from '../../db/queries/documents.ts';
import { resolveCreditorIdOrNull } from '../collection/resolve-creditor.ts';
import { resolveDebtor } from '../ledger/resolve-debtor.ts';
import { documentView, type TDocumentView } from './document-view.ts';

/** Every document of a debtor: its own, and those linked to its invoices. */
export async function listDocuments(
  db: TSql,
  input: { debtor: string; creditor?: string | null },
): Promise<TDocumentView[]> {
  const debtor = await resolveDebtor(db, input.debtor, await resolveCreditorIdOrNull(db, input.creditor));
  const [ids] = await db.query<{ ids: number[] | null }>(
    'select json_agg(id) as ids from invoices where creditor_id = $1 and debtor_id = $2',
    [debtor.creditor_id, debtor.id],
  );
  return (
    await listDocumentRows(db, debtor.creditor_id, { debtorId: debtor.id, invoiceIds: ids?.ids ?? [] })
  ).map((r) => documentView(r));
}
