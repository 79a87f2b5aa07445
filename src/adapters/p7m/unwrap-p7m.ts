import type { SignedData } from 'pkijs';
import { ImportRejection } from '../import-rejection.ts';

/**
 * Signed FatturaPA files (`.xml.p7m`) are CAdES envelopes: a CMS SignedData holding the XML.
 * They arrive as DER or as base64 text (sometimes with PEM armour). The envelope is opened and the
 * signature checked against the content with the certificate it carries: an altered file is
 * refused. Whether that certificate is trusted is the SdI's check, not ours (no CA list offline).
 */

const PEM_ARMOUR = /-----(BEGIN|END) [A-Z0-9 ]+-----/g;

/** True when the bytes look like a DER SEQUENCE or base64 text of one ("MI..."). */
export function looksLikeCms(bytes: Uint8Array): boolean {
  if (bytes[0] === 0x30 && (bytes[1] === 0x80 || (bytes[1]! >= 0x81 && bytes[1]! <= 0x84))) return true;
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, 80)).replace(PEM_ARMOUR, '').trim();
  return /^MI[A-Za-z0-9+/]/.test(head);
}

function toDer(bytes: Uint8Array): Uint8Array {
  if (bytes[0] === 0x30) return bytes;
  const text = new TextDecoder('latin1').decode(bytes).replace(PEM_ARMOUR, '').replace(/\s+/g, '');
  if (!/^[A-Za-z0-9+/]+=*$/.test(text)) {
    throw new ImportRejection('p7m', 'is neither DER nor base64 text');
  }
  return new Uint8Array(Buffer.from(text, 'base64'));
}

function octets(eContent: NonNullable<SignedData['encapContentInfo']['eContent']>): Uint8Array {
  return new Uint8Array(eContent.getValue());
}

/** Returns the signed content (the XML bytes) of a CMS SignedData envelope. */
export async function unwrapP7m(bytes: Uint8Array): Promise<Uint8Array> {
  // Loaded on first use: most runs of the CLI never open a signed file.
  const [{ fromBER }, pkijs] = await Promise.all([import('asn1js'), import('pkijs')]);
  const der = toDer(bytes);
  const asn1 = fromBER(der);
  if (asn1.offset === -1) throw new ImportRejection('p7m', `is not valid ASN.1 (${asn1.result.error})`);
  let signed: SignedData;
  try {
    const info = new pkijs.ContentInfo({ schema: asn1.result });
    if (info.contentType !== pkijs.ContentInfo.SIGNED_DATA) {
      throw new ImportRejection('p7m', `holds content type ${info.contentType}, not CMS SignedData`);
    }
    signed = new pkijs.SignedData({ schema: info.content });
  } catch (error) {
    if (error instanceof ImportRejection) throw error;
    throw new ImportRejection('p7m', `is not a CMS SignedData envelope (${(error as Error).message})`);
  }
  const eContent = signed.encapContentInfo.eContent;
  if (!eContent) throw new ImportRejection('p7m', 'is a detached signature: it does not contain the invoice');
  const content = octets(eContent);
  let isValid = false;
  let reason = 'the signature does not match the content (the file was altered after signing)';
  try {
    isValid = signed.signerInfos.length > 0 && (await signed.verify({ signer: 0, checkChain: false }));
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    // pkijs reports a content that no longer matches its signed digest as an exception.
    if (!/doesn't match|does not match/i.test(message))
      reason = `the signature cannot be verified (${message})`;
  }
  if (!isValid) throw new ImportRejection('p7m', reason);
  return content;
}
