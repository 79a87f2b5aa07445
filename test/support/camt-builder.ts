/**
 * Writes ISO 20022 camt.053.001.02 statements that validate against the schema (checked in
 * test/imports/bank-import.test.ts with xmllint). Used for fixtures and the benchmark.
 */
export type TCamtEntry = {
  ref: string;
  amount: string;
  isCredit?: boolean;
  bookingDate: string;
  valueDate?: string;
  payerName?: string;
  payerIban?: string;
  remittance?: string;
  creditorReference?: string;
};

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

function entry(e: TCamtEntry): string {
  const party =
    e.payerName || e.payerIban
      ? `<RltdPties>${e.payerName ? `<Dbtr><Nm>${esc(e.payerName)}</Nm></Dbtr>` : ''}${e.payerIban ? `<DbtrAcct><Id><IBAN>${e.payerIban}</IBAN></Id></DbtrAcct>` : ''}</RltdPties>`
      : '';
  const structured = e.creditorReference
    ? `<Strd><CdtrRefInf><Tp><CdOrPrtry><Cd>SCOR</Cd></CdOrPrtry><Issr>ISO</Issr></Tp><Ref>${e.creditorReference}</Ref></CdtrRefInf></Strd>`
    : '';
  const remittance =
    e.remittance || e.creditorReference
      ? `<RmtInf>${e.remittance ? `<Ustrd>${esc(e.remittance)}</Ustrd>` : ''}${structured}</RmtInf>`
      : '';
  return `<Ntry><Amt Ccy="EUR">${e.amount}</Amt><CdtDbtInd>${e.isCredit === false ? 'DBIT' : 'CRDT'}</CdtDbtInd><Sts>BOOK</Sts><BookgDt><Dt>${e.bookingDate}</Dt></BookgDt><ValDt><Dt>${e.valueDate ?? e.bookingDate}</Dt></ValDt><AcctSvcrRef>${e.ref}</AcctSvcrRef><BkTxCd><Domn><Cd>PMNT</Cd><Fmly><Cd>RCDT</Cd><SubFmlyCd>ESCT</SubFmlyCd></Fmly></Domn></BkTxCd><NtryDtls><TxDtls><Refs><EndToEndId>NOTPROVIDED</EndToEndId></Refs>${party}${remittance}</TxDtls></NtryDtls></Ntry>`;
}

export function buildCamt053(spec: {
  id: string;
  iban: string;
  date: string;
  entries: readonly TCamtEntry[];
}): string {
  const chunks: string[] = [
    `<?xml version="1.0" encoding="UTF-8"?>\n<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.02" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><BkToCstmrStmt><GrpHdr><MsgId>${spec.id}</MsgId><CreDtTm>${spec.date}T18:00:00</CreDtTm></GrpHdr><Stmt><Id>${spec.id}</Id><CreDtTm>${spec.date}T18:00:00</CreDtTm><Acct><Id><IBAN>${spec.iban}</IBAN></Id></Acct><Bal><Tp><CdOrPrtry><Cd>CLBD</Cd></CdOrPrtry></Tp><Amt Ccy="EUR">0.00</Amt><CdtDbtInd>CRDT</CdtDbtInd><Dt><Dt>${spec.date}</Dt></Dt></Bal>\n`,
  ];
  for (const e of spec.entries) chunks.push(`${entry(e)}\n`);
  chunks.push('</Stmt></BkToCstmrStmt></Document>\n');
  return chunks.join('');
}
