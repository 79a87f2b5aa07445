import type { TLetterInput } from '../../adapters/letter-pdf/render-letter-pdf.ts';
import type { TCommunication } from './build-communication.ts';

/** What the letterhead and the envelope window show: the creditor, the debtor's postal address. */
export function letterInput(c: TCommunication): TLetterInput {
  const vatLabel = c.language === 'it' ? 'P.IVA' : 'VAT';
  return {
    context: c.context,
    text: c.text,
    creditorName: c.creditor.name,
    creditorLines: [
      `${vatLabel} ${c.creditor.vat_number}`,
      ...c.creditorAddressLines,
      ...(c.context.creditor.contacts ? [c.context.creditor.contacts] : []),
    ],
    logo: c.creditorLogo,
    recipientLines: c.debtorAddressLines,
    qrPayload: c.qrPayload,
    // The date of the communication, not the clock: the same letter renders to the same bytes.
    createdAt: new Date(`${c.date}T00:00:00Z`),
  };
}
