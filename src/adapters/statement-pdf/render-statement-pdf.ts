import type { TDebtorStatement } from '../../app/statement/debtor-statement.ts';

/**
 * Renders the statement of account (the JSON view, already computed and rounded) as an A4 PDF in
 * Italian, for the debtor, the agency or the judge. No figure is computed here: every number is
 * a string of the JSON statement, so the PDF and the JSON can never disagree.
 */

const MARGIN = 40;
const PAGE_BOTTOM = 800;
const FONT = 'Helvetica';
const FONT_BOLD = 'Helvetica-Bold';

type TColumn = { label: string; width: number; align?: 'left' | 'right' };

/** "2025-06-30" → "30/06/2025". */
function itDate(iso: string | null): string {
  if (!iso) return '';
  const [y, m, d] = iso.split('-');
  return `${d}/${m}/${y}`;
}

/** "8448.74" → "8.448,74" (Italian grouping; the value is the JSON string, never a float). */
function itAmount(amount: string): string {
  const negative = amount.startsWith('-');
  const [whole = '0', fraction] = amount.replace('-', '').split('.');
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, '.');
  return `${negative ? '-' : ''}${grouped}${fraction !== undefined ? `,${fraction}` : ''}`;
}

function itRate(rate: string): string {
  return `${rate.replace('.', ',')} %`;
}

const BASIS_LABEL: Record<string, string> = {
  commercial: 'tasso moratorio D.Lgs. 231/2002',
  legal: 'tasso legale art. 1284 c.c.',
  contractual: 'tasso convenzionale',
};

/** Short form for the "Fonte" column of the interest table. */
const PERIOD_BASIS_LABEL: Record<string, string> = {
  commercial: 'D.Lgs. 231/2002',
  legal: 'art. 1284 c.c.',
  contractual: 'contratto',
};

const DEBTOR_KIND_LABEL: Record<string, string> = {
  business: 'debitore impresa',
  consumer: 'debitore consumatore',
  'public-administration': 'debitore pubblica amministrazione',
};

const KIND_SOURCE_LABEL: Record<string, string> = {
  option: 'scelto per questo calcolo',
  terms: 'stabilito nelle condizioni della fattura',
};

const INDEMNITY_LABEL: Record<string, string> = {
  consumer: 'non dovuta al consumatore',
  waived: 'non richiesta dal creditore',
  'other-currency': 'non calcolata: fattura in altra valuta',
  'not-late': 'non dovuta: nessuna rata pagata in ritardo',
};

class StatementWriter {
  readonly doc: PDFKit.PDFDocument;

  constructor(doc: PDFKit.PDFDocument) {
    this.doc = doc;
  }

  ensureSpace(height: number): void {
    if (this.doc.y + height > PAGE_BOTTOM) this.doc.addPage();
  }

  heading(text: string, size = 11): void {
    this.ensureSpace(30);
    this.doc.moveDown(0.6).font(FONT_BOLD).fontSize(size).text(text, MARGIN).font(FONT).fontSize(8.5);
  }

  line(text: string): void {
    this.ensureSpace(14);
    this.doc.font(FONT).fontSize(8.5).text(text, MARGIN);
  }

  table(columns: readonly TColumn[], rows: ReadonlyArray<readonly string[]>): void {
    const drawRow = (cells: readonly string[], isHeader: boolean) => {
      const heights = cells.map((cell, i) =>
        this.doc.font(isHeader ? FONT_BOLD : FONT).heightOfString(cell, { width: columns[i]!.width - 4 }),
      );
      const height = Math.max(...heights) + 3;
      this.ensureSpace(height);
      const y = this.doc.y;
      let x = MARGIN;
      cells.forEach((cell, i) => {
        const column = columns[i]!;
        this.doc
          .font(isHeader ? FONT_BOLD : FONT)
          .text(cell, x, y, { width: column.width - 4, align: column.align ?? 'left' });
        x += column.width;
      });
      this.doc.x = MARGIN;
      this.doc.y = y + height;
    };
    this.doc.fontSize(8);
    drawRow(
      columns.map((c) => c.label),
      true,
    );
    for (const row of rows) drawRow(row, false);
    this.doc.fontSize(8.5).moveDown(0.3);
  }
}

