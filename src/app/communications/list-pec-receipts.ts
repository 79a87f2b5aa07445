import { AppError } from '../../core/shared/errors.ts';
import type { TSql } from '../../db/database.ts';
import { findOutboxRow, listPecReceipts } from '../../db/queries/communication-outbox.ts';

export type TStoredReceipt = {
  id: number;
  kind: string;
  provider: string | null;
  eventAt: string | null;
  receiptId: string | null;
  recipient: string | null;
  sha256: string;
  receivedAt: string;
  eml: Buffer;
};

/** The receipts kept for a PEC message: the legal proof of the notice, as received. */
export async function listReceiptsOf(
  db: TSql,
  creditorId: number | null,
  outboxId: number,
): Promise<TStoredReceipt[]> {
  const row = await findOutboxRow(db, creditorId, outboxId);
  if (!row)
    throw new AppError('NOT_FOUND', `outbox: message ${outboxId} does not exist`, {
      field: 'id',
      value: outboxId,
    });
  return (await listPecReceipts(db, row.creditor_id, row.id)).map((r) => ({
    id: r.id,
    kind: r.kind,
    provider: r.provider,
    eventAt: r.event_at,
    receiptId: r.receipt_id,
    recipient: r.recipient,
    sha256: r.sha256,
    receivedAt: new Date(r.received_at).toISOString(),
    eml: Buffer.from(r.eml),
  }));
}
