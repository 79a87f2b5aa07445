import { createHash } from 'node:crypto';
import { parse } from 'csv-parse/sync';
import { parseIban } from '../../core/ledger/tax-identifiers.ts';
import { formatAmount, parseAmount, parseCurrency } from '../../core/shared/money.ts';
import type { TBankEntry, TBankStatement } from '../bank/bank-statement.ts';
import { ImportRejection, IssueList } from '../import-rejection.ts';
import type { TLedgerInvoice } from '../ledger-error-location.ts';
import { mappingFromHeader, type TCsvMapping } from './csv-mapping.ts';
import { parseLocalizedAmount, parseLocalizedDate } from './localized.ts';

/** Rows of a CSV file with their line numbers, values keyed by mapped field. */
export type TCsvRow = { line: number; values: Record<string, string> };

function decode(bytes: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    // Spreadsheets on Windows still save CSV as Windows-1252.
    return new TextDecoder('windows-1252').decode(bytes);
  }
}

function guessDelimiter(firstLine: string): string {
  const counts = [';', ',', '\t', '|'].map((d) => [d, firstLine.split(d).length - 1] as const);
  return counts.sort((a, b) => b[1] - a[1])[0]![0];
}

export function readCsv(
  bytes: Uint8Array,
  given: TCsvMapping | null,
): { mapping: TCsvMapping; rows: TCsvRow[] } {
  const text = decode(bytes).replace(/^\uFEFF/, '');
  const delimiter = given?.delimiter ?? guessDelimiter(text.split(/\r?\n/, 1)[0] ?? '');
  let records: Array<{ record: string[]; info: { lines: number } }>;
  try {
    records = parse(text, {
      delimiter,
      info: true,
      skip_empty_lines: true,
      trim: true,
      relax_quotes: false,
    }) as never;
  } catch (error) {
    const e = error as Error & { lines?: number };
    throw new ImportRejection(
      `line ${e.lines ?? 1}`,
      `is not valid CSV: ${e.message.replace(/^Invalid [^:]*: /, '')}`,
    );
  }
  if (records.length === 0) throw new ImportRejection('line 1', 'is empty: no header');
  const header = records[0]!.record;
  const mapping = given ?? mappingFromHeader(header);
  if (!mapping) {
    throw new ImportRejection(
      'line 1',
      `has columns ${JSON.stringify(header)}: not recognised as invoices or payments; give a mapping (--mapping)`,
    );
  }
  const index = new Map(header.map((h, i) => [h.trim(), i]));
  const issues = new IssueList();
  for (const [field, column] of Object.entries(mapping.columns)) {
    if (!index.has(column)) issues.add('line 1', `has no column "${column}" (mapped to ${field})`);
  }
  issues.throwIfAny();
  const rows = records.slice(1).map(({ record, info }) => {
    const values: Record<string, string> = {};
    for (const [field, column] of Object.entries(mapping.columns)) {
      const value = record[index.get(column)!]?.trim() ?? '';
      if (value !== '') values[field] = value;
    }
    return { line: info.lines, values };
  });
  return { mapping, rows };
}

const TYPES: Record<string, string> = {
  fattura: 'invoice',
  invoice: 'invoice',
  td01: 'invoice',
  'nota di credito': 'credit-note',
  'credit note': 'credit-note',
  'credit-note': 'credit-note',
  td04: 'credit-note',
  'nota di debito': 'debit-note',
  'debit note': 'debit-note',
  'debit-note': 'debit-note',
  td05: 'debit-note',
};

/**
 * Invoices from rows: one row per instalment, rows of the same number and date form one invoice.
 * Values are checked here (dates, amounts, with the line); the ledger rules stay in addInvoices.
 */
