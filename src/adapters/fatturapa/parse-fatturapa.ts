import { ImportRejection } from '../import-rejection.ts';
import { decodeXml, parseSafeXml } from '../xml/safe-xml.ts';
import { XmlNode } from '../xml/xml-node.ts';

/**
 * Reads a FatturaPA document (schema v1.2.x, FPR12 or FPA12) into located raw values. Nothing is
 * interpreted here beyond the structure: amounts and dates stay text, each with its XML path, and
 * map-fatturapa.ts turns them into ledger input with the domain checks.
 */
export const FATTURAPA_NAMESPACE = 'http://ivaservizi.agenziaentrate.gov.it/docs/xsd/fatture/v1.2';
export const FATTURAPA_VERSIONS = ['FPR12', 'FPA12'] as const;

/** A value and where it was read (or where it should have been). */
export type TLocated = { value: string | null; path: string };

export type TFatturaParty = {
  path: string;
  country: TLocated;
  vatCode: TLocated;
  fiscalCode: TLocated;
  name: TLocated;
  address: {
    street: string | null;
    postalCode: string | null;
    city: string | null;
    province: string | null;
    country: string | null;
  } | null;
};

export type TFatturaPayment = {
  path: string;
  terms: string | null;
  method: TLocated;
  referenceDate: TLocated;
  termDays: TLocated;
  dueDate: TLocated;
  amount: TLocated;
  iban: TLocated;
  penalty: TLocated;
  penaltyFrom: TLocated;
};

export type TFatturaBody = {
  path: string;
  documentType: TLocated;
  currency: TLocated;
  issueDate: TLocated;
  number: TLocated;
  total: TLocated;
  withholdings: TLocated[];
  summaries: Array<{ taxable: TLocated; tax: TLocated; isSplitPayment: boolean }>;
  related: Array<{ number: TLocated; issueDate: TLocated }>;
  payments: TFatturaPayment[];
};

export type TFatturaDocument = {
  version: (typeof FATTURAPA_VERSIONS)[number];
  recipientCode: string | null;
  recipientPec: string | null;
  seller: TFatturaParty;
  buyer: TFatturaParty;
  bodies: TFatturaBody[];
};

function located(node: XmlNode | null, name: string, fallbackPath: string): TLocated {
  const child = node?.one(name) ?? null;
  return { value: child?.ownText() ?? null, path: child?.path ?? `${fallbackPath}/${name}` };
}

function readParty(node: XmlNode | null, path: string): TFatturaParty {
  const anagraphic = node?.one('DatiAnagrafici') ?? null;
  const vat = anagraphic?.one('IdFiscaleIVA') ?? null;
  const base = anagraphic?.path ?? `${path}/DatiAnagrafici`;
  const registry = anagraphic?.one('Anagrafica') ?? null;
  const company = registry?.one('Denominazione') ?? null;
  const fullName = [registry?.text('Nome'), registry?.text('Cognome')].filter(Boolean).join(' ');
  const seat = node?.one('Sede') ?? null;
  const street = [seat?.text('Indirizzo'), seat?.text('NumeroCivico')].filter(Boolean).join(' ');
  return {
    path,
    country: located(vat, 'IdPaese', `${base}/IdFiscaleIVA`),
    vatCode: located(vat, 'IdCodice', `${base}/IdFiscaleIVA`),
    fiscalCode: located(anagraphic, 'CodiceFiscale', base),
    name: company
      ? { value: company.ownText(), path: company.path }
      : { value: fullName || null, path: registry?.path ?? `${base}/Anagrafica` },
    address: seat
      ? {
          street: street || null,
          postalCode: seat.text('CAP'),
          city: seat.text('Comune'),
          province: seat.text('Provincia'),
          country: seat.text('Nazione'),
        }
      : null,
  };
}

