import { SaxesParser } from 'saxes';
import { ImportRejection } from '../import-rejection.ts';

/**
 * XML from outside is hostile until proven otherwise. Any DTD or entity declaration is refused
 * before a parser sees the text: no external entities (XXE), no entity-expansion bombs. Only the
 * five predefined entities and character references are decoded. The parser is strict about
 * well-formedness, so a truncated file is refused with its line and column instead of being
 * half-read.
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

/** Refuses DTDs and entity declarations wherever they appear, with their location. */
export function assertNoDtd(text: string): void {
  const forbidden = FORBIDDEN.exec(text);
  if (forbidden) {
    throw new ImportRejection(
      lineAndColumn(text, forbidden.index),
      `contains a <!${forbidden[1]!.toUpperCase()} declaration: DTDs and entities are refused (XXE and entity expansion)`,
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

export type TXmlObject = { [name: string]: TXmlValue[] | TXmlValue | undefined };
export type TXmlValue = TXmlObject | string;

type TFrame = { node: TXmlObject; text: string; parent: TXmlObject | null; name: string };

/**
 * Builds plain objects from a strict, non-validating SAX parse (saxes: XML 1.0 well-formedness,
 * positions for errors, no DTD processing). An element is a string when it has only text, else an
 * object whose children are values (single) or arrays (repeated), attributes "@name" and text
 * "#text"; namespace prefixes are dropped from names.
 */
function buildTree(text: string): TXmlObject {
  const parser = new SaxesParser({ position: true });
  const top: TXmlObject = {};
  const stack: TFrame[] = [{ node: top, text: '', parent: null, name: '' }];
  parser.on('opentag', (tag) => {
    const node: TXmlObject = {};
    for (const [name, value] of Object.entries(tag.attributes)) {
      node[`@${name.slice(name.indexOf(':') + 1)}`] = typeof value === 'string' ? value : value.value;
    }
    stack.push({
      node,
      text: '',
      parent: stack[stack.length - 1]!.node,
      name: tag.name.slice(tag.name.indexOf(':') + 1),
    });
  });
  parser.on('text', (t) => {
    stack[stack.length - 1]!.text += t;
  });
  parser.on('cdata', (t) => {
    stack[stack.length - 1]!.text += t;
  });
  parser.on('closetag', () => {
    const frame = stack.pop()!;
    const trimmed = frame.text.trim();
    let value: TXmlValue = frame.node;
    if (Object.keys(frame.node).length === 0) value = trimmed;
    else if (trimmed) frame.node['#text'] = trimmed;
    const parent = frame.parent!;
    const existing = parent[frame.name];
    if (existing === undefined) parent[frame.name] = value;
    else if (Array.isArray(existing)) existing.push(value);
    else parent[frame.name] = [existing, value];
  });
  let failure: Error | null = null;
  parser.on('error', (error) => {
    failure ??= error;
  });
  parser.write(text).close();
  if (failure) {
    const message = (failure as Error).message;
    const at = /^(\d+):(\d+): (.*)$/s.exec(message);
    throw new ImportRejection(
      at ? `line ${at[1]}, column ${at[2]}` : `line ${parser.line}, column ${parser.column}`,
      `is not well-formed XML: ${at ? at[3] : message}`,
    );
  }
  return top;
}

/**
 * Checks (no DTD, well-formed) and reads the root element, then parses into plain objects (see
 * buildTree). A truncated or malformed document is refused with its line and column.
 */
export function parseSafeXml(text: string): { root: TXmlRoot; doc: TXmlObject } {
  assertNoDtd(text);
  const doc = buildTree(text);
  return { root: readRoot(text), doc };
}
