import type { TLinkedDocumentRow } from '../../db/queries/documents.ts';

/** The public JSON shape of a stored document (`documents add --json`, `documents list --json`). */
export type TDocumentView = {
  id: number;
  kind: string;
  fileName: string;
  mediaType: string;
  sha256: string;
  bytes: number;
  debtorId: number | null;
  invoiceIds: number[];
  actionIds: number[];
  description: string;
  addedOn: string;
  addedBy: string;
  isNew: boolean;
};

export function documentView(row: TLinkedDocumentRow, isNew = false): TDocumentView {
  return {
    id: row.id,
    kind: row.kind,
    fileName: row.file_name,
    mediaType: row.media_type,
    sha256: row.sha256,
    bytes: row.size_bytes,
    debtorId: row.debtor_id,
    invoiceIds: row.invoice_ids,
    actionIds: row.action_ids,
    description: row.description,
    addedOn: row.added_on,
    addedBy: row.added_by,
    isNew,
  };
}
