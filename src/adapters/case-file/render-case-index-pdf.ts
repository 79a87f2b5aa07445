import type { TCaseFileManifest } from '../../app/agency/case-file-manifest.ts';
import { itAmount, itDate, PdfWriter } from './pdf-writer.ts';

const STATUS_LABEL: Record<string, string> = {
  queued: 'in uscita',
  sent: 'inviata',
  pending: 'in attesa',
  review: 'in revisione',
  done: 'eseguita',
  skipped: 'saltata',
  cancelled: 'annullata',
};

/**
 * The index of the case file (indice del fascicolo), in Italian: parties, amounts due at the
 * date, invoices, evidence, actions with their outcomes and proofs, the register verification
 * and the list of every file with its SHA-256. Every figure is a string of casefile.json.
 */
export async function renderCaseIndexPdf(m: TCaseFileManifest, createdAt: Date): Promise<Buffer> {
  const w = new PdfWriter({ title: `Fascicolo pratica ${m.case.id}`, author: m.creditor.name, createdAt });
  w.title(`Fascicolo della pratica n. ${m.case.id} al ${itDate(m.asOf)}`);
  w.line(
    m.case.handedOverOn
      ? `Affidata all'agenzia di recupero il ${itDate(m.case.handedOverOn)}${m.case.handedOverTo ? ` (${m.case.handedOverTo})` : ''}`
      : 'Pratica non ancora affidata a terzi',
  );
  w.line(`Aperta il ${itDate(m.case.openedOn)}, procedura ${m.case.policy}, stato ${m.case.status}`);
  w.heading('Parti');
  w.line(
    `Creditore: ${m.creditor.name}, P.IVA ${m.creditor.vatNumber}${m.creditor.pec ? `, PEC ${m.creditor.pec}` : ''}${m.creditor.iban ? `, IBAN ${m.creditor.iban}` : ''}`,
  );
  const d = m.debtor;
  w.line(
    `Debitore: ${d.name}${d.vatNumber ? `, P.IVA ${d.vatNumber}` : ''}${d.fiscalCode ? `, C.F. ${d.fiscalCode}` : ''}${d.pec ? `, PEC ${d.pec}` : ''}`,
  );
  for (const a of d.addresses)
    w.line(
      `Indirizzo (${a.kind}): ${a.street}, ${a.postalCode ?? ''} ${a.city}${a.province ? ` (${a.province})` : ''} ${a.country}`,
    );

  w.heading(`Importi dovuti al ${itDate(m.asOf)}`);
  w.table(
    [
      { label: 'Valuta', width: 50 },
      { label: 'Capitale residuo', width: 110, align: 'right' },
      { label: 'Interessi', width: 110, align: 'right' },
      { label: 'Spese', width: 110, align: 'right' },
      { label: 'Totale dovuto', width: 110, align: 'right' },
    ],
    Object.entries(m.amounts).map(([currency, a]) => [
      currency,
      itAmount(a.capitalOutstanding),
      itAmount(a.interestOutstanding),
      itAmount(a.costsOutstanding),
      itAmount(a.due),
    ]),
  );

  w.heading('Fatture');
  w.table(
    [
      { label: 'Numero', width: 90 },
      { label: 'Data', width: 60 },
      { label: 'Totale', width: 75, align: 'right' },
      { label: 'Dovuto', width: 75, align: 'right' },
      { label: 'Originale XML', width: 215 },
    ],
    m.invoices.map((i) => [
      i.number,
      itDate(i.issueDate),
      itAmount(i.total),
      itAmount(i.totals.due),
      i.files.xml ?? 'assente',
    ]),
  );

  w.heading('Documenti probatori');
  if (m.documents.length === 0) w.line('Nessun documento allegato.');
  for (const doc of m.documents)
    w.line(
      `${doc.kind}: ${doc.fileName}${doc.invoices.length ? ` (fatture ${doc.invoices.join(', ')})` : ''} - ${doc.path}`,
    );

  w.heading('Attività svolte');
  w.table(
    [
      { label: 'Data', width: 60 },
      { label: 'Passo', width: 90 },
      { label: 'Canale', width: 100 },
      { label: 'Stato', width: 60 },
      { label: 'Importo', width: 65, align: 'right' },
      { label: 'Esito / prove', width: 140 },
    ],
    m.actions.map((a) => [
      itDate(a.date),
      a.stepKey,
      a.channels.join(' + '),
      STATUS_LABEL[a.status] ?? a.status,
      itAmount(a.total),
      [...a.tasks.map((t) => `${t.kind}: ${t.outcome ?? t.status}`), ...a.proofs].join('; '),
    ]),
  );
  for (const t of m.tasks)
    w.line(`Attività ${t.kind}: ${t.outcome ?? t.status}${t.note ? ` (${t.note})` : ''}`);
  if (m.proofs.length > 0) {
    w.heading('Prove di invio e consegna');
    for (const p of m.proofs) w.line(`${itDate(p.date)} ${p.kind}: ${p.reference} - ${p.path}`);
  }

  w.heading('Registro delle attività');
  const v = m.register.verification;
  w.line(
    v.isValid
      ? `Catena di hash del registro verificata: integra (${v.entries} voci).`
      : `Catena di hash del registro NON integra: ${v.problem}`,
    true,
  );
  w.line(
    `Estratto per il debitore: ${m.register.extract.entries} voci (${m.register.extract.path}), hash ${m.register.extract.hashesMatch ? 'corrispondenti' : 'NON corrispondenti'}.`,
  );
  w.heading('Estratto conto');
  w.line(`Estratto conto con interessi al ${itDate(m.statement.date)}: ${m.statement.pdf}`);

  w.heading('Elenco dei file');
  w.table(
    [
      { label: 'File', width: 200 },
      { label: 'Byte', width: 50, align: 'right' },
      { label: 'SHA-256', width: 265 },
    ],
    m.files.map((f) => [f.path, String(f.bytes), f.sha256]),
  );
  return w.finish();
}
