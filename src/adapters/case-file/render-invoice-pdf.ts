import type { TCaseFileManifest } from '../../app/agency/case-file-manifest.ts';
import { itAmount, itDate, PdfWriter } from './pdf-writer.ts';

export type TInvoiceRendering = {
  invoice: TCaseFileManifest['invoices'][number];
  creditor: { name: string; vatNumber: string; iban: string | null; pec: string | null };
  debtor: { name: string; vatNumber: string | null; fiscalCode: string | null };
  xmlSha256: string | null;
  recipientPec: string | null;
  recipientCode: string | null;
};

const TYPE_LABEL: Record<string, string> = {
  invoice: 'Fattura',
  'debit-note': 'Nota di debito',
  'credit-note': 'Nota di credito',
  other: 'Documento',
};

const EVIDENCE_LABEL: Record<string, string> = {
  termsAgreed: 'Condizioni di pagamento concordate prima dell’ordine',
  invoiceAccurate: 'Fattura corretta e non contestata',
  receiptConfirmed: 'Ricezione della fattura confermata',
  deliveryProof: 'Prova di consegna della merce',
  paymentInstructions: 'Modalità di pagamento indicate in fattura',
};

const ANSWER_LABEL: Record<string, string> = {
  yes: 'sì',
  no: 'no',
  unknown: 'non noto',
  'not-applicable': 'non applicabile',
};

/**
 * A readable rendering of one invoice for the case file: the data the ledger holds (as imported
 * from the FatturaPA), with the SHA-256 of the original XML that the ZIP carries beside it.
 */
export async function renderInvoicePdf(r: TInvoiceRendering, createdAt: Date): Promise<Buffer> {
  const inv = r.invoice;
  const w = new PdfWriter({
    title: `${TYPE_LABEL[inv.type] ?? 'Documento'} ${inv.number}`,
    author: r.creditor.name,
    createdAt,
  });
  w.title(`${TYPE_LABEL[inv.type] ?? 'Documento'} n. ${inv.number} del ${itDate(inv.issueDate)}`);
  w.line(`Cedente/prestatore: ${r.creditor.name}, P.IVA ${r.creditor.vatNumber}`);
  w.line(
    `Cessionario/committente: ${r.debtor.name}${r.debtor.vatNumber ? `, P.IVA ${r.debtor.vatNumber}` : ''}${r.debtor.fiscalCode ? `, C.F. ${r.debtor.fiscalCode}` : ''}`,
  );
  if (inv.documentType) w.line(`Tipo documento FatturaPA: ${inv.documentType}`);
  if (r.recipientPec || r.recipientCode)
    w.line(`Recapito SdI: ${[r.recipientCode, r.recipientPec].filter(Boolean).join(', ')}`);
  w.line(`Totale documento: ${inv.currency} ${itAmount(inv.total)}`, true);
  w.line(
    `Pagamento: ${inv.paymentMethod ?? 'non indicato'}${inv.paymentIban ? `, IBAN ${inv.paymentIban}` : ''}`,
  );
  w.heading('Scadenze');
  w.table(
    [
      { label: 'Rata', width: 40 },
      { label: 'Scadenza', width: 80 },
      { label: 'Importo', width: 100, align: 'right' },
      { label: 'Capitale residuo', width: 110, align: 'right' },
      { label: 'Interessi residui', width: 110, align: 'right' },
    ],
    inv.instalments.map((t) => [
      String(t.seq),
      itDate(t.dueDate),
      itAmount(t.amount),
      itAmount(t.capitalOutstanding),
      itAmount(t.interestOutstanding),
    ]),
  );
  w.heading('Verifiche preliminari (seed 001)');
  for (const [key, label] of Object.entries(EVIDENCE_LABEL)) {
    w.line(`${label}: ${ANSWER_LABEL[inv.evidence[key] ?? 'unknown'] ?? inv.evidence[key]}`);
  }
  w.heading('Originale');
  w.line(
    r.xmlSha256
      ? `File FatturaPA originale nel fascicolo: ${inv.files.xml} (SHA-256 ${r.xmlSha256})`
      : 'Fattura registrata senza file FatturaPA (inserimento manuale o CSV).',
  );
  return w.finish();
}
