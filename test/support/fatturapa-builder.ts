/**
 * Writes FatturaPA v1.2.2 documents that validate against the official XSD (checked by
 * test/imports/fatturapa-xsd.test.ts with xmllint). Used to write the fixture files and, in bulk,
 * by the import benchmark. Amounts are decimal strings, dates YYYY-MM-DD.
 */
export type TPartySpec = {
  vatNumber?: string | null; // with country prefix: IT01114601006
  fiscalCode?: string | null;
  name?: string;
  firstName?: string;
  lastName?: string;
  street?: string;
  postalCode?: string;
  city?: string;
  province?: string;
};

export type TPaymentSpec = {
  method?: string;
  dueDate?: string | null;
  termDays?: number;
  amount: string;
  iban?: string;
  penalty?: string;
  penaltyFrom?: string;
  code?: string;
};

export type TBodySpec = {
  type?: string;
  currency?: string;
  date: string;
  number: string;
  total?: string | null;
  withholding?: string;
  related?: { number: string; date?: string };
  lines: Array<{ description: string; amount: string; vatRate?: string; splitPayment?: boolean }>;
  payments?: TPaymentSpec[];
  terms?: string;
};

export type TDocumentSpec = {
  version?: 'FPR12' | 'FPA12';
  declaration?: boolean;
  progressive?: string;
  recipientCode?: string;
  recipientPec?: string;
  seller: TPartySpec;
  buyer: TPartySpec;
  bodies: TBodySpec[];
};

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

function cents(amount: string): number {
  const [w, f = ''] = amount.replace('-', '').split('.');
  const v = Number(w) * 100 + Number(f.padEnd(2, '0'));
  return amount.startsWith('-') ? -v : v;
}

function money(c: number): string {
  const sign = c < 0 ? '-' : '';
  const a = Math.abs(c);
  return `${sign}${Math.floor(a / 100)}.${String(a % 100).padStart(2, '0')}`;
}

function idFiscale(vat: string): string {
  return `<IdFiscaleIVA><IdPaese>${vat.slice(0, 2)}</IdPaese><IdCodice>${vat.slice(2)}</IdCodice></IdFiscaleIVA>`;
}

function anagrafica(p: TPartySpec): string {
  if (p.name) return `<Anagrafica><Denominazione>${esc(p.name)}</Denominazione></Anagrafica>`;
  return `<Anagrafica><Nome>${esc(p.firstName ?? 'Mario')}</Nome><Cognome>${esc(p.lastName ?? 'Rossi')}</Cognome></Anagrafica>`;
}

function sede(p: TPartySpec): string {
  return `<Sede><Indirizzo>${esc(p.street ?? 'Via Roma 1')}</Indirizzo><CAP>${p.postalCode ?? '20121'}</CAP><Comune>${esc(
    p.city ?? 'Milano',
  )}</Comune><Provincia>${p.province ?? 'MI'}</Provincia><Nazione>IT</Nazione></Sede>`;
}

/** Splits a net amount into VAT-inclusive parts: taxable + tax at the line's rate, rounded half up. */
export function vatOf(taxable: string, rate = '22.00'): string {
  return money(Math.round((cents(taxable) * cents(rate)) / 10000));
}

