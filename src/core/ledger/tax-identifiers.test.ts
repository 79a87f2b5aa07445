import { describe, expect, it } from 'vitest';
import { fiscalCodeCheckChar, parseFiscalCode, parseIban, parseVatNumber } from './tax-identifiers.ts';

describe('parseVatNumber', () => {
  it('accepts an Italian partita IVA with or without prefix and normalises it', () => {
    expect(parseVatNumber('01114601006')).toEqual({
      country: 'IT',
      code: '01114601006',
      full: 'IT01114601006',
    });
    expect(parseVatNumber('it 01114601006').full).toBe('IT01114601006');
  });
  it('refuses a wrong Italian check digit, naming the field and value', () => {
    expect(() => parseVatNumber('01114601007', 'debtor.vatNumber')).toThrow(
      'debtor.vatNumber: "01114601007" is not a valid Italian VAT number',
    );
  });
  it('checks foreign VAT numbers by format', () => {
    expect(parseVatNumber('DE123456789').full).toBe('DE123456789');
    expect(() => parseVatNumber('DE12345')).toThrow('is not a valid DE VAT number');
    expect(parseVatNumber('FRXX123456789').country).toBe('FR');
  });
});

describe('parseFiscalCode', () => {
  it('validates a personal codice fiscale with its check character', () => {
    // RSSMRA85T10A562S is the well-known sample (Mario Rossi, born 10/12/1985 in San Giuliano Terme).
    expect(fiscalCodeCheckChar('RSSMRA85T10A562')).toBe('S');
    expect(parseFiscalCode('rssmra85t10a562s')).toBe('RSSMRA85T10A562S');
    expect(() => parseFiscalCode('RSSMRA85T10A562T')).toThrow('check character does not match');
  });
  it('accepts a company fiscal code equal to a valid partita IVA', () => {
    expect(parseFiscalCode('01114601006')).toBe('01114601006');
    expect(() => parseFiscalCode('01114601001')).toThrow('codice fiscale');
  });
});

describe('parseIban', () => {
  it('normalises and validates the mod-97 check', () => {
    expect(parseIban('IT60 X054 2811 1010 0000 0123 456')).toBe('IT60X0542811101000000123456');
    expect(() => parseIban('IT61X0542811101000000123456', 'paymentIban')).toThrow(
      'paymentIban: "IT61X0542811101000000123456" is not a valid IBAN',
    );
  });
});
