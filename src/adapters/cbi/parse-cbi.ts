import { isValidIBAN } from 'ibantools';
import { parseDate } from '../../core/shared/calendar-date.ts';
import { formatAmount, parseAmount, parseCurrency, sumCents } from '../../core/shared/money.ts';
import type { TBankEntry, TBankStatement } from '../bank/bank-statement.ts';
import { ImportRejection, IssueList } from '../import-rejection.ts';

/**
 * CBI "Rendicontazione movimenti di conto corrente" (RH), the Italian fixed-width statement:
 * 120-character records RH (header), 61 (opening balance and account), 62 (movement), 63
 * (movement details), 64 (closing balance), EF (trailer). Positions below are 1-based as in the
 * CBI standard (CBI-RND-001); amounts carry an explicit decimal comma ("000000001220,00").
 * The closing balance must equal the opening balance plus the movements: a statement that does
 * not add up is refused.
 */
const RECORD_LENGTH = 120;

const field = (line: string, from: number, to: number) => line.slice(from - 1, to).trim();

function cbiDate(text: string, where: string): string {
  if (!/^\d{6}$/.test(text)) throw new ImportRejection(where, `"${text}" is not a date DDMMYY`);
  return parseDate(`20${text.slice(4, 6)}-${text.slice(2, 4)}-${text.slice(0, 2)}`, where);
}

function cbiAmount(text: string, where: string, currency: string, allowZero = false): number {
  const decimal = text.includes(',')
    ? text.replace(',', '.')
    : /^\d+$/.test(text)
      ? `${text.slice(0, -2)}.${text.slice(-2)}`
      : text;
  return parseAmount(decimal.replace(/^0+(?=\d)/, ''), where, currency, { allowZero });
}

function signed(sign: string, cents: number, where: string): number {
  if (sign === 'C') return cents;
  if (sign === 'D') return -cents;
  throw new ImportRejection(where, `"${sign}" is not a sign (C credit, D debit)`);
}

const IBAN_IN_TEXT = /\b[A-Z]{2}\d{2}[A-Z0-9]{11,30}\b/g;

type TMovement = { line: number; fields: string; details: string[] };

