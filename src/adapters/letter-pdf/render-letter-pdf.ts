import PDFDocument from 'pdfkit';
import QRCode from 'qrcode';
import type { TTemplateLanguage } from '../../core/communications/language.ts';
import { BLOCK_LABELS, instalmentRows, paymentLines } from '../../core/communications/message-blocks.ts';
import type { TTemplateContext } from '../../core/communications/template-context.ts';

/**
 * A printable A4 letter: creditor letterhead, the recipient in the window of a standard Italian
 * DL envelope with a window on the right (110 mm from the left, 50 mm from the top), body,
 * instalment table, payment details with the SEPA QR code, closing, "page n of m". The envelope
 * window shows only the addresses: nothing on the outside reveals what the letter is about.
 */
export type TLetterInput = {
  context: TTemplateContext;
  text: { body: string; closing: string };
  creditorName: string;
  creditorLines: string[];
  /** The creditor's logo (PNG or JPEG), drawn at the top right of the first page. */
  logo: Buffer | null;
  recipientLines: string[];
  qrPayload: string | null;
  /** Fixed in the file, so that the same letter renders to the same bytes (idempotent batches). */
  createdAt: Date;
};

const MM = 72 / 25.4;
const MARGIN = 20 * MM;
const WINDOW = { x: 110 * MM, y: 50 * MM, width: 90 * MM };
const PAGE_BOTTOM = 842 - 25 * MM;
/** The logo is scaled to fit this box, keeping its proportions, above the envelope window. */
const LOGO_BOX: [number, number] = [55 * MM, 22 * MM];
const COLUMN_WIDTHS = [100, 35, 65, 65, 100, 100];

export async function qrPng(payload: string): Promise<Buffer> {
  return QRCode.toBuffer(payload, { errorCorrectionLevel: 'M', margin: 1, width: 240 });
}

/**
 * The QR code drawn as vector squares: sharp at any print resolution and several times faster
 * than encoding and embedding a PNG (the letters benchmark). Quiet zone of one module.
 */
function drawQr(doc: PDFKit.PDFDocument, payload: string, x: number, y: number, size: number): void {
  const { modules } = QRCode.create(payload, { errorCorrectionLevel: 'M' });
  const cell = size / (modules.size + 2);
  for (let r = 0; r < modules.size; r++) {
    for (let c = 0; c < modules.size; c++) {
      if (modules.get(r, c)) doc.rect(x + (c + 1) * cell, y + (r + 1) * cell, cell, cell);
    }
  }
  doc.fillColor('black').fill();
}

export async function renderLetterPdf(input: TLetterInput): Promise<Buffer> {
  const c = input.context;
  const labels = BLOCK_LABELS[c.language as TTemplateLanguage];
  const doc = new PDFDocument({
    size: 'A4',
    margins: { top: MARGIN, bottom: 15 * MM, left: MARGIN, right: MARGIN },
    bufferPages: true,
    info: {
      Title: input.creditorName,
      Author: input.creditorName,
      Creator: 'Riscossa',
      CreationDate: input.createdAt,
    },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  const width = doc.page.width - 2 * MARGIN;
  const ensure = (h: number) => {
    if (doc.y + h > PAGE_BOTTOM) doc.addPage();
  };

  if (input.logo) {
    doc.image(input.logo, doc.page.width - MARGIN - LOGO_BOX[0], MARGIN - 8 * MM, {
      fit: LOGO_BOX,
      align: 'right',
    });
  }
  doc
    .font('Helvetica-Bold')
    .fontSize(14)
    .text(input.creditorName, MARGIN, MARGIN, { width: 80 * MM });
  doc
    .font('Helvetica')
    .fontSize(8)
    .text(input.creditorLines.join('\n'), { width: 80 * MM });

  // Return line above the window, then the recipient: what the window of the envelope shows.
  doc.fontSize(6.5).text(input.creditorName, WINDOW.x, WINDOW.y - 10, { width: WINDOW.width });
  doc.fontSize(10).text(input.recipientLines.join('\n'), WINDOW.x, WINDOW.y, { width: WINDOW.width });

  doc.fontSize(10).text(c.today, MARGIN, 100 * MM, { width, align: 'right' });
  doc.moveDown(1.5);
  for (const p of input.text.body.split(/\n{2,}/)) {
    ensure(30);
    doc.text(p, MARGIN, doc.y, { width, align: 'left' }).moveDown(0.7);
  }

  ensure(40);
  const row = (cells: string[], bold: boolean) => {
    ensure(14);
    const y = doc.y;
    let x = MARGIN;
    doc.font(bold ? 'Helvetica-Bold' : 'Helvetica').fontSize(8.5);
    cells.forEach((cell, i) => {
      doc.text(cell, x, y, {
        width: COLUMN_WIDTHS[i]! - 4,
        align: i >= 4 ? 'right' : 'left',
        lineBreak: false,
      });
      x += COLUMN_WIDTHS[i]!;
    });
    doc.y = y + 13;
  };
  row(labels.columns, true);
  for (const r of instalmentRows(c)) row(r, false);
  row(['', '', '', '', labels.total, c.total], true);

  doc.moveDown(0.8).font('Helvetica-Bold').fontSize(10);
  ensure(110);
  doc.text(labels.howToPay, MARGIN, doc.y);
  const payY = doc.y + 2;
  doc.font('Helvetica').fontSize(9.5);
  doc.text(paymentLines(c, input.qrPayload !== null).join('\n'), MARGIN, payY, { width: width - 110 });
  let after = doc.y;
  if (input.qrPayload) {
    drawQr(doc, input.qrPayload, MARGIN + width - 95, payY, 95);
    after = Math.max(after, payY + 100);
  }
  doc.y = after + 10;
  for (const p of input.text.closing.split(/\n{2,}/)) {
    ensure(30);
    doc.text(p, MARGIN, doc.y, { width }).moveDown(0.7);
  }

  const range = doc.bufferedPageRange();
  const pageWord = c.language === 'it' ? ['Pagina', 'di'] : ['Page', 'of'];
  for (let i = 0; i < range.count; i++) {
    doc.switchToPage(range.start + i);
    // The footer sits below the bottom margin: without this pdfkit would start a new page for it.
    doc.page.margins.bottom = 0;
    doc
      .font('Helvetica')
      .fontSize(8)
      .text(`${pageWord[0]} ${i + 1} ${pageWord[1]} ${range.count}`, MARGIN, 842 - 12 * MM, {
        width,
        align: 'center',
        lineBreak: false,
      });
  }
  doc.end();
  return done;
}
