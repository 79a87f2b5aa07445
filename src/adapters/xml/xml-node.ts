import type { TXmlObject, TXmlValue } from './safe-xml.ts';

/**
 * An element of a parsed document together with its XPath-like location
 * (`/FatturaElettronica/FatturaElettronicaBody[2]/DatiPagamento[1]`), so every refusal can say
 * exactly where the offending value is.
 */
export class XmlNode {
  readonly path: string;
  private readonly value: TXmlValue;

  constructor(value: TXmlValue, path: string) {
    this.value = value;
    this.path = path;
  }

  static root(doc: TXmlObject, localName: string): XmlNode | null {
    const value = doc[localName];
    const first = Array.isArray(value) ? value[0] : value;
    return first !== undefined && first !== null ? new XmlNode(first, `/${localName}`) : null;
  }

  /** Every child element with that name, each with its 1-based position in the path. */
  all(name: string): XmlNode[] {
    if (typeof this.value === 'string') return [];
    const value = this.value[name];
    if (value === undefined || value === null) return [];
    if (!Array.isArray(value)) return [new XmlNode(value, `${this.path}/${name}`)];
    if (value.length === 1) return [new XmlNode(value[0]!, `${this.path}/${name}`)];
    return value.map((v, i) => new XmlNode(v, `${this.path}/${name}[${i + 1}]`));
  }

  one(name: string): XmlNode | null {
    return this.all(name)[0] ?? null;
  }

  /** The text of a child element (trimmed), or null when absent or empty. */
  text(name: string): string | null {
    const child = this.one(name);
    return child ? child.ownText() : null;
  }

  ownText(): string | null {
    if (typeof this.value === 'string') return this.value === '' ? null : this.value;
    const text = this.value['#text'];
    return typeof text === 'string' && text !== '' ? text : null;
  }

  attribute(name: string): string | null {
    if (typeof this.value === 'string') return null;
    const value = this.value[`@${name}`];
    return typeof value === 'string' ? value : null;
  }

  /** The path of a child that may be absent (for messages about missing elements). */
  at(name: string): string {
    return `${this.path}/${name}`;
  }

  /** Descends a chain of single children: node.dig('DatiGenerali', 'DatiGeneraliDocumento'). */
  dig(...names: string[]): XmlNode | null {
    let node: XmlNode | null = this;
    for (const name of names) {
      node = node.one(name);
      if (!node) return null;
    }
    return node;
  }
}
