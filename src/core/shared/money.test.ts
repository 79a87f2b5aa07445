import { describe, expect, it } from 'vitest';
import { formatAmount, parseAmount, parseCurrency } from './money.ts';

describe('money', () => {
  it('parses decimal text into cents without floating point', () => {
    expect(parseAmount('1220.00')).toBe(122000);
    expect(parseAmount('0.1')).toBe(10);
    expect(parseAmount('19.99')).toBe(1999);
    expect(parseAmount('1234567890123.45')).toBe(123456789012345);
  });
  it('refuses negatives, zero and too many decimals by default', () => {
    expect(() => parseAmount('-5.00', 'payment.amount')).toThrow(
      'payment.amount: "-5.00" must not be negative',
    );
    expect(() => parseAmount('0')).toThrow('must be greater than zero');
    expect(() => parseAmount('1.005')).toThrow('has more than 2 decimals for EUR');
    expect(() => parseAmount('1,50')).toThrow('is not a decimal amount');
  });
  it('formats cents with the currency minor units', () => {
    expect(formatAmount(122000)).toBe('1220.00');
    expect(formatAmount(5)).toBe('0.05');
    expect(formatAmount(-1999)).toBe('-19.99');
    expect(formatAmount(1500, 'JPY')).toBe('1500');
  });
  it('knows ISO 4217 codes', () => {
    expect(parseCurrency('eur')).toBe('EUR');
    expect(() => parseCurrency('EUX')).toThrow('currency: "EUX" is not an ISO 4217 currency code');
  });
});
