import { qrPng, renderLetterPdf } from '../../adapters/letter-pdf/render-letter-pdf.ts';
import type { TOutgoingMail } from '../../adapters/smtp/mail-transport.ts';
import { htmlMessage, textMessage } from '../../core/communications/message-blocks.ts';
import { AppError } from '../../core/shared/errors.ts';
import type { TSql } from '../../db/database.ts';
import { debtorStatement } from '../statement/debtor-statement.ts';
import { statementPdfOf } from '../statement/statement-pdf-of.ts';
import type { TCommunication } from './build-communication.ts';
import { letterInput } from './letter-input.ts';

const QR_CID = 'sepa-qr@riscossa';

/** The statement of account on the same date; none when a rate of the period is not published yet. */
async function statementPdf(db: TSql, c: TCommunication, now: Date): Promise<Buffer | null> {
  try {
    const statement = await debtorStatement(db, {
      debtor: (c.debtor.vat_number ?? c.debtor.fiscal_code)!,
      creditor: c.creditor.vat_number,
      date: c.date,
    });
    return await statementPdfOf(db, statement, now);
  } catch (error) {
    if (error instanceof AppError && error.code === 'MISSING_RATE') return null;
    throw error;
  }
}

/**
 * The e-mail (or PEC) of a communication: plain text and HTML, the SEPA QR code inline, the
 * letter as PDF and the statement of account attached. File names say nothing about a debt.
 */
export async function composeMail(
  db: TSql,
  c: TCommunication,
  m: { from: string; to: string; messageId: string; now: Date },
): Promise<TOutgoingMail> {
  const attachments: TOutgoingMail['attachments'] = [];
  if (c.qrPayload)
    attachments.push({
      filename: 'sepa-qr.png',
      content: await qrPng(c.qrPayload),
      contentType: 'image/png',
      cid: QR_CID,
    });
  const day = c.date.replaceAll('-', '');
  const doc = c.language === 'it' ? 'comunicazione' : 'letter';
  attachments.push({
    filename: `${doc}-${day}.pdf`,
    content: await renderLetterPdf(letterInput(c)),
    contentType: 'application/pdf',
  });
  const statement = await statementPdf(db, c, m.now);
  if (statement)
    attachments.push({
      filename: `${c.language === 'it' ? 'estratto-conto' : 'statement'}-${day}.pdf`,
      content: statement,
      contentType: 'application/pdf',
    });
  return {
    from: m.from,
    to: m.to,
    subject: c.text.subject,
    text: textMessage(c.context, c.text, c.qrPayload !== null),
    html: htmlMessage(c.context, c.text, c.qrPayload ? QR_CID : null),
    messageId: m.messageId,
    attachments,
  };
}
