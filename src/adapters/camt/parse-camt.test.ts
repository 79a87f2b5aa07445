import { describe, expect, it } from 'vitest';
import { parseCamt } from './parse-camt.ts';

const NOTIFICATION = `<?xml version="1.0" encoding="UTF-8"?>
<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.054.001.08"><BkToCstmrDbtCdtNtfctn>
<GrpHdr><MsgId>N1</MsgId><CreDtTm>2026-03-02T10:00:00</CreDtTm></GrpHdr>
<Ntfctn><Id>N1</Id><Acct><Id><IBAN>IT60X0542811101000000123456</IBAN></Id></Acct>
<Ntry><NtryRef>B1</NtryRef><Amt Ccy="EUR">300.00</Amt><CdtDbtInd>CRDT</CdtDbtInd><Sts><Cd>BOOK</Cd></Sts>
 <BookgDt><Dt>2026-03-02</Dt></BookgDt><ValDt><Dt>2026-03-02</Dt></ValDt><AcctSvcrRef>BATCH-1</AcctSvcrRef>
 <NtryDtls>
  <TxDtls><Refs><EndToEndId>E2E-1</EndToEndId></Refs><Amt Ccy="EUR">100.00</Amt>
   <RltdPties><Dbtr><Pty><Nm>Rossi &amp; Figli</Nm></Pty></Dbtr><DbtrAcct><Id><IBAN>IT49 S030 6909 6061 0000 0063 611</IBAN></Id></DbtrAcct></RltdPties>
   <RmtInf><Strd><CdtrRefInf><Ref>RF18539007547034</Ref></CdtrRefInf></Strd></RmtInf></TxDtls>
  <TxDtls><Refs><EndToEndId>E2E-2</EndToEndId></Refs><AmtDtls><TxAmt><Amt Ccy="EUR">200.00</Amt></TxAmt></AmtDtls>
   <RmtInf><Ustrd>FATT 12/2026</Ustrd></RmtInf></TxDtls>
 </NtryDtls></Ntry>
<Ntry><Amt Ccy="EUR">50.00</Amt><CdtDbtInd>CRDT</CdtDbtInd><RvslInd>true</RvslInd><Sts><Cd>BOOK</Cd></Sts><BookgDt><Dt>2026-03-02</Dt></BookgDt></Ntry>
<Ntry><Amt Ccy="EUR">70.00</Amt><CdtDbtInd>CRDT</CdtDbtInd><Sts><Cd>PDNG</Cd></Sts><BookgDt><Dt>2026-03-02</Dt></BookgDt></Ntry>
</Ntfctn></BkToCstmrDbtCdtNtfctn></Document>`;

describe('camt.054 notifications', () => {
  it('splits a batch entry into its transactions and skips reversals and pending entries', () => {
    const s = parseCamt(Buffer.from(NOTIFICATION), 'camt054');
    expect(s.accountIban).toBe('IT60X0542811101000000123456');
    expect(s.skipped).toBe(2);
    expect(s.entries.map(({ where: _w, ...e }) => e)).toEqual([
      {
        externalId: 'IT60X0542811101000000123456:BATCH-1/E2E-1',
        amountCents: 10_000,
        currency: 'EUR',
        bookingDate: '2026-03-02',
        valueDate: '2026-03-02',
        payerName: 'Rossi & Figli',
        payerIban: 'IT49S0306909606100000063611',
        remittance: '',
        creditorReference: 'RF18539007547034',
      },
      {
        externalId: 'IT60X0542811101000000123456:BATCH-1/E2E-2',
        amountCents: 20_000,
        currency: 'EUR',
        bookingDate: '2026-03-02',
        valueDate: '2026-03-02',
        payerName: null,
        payerIban: null,
        remittance: 'FATT 12/2026',
        creditorReference: null,
      },
    ]);
  });

  it('refuses a statement given as the other message type', () => {
    expect(() => parseCamt(Buffer.from(NOTIFICATION), 'camt053')).toThrow('is not a camt.053 document');
  });
});
