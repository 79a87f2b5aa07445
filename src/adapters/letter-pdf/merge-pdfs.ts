import { PDFDocument } from 'pdf-lib';

/** One printable file of every letter of a batch; dated with the batch day so a rerun gives the same bytes. */
export async function mergePdfs(files: readonly Uint8Array[], date: Date, title: string): Promise<Buffer> {
  const merged = await PDFDocument.create();
  for (const file of files) {
    const doc = await PDFDocument.load(file);
    for (const page of await merged.copyPages(doc, doc.getPageIndices())) merged.addPage(page);
  }
  merged.setTitle(title);
  merged.setProducer('Riscossa');
  merged.setCreator('Riscossa');
  merged.setCreationDate(date);
  merged.setModificationDate(date);
  return Buffer.from(await merged.save());
}

export async function pageCount(file: Uint8Array): Promise<number> {
  return (await PDFDocument.load(file)).getPageCount();
}
