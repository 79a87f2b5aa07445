import { invalid } from '../shared/errors.ts';

/** A letterhead logo is small: at most 512 KB, so that every letter and statement stays light. */
export const MAX_LOGO_BYTES = 512 * 1024;

export type TLogoMediaType = 'image/png' | 'image/jpeg';

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const JPEG_SIGNATURE = [0xff, 0xd8, 0xff];

function startsWith(bytes: Uint8Array, signature: readonly number[]): boolean {
  return signature.every((b, i) => bytes[i] === b);
}

/**
 * The media type of a logo, told by its first bytes (never by a file name or a declared type):
 * PNG or JPEG, the two formats PDF pages embed directly. Anything else is refused naming `field`.
 */
export function logoMediaType(bytes: Uint8Array, field = 'logo'): TLogoMediaType {
  const shown = `${bytes.length} bytes`;
  if (bytes.length === 0) throw invalid(field, shown, 'is empty');
  if (bytes.length > MAX_LOGO_BYTES)
    throw invalid(field, shown, `is larger than ${MAX_LOGO_BYTES} bytes (512 KB)`);
  if (startsWith(bytes, PNG_SIGNATURE)) return 'image/png';
  if (startsWith(bytes, JPEG_SIGNATURE)) return 'image/jpeg';
  const head = Buffer.from(bytes.subarray(0, 6))
    .toString('latin1')
    .replace(/[^\x20-\x7e]/g, '.');
  throw invalid(field, `${shown} starting "${head}"`, 'is not a PNG or JPEG image');
}
