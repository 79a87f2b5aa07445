import { parseFiscalCode, parseVatNumber } from '../../core/ledger/tax-identifiers.ts';
import { invalid } from '../../core/shared/errors.ts';
import type { TNewDebtor } from '../../db/queries/debtors.ts';
import type { TDebtorInput } from './invoice-input.ts';

const SIMPLE_EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** Validates a debtor's identifiers and contacts; the field names are prefixed with `path`. */
export function normalizeDebtor(input: TDebtorInput, path: string): TNewDebtor {
  const country = input.country.toUpperCase();
  const vat = input.vatNumber ? parseVatNumber(input.vatNumber, `${path}.vatNumber`, country) : null;
  const fiscalCode = input.fiscalCode
    ? country === 'IT'
      ? parseFiscalCode(input.fiscalCode, `${path}.fiscalCode`)
      : input.fiscalCode.trim().toUpperCase()
    : null;
  if (!vat && !fiscalCode)
    throw invalid(`${path}.vatNumber`, null, 'is required when there is no fiscalCode');
  const emails = input.emails.map((e, i) => {
    if (!SIMPLE_EMAIL.test(e)) throw invalid(`${path}.emails[${i}]`, e, 'is not an e-mail address');
    return e.trim().toLowerCase();
  });
  if (input.pec && !SIMPLE_EMAIL.test(input.pec))
    throw invalid(`${path}.pec`, input.pec, 'is not an e-mail address');
  return {
    name: input.name.trim(),
    kind: input.kind,
    country,
    vatNumber: vat?.full ?? null,
    fiscalCode,
    pec: input.pec?.trim().toLowerCase() ?? null,
    emails,
    phones: input.phones.map((p) => p.replace(/[^\d+]/g, '')),
    language: input.language.toLowerCase(),
    customerGroup: input.customerGroup ?? null,
    notes: input.notes ?? null,
  };
}