function writeInvoice(w: StatementWriter, inv: TDebtorStatement['invoices'][number]): void {
  const cur = inv.invoice.currency;
  w.heading(
    `Fattura ${inv.invoice.number} del ${itDate(inv.invoice.issueDate)} - totale ${cur} ${itAmount(inv.invoice.total)}`,
  );
  const regime = inv.regime;
  w.line(
    `Interessi: ${BASIS_LABEL[regime.kind]} (${KIND_SOURCE_LABEL[regime.kindSource] ?? DEBTOR_KIND_LABEL[regime.debtorKind] ?? regime.debtorKind})` +
      (regime.isPre2013Contract ? '; contratto anteriore al 2013: BCE + 7 punti' : '') +
      (regime.courtClaimFiledOn
        ? `; domanda giudiziale del ${itDate(regime.courtClaimFiledOn)} (art. 1284 c.4 c.c.)`
        : '') +
      (regime.contractual
        ? `; tasso convenzionale ${itRate(regime.contractual.ratePercent)} dal ${itDate(regime.contractual.from)}`
        : ''),
  );
  w.line(
    inv.imputation === 'art-1194'
      ? 'Imputazione dei pagamenti: art. 1194 c.c. (spese, poi interessi, poi capitale)'
      : 'Imputazione dei pagamenti: prima al capitale, per accordo con il creditore',
  );
  w.table(
    [
      { label: 'Rata', width: 30 },
      { label: 'Scadenza', width: 60 },
      { label: 'Importo', width: 70, align: 'right' },
      { label: 'Note di credito', width: 70, align: 'right' },
      { label: 'Capitale pagato', width: 70, align: 'right' },
      { label: 'Capitale residuo', width: 70, align: 'right' },
      { label: 'Interessi maturati', width: 70, align: 'right' },
      { label: 'Interessi residui', width: 75, align: 'right' },
    ],
    inv.instalments.map((t) => [
      String(t.seq),
      itDate(t.dueDate),
      itAmount(t.amount),
      itAmount(t.credited),
      itAmount(t.capitalPaid),
      itAmount(t.capitalOutstanding),
      itAmount(t.interest),
      itAmount(t.interestOutstanding),
    ]),
  );
  if (inv.allocations.some((a) => a.kind === 'credit-note')) {
    for (const a of inv.allocations.filter((x) => x.kind === 'credit-note')) {
      w.line(
        `Nota di credito ${a.reference ?? ''} del ${itDate(a.date)} sulla rata ${a.instalmentSeq}: ${cur} ${itAmount(a.amount)}`,
      );
    }
  }
  if (inv.payments.length > 0) {
    w.table(
      [
        { label: 'Pagamento del', width: 70 },
        { label: 'Importo', width: 75, align: 'right' },
        { label: 'a spese', width: 75, align: 'right' },
        { label: 'a interessi', width: 75, align: 'right' },
        { label: 'a capitale', width: 75, align: 'right' },
        { label: 'eccedenza', width: 75, align: 'right' },
      ],
      inv.payments.map((p) => [
        itDate(p.date),
        itAmount(p.amount),
        itAmount(p.toCosts),
        itAmount(p.toInterest),
        itAmount(p.toCapital),
        itAmount(p.unapplied),
      ]),
    );
  }
  if (inv.periods.length > 0) {
    w.table(
      [
        { label: 'Rata', width: 28 },
        { label: 'Dal', width: 52 },
        { label: 'Al', width: 52 },
        { label: 'Giorni', width: 32, align: 'right' },
        { label: 'Capitale', width: 62, align: 'right' },
        { label: 'Tasso', width: 48, align: 'right' },
        { label: 'Interessi', width: 55, align: 'right' },
        { label: 'Fonte', width: 186 },
      ],
      inv.periods.map((p) => [
        String(p.instalmentSeq),
        itDate(p.from),
        itDate(p.to),
        String(p.days),
        itAmount(p.capital),
        itRate(p.ratePercent),
        itAmount(p.interest),
        `${PERIOD_BASIS_LABEL[p.basis]} ${p.ratePeriod}: ${p.source}${p.isVerified ? '' : ' (NON VERIFICATO)'}`,
      ]),
    );
  }
  w.line(
    inv.indemnity
      ? `Indennità forfettaria art. 6 D.Lgs. 231/2002 (per fattura) dal ${itDate(inv.indemnity.date)}: ${cur} ${itAmount(inv.indemnity.amount)}`
      : `Indennità forfettaria art. 6 D.Lgs. 231/2002: ${INDEMNITY_LABEL[inv.indemnityStatus] ?? inv.indemnityStatus}`,
  );
  for (const c of inv.costs) {
    w.line(
      `Spesa del ${itDate(c.date)}: ${c.description} - ${cur} ${itAmount(c.amount)} (residuo ${itAmount(c.outstanding)}); ` +
        (c.proof ? `prova ${c.proof.fileName}, SHA-256 ${c.proof.sha256}` : 'senza documento'),
    );
  }
  const t = inv.totals;
  w.doc.font(FONT_BOLD);
  w.line(
    `Dovuto per la fattura ${inv.invoice.number}: capitale ${itAmount(t.capitalOutstanding)} + interessi ${itAmount(t.interestOutstanding)} + spese ${itAmount(t.costsOutstanding)} = ${cur} ${itAmount(t.due)}`,
  );
  w.doc.font(FONT);
}