export function parseCbi(bytes: Uint8Array): TBankStatement {
  const text = new TextDecoder('latin1').decode(bytes);
  const lines = text.split(/\r?\n/).filter((l) => l.trim() !== '');
  const issues = new IssueList();
  const at = (i: number) => `line ${i + 1}`;
  const entries: TBankEntry[] = [];
  let skipped = 0;
  let accountIban: string | null = null;
  let block: {
    account: string;
    currency: string;
    opening: number;
    movements: TMovement[];
    line: number;
  } | null = null;
  let sawHeader = false;
  let sawTrailer = false;

  const closeBlock = (closing: string, i: number) => {
    const b = block!;
    block = null;
    let total = b.opening;
    for (const m of b.movements) {
      const l = m.fields;
      const where = at(m.line);
      const cents = issues.attempt(where, () =>
        signed(field(l, 26, 26), cbiAmount(field(l, 27, 41), where, b.currency), where),
      );
      if (cents === undefined) continue;
      total += cents;
      if (cents < 0) {
        skipped++;
        continue;
      }
      const valueDate = issues.attempt(where, () => cbiDate(field(l, 14, 19), `${where} (data valuta)`));
      const bookingDate = issues.attempt(where, () => cbiDate(field(l, 20, 25), `${where} (data contabile)`));
      const structured = m.details.map((d) => ({ flag: field(d, 14, 16), body: d.slice(16) }));
      const payerName =
        structured
          .find((d) => d.flag === 'YYY')
          ?.body.slice(24, 64)
          .trim() || null;
      const remittanceParts = structured
        .filter((d) => d.flag === 'ZZ2' || d.flag === 'ZZ3')
        .map((d) => d.body.trim());
      const free = structured
        .filter((d) => !/^(YYY|YY2|ZZ1|ZZ2|ZZ3|ID1|KKK)$/.test(d.flag))
        .map((d) => `${d.flag}${d.body}`.trim());
      const details = structured.map((d) => d.body).join(' ');
      const payerIban =
        [...details.matchAll(IBAN_IN_TEXT)].map((x) => x[0]).find((x) => isValidIBAN(x)) ?? null;
      const bankRef = field(l, 62, 77);
      if (!valueDate || !bookingDate) continue;
      entries.push({
        where,
        externalId: `${b.account}:${bookingDate}:${bankRef || `${field(l, 27, 41)}:${field(l, 4, 13)}`}`,
        amountCents: cents,
        currency: b.currency,
        bookingDate,
        valueDate,
        payerName,
        payerIban,
        remittance: [field(l, 87, 120), ...remittanceParts, ...free].filter(Boolean).join(' '),
        creditorReference: null,
      });
    }
    const where = at(i);
    const closingCents = issues.attempt(where, () =>
      signed(field(closing, 20, 20), cbiAmount(field(closing, 21, 35), where, b.currency, true), where),
    );
    if (closingCents !== undefined && closingCents !== total) {
      issues.add(
        where,
        `closing balance ${formatAmount(closingCents, b.currency)} is not the opening balance plus the movements (${formatAmount(total, b.currency)})`,
      );
    }
  };

  lines.forEach((raw, i) => {
    const line = raw.padEnd(RECORD_LENGTH);
    if (raw.length > RECORD_LENGTH)
      issues.add(at(i), `is ${raw.length} characters long, a CBI record has ${RECORD_LENGTH}`);
    const type = line.slice(1, 3);
    if (i === 0 && type !== 'RH')
      issues.add(at(i), `starts with record "${type}", a CBI RH file starts with RH`);
    if (sawTrailer) issues.add(at(i), 'comes after the EF trailer record');
    switch (type) {
      case 'RH':
        sawHeader = true;
        break;
      case '61': {
        if (block) issues.add(at(i), 'opens an account while the previous one has no closing record 64');
        const currency =
          issues.attempt(at(i), () => parseCurrency(field(line, 77, 79) || 'EUR', `${at(i)} (divisa)`)) ??
          'EUR';
        const iban = `${field(line, 102, 103) || 'IT'}${field(line, 104, 105)}${field(line, 52, 52)}${field(line, 53, 57)}${field(line, 58, 62)}${field(line, 63, 74)}`;
        const account = isValidIBAN(iban)
          ? iban
          : `${field(line, 53, 57)}${field(line, 58, 62)}${field(line, 63, 74)}`;
        if (isValidIBAN(iban)) accountIban ??= iban;
        const opening =
          issues.attempt(at(i), () =>
            signed(field(line, 86, 86), cbiAmount(field(line, 87, 101), at(i), currency, true), at(i)),
          ) ?? 0;
        block = { account, currency, opening, movements: [], line: i };
        break;
      }
      case '62':
        if (!block) issues.add(at(i), 'is a movement outside an account (no record 61 before it)');
        else block.movements.push({ line: i, fields: line, details: [] });
        break;
      case '63': {
        const last = block?.movements.at(-1);
        if (!last || field(last.fields, 11, 13) !== field(line, 11, 13))
          issues.add(at(i), 'is a detail record 63 without its movement 62');
        else last.details.push(line);
        break;
      }
      case '64':
        if (!block) issues.add(at(i), 'closes an account that was not opened (no record 61)');
        else closeBlock(line, i);
        break;
      case '65':
        break;
      case 'EF':
        sawTrailer = true;
        break;
      default:
        issues.add(at(i), `has an unknown record type "${type}"`);
    }
  });
  if (!sawHeader) issues.add('line 1', 'has no RH header record');
  if (block) issues.add(at(lines.length - 1), 'ends without the closing balance record 64');
  if (!sawTrailer) issues.add(at(lines.length - 1), 'ends without the EF trailer record');
  issues.throwIfAny();
  return { accountIban, entries, skipped };
}

/** Sums credits of a statement (for reports and tests). */
export function creditTotal(statement: TBankStatement): number {
  return sumCents(statement.entries.map((e) => e.amountCents));
}
