import { parseDate } from '../../core/shared/calendar-date.ts';
import { invalid } from '../../core/shared/errors.ts';
import { insertReceipt, type TDebtorLinkRow } from '../../db/queries/debtor-links.ts';
import { appendRegisterEntries, type TRegisterEntryInput } from '../register/append-register-entries.ts';
import type { TContext } from '../shared/context.ts';
import { addSelfServiceTask } from './self-service-task.ts';

export const MAX_RECEIPT_BYTES = 5 * 1024 * 1024;

/** Receipts are PDF, PNG or JPEG, told by their first bytes, not by the name the browser sends. */
export function receiptType(bytes: Uint8Array): string | null {
  const starts = (...b: number[]) => b.every((v, i) => bytes[i] === v);
  if (starts(0x25, 0x50, 0x44, 0x46)) return 'application/pdf';
  if (starts(0x89, 0x50, 0x4e, 0x47)) return 'image/png';
  if (starts(0xff, 0xd8, 0xff)) return 'image/jpeg';
  return null;
}

export type TReportPaid = {
  paidOn?: string | null;
  note?: string | null;
  receipt?: { name: string; bytes: Uint8Array } | null;
};

/** "Already paid": the receipt is kept and a review task asks the operator to find and match the payment. */
export async function reportPaid(
  ctx: TContext,
  link: TDebtorLinkRow,
  input: TReportPaid,
): Promise<{ receiptId: number | null; taskId: number | null }> {
  const paidOn = input.paidOn ? parseDate(input.paidOn, 'paidOn') : null;
  if (paidOn && paidOn > ctx.today) throw invalid('paidOn', paidOn, 'is in the future');
  const note = input.note?.trim().slice(0, 2000) || null;
  const receipt = input.receipt ?? null;
  if (!receipt && !note) throw invalid('receipt', null, 'is required (or write a note)');
  let contentType: string | null = null;
  if (receipt) {
    if (receipt.bytes.length > MAX_RECEIPT_BYTES)
      throw invalid('receipt', receipt.name, `is larger than ${MAX_RECEIPT_BYTES} bytes`);
    contentType = receiptType(receipt.bytes);
    if (!contentType) throw invalid('receipt', receipt.name, 'is not a PDF, PNG or JPEG file');
  }
  return ctx.db.transaction(async (db) => {
    const receiptId = receipt
      ? await insertReceipt(db, {
          creditorId: link.creditor_id,
          debtorId: link.debtor_id,
          linkId: link.id,
          fileName: receipt.name.replace(/[^\w.\- ]/g, '_').slice(0, 120) || 'receipt',
          contentType: contentType!,
          bytes: receipt.bytes,
          paidOn,
          note,
        })
      : null;
    const register: TRegisterEntryInput[] = [
      {
        action: 'payment.reported',
        subjectType: receiptId ? 'receipt' : 'debtor',
        subjectId: receiptId ?? link.debtor_id,
        debtorId: link.debtor_id,
        reason: note,
        data: { source: 'self-service', linkId: link.id, paidOn, receiptId },
      },
    ];
    const { taskId } = await addSelfServiceTask(
      db,
      link,
      ctx.today,
      `self-service: the debtor says it is paid${paidOn ? ` on ${paidOn}` : ''}${receiptId ? ` (receipt ${receiptId})` : ''}: find and match the payment`,
      register,
    );
    await appendRegisterEntries({ ...ctx, db }, link.creditor_id, register);
    return { receiptId, taskId };
  });
}