export function csvInvoices(
  rows: readonly TCsvRow[],
  mapping: TCsvMapping,
  creditorVat: string,
): TLedgerInvoice[] {
  const issues = new IssueList();
  const groups = new Map<string, TCsvRow[]>();
  for (const row of rows) {
    const key = `${row.values.number ?? ''}|${row.values.issueDate ?? ''}`;
    groups.set(key, [...(groups.get(key) ?? []), row]);
  }
  const invoices: TLedgerInvoice[] = [];
  for (const group of groups.values()) {
    const first = group[0]!;
    const where = `line ${first.line}`;
    const v = first.values;
    const at = (field: string, row = first) => `line ${row.line} (${mapping.columns[field] ?? field})`;
    for (const f of ['number', 'issueDate', 'debtorName'] as const)
      if (!v[f]) issues.add(where, `has no ${mapping.columns[f] ?? f}`);
    if (!v.debtorVatNumber && !v.debtorFiscalCode)
      issues.add(where, 'has neither a VAT number nor a codice fiscale for the debtor');
    const currency =
      issues.attempt(at('currency'), () => parseCurrency(v.currency ?? 'EUR', at('currency'))) ?? 'EUR';
    const money = (row: TCsvRow, field: string) => {
      const value = row.values[field];
      if (value === undefined) return undefined;
      return issues.attempt(at(field, row), () =>
        formatAmount(
          parseAmount(
            parseLocalizedAmount(value, at(field, row), mapping.decimalSeparator),
            at(field, row),
            currency,
          ),
          currency,
        ),
      );
    };
    const date = (row: TCsvRow, field: string) => {
      const value = row.values[field];
      return value === undefined
        ? undefined
        : issues.attempt(at(field, row), () => parseLocalizedDate(value, at(field, row), mapping.dateOrder));
    };
    const issueDate = date(first, 'issueDate');
    const type = TYPES[(v.type ?? 'invoice').toLowerCase()] ?? 'other';
    const instalments = group
      .filter((r) => r.values.dueDate !== undefined && type !== 'credit-note')
      .map((r) => ({
        dueDate: date(r, 'dueDate'),
        amount: money(r, r.values.instalmentAmount ? 'instalmentAmount' : 'total'),
        row: r,
      }));
    const total = v.total ? money(first, 'total') : undefined;
    const sum = instalments.reduce((s, t) => s + (t.amount ? parseAmount(t.amount, 'sum', currency) : 0), 0);
    const fieldPaths: Record<string, string> = {
      number: at('number'),
      issueDate: at('issueDate'),
      total: at('total'),
      currency: at('currency'),
      paymentIban: at('iban'),
      debtor: where,
      'debtor.name': at('debtorName'),
      'debtor.vatNumber': at('debtorVatNumber'),
      'debtor.fiscalCode': at('debtorFiscalCode'),
      'debtor.pec': at('debtorPec'),
      'debtor.emails': at('debtorEmail'),
      creditor: where,
      instalments: where,
      'relatedInvoice.number': at('relatedNumber'),
    };
    instalments.forEach((t, j) => {
      fieldPaths[`instalments[${j}].dueDate`] = at('dueDate', t.row);
      fieldPaths[`instalments[${j}].amount`] = at(
        t.row.values.instalmentAmount ? 'instalmentAmount' : 'total',
        t.row,
      );
    });
    const iban = v.iban ? issues.attempt(at('iban'), () => parseIban(v.iban!, at('iban'))) : null;
    invoices.push({
      bodyPath: where,
      fieldPaths,
      input: {
        number: v.number,
        type,
        issueDate,
        currency,
        total: total ?? (sum > 0 ? formatAmount(sum, currency) : undefined),
        paymentMethod: v.paymentMethod ?? null,
        paymentIban: iban ?? null,
        relatedInvoice: v.relatedNumber ? { number: v.relatedNumber } : null,
        debtor: {
          name: v.debtorName ?? '',
          vatNumber: v.debtorVatNumber ?? null,
          fiscalCode: v.debtorFiscalCode ?? null,
          pec: v.debtorPec ?? null,
          emails: v.debtorEmail ? [v.debtorEmail] : [],
        },
        creditor: { vatNumber: creditorVat },
        instalments: instalments.map((t) => ({ dueDate: t.dueDate, amount: t.amount })),
      },
    });
  }
  issues.throwIfAny();
  return invoices;
}

/** Bank credits from rows; debits (negative amounts or a debit column) are skipped. */
export function csvPayments(rows: readonly TCsvRow[], mapping: TCsvMapping, account: string): TBankStatement {
  const issues = new IssueList();
  const entries: TBankEntry[] = [];
  const seen = new Map<string, number>();
  let skipped = 0;
  for (const row of rows) {
    const v = row.values;
    const at = (field: string) => `line ${row.line} (${mapping.columns[field] ?? field})`;
    const currency =
      issues.attempt(at('currency'), () => parseCurrency(v.currency ?? 'EUR', at('currency'))) ?? 'EUR';
    const raw = v.amount ?? v.credit;
    if (raw === undefined) {
      if (v.debit !== undefined) skipped++;
      else issues.add(`line ${row.line}`, 'has no amount');
      continue;
    }
    const decimal = issues.attempt(at('amount'), () =>
      parseLocalizedAmount(raw, at(v.amount ? 'amount' : 'credit'), mapping.decimalSeparator),
    );
    if (decimal === undefined) continue;
    if (decimal.startsWith('-') || /^[0.]+$/.test(decimal)) {
      skipped++;
      continue;
    }
    const cents = issues.attempt(at('amount'), () => parseAmount(decimal, at('amount'), currency));
    const date = issues.attempt(at('date'), () =>
      parseLocalizedDate(v.date ?? '', at('date'), mapping.dateOrder),
    );
    const valueDate = v.valueDate
      ? issues.attempt(at('valueDate'), () =>
          parseLocalizedDate(v.valueDate!, at('valueDate'), mapping.dateOrder),
        )
      : date;
    if (cents === undefined || !date || !valueDate) continue;
    // Without the bank's id, the row's content is the id; identical rows are told apart by count.
    const content = createHash('sha256')
      .update(JSON.stringify([date, cents, v.payerName, v.payerIban, v.remittance]))
      .digest('hex')
      .slice(0, 24);
    const n = (seen.get(content) ?? 0) + 1;
    seen.set(content, n);
    entries.push({
      where: `line ${row.line}`,
      externalId: `${account}:${v.reference ?? `${content}:${n}`}`,
      amountCents: cents,
      currency,
      bookingDate: date,
      valueDate,
      payerName: v.payerName ?? null,
      payerIban: v.payerIban ? v.payerIban.replace(/\s/g, '').toUpperCase() : null,
      remittance: v.remittance ?? '',
      creditorReference: v.creditorReference ?? null,
    });
  }
  issues.throwIfAny();
  return { accountIban: null, entries, skipped };
}
