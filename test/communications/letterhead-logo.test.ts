import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderLetterPdf } from '../../src/adapters/letter-pdf/render-letter-pdf.ts';
import { letterInput } from '../../src/app/communications/letter-input.ts';
import { previewCommunication } from '../../src/app/communications/preview-communication.ts';
import { updateCreditor } from '../../src/app/ledger/update-creditor.ts';
import { debtorStatement } from '../../src/app/statement/debtor-statement.ts';
import { statementPdfOf } from '../../src/app/statement/statement-pdf-of.ts';
import { ctxOn } from '../support/fixtures.ts';
import { PNG_LOGO } from '../support/logo-images.ts';
import { createTestDatabase, type TTestDatabase } from '../support/test-database.ts';
import { commWorld, type TCommWorld } from './communication-world.ts';

// The images of a PDF as poppler lists them (pdfimages -list), without the alpha masks (smask)
// that go with a transparent PNG: one row per drawn image.
const dir = mkdtempSync(join(tmpdir(), 'riscossa-logo-'));
function pdfImages(pdf: Uint8Array): string[] {
  const file = join(dir, `p-${Math.random().toString(36).slice(2)}.pdf`);
  writeFileSync(file, pdf);
  return execFileSync('pdfimages', ['-list', file], { encoding: 'utf8' })
    .trim()
    .split('\n')
    .slice(2)
    .filter((row) => row.trim().split(/\s+/)[2] === 'image');
}
function pdfText(pdf: Uint8Array): string {
  const file = join(dir, `t-${Math.random().toString(36).slice(2)}.pdf`);
  writeFileSync(file, pdf);
  return execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
}

let t: TTestDatabase;
let w: TCommWorld;
beforeAll(async () => {
  t = await createTestDatabase();
  w = await commWorld(t.db);
});
afterAll(() => t.drop());

const letterPdf = async () =>
  renderLetterPdf(
    letterInput(
      await previewCommunication(t.db, {
        creditor: w.creditorVat,
        debtor: w.debtorVat,
        template: 'final-notice',
        channel: 'letter',
        date: '2026-03-16',
      }),
    ),
  );
const statementPdf = async () =>
  statementPdfOf(
    t.db,
    await debtorStatement(t.db, { creditor: w.creditorVat, debtor: w.debtorVat, date: '2026-03-16' }),
    new Date('2026-03-16T00:00:00Z'),
  );

describe('the letterhead logo', () => {
  it('is drawn on letters and statements once the creditor has one, with the address from its data', async () => {
    expect(pdfImages(await letterPdf())).toEqual([]);
    expect(pdfImages(await statementPdf())).toEqual([]);
    await updateCreditor(ctxOn(t.db), {
      creditor: w.creditorVat,
      street: 'Via Roma 1',
      postalCode: '20121',
      city: 'Milano',
      province: 'MI',
      logo: PNG_LOGO,
    });
    const letter = await letterPdf();
    const images = pdfImages(letter);
    expect(images).toHaveLength(1);
    // page 1, an image 1x1 pixel (the PNG itself, not a re-encoding of another size)
    expect(images[0]!.trim().split(/\s+/).slice(0, 5)).toEqual(['1', '0', 'image', '1', '1']);
    expect(pdfText(letter)).toContain('Via Roma 1');
    expect(pdfText(letter)).toContain('20121 Milano (MI)');
    expect(pdfImages(await statementPdf())).toHaveLength(1);
  });
});