function body(b: TBodySpec): string {
  const lines = b.lines
    .map(
      (l, i) =>
        `<DettaglioLinee><NumeroLinea>${i + 1}</NumeroLinea><Descrizione>${esc(l.description)}</Descrizione><PrezzoUnitario>${l.amount}</PrezzoUnitario><PrezzoTotale>${l.amount}</PrezzoTotale><AliquotaIVA>${l.vatRate ?? '22.00'}</AliquotaIVA></DettaglioLinee>`,
    )
    .join('');
  const summaries = b.lines
    .map(
      (l) =>
        `<DatiRiepilogo><AliquotaIVA>${l.vatRate ?? '22.00'}</AliquotaIVA><ImponibileImporto>${l.amount}</ImponibileImporto><Imposta>${vatOf(
          l.amount,
          l.vatRate,
        )}</Imposta><EsigibilitaIVA>${l.splitPayment ? 'S' : 'I'}</EsigibilitaIVA></DatiRiepilogo>`,
    )
    .join('');
  const computed = money(
    b.lines.reduce((s, l) => s + cents(l.amount) + cents(vatOf(l.amount, l.vatRate)), 0),
  );
  const total =
    b.total === null ? '' : `<ImportoTotaleDocumento>${b.total ?? computed}</ImportoTotaleDocumento>`;
  const withholding = b.withholding
    ? `<DatiRitenuta><TipoRitenuta>RT02</TipoRitenuta><ImportoRitenuta>${b.withholding}</ImportoRitenuta><AliquotaRitenuta>20.00</AliquotaRitenuta><CausalePagamento>A</CausalePagamento></DatiRitenuta>`
    : '';
  const related = b.related
    ? `<DatiFattureCollegate><IdDocumento>${esc(b.related.number)}</IdDocumento>${b.related.date ? `<Data>${b.related.date}</Data>` : ''}</DatiFattureCollegate>`
    : '';
  const payments =
    b.payments && b.payments.length > 0
      ? `<DatiPagamento><CondizioniPagamento>${b.terms ?? (b.payments.length > 1 ? 'TP01' : 'TP02')}</CondizioniPagamento>${b.payments
          .map(
            (p) =>
              `<DettaglioPagamento><ModalitaPagamento>${p.method ?? 'MP05'}</ModalitaPagamento>${
                p.termDays ? `<GiorniTerminiPagamento>${p.termDays}</GiorniTerminiPagamento>` : ''
              }${p.dueDate ? `<DataScadenzaPagamento>${p.dueDate}</DataScadenzaPagamento>` : ''}<ImportoPagamento>${p.amount}</ImportoPagamento>${
                p.iban ? `<IBAN>${p.iban}</IBAN>` : ''
              }${p.penalty ? `<PenalitaPagamentiRitardati>${p.penalty}</PenalitaPagamentiRitardati>` : ''}${
                p.penaltyFrom ? `<DataDecorrenzaPenale>${p.penaltyFrom}</DataDecorrenzaPenale>` : ''
              }${p.code ? `<CodicePagamento>${p.code}</CodicePagamento>` : ''}</DettaglioPagamento>`,
          )
          .join('')}</DatiPagamento>`
      : '';
  return `<FatturaElettronicaBody><DatiGenerali><DatiGeneraliDocumento><TipoDocumento>${b.type ?? 'TD01'}</TipoDocumento><Divisa>${
    b.currency ?? 'EUR'
  }</Divisa><Data>${b.date}</Data><Numero>${esc(b.number)}</Numero>${withholding}${total}</DatiGeneraliDocumento>${related}</DatiGenerali><DatiBeniServizi>${lines}${summaries}</DatiBeniServizi>${payments}</FatturaElettronicaBody>`;
}

/** Total (taxable + VAT) of a body's lines, as the builder writes ImportoTotaleDocumento. */
export function bodyTotal(lines: TBodySpec['lines']): string {
  return money(lines.reduce((s, l) => s + cents(l.amount) + cents(vatOf(l.amount, l.vatRate)), 0));
}

export function buildFatturaPA(spec: TDocumentSpec): string {
  const version = spec.version ?? 'FPR12';
  const seller = spec.seller;
  const buyer = spec.buyer;
  const buyerIds = `${buyer.vatNumber ? idFiscale(buyer.vatNumber) : ''}${buyer.fiscalCode ? `<CodiceFiscale>${buyer.fiscalCode}</CodiceFiscale>` : ''}`;
  const xml = `<p:FatturaElettronica versione="${version}" xmlns:ds="http://www.w3.org/2000/09/xmldsig#" xmlns:p="http://ivaservizi.agenziaentrate.gov.it/docs/xsd/fatture/v1.2" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<FatturaElettronicaHeader>
<DatiTrasmissione><IdTrasmittente><IdPaese>IT</IdPaese><IdCodice>${seller.vatNumber!.slice(2)}</IdCodice></IdTrasmittente><ProgressivoInvio>${spec.progressive ?? '00001'}</ProgressivoInvio><FormatoTrasmissione>${version}</FormatoTrasmissione><CodiceDestinatario>${
    spec.recipientCode ?? (version === 'FPA12' ? 'UFABCD' : '0000000')
  }</CodiceDestinatario>${spec.recipientPec ? `<PECDestinatario>${spec.recipientPec}</PECDestinatario>` : ''}</DatiTrasmissione>
<CedentePrestatore><DatiAnagrafici>${idFiscale(seller.vatNumber!)}${anagrafica(seller)}<RegimeFiscale>RF01</RegimeFiscale></DatiAnagrafici>${sede(seller)}</CedentePrestatore>
<CessionarioCommittente><DatiAnagrafici>${buyerIds}${anagrafica(buyer)}</DatiAnagrafici>${sede(buyer)}</CessionarioCommittente>
</FatturaElettronicaHeader>
${spec.bodies.map(body).join('\n')}
</p:FatturaElettronica>
`;
  return spec.declaration === false ? xml : `<?xml version="1.0" encoding="UTF-8"?>\n${xml}`;
}
