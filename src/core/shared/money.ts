import { invalid } from './errors.ts';

/**
 * Money is an integer number of minor units (cents for EUR). JS numbers hold integers exactly up
 * to 2^53 (90 trillion euros in cents), so every arithmetic result is checked with safeCents()
 * instead of silently losing precision. Decimal text exists only at the edges (parse / format).
 */
export type TCents = number;

export function safeCents(value: number, field = 'amount'): TCents {
  if (!Number.isSafeInteger(value)) throw invalid(field, value, 'is not a whole number of cents');
  return value;
}

const ISO_CURRENCIES = new Set(Intl.supportedValuesOf('currency'));

export function parseCurrency(value: string, field = 'currency'): string {
  const code = value.trim().toUpperCase();
  if (!/^[A-Z]{3}$/.test(code) || !ISO_CURRENCIES.has(code)) {
    throw invalid(field, value, 'is not an ISO 4217 currency code');
  }
  return code;
}

/** Number of decimals of the currency's minor unit (EUR 2, JPY 0), from ICU's ISO 4217 data. */
const minorUnitsByCurrency = new Map<string, number>();

/** Cached: building an Intl.NumberFormat costs more than the rest of an amount's parsing. */
export function minorUnits(currency: string): number {
  let decimals = minorUnitsByCurrency.get(currency);
  if (decimals === undefined) {
    decimals =
      new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ??
      2;
    minorUnitsByCurrency.set(currency, decimals);
  }
  return decimals;
}

/**
 * Parses a decimal amount written with a dot ("1220.50", "1220") into minor units. No floats are
 * involved: the integer and fractional parts are read as digits.
 */
export function parseAmount(
  value: string | number,
  field = 'amount',
  currency = 'EUR',
  options: { allowZero?: boolean; allowNegative?: boolean } = {},
): TCents {
  const text = typeof value === 'number' ? String(value) : value.trim();
  const decimals = minorUnits(currency);
  const match = /^(-)?(\d+)(?:\.(\d+))?$/.exec(text);
  if (!match) throw invalid(field, value, 'is not a decimal amount like 1220.00');
  const [, sign, whole, fraction = ''] = match;
  if (fraction.length > decimals) {
    throw invalid(field, value, `has more than ${decimals} decimals for ${currency}`);
  }
  const cents = safeCents(
    Number(whole) * 10 ** decimals + Number(fraction.padEnd(decimals, '0') || '0'),
    field,
  );
  const signed = sign ? -cents : cents;
  if (signed < 0 && !options.allowNegative) throw invalid(field, value, 'must not be negative');
  if (signed === 0 && !options.allowZero) throw invalid(field, value, 'must be greater than zero');
  return signed;
}

/** Formats minor units as the decimal string used in JSON: "1220.00". */
export function formatAmount(cents: TCents, currency = 'EUR'): string {
  const decimals = minorUnits(currency);
  const negative = cents < 0;
  const digits = String(Math.abs(cents)).padStart(decimals + 1, '0');
  const whole = decimals === 0 ? digits : digits.slice(0, -decimals);
  const fraction = decimals === 0 ? '' : `.${digits.slice(-decimals)}`;
  return `${negative ? '-' : ''}${whole}${fraction}`;
}

export function sumCents(values: readonly TCents[]): TCents {
  let total = 0;
  for (const v of values) total = safeCents(total + v);
  return total;
}
