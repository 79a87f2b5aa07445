import { looksLikeCms } from './p7m/unwrap-p7m.ts';
import { readRoot } from './xml/safe-xml.ts';
import { isZip } from './zip/read-zip.ts';

/**
 * Tells a file's format from its content (the name only breaks ties): people rename files, and
 * SdI names say nothing about signed or not. Nothing here parses beyond the first bytes.
 */
export type TDetectedFormat = 'zip' | 'p7m' | 'fatturapa' | 'camt053' | 'camt054' | 'cbi' | 'csv';

function head(bytes: Uint8Array, length = 4096): string {
  const start = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  return new TextDecoder('latin1').decode(bytes.subarray(start, start + length));
}

export function detectFormat(name: string, bytes: Uint8Array): TDetectedFormat | null {
  if (isZip(bytes)) return 'zip';
  const text = head(bytes);
  if (/^\s*</.test(text)) {
    try {
      const root = readRoot(text);
      if (root.localName === 'FatturaElettronica') return 'fatturapa';
      if (root.localName === 'Document' && root.namespace?.includes('camt.053')) return 'camt053';
      if (root.localName === 'Document' && root.namespace?.includes('camt.054')) return 'camt054';
    } catch {
      // A truncated or hostile head: decided by the name below, refused with its location later.
    }
    if (/fattura/i.test(text) || /\.xml$/i.test(name)) return /camt/i.test(text) ? 'camt053' : 'fatturapa';
    return null;
  }
  if (looksLikeCms(bytes) || /\.p7m$/i.test(name)) return 'p7m';
  if (/^ ?RH/.test(text)) return 'cbi';
  const firstLine = text.split(/\r?\n/, 1)[0] ?? '';
  if (/[;,\t|]/.test(firstLine) && !text.includes('\u0000')) return 'csv';
  return null;
}
