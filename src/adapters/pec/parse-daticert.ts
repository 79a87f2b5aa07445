import { SaxesParser } from 'saxes';
import { assertNoDtd, decodeXml } from '../xml/safe-xml.ts';

/**
 * The certification data of a PEC receipt (daticert.xml, DPR 68/2005 and its technical rules):
 * which kind of receipt, for which message (msgid = the Message-ID we sent), by which provider,
 * when. Hostile input is refused: any DTD or entity declaration, more than MAX_DATICERT_BYTES,
 * a document that is not well formed.
 */
export type TDaticert = {
  kind: string;
  error: string | null;
  sender: string | null;
  recipients: string[];
  subject: string | null;
  provider: string | null;
  eventAt: string | null;
  receiptId: string | null;
  msgid: string;
  deliveredTo: string | null;
};

/** A real daticert.xml is about 1 KB. */
export const MAX_DATICERT_BYTES = 64 * 1024;

/** The kinds the rules define; anything else is not a PEC receipt. */
export const RECEIPT_KINDS = [
  'accettazione',
  'non-accettazione',
  'presa-in-carico',
  'avvenuta-consegna',
  'posta-certificata',
  'errore-consegna',
  'preavviso-errore-consegna',
  'rilevazione-virus',
] as const;

export function parseDaticert(bytes: Uint8Array): TDaticert {
  if (bytes.length > MAX_DATICERT_BYTES)
    throw new Error(`daticert.xml is larger than ${MAX_DATICERT_BYTES} bytes`);
  const text = decodeXml(bytes);
  assertNoDtd(text);
  const parser = new SaxesParser({ xmlns: false });
  const path: string[] = [];
  const values = new Map<string, string[]>();
  let kind: string | null = null;
  let error: string | null = null;
  let zone = '';
  let buffer = '';
  parser.on('doctype', () => {
    throw new Error('daticert.xml: a DOCTYPE is refused');
  });
  parser.on('opentag', (tag) => {
    path.push(tag.name);
    buffer = '';
    const attr = (n: string) =>
      typeof tag.attributes[n] === 'string' ? (tag.attributes[n] as string) : null;
    if (path.length === 1) {
      if (tag.name !== 'postacert')
        throw new Error(`daticert.xml: the root is <${tag.name}>, not <postacert>`);
      kind = attr('tipo');
      error = attr('errore');
    }
    if (tag.name === 'data') zone = attr('zona') ?? '';
  });
  parser.on('text', (t) => {
    buffer += t;
  });
  parser.on('closetag', () => {
    const key = path.join('/');
    values.set(key, [...(values.get(key) ?? []), buffer.trim()]);
    buffer = '';
    path.pop();
  });
  parser.write(text).close();
  const one = (p: string) => values.get(`postacert/${p}`)?.[0] || null;
  if (!kind || !(RECEIPT_KINDS as readonly string[]).includes(kind))
    throw new Error(`daticert.xml: tipo "${kind ?? ''}" is not a PEC receipt kind`);
  const msgid = one('dati/msgid');
  if (!msgid)
    throw new Error('daticert.xml: no <msgid>: the receipt does not say which message it certifies');
  const day = one('dati/data/giorno');
  const time = one('dati/data/ora');
  return {
    kind,
    error: error && error !== 'nessuno' ? error : null,
    sender: one('intestazione/mittente'),
    recipients: values.get('postacert/intestazione/destinatari') ?? [],
    subject: one('intestazione/oggetto'),
    provider: one('dati/gestore-emittente'),
    eventAt: day && time ? `${day} ${time}${zone ? ` ${zone}` : ''}` : null,
    receiptId: one('dati/identificativo'),
    msgid: msgid.startsWith('<') ? msgid : `<${msgid}>`,
    deliveredTo: one('dati/consegna'),
  };
}
