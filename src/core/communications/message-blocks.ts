import type { TTemplateLanguage } from './language.ts';
import type { TTemplateContext } from './template-context.ts';

/**
 * The parts every communication carries whatever the template says (the issue's rule): the list
 * of the overdue instalments, the total, and how to pay with the RF reference. Plain text for
 * e-mail and letters, HTML for e-mail; the QR code image is placed by the channel.
 */
export const BLOCK_LABELS: Record<
  TTemplateLanguage,
  {
    columns: [string, string, string, string, string, string];
    total: string;
    howToPay: string;
    transfer: (c: TTemplateContext) => string;
    qr: string;
    noIban: string;
  }
> = {
  it: {
    columns: ['Documento', 'Rata', 'Data', 'Scadenza', 'Importo', 'Residuo'],
    total: 'Totale residuo',
    howToPay: 'Come pagare',
    transfer: (c) =>
      `Bonifico bancario a favore di ${c.payment.payee}, IBAN ${c.payment.iban}, importo ${c.payment.amount}, indicando come causale il riferimento ${c.payment.reference}.`,
    qr: "Oppure inquadri il codice QR con l'app della Sua banca: beneficiario, importo e riferimento sono già compilati.",
    noIban: 'Per le coordinate di pagamento ci contatti ai recapiti indicati.',
  },
  en: {
    columns: ['Document', 'No.', 'Date', 'Due date', 'Amount', 'Outstanding'],
    total: 'Total outstanding',
    howToPay: 'How to pay',
    transfer: (c) =>
      `Bank transfer to ${c.payment.payee}, IBAN ${c.payment.iban}, amount ${c.payment.amount}, quoting the reference ${c.payment.reference}.`,
    qr: 'Or scan the QR code with your banking app: payee, amount and reference are already filled in.',
    noIban: 'For the payment details, please contact us.',
  },
};

export function instalmentRows(c: TTemplateContext): string[][] {
  return c.instalments.map((i) => [
    i.invoice_number,
    String(i.instalment),
    i.invoice_date,
    i.due_date,
    i.amount,
    i.outstanding,
  ]);
}

export function paymentLines(c: TTemplateContext, hasQr: boolean): string[] {
  const l = BLOCK_LABELS[c.language as TTemplateLanguage];
  if (!c.payment.iban) return [l.noIban];
  return hasQr ? [l.transfer(c), l.qr] : [l.transfer(c)];
}

/** The blocks as plain text: an aligned table, the total, the payment lines. */
export function textBlocks(c: TTemplateContext, hasQr: boolean): string {
  const l = BLOCK_LABELS[c.language as TTemplateLanguage];
  const rows = [l.columns, ...instalmentRows(c)];
  const widths = l.columns.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  const line = (r: string[]) =>
    r.map((v, i) => (i >= 4 ? v.padStart(widths[i]!) : v.padEnd(widths[i]!))).join('  ');
  return [...rows.map(line), `${l.total}: ${c.total}`, '', `${l.howToPay}:`, ...paymentLines(c, hasQr)].join(
    '\n',
  );
}

export function escapeHtml(text: string): string {
  return text.replace(
    /[&<>"']/g,
    (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[ch]!,
  );
}

function paragraphs(text: string): string {
  return text
    .split(/\n{2,}/)
    .map((p) => `<p>${escapeHtml(p).replace(/\n/g, '<br>')}</p>`)
    .join('\n');
}

/** The whole e-mail as HTML; every template value is escaped (a debtor name is data, not markup). */
export function htmlMessage(
  c: TTemplateContext,
  text: { body: string; closing: string },
  qrCid: string | null,
): string {
  const l = BLOCK_LABELS[c.language as TTemplateLanguage];
  const th = l.columns.map(
    (h, i) => `<th style="text-align:${i >= 4 ? 'right' : 'left'}">${escapeHtml(h)}</th>`,
  );
  const trs = instalmentRows(c).map(
    (r) =>
      `<tr>${r.map((v, i) => `<td style="text-align:${i >= 4 ? 'right' : 'left'}">${escapeHtml(v)}</td>`).join('')}</tr>`,
  );
  return `<!doctype html>
<html lang="${c.language}"><body style="font-family:Arial,sans-serif;font-size:14px">
${paragraphs(text.body)}
<table cellpadding="4" style="border-collapse:collapse">
<thead><tr>${th.join('')}</tr></thead>
<tbody>
${trs.join('\n')}
</tbody>
<tfoot><tr><td colspan="5"><strong>${escapeHtml(l.total)}</strong></td><td style="text-align:right"><strong>${escapeHtml(c.total)}</strong></td></tr></tfoot>
</table>
<p><strong>${escapeHtml(l.howToPay)}</strong><br>${paymentLines(c, qrCid !== null)
    .map(escapeHtml)
    .join('<br>')}</p>
${qrCid ? `<p><img src="cid:${qrCid}" alt="SEPA QR" width="180" height="180"></p>` : ''}
${paragraphs(text.closing)}
</body></html>`;
}

export function textMessage(
  c: TTemplateContext,
  text: { body: string; closing: string },
  hasQr: boolean,
): string {
  return `${text.body}\n\n${textBlocks(c, hasQr)}\n\n${text.closing}\n`;
}
