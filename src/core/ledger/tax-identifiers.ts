import { electronicFormatIBAN, isValidIBAN } from 'ibantools';
import { invalid } from '../shared/errors.ts';

/**
 * Italian and EU tax identifiers. Italian partita IVA and codice fiscale are checked with their
 * check characters (a typo is caught before a letter goes to the wrong company); other EU VAT
 * numbers are checked by their published format only.
 */

/** National VAT number formats (without the country prefix), from the EU VIES documentation. */
const EU_VAT_FORMATS: Record<string, RegExp> = {
  AT: /^U\d{8}$/,
  BE: /^[01]\d{9}$/,
  BG: /^\d{9,10}$/,
  CY: /^\d{8}[A-Z]$/,
  CZ: /^\d{8,10}$/,
  DE: /^\d{9}$/,
  DK: /^\d{8}$/,
  EE: /^\d{9}$/,
  EL: /^\d{9}$/,
  ES: /^[A-Z0-9]\d{7}[A-Z0-9]$/,
  FI: /^\d{8}$/,
  FR: /^[A-HJ-NP-Z0-9]{2}\d{9}$/,
  HR: /^\d{11}$/,
  HU: /^\d{8}$/,
  IE: /^\d{7}[A-W][A-I]?$|^\d[A-Z+*]\d{5}[A-W]$/,
  IT: /^\d{11}$/,
  LT: /^(\d{9}|\d{12})$/,
  LU: /^\d{8}$/,
  LV: /^\d{11}$/,
  MT: /^\d{8}$/,
  NL: /^\d{9}B\d{2}$/,
  PL: /^\d{10}$/,
  PT: /^\d{9}$/,
  RO: /^\d{2,10}$/,
  SE: /^\d{12}$/,
  SI: /^\d{8}$/,
  SK: /^\d{10}$/,
  CH: /^E\d{9}(MWST|TVA|IVA)?$/,
  GB: /^(\d{9}|\d{12}|GD\d{3}|HA\d{3})$/,
  SM: /^\d{5}$/,
};

export function isValidItalianVatNumber(digits: string): boolean {
  if (!/^\d{11}$/.test(digits)) return false;
  let sum = 0;
  for (let i = 0; i < 10; i++) {
    const n = Number(digits[i]);
    if (i % 2 === 0) sum += n;
    else sum += n * 2 > 9 ? n * 2 - 9 : n * 2;
  }
  return (10 - (sum % 10)) % 10 === Number(digits[10]);
}

/** Check digit for the first ten digits of an Italian partita IVA (used by the demo generator). */
export function italianVatCheckDigit(firstTen: string): string {
  for (let d = 0; d <= 9; d++) if (isValidItalianVatNumber(firstTen + d)) return String(d);
  throw new Error(`no check digit for ${firstTen}`);
}

export type TVatNumber = { country: string; code: string; full: string };

/**
 * Accepts "IT01234567890", "it 012 345 678 90" or "01234567890" (Italian by default, or the
 * given country). Returns the normalised form with the country prefix, which is how it is stored.
 */
export function parseVatNumber(value: string, field = 'vatNumber', defaultCountry = 'IT'): TVatNumber {
  const compact = String(value)
    .replace(/[\s.\-/]/g, '')
    .toUpperCase();
  const prefixed = /^([A-Z]{2})(.+)$/.exec(compact);
  const country = prefixed && EU_VAT_FORMATS[prefixed[1]!] ? prefixed[1]! : defaultCountry.toUpperCase();
  const code = prefixed && EU_VAT_FORMATS[prefixed[1]!] ? prefixed[2]! : compact;
  const format = EU_VAT_FORMATS[country === 'GR' ? 'EL' : country];
  if (!format) throw invalid(field, value, `has a country (${country}) whose VAT format is not known`);
  if (!format.test(code)) throw invalid(field, value, `is not a valid ${country} VAT number`);
  if (country === 'IT' && !isValidItalianVatNumber(code)) {
    throw invalid(field, value, 'is not a valid Italian VAT number (check digit does not match)');
  }
  return { country, code, full: `${country}${code}` };
}

const CF_ODD: Record<string, number> = {};
const ODD_VALUES = [
  1, 0, 5, 7, 9, 13, 15, 17, 19, 21, 2, 4, 18, 20, 11, 3, 6, 8, 12, 14, 16, 10, 22, 25, 24, 23,
];
for (let i = 0; i < 26; i++) CF_ODD[String.fromCharCode(65 + i)] = ODD_VALUES[i]!;
for (let i = 0; i < 10; i++) CF_ODD[String(i)] = ODD_VALUES[i]!;

function charEvenValue(ch: string): number {
  return /\d/.test(ch) ? Number(ch) : ch.charCodeAt(0) - 65;
}

/** Check character of a 16-character codice fiscale (DM 23/12/1976, omocodia letters included). */
export function fiscalCodeCheckChar(first15: string): string {
  let sum = 0;
  for (let i = 0; i < 15; i++) {
    const ch = first15[i]!;
    sum += i % 2 === 0 ? CF_ODD[ch]! : charEvenValue(ch);
  }
  return String.fromCharCode(65 + (sum % 26));
}

// Digits may be replaced by the letters LMNPQRSTUV (omocodia) in the numeric positions.
const PERSONAL_CF = /^[A-Z]{6}[\dLMNP-V]{2}[ABCDEHLMPRST][\dLMNP-V]{2}[A-Z][\dLMNP-V]{3}[A-Z]$/;

/**
 * A codice fiscale is either 16 characters (a person) or 11 digits (a company: the same number as
 * its partita IVA, with the same check digit).
 */
export function parseFiscalCode(value: string, field = 'fiscalCode'): string {
  const code = String(value).replace(/\s/g, '').toUpperCase();
  if (/^\d{11}$/.test(code)) {
    if (!isValidItalianVatNumber(code))
      throw invalid(field, value, 'is not a valid codice fiscale (check digit)');
    return code;
  }
  if (!PERSONAL_CF.test(code)) throw invalid(field, value, 'is not a valid codice fiscale (format)');
  if (fiscalCodeCheckChar(code.slice(0, 15)) !== code[15]) {
    throw invalid(field, value, 'is not a valid codice fiscale (check character does not match)');
  }
  return code;
}

export function parseIban(value: string, field = 'iban'): string {
  const iban = electronicFormatIBAN(String(value)) ?? '';
  if (!isValidIBAN(iban)) throw invalid(field, value, 'is not a valid IBAN');
  return iban;
}
