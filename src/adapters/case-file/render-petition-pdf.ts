import type { TPetitionDraft } from '../../app/legal/draft-petition.ts';
import { itAmount, itDate, PdfWriter } from './pdf-writer.ts';

/**
 * The draft petition for a payment order, in Italian. The court, the lawyer and the signature
 * are left as blanks: a draft for the lawyer, never filed as it is.
 */
export async function renderPetitionPdf(p: TPetitionDraft, createdAt: Date): Promise<Buffer> {
  const w = new PdfWriter({
    title: `Bozza ricorso per decreto ingiuntivo - pratica ${p.caseId}`,
    author: p.creditor.name,
    createdAt,
  });
  w.line('BOZZA - da verificare, completare e sottoscrivere a cura del difensore', true);
  w.title('RICORSO PER DECRETO INGIUNTIVO (artt. 633 e ss. c.p.c.)');
  w.line('AL ______________________ DI ______________________ (giudice competente per valore e territorio)');
  w.heading('Ricorrente');
  w.paragraph(
    `${p.creditor.name}, P.IVA ${p.creditor.vatNumber}${p.creditor.pec ? `, PEC ${p.creditor.pec}` : ''}, rappresentata e difesa dall'avv. ______________________`,
  );
  w.heading('Nei confronti di');
  const d = p.debtor;
  const address = d.addresses[0];
  w.paragraph(
    `${d.name}${d.vatNumber ? `, P.IVA ${d.vatNumber}` : ''}${d.fiscalCode ? `, C.F. ${d.fiscalCode}` : ''}${address ? `, con sede in ${address.street}, ${address.postalCode ?? ''} ${address.city}${address.province ? ` (${address.province})` : ''}` : ''}${d.pec ? `, PEC ${d.pec}` : ''}`,
  );
  w.heading('Premesso che');
  let n = 1;
  for (const i of p.invoices) {
    w.paragraph(
      `${n++}. la ricorrente ha emesso la fattura n. ${i.number} del ${itDate(i.issueDate)} per ${itAmount(i.total)} euro, con scadenza ${i.dueDates.map(itDate).join(', ')}, rimasta insoluta per ${itAmount(i.capitalOutstanding)} euro;`,
    );
  }
  if (p.demands.length > 0) {
    w.paragraph(
      `${n++}. la debitrice è stata sollecitata per iscritto il ${p.demands.map((x) => itDate(x.date)).join(', ')}, senza esito;`,
    );
  }
  w.paragraph(
    `${n++}. il credito è certo, liquido ed esigibile e fondato su prova scritta (art. 634 c.p.c.); trattandosi di transazione commerciale, sono dovuti gli interessi moratori ai sensi del D.Lgs. 231/2002 dalle singole scadenze al saldo e l'importo forfettario di 40 euro per fattura (art. 6).`,
  );
  w.heading(`Importi al ${itDate(p.date)}`);
  w.table(
    [
      { label: 'Valuta', width: 50 },
      { label: 'Capitale', width: 110, align: 'right' },
      { label: 'Interessi', width: 110, align: 'right' },
      { label: 'Spese e indennità', width: 110, align: 'right' },
      { label: 'Totale', width: 110, align: 'right' },
    ],
    Object.entries(p.amounts).map(([currency, a]) => [
      currency,
      itAmount(a.capitalOutstanding),
      itAmount(a.interestOutstanding),
      itAmount(a.costsOutstanding),
      itAmount(a.due),
    ]),
  );
  w.heading('Tutto ciò premesso, la ricorrente chiede');
  for (const [currency, a] of Object.entries(p.amounts)) {
    w.paragraph(
      `che sia ingiunto a ${d.name} di pagare, entro quaranta giorni dalla notifica (art. 641 c.p.c.), la somma di ${currency} ${itAmount(a.capitalOutstanding)} in linea capitale, oltre interessi moratori ex D.Lgs. 231/2002 (${itAmount(a.interestOutstanding)} al ${itDate(p.date)}) dalle scadenze al saldo, ${itAmount(a.costsOutstanding)} per indennità e spese di recupero, e le spese e i compensi del presente procedimento.`,
    );
  }
  w.paragraph(
    "Si chiede altresì la concessione della provvisoria esecuzione ai sensi dell'art. 642 c.p.c., ove ne ricorrano i presupposti.",
  );
  w.heading('Si producono');
  for (const proof of p.proofs)
    w.line(`${proof.n}. ${proof.description}${proof.file ? ` [${proof.file}]` : ''}`);
  w.doc.moveDown(1);
  w.line('Luogo e data ______________________          Avv. ______________________');
  return w.finish();
}
