import PDFDocument from 'pdfkit';

/**
 * A small A4 writer for the agency's documents (case-file index, invoice rendering, petition
 * draft, remittance statement): headings, lines and tables, in Helvetica. Figures come in as the
 * JSON strings already computed; nothing is calculated here.
 */

const MARGIN = 40;
const PAGE_BOTTOM = 800;
const FONT = 'Helvetica';
const FONT_BOLD = 'Helvetica-Bold';

export type TPdfColumn = { label: string; width: number; align?: 'left' | 'right' };

/** "2025-06-30" → "30/06/2025". */
export function itDate(iso: string | null | undefined): string {
  if (!iso) return '';
  const [y, m, d] = iso.split('-');
  return `${d}/${m}/${y}`;
}

/** "8448.74" → "8.448,74" (the value is the JSON string, never a float). */
export function itAmount(amount: string): string {
  const negative = amount.startsWith('-');
  const [whole = '0', fraction] = amount.replace('-', '').split('.');
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, '.');
  return `${negative ? '-' : ''}${grouped}${fraction !== undefined ? `,${fraction}` : ''}`;
}

export class PdfWriter {
  readonly doc: PDFKit.PDFDocument;
  private readonly done: Promise<Buffer>;

  constructor(info: { title: string; author: string; createdAt: Date }) {
    this.doc = new PDFDocument({
      size: 'A4',
      margin: MARGIN,
      info: { Title: info.title, Author: info.author, Creator: 'Riscossa', CreationDate: info.createdAt },
    });
    const chunks: Buffer[] = [];
    this.doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    this.done = new Promise<Buffer>((resolve, reject) => {
      this.doc.on('end', () => resolve(Buffer.concat(chunks)));
      this.doc.on('error', reject);
    });
  }

  title(text: string): void {
    this.doc.font(FONT_BOLD).fontSize(15).text(text, MARGIN);
    this.doc.moveDown(0.5).font(FONT).fontSize(9);
  }

  ensureSpace(height: number): void {
    if (this.doc.y + height > PAGE_BOTTOM) this.doc.addPage();
  }

  heading(text: string, size = 11): void {
    this.ensureSpace(30);
    this.doc.moveDown(0.6).font(FONT_BOLD).fontSize(size).text(text, MARGIN).font(FONT).fontSize(9);
  }

  line(text: string, bold = false): void {
    this.ensureSpace(14);
    this.doc
      .font(bold ? FONT_BOLD : FONT)
      .fontSize(9)
      .text(text, MARGIN, undefined, { width: 515 });
    this.doc.font(FONT);
  }

  paragraph(text: string): void {
    this.line(text);
    this.doc.moveDown(0.4);
  }

  table(columns: readonly TPdfColumn[], rows: ReadonlyArray<readonly string[]>): void {
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
    this.doc.fontSize(9).moveDown(0.3);
  }

  finish(): Promise<Buffer> {
    this.doc.end();
    return this.done;
  }
}
