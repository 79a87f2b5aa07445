import { createHash } from 'node:crypto';
import { simpleParser } from 'mailparser';
import { parseDaticert, type TDaticert } from '../../adapters/pec/parse-daticert.ts';
import { fallbackChannel } from '../../core/communications/retry-policy.ts';
import { parseDate, type TCalendarDate } from '../../core/shared/calendar-date.ts';
import { AppError, invalid } from '../../core/shared/errors.ts';
import {
  findOutboxByMessageId,
  insertAttempt,
  insertFallback,
  insertPecReceipt,
  updateOutboxRow,
} from '../../db/queries/communication-outbox.ts';
import { interruptByDeliveredDemand } from '../prescription/interrupt-by-delivered-demand.ts';
import { appendRegisterEntries } from '../register/append-register-entries.ts';
import type { TContext } from '../shared/context.ts';

/**
 * A receipt is small; a full delivery receipt carries the original message (our letter and
 * statement PDFs, some 100 KB): 10 MB is generous and matches the HTTP body limit.
 */
export const MAX_RECEIPT_BYTES = 10 * 1024 * 1024;

/** Receipts that mean the message did not reach the recipient: a person looks, and a registered letter follows. */
const FAILURE_KINDS = new Set(['non-accettazione', 'errore-consegna', 'rilevazione-virus']);

/** The receipt that proves the debtor received the message (not acceptance: that is only sending). */
const DELIVERY_KIND = 'avvenuta-consegna';

/** daticert.xml dates the event `dd/mm/yyyy hh:mm:ss [zone]`, in the provider's (Italian) time. */
function receiptDay(eventAt: string | null): TCalendarDate | null {
  const m = /^(\d{2})\/(\d{2})\/(\d{4})\b/.exec(eventAt ?? '');
  return m ? parseDate(`${m[3]}-${m[2]}-${m[1]}`, 'daticert data/giorno') : null;
}

export type TPecReceiptView = {
  id: number;
  outboxId: number;
  actionId: number;
  kind: string;
  messageId: string;
  provider: string | null;
  eventAt: string | null;
  receiptId: string | null;
  deliveredTo: string | null;
  sha256: string;
  isNew: boolean;
  fallbackId: number | null;
  /** Prescription interruptions written by this delivery receipt (one per demanded instalment, once). */
  interruptions: number;
};

/**
 * Ingests a PEC receipt (.eml) and attaches it, whole, to the message it certifies, as legal
 * proof of the notice: the acceptance and delivery receipts carry the provider's signature, so
 * the original bytes are kept, not a summary. The receipt names the message by its Message-ID
 * (daticert.xml <msgid>), which the sender fixed per action. Idempotent by the file's SHA-256.
 */
export async function ingestPecReceipt(
  ctx: TContext,
  input: { eml: Buffer; creditorId: number | null },
): Promise<TPecReceiptView> {
  if (input.eml.length > MAX_RECEIPT_BYTES)
    throw invalid('eml', `${input.eml.length} bytes`, `is larger than ${MAX_RECEIPT_BYTES} bytes`);
  const mail = await simpleParser(input.eml, {
    skipHtmlToText: true,
    skipTextToHtml: true,
    skipTextLinks: true,
  });
  const attachment = mail.attachments.find((a) => (a.filename ?? '').toLowerCase() === 'daticert.xml');
  if (!attachment)
    throw invalid('eml', mail.subject ?? '', 'has no daticert.xml attachment: it is not a PEC receipt');
  let daticert: TDaticert;
  try {
    daticert = parseDaticert(attachment.content);
  } catch (error) {
    throw invalid('daticert.xml', attachment.filename, `is refused: ${(error as Error).message}`);
  }
  const sha256 = createHash('sha256').update(input.eml).digest('hex');
  return ctx.db.transaction(async (db) => {
    const row = await findOutboxByMessageId(db, daticert.msgid);
    if (!row || (input.creditorId !== null && row.creditor_id !== input.creditorId))
      throw new AppError('NOT_FOUND', `receipt: no message ${daticert.msgid} was sent`, {
        field: 'msgid',
        value: daticert.msgid,
      });
    if (row.channel !== 'pec')
      throw new AppError('CONFLICT', `receipt: message ${daticert.msgid} went by ${row.channel}, not PEC`, {
        field: 'msgid',
        value: daticert.msgid,
      });
    const { row: receipt, isNew } = await insertPecReceipt(db, {
      creditor_id: row.creditor_id,
      outbox_id: row.id,
      kind: daticert.kind,
      message_id: daticert.msgid,
      sender: daticert.sender,
      recipient: daticert.deliveredTo ?? daticert.recipients[0] ?? null,
      provider: daticert.provider,
      event_at: daticert.eventAt,
      receipt_id: daticert.receiptId,
      sha256,
      eml: input.eml,
      daticert: new TextDecoder().decode(attachment.content),
      received_at: ctx.now,
    });
    let fallbackId: number | null = null;
    // A delivered PEC is a written demand received: it interrupts prescription on the day of
    // delivery (art. 2943 c.4). Also for a receipt seen before, so an older one is not lost;
    // the interruption is written once per message and instalment.
    const deliveredOn = daticert.kind === DELIVERY_KIND ? receiptDay(daticert.eventAt) : null;
    const interruptions = deliveredOn
      ? await interruptByDeliveredDemand(
          { ...ctx, db },
          {
            creditorId: row.creditor_id,
            outboxId: row.id,
            channel: 'pec',
            deliveredOn,
            reference: `PEC delivery receipt ${daticert.receiptId ?? sha256} of ${daticert.msgid}`,
          },
        )
      : 0;
    if (isNew) {
      if (FAILURE_KINDS.has(daticert.kind)) {
        const detail = `PEC ${daticert.kind}${daticert.error ? ` (${daticert.error})` : ''}`;
        await updateOutboxRow(db, {
          creditor_id: row.creditor_id,
          id: row.id,
          status: 'failed',
          needs_attention: true,
          last_error: detail,
        });
        await insertAttempt(db, {
          creditorId: row.creditor_id,
          outboxId: row.id,
          at: ctx.now,
          outcome: 'hard-failure',
          detail,
        });
        fallbackId = await insertFallback(db, row, fallbackChannel('pec')!, ctx.now);
      }
      await appendRegisterEntries({ ...ctx, db }, row.creditor_id, [
        {
          action: 'pec.receipt',
          subjectType: 'outbox',
          subjectId: row.id,
          data: {
            actionId: row.action_id,
            kind: daticert.kind,
            receiptId: daticert.receiptId,
            provider: daticert.provider,
            eventAt: daticert.eventAt,
            sha256,
            fallbackId,
            interruptions,
          },
        },
      ]);
    }
    return {
      id: receipt.id,
      outboxId: row.id,
      actionId: row.action_id,
      kind: receipt.kind,
      messageId: receipt.message_id,
      provider: receipt.provider,
      eventAt: receipt.event_at,
      receiptId: receipt.receipt_id,
      deliveredTo: receipt.recipient,
      sha256,
      isNew,
      fallbackId,
      interruptions,
    };
  });
}
