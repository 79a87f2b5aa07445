import yauzl from 'yauzl';
import { ImportRejection } from '../import-rejection.ts';

/**
 * Zip batches (SdI sends invoices as zip) are bounded before anything is inflated: entry count and
 * total declared size are checked from the central directory, and yauzl stops an entry that
 * inflates beyond its declared size, so a zip bomb is refused after reading at most the limit.
 */

/** More entries than a day of SdI deliveries for a large company; past it, a listing attack. */
export const MAX_ZIP_ENTRIES = 10_000;
/** Uncompressed bytes of one archive: a batch of ~50,000 typical invoices. */
export const MAX_ZIP_UNCOMPRESSED_BYTES = 512 * 1024 * 1024;
/** A zip inside a zip is opened (some intermediaries nest them); deeper nesting is refused. */
export const MAX_ZIP_DEPTH = 2;

export type TZipEntry = { name: string; bytes: Uint8Array };

export function isZip(bytes: Uint8Array): boolean {
  return (
    bytes[0] === 0x50 &&
    bytes[1] === 0x4b &&
    (bytes[2] === 0x03 || bytes[2] === 0x05) &&
    (bytes[3] === 0x04 || bytes[3] === 0x06)
  );
}

function open(buffer: Buffer): Promise<yauzl.ZipFile> {
  return new Promise((resolve, reject) => {
    yauzl.fromBuffer(
      buffer,
      { lazyEntries: true, validateEntrySizes: true, strictFileNames: false },
      (err, zip) => (err ? reject(err) : resolve(zip)),
    );
  });
}

function readEntry(zip: yauzl.ZipFile, entry: yauzl.Entry, budget: { left: number }): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    zip.openReadStream(entry, (err, stream) => {
      if (err) return reject(err);
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => {
        budget.left -= chunk.length;
        if (budget.left < 0) {
          stream.destroy(new Error(`inflates beyond ${MAX_ZIP_UNCOMPRESSED_BYTES} bytes`));
          return;
        }
        chunks.push(chunk);
      });
      stream.on('error', reject);
      stream.on('end', () => resolve(new Uint8Array(Buffer.concat(chunks))));
    });
  });
}

/** Lists and inflates the files of an archive (directories and macOS metadata skipped). */
export async function readZip(bytes: Uint8Array, depth = 1): Promise<TZipEntry[]> {
  if (depth > MAX_ZIP_DEPTH)
    throw new ImportRejection('zip', `nests archives deeper than ${MAX_ZIP_DEPTH} levels`);
  let zip: yauzl.ZipFile;
  try {
    zip = await open(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
  } catch (error) {
    throw new ImportRejection('zip', `is not a readable zip archive (${(error as Error).message})`);
  }
  if (zip.entryCount > MAX_ZIP_ENTRIES) {
    zip.close();
    throw new ImportRejection(
      'zip',
      `has ${zip.entryCount} entries, more than the ${MAX_ZIP_ENTRIES} allowed`,
    );
  }
  const budget = { left: MAX_ZIP_UNCOMPRESSED_BYTES };
  const entries: TZipEntry[] = [];
  try {
    await new Promise<void>((resolve, reject) => {
      zip.on('error', reject);
      zip.on('end', () => resolve());
      zip.on('entry', (entry: yauzl.Entry) => {
        const name = entry.fileName;
        const isSkipped = name.endsWith('/') || name.startsWith('__MACOSX/') || /(^|\/)\._/.test(name);
        if (isSkipped) return zip.readEntry();
        if (entry.isEncrypted()) return reject(new ImportRejection(`zip:${name}`, 'is encrypted'));
        if (entry.uncompressedSize > budget.left) {
          return reject(
            new ImportRejection(
              `zip:${name}`,
              `declares ${entry.uncompressedSize} bytes: the archive would exceed ${MAX_ZIP_UNCOMPRESSED_BYTES} bytes uncompressed`,
            ),
          );
        }
        readEntry(zip, entry, budget).then(
          (data) => {
            entries.push({ name, bytes: data });
            zip.readEntry();
          },
          (error: Error) =>
            reject(new ImportRejection(`zip:${name}`, `cannot be extracted (${error.message})`)),
        );
      });
      zip.readEntry();
    });
  } finally {
    zip.close();
  }
  return entries;
}
