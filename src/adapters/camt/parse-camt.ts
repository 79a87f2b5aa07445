import { createHash } from 'node:crypto';
import { parseIban } from '../../core/ledger/tax-identifiers.ts';
import { parseDate } from '../../core/shared/calendar-date.ts';
import { parseAmount, parseCurrency } from '../../core/shared/money.ts';
import type { TBankEntry, TBankStatement } from '../bank/bank-statement.ts';
import { ImportRejection, IssueList } from '../import-rejection.ts';
import { decodeXml, parseSafeXml } from '../xml/safe-xml.ts';
import { XmlNode } from '../xml/xml-node.ts';

/**
 * ISO 20022 bank-to-customer statements: camt.053 (end of day) and camt.054 (notifications),
 * any version (the elements read here are the same from .001.02 to .001.08). Only booked credits
 * are payments received; a batch entry with several transaction details gives one payment each.
 */
const CONTAINERS = {
  camt053: ['BkToCstmrStmt', 'Stmt'],
  camt054: ['BkToCstmrDbtCdtNtfctn', 'Ntfctn'],
} as const;

function dateOf(node: XmlNode | null): string | null {
  if (!node) return null;
  return node.text('Dt') ?? node.text('DtTm')?.slice(0, 10) ?? null;
}

function remittanceOf(tx: XmlNode | null): { text: string; reference: string | null } {
  const info = tx?.one('RmtInf') ?? null;
  const parts = (info?.all('Ustrd') ?? []).map((u) => u.ownText() ?? '');
  let reference: string | null = null;
  for (const s of info?.all('Strd') ?? []) {
    const ref = s.dig('CdtrRefInf', 'Ref')?.ownText() ?? null;
    if (ref && !reference) reference = ref;
    for (const extra of s.all('AddtlRmtInf')) parts.push(extra.ownText() ?? '');
  }
  return { text: parts.join(' ').trim(), reference };
}

export function parseCamt(bytes: Uint8Array, format: 'camt053' | 'camt054'): TBankStatement {
  const { root, doc } = parseSafeXml(decodeXml(bytes));
  if (
    root.localName !== 'Document' ||
    !root.namespace?.includes(format === 'camt053' ? 'camt.053' : 'camt.054')
  ) {
    throw new ImportRejection(
      `/${root.localName}`,
      `is not a ${format === 'camt053' ? 'camt.053' : 'camt.054'} document (namespace ${JSON.stringify(root.namespace)})`,
    );
  }
  const [group, item] = CONTAINERS[format];
  const document = XmlNode.root(doc, 'Document')!;
  const container = document.one(group);
  if (!container) throw new ImportRejection(document.at(group), 'is missing');
  const issues = new IssueList();
  const entries: TBankEntry[] = [];
  let skipped = 0;
  let accountIban: string | null = null;
  for (const statement of container.all(item)) {
    const ibanNode = statement.dig('Acct', 'Id', 'IBAN');
    const iban = ibanNode
      ? (issues.attempt(ibanNode.path, () => parseIban(ibanNode.ownText() ?? '', ibanNode.path)) ?? null)
      : null;
    accountIban ??= iban;
    const account = iban ?? statement.text('Id') ?? 'account';
    statement.all('Ntry').forEach((entry, e) => {
      const status = entry.one('Sts');
      const statusCode = status?.text('Cd') ?? status?.ownText() ?? 'BOOK';
      if (entry.text('CdtDbtInd') !== 'CRDT' || entry.text('RvslInd') === 'true' || statusCode !== 'BOOK') {
        skipped++;
        return;
      }
      const amount = entry.one('Amt');
      const currency =
        issues.attempt(entry.at('Amt/@Ccy'), () =>
          parseCurrency(amount?.attribute('Ccy') ?? '', `${entry.path}/Amt/@Ccy`),
        ) ?? 'EUR';
      const bookingDate = dateOf(entry.one('BookgDt'));
      const valueDate = dateOf(entry.one('ValDt')) ?? bookingDate;
      if (!bookingDate) issues.add(entry.at('BookgDt'), 'is missing: the booking date');
      const booked = bookingDate
        ? issues.attempt(entry.at('BookgDt'), () => parseDate(bookingDate, entry.at('BookgDt')))
        : null;
      const valued = valueDate
        ? issues.attempt(entry.at('ValDt'), () => parseDate(valueDate, entry.at('ValDt')))
        : null;
      const details = entry.all('NtryDtls').flatMap((d) => d.all('TxDtls'));
      const transactions = details.length > 1 ? details : [details[0] ?? null];
      const entryRef = entry.text('AcctSvcrRef') ?? entry.text('NtryRef');
      transactions.forEach((tx, t) => {
        const amountNode =
          transactions.length > 1 ? (tx?.dig('AmtDtls', 'TxAmt', 'Amt') ?? tx?.one('Amt') ?? null) : amount;
        const where = amountNode?.path ?? entry.at('Amt');
        const cents = issues.attempt(where, () => parseAmount(amountNode?.ownText() ?? '', where, currency));
        const refs = tx?.one('Refs') ?? null;
        const txRef = refs?.text('AcctSvcrRef') ?? refs?.text('EndToEndId') ?? refs?.text('TxId');
        const ref =
          transactions.length > 1
            ? `${entryRef ?? ''}/${txRef ?? t + 1}`
            : (entryRef ??
              txRef ??
              createHash('sha256')
                .update(`${statement.text('Id')}:${e}:${amount?.ownText()}:${bookingDate}`)
                .digest('hex')
                .slice(0, 24));
        const parties = tx?.one('RltdPties') ?? null;
        const payerIban = parties?.dig('DbtrAcct', 'Id', 'IBAN')?.ownText() ?? null;
        const remittance = remittanceOf(tx);
        if (cents === undefined || !booked || !valued) return;
        entries.push({
          where: tx?.path ?? entry.path,
          externalId: `${account}:${ref}`,
          amountCents: cents,
          currency,
          bookingDate: booked,
          valueDate: valued,
          payerName:
            parties?.dig('Dbtr', 'Nm')?.ownText() ?? parties?.dig('Dbtr', 'Pty', 'Nm')?.ownText() ?? null,
          payerIban: payerIban ? payerIban.replace(/\s/g, '').toUpperCase() : null,
          remittance: remittance.text || (entry.text('AddtlNtryInf') ?? ''),
          creditorReference: remittance.reference,
        });
      });
    });
  }
  issues.throwIfAny();
  return { accountIban, entries, skipped };
}
