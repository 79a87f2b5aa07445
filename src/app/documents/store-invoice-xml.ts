import { createHash } from 'node:crypto';
import { linkDocumentInvoices, upsertDocument } from '../../db/queries/documents.ts';
import type { TContext } from '../shared/context.ts';

/**
 * Keeps the original FatturaPA XML beside the invoices it created, inside the import's
 * transaction: the case file for an agency or a judge carries the e-invoice as delivered
 * through SdI (written proof for a payment order), not a re-rendering of the ledger.
 */
export async function storeInvoiceXml(
  ctx: TContext,
  creditorId: number,
  invoiceIds: readonly number[],
  fileName: string,
  xml: Uint8Array,
): Promise<number | null> {
  if (invoiceIds.length === 0) return null;
  const [owner] = await ctx.db.query<{ debtor_id: number }>(
    'select debtor_id from invoices where creditor_id = $1 and id = $2',
    [creditorId, invoiceIds[0]],
  );
  const leaf =
    fileName
      .split(/[/\\]/)
      .pop()!
      .replace(/\.p7m$/i, '') || 'fattura.xml';
  const { row } = await upsertDocument(ctx.db, creditorId, {
    kind: 'fatturapa-xml',
    fileName: /\.xml$/i.test(leaf) ? leaf : `${leaf}.xml`,
    mediaType: 'application/xml',
    sha256: createHash('sha256').update(xml).digest('hex'),
    content: xml,
    debtorId: owner?.debtor_id ?? null,
    description: 'FatturaPA as received (signature envelope removed)',
    addedOn: ctx.today,
    addedBy: ctx.actor,
  });
  await linkDocumentInvoices(ctx.db, creditorId, row.id, invoiceIds);
  return row.id;
}
