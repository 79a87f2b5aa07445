import yazl from 'yazl';

export type TZipEntry = { path: string; content: Uint8Array };

/**
 * Writes entries into a ZIP in memory. Every entry carries the same timestamp (the case file's
 * date), so the archive depends only on its contents and the date.
 */
export async function writeZip(entries: readonly TZipEntry[], mtime: Date): Promise<Buffer> {
  const zip = new yazl.ZipFile();
  for (const entry of entries) zip.addBuffer(Buffer.from(entry.content), entry.path, { mtime });
  zip.end();
  const chunks: Buffer[] = [];
  for await (const chunk of zip.outputStream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** A file name safe in any archive tool and file system: letters, digits, dot, dash, underscore. */
export function safeName(name: string): string {
  const cleaned = name
    .normalize('NFKD')
    .replace(/[^\w.-]+/g, '_')
    .replace(/^[._]+/, '')
    .slice(0, 120);
  return cleaned || 'file';
}
