import type { TSql } from '../database.ts';

export type TDocumentRow = {
  id: number;
  kind: string;
  file_name: string;
  media_type: string;
  sha256: string;
  size_bytes: number;
  debtor_id: number | null;
  description: string;
  added_on: string;
  added_by: string;
};

export type TNewDocument = {
  kind: string;
  fileName: string;
  mediaType: string;
  sha256: string;
  content: Uint8Array;
  debtorId: number | null;
  description: string;
  addedOn: string;
  addedBy: string;
};

const COLUMNS =
  'd.id, d.kind, d.file_name, d.media_type, d.sha256, d.size_bytes, d.debtor_id, d.description, d.added_on, d.added_by';

/** Stores a document once per tenant (by SHA-256); the same bytes again return the stored row. */
export async function upsertDocument(
  db: TSql,
  creditorId: number,
  doc: TNewDocument,
): Promise<{ row: TDocumentRow; isNew: boolean }> {
  const inserted = await db.query<TDocumentRow>(
    `insert into documents as d (creditor_id, kind, file_name, media_type, sha256, size_bytes, content, debtor_id, description, added_on, added_by)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
     on conflict (creditor_id, sha256) do nothing
     returning ${COLUMNS}`,
    [
      creditorId,
      doc.kind,
      doc.fileName,
      doc.mediaType,
      doc.sha256,
      doc.content.length,
      doc.content,
      doc.debtorId,
      doc.description,
      doc.addedOn,
      doc.addedBy,
    ],
  );
  if (inserted[0]) return { row: inserted[0], isNew: true };
  const [row] = await db.query<TDocumentRow>(
    `select ${COLUMNS} from documents d where d.creditor_id = $1 and d.sha256 = $2`,
    [creditorId, doc.sha256],
  );
  return { row: row!, isNew: false };
}

export async function linkDocumentInvoices(
  db: TSql,
  creditorId: number,
  documentId: number,
  invoiceIds: readonly number[],
): Promise<number> {
  if (invoiceIds.length === 0) return 0;
  const rows = await db.query(
    `insert into document_invoices (creditor_id, document_id, invoice_id)
     select $1, $2, unnest($3::int8[]) on conflict do nothing returning invoice_id`,
    [creditorId, documentId, invoiceIds],
  );
  return rows.length;
}

export async function linkDocumentAction(
  db: TSql,
  creditorId: number,
  documentId: number,
  actionId: number,
): Promise<void> {
  await db.query(
    `insert into document_actions (creditor_id, document_id, action_id) values ($1, $2, $3) on conflict do nothing`,
    [creditorId, documentId, actionId],
  );
}

export type TLinkedDocumentRow = TDocumentRow & { invoice_ids: number[]; action_ids: number[] };

/** Documents of a debtor or linked to any of the invoices, with their links. */
export async function listDocumentRows(
  db: TSql,
  creditorId: number,
  filter: { debtorId?: number | null; invoiceIds?: readonly number[] | null },
): Promise<TLinkedDocumentRow[]> {
  return db.query<TLinkedDocumentRow>(
    `select ${COLUMNS},
            coalesce((select json_agg(di.invoice_id order by di.invoice_id) from document_invoices di
                      where di.creditor_id = d.creditor_id and di.document_id = d.id), '[]') as invoice_ids,
            coalesce((select json_agg(da.action_id order by da.action_id) from document_actions da
                      where da.creditor_id = d.creditor_id and da.document_id = d.id), '[]') as action_ids
     from documents d
     where d.creditor_id = $1
       and (($2::int8 is not null and d.debtor_id = $2)
            or exists (select 1 from document_invoices di where di.creditor_id = d.creditor_id
                         and di.document_id = d.id and di.invoice_id = any($3::int8[])))
     order by d.id`,
    [creditorId, filter.debtorId ?? null, filter.invoiceIds ?? []],
  );
}

export async function documentContent(db: TSql, creditorId: number, id: number): Promise<Uint8Array> {
  const [row] = await db.query<{ content: Uint8Array }>(
    'select content from documents where creditor_id = $1 and id = $2',
    [creditorId, id],
  );
  return new Uint8Array(row!.content);
}