function readPayment(node: XmlNode, terms: string | null): TFatturaPayment {
  const at = (name: string) => located(node, name, node.path);
  return {
    path: node.path,
    terms,
    method: at('ModalitaPagamento'),
    referenceDate: at('DataRiferimentoTerminiPagamento'),
    termDays: at('GiorniTerminiPagamento'),
    dueDate: at('DataScadenzaPagamento'),
    amount: at('ImportoPagamento'),
    iban: at('IBAN'),
    penalty: at('PenalitaPagamentiRitardati'),
    penaltyFrom: at('DataDecorrenzaPenale'),
  };
}

function readBody(node: XmlNode): TFatturaBody {
  const general = node.one('DatiGenerali');
  const doc = general?.one('DatiGeneraliDocumento') ?? null;
  const docPath = doc?.path ?? `${node.path}/DatiGenerali/DatiGeneraliDocumento`;
  const at = (name: string) => located(doc, name, docPath);
  return {
    path: node.path,
    documentType: at('TipoDocumento'),
    currency: at('Divisa'),
    issueDate: at('Data'),
    number: at('Numero'),
    total: at('ImportoTotaleDocumento'),
    withholdings: (doc?.all('DatiRitenuta') ?? []).map((r) => located(r, 'ImportoRitenuta', r.path)),
    summaries: (node.one('DatiBeniServizi')?.all('DatiRiepilogo') ?? []).map((r) => ({
      taxable: located(r, 'ImponibileImporto', r.path),
      tax: located(r, 'Imposta', r.path),
      isSplitPayment: r.text('EsigibilitaIVA') === 'S',
    })),
    related: (general?.all('DatiFattureCollegate') ?? []).map((r) => ({
      number: located(r, 'IdDocumento', r.path),
      issueDate: located(r, 'Data', r.path),
    })),
    payments: node
      .all('DatiPagamento')
      .flatMap((p) => p.all('DettaglioPagamento').map((d) => readPayment(d, p.text('CondizioniPagamento')))),
  };
}

/** Parses the bytes of a plain (unsigned) FatturaPA XML file. */
export function parseFatturaPA(bytes: Uint8Array): TFatturaDocument {
  const { root, doc: parsed } = parseSafeXml(decodeXml(bytes));
  if (root.localName !== 'FatturaElettronica') {
    throw new ImportRejection(`/${root.localName}`, 'is not a FatturaElettronica document');
  }
  if (root.namespace !== FATTURAPA_NAMESPACE) {
    throw new ImportRejection(
      '/FatturaElettronica',
      `has the namespace ${JSON.stringify(root.namespace)}, expected "${FATTURAPA_NAMESPACE}" (FatturaPA v1.2)`,
    );
  }
  const version = root.attributes.versione;
  if (!FATTURAPA_VERSIONS.includes(version as never)) {
    throw new ImportRejection(
      '/FatturaElettronica/@versione',
      `${JSON.stringify(version ?? null)} is not a supported version (FPR12 or FPA12)`,
    );
  }
  const doc = XmlNode.root(parsed, 'FatturaElettronica');
  if (!doc) throw new ImportRejection('/FatturaElettronica', 'is missing');
  const header = doc.one('FatturaElettronicaHeader');
  if (!header) throw new ImportRejection(doc.at('FatturaElettronicaHeader'), 'is missing');
  const bodies = doc.all('FatturaElettronicaBody');
  if (bodies.length === 0) throw new ImportRejection(doc.at('FatturaElettronicaBody'), 'is missing');
  const transmission = header.one('DatiTrasmissione');
  const recipientCode = transmission?.text('CodiceDestinatario') ?? null;
  return {
    version: version as TFatturaDocument['version'],
    recipientCode: recipientCode && /^0+$/.test(recipientCode) ? null : recipientCode,
    recipientPec: transmission?.text('PECDestinatario') ?? null,
    seller: readParty(header.one('CedentePrestatore'), header.at('CedentePrestatore')),
    buyer: readParty(header.one('CessionarioCommittente'), header.at('CessionarioCommittente')),
    bodies: bodies.map(readBody),
  };
}
