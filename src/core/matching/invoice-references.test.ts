import { describe, expect, it } from 'vitest';
import { invoiceKeys, textKeys } from './invoice-references.ts';

function finds(text: string, number: string, year: number): boolean {
  const k = invoiceKeys(number, year);
  const t = textKeys(text);
  return (
    t.exact.has(k.exact) || (k.year !== null && t.year.has(k.year)) || (k.core !== null && t.core.has(k.core))
  );
}

describe('invoice numbers in remittance text', () => {
  it('indexes a number under exact, year and core keys', () => {
    expect(invoiceKeys('FT-2026/001', 2026)).toEqual({ exact: 'FT2026001', year: '2026:1', core: '1' });
    expect(invoiceKeys('123/2026', 2026)).toEqual({ exact: '1232026', year: '2026:123', core: '123' });
    expect(invoiceKeys('45/26', 2026)).toEqual({ exact: '4526', year: '2026:45', core: '45' });
    expect(invoiceKeys('A-0045', 2026)).toEqual({ exact: 'A0045', year: '2026:45', core: '45' });
  });

  it('finds numbers written with other prefixes, separators, zeros and years', () => {
    expect(finds('SALDO FATT. FT-2026/001', 'FT-2026/001', 2026)).toBe(true);
    expect(finds('pagamento ft2026001', 'FT-2026/001', 2026)).toBe(true);
    expect(finds('Fattura n. 1/2026', 'FT-2026/001', 2026)).toBe(true);
    expect(finds('FT 1 DEL 10/01/2026', 'FT-2026/001', 2026)).toBe(true);
    expect(finds('fatture 123/2026 e 124/2026', '124/2026', 2026)).toBe(true);
    expect(finds('RIF FT 45/26', '45/26', 2026)).toBe(true);
  });

  it('does not take any number in the text for an invoice number', () => {
    // "1" with no keyword, a date, an amount: none of them is invoice 1 of 2026.
    expect(finds('BONIFICO 1 RATA', 'FT-2026/001', 2026)).toBe(false);
    expect(finds('pagato il 01/02/2026 euro 1.220,00', 'FT-2026/001', 2026)).toBe(false);
    expect(finds('FATTURA 1/2025', 'FT-2026/001', 2026)).toBe(false);
  });
});
