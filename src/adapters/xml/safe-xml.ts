import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { ImportRejection } from '../import-rejection.ts';

/**
 * XML from outside is hostile until proven otherwise. Any DTD or entity declaration is refused
 * before a parser sees the text: no external entities (XXE), no entity-expansion bombs. Only the
 * five predefined entities and character references are decoded. The text is validated for
 * well-formedness first, so a truncated file is refused with its line and column instead of
 * being half-read.
 */

export type TXmlRoot = { localName: string; namespace: string | null; attributes: Record<string, string> };

const DECLARATION = /^<\?xml[^>]*\bencoding\s*=\s*["']([A-Za-z0-9._-]+)["']/;
const FORBIDDEN = /<!(DOCTYPE|ENTITY|ELEMENT|ATTLIST)/i;

/** Decodes bytes as the declared encoding (UTF-8 when none), refusing invalid byte sequences. */
export function decodeXml(bytes: Uint8Array): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes.subarray(2));
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes.subarray(2));
  const start = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  const head = new TextDecoder('latin1').decode(bytes.subarray(start, start + 200)).trimStart();
  const declared = DECLARATION.exec(head)?.[1]?.toLowerCase() ?? 'utf-8';
  const encoding = declared === 'utf8' ? 'utf-8' : declared;
  if (!['utf-8', 'iso-8859-1', 'iso-8859-15', 'windows-1252', 'us-ascii'].includes(encoding)) {
    throw new ImportRejection('/', `declares the encoding "${declared}", which is not supported`);
  }
  try {
    return new TextDecoder(encoding, { fatal: true }).decode(bytes.subarray(start));
  } catch {
    throw new ImportRejection('/', `is not valid ${encoding.toUpperCase()} text`);
  }
}

function lineAndColumn(text: string, index: number): string {
  const before = text.slice(0, index);
  const line = before.split('\n').length;
  return `line ${line}, column ${index - before.lastIndexOf('\n')}`;
}

/** Refuses DTDs and entity declarations wherever they appear, and malformed XML, with a location. */
export function assertSafeWellFormed(text: string): void {
  const forbidden = FORBIDDEN.exec(text);
  if (forbidden) {
    throw new ImportRejection(
      lineAndColumn(text, forbidden.index),
      `contains a <!${forbidden[1]!.toUpperCase()} declaration: DTDs and entities are refused (XXE and entity expansion)`,
    );
  }
  const result = XMLValidator.validate(text, { allowBooleanAttributes: false });
  if (result !== true) {
    throw new ImportRejection(
      `line ${result.err.line}, column ${result.err.col}`,
      `is not well-formed XML: ${result.err.msg}`,
    );
  }
}

const ROOT_TAG =
  /<([A-Za-z_][\w.-]*:)?([A-Za-z_][\w.-]*)((?:\s+[^\s=>/]+\s*=\s*(?:"[^"]*"|'[^']*'))*)\s*\/?>/y;
const ATTRIBUTE = /([^\s=>/]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g;

/** The root element's local name and namespace, read from its start tag (prolog, comments and PIs skipped). */
export function readRoot(text: string): TXmlRoot {
  let i = 0;
  for (;;) {
    while (i < text.length && /\s|\uFEFF/.test(text[i]!)) i++;
    if (text.startsWith('<?', i)) i = text.indexOf('?>', i) + 2;
    else if (text.startsWith('<!--', i)) i = text.indexOf('-->', i) + 3;
    else break;
    if (i < 2) throw new ImportRejection('/', 'is not well-formed XML: unterminated prolog');
  }
  ROOT_TAG.lastIndex = i;
  const match = ROOT_TAG.exec(text);
  if (!match) throw new ImportRejection('/', 'has no root element');
  const prefix = match[1]?.slice(0, -1) ?? null;
  const attributes: Record<string, string> = {};
  for (const a of (match[3] ?? '').matchAll(ATTRIBUTE)) attributes[a[1]!] = a[2] ?? a[3] ?? '';
  const namespace = attributes[prefix ? `xmlns:${prefix}` : 'xmlns'] ?? null;
  return { localName: match[2]!, namespace, attributes };
}

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  removeNSPrefix: true,
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: true,
  processEntities: true,
  htmlEntities: false,
});

export type TXmlObject = { [name: string]: TXmlValue[] | TXmlValue | undefined };
export type TXmlValue = TXmlObject | string;

/**
 * Elements come back as a value when single and an array when repeated; XmlNode reads both the
 * same way (an isArray callback would make the parser build a path for every element: slower).
 *
 * Checks (no DTD, well-formed) and reads the root element, then parses into plain objects: every
 * element is an array, attributes are "@name".
 */
export function parseSafeXml(text: string): { root: TXmlRoot; doc: TXmlObject } {
  assertSafeWellFormed(text);
  const root = readRoot(text);
  return { root, doc: parser.parse(text) as TXmlObject };
}