/** The creditor's logo at the top right, scaled to fit this box (points) keeping its proportions. */
const LOGO_BOX: [number, number] = [130, 45];

export async function renderStatementPdf(
  statement: TDebtorStatement,
  createdAt: Date,
  logo: Buffer | null = null,
): Promise<Buffer> {
  // pdfkit takes most of a second to load: only what renders a PDF loads it.
  const { default: PDFDocument } = await import('pdfkit');
  const doc = new PDFDocument({
    size: 'A4',
    margin: MARGIN,
    info: {
      Title: `Estratto conto ${statement.debtor.name} al ${itDate(statement.date)}`,
      Author: statement.creditor.name,
      Creator: 'Riscossa',
      CreationDate: createdAt,
    },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });

  const w = new StatementWriter(doc);
  if (logo) {
    doc.image(logo, doc.page.width - MARGIN - LOGO_BOX[0], MARGIN, {
      fit: LOGO_BOX,
      align: 'right',
    });
    doc.x = MARGIN;
    doc.y = MARGIN;
  }
  doc
    .font(FONT_BOLD)
    .fontSize(15)
    .text(`Estratto conto al ${itDate(statement.date)}`, MARGIN);
  doc.moveDown(0.5).font(FONT).fontSize(9);
  const c = statement.creditor;
  const d = statement.debtor;
  w.line(
    `Creditore: ${c.name}, P.IVA ${c.vatNumber}${c.pec ? `, PEC ${c.pec}` : ''}${c.iban ? `, IBAN ${c.iban}` : ''}`,
  );
  w.line(
    `Debitore: ${d.name}${d.vatNumber ? `, P.IVA ${d.vatNumber}` : ''}${d.fiscalCode ? `, C.F. ${d.fiscalCode}` : ''}`,
  );
  for (const invoice of statement.invoices) writeInvoice(w, invoice);

  w.heading(`Riepilogo al ${itDate(statement.date)}`, 12);
  w.table(
    [
      { label: 'Valuta', width: 45 },
      { label: 'Capitale residuo', width: 95, align: 'right' },
      { label: 'Interessi residui', width: 95, align: 'right' },
      { label: 'Spese residue', width: 95, align: 'right' },
      { label: 'Totale dovuto', width: 95, align: 'right' },
    ],
    Object.entries(statement.totals).map(([currency, t]) => [
      currency,
      itAmount(t.capitalOutstanding),
      itAmount(t.interestOutstanding),
      itAmount(t.costsOutstanding),
      itAmount(t.due),
    ]),
  );
  w.heading('Criteri di calcolo', 9);
  w.line(
    'Interesse semplice, giorni effettivi / 365, dal giorno successivo alla scadenza fino alla data indicata compresa; un periodo per capitale e tasso (tasso moratorio per semestre dal 1 gennaio e 1 luglio, D.Lgs. 231/2002 art. 5; tasso legale per anno solare, art. 1284 c.c.); ogni periodo arrotondato al centesimo (mezzo centesimo per eccesso). Niente interessi su interessi (art. 1283 c.c.) né su spese. Le note di credito riducono il capitale dalla scadenza.',
  );
  doc.end();
  return done;
}
