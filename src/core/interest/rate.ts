import { invalid } from '../shared/errors.ts';
import type { TCents } from '../shared/money.ts';

/**
 * An annual interest rate as an integer number of millionths (parts per million): 10.15 % is
 * 101_500. Four decimals of a percentage point cover every published rate (the legal rate went
 * down to 0.01 %) and any contractual rate written with up to four decimals. No float ever holds
 * a rate: decimal text is read digit by digit, and interest is computed with BigInt.
 */
export type TRatePpm = number;

const PPM_PER_PERCENT = 10_000;
const RATE_DECIMALS = 4;

/** One percentage point ("+ 8 points" of D.Lgs. 231/2002 art. 5) in ppm. */
export const ONE_POINT_PPM: TRatePpm = PPM_PER_PERCENT;

/**
 * Day-count divisor: D.Lgs. 231/2002 and art. 1284 c.c. state rates "in ragione d'anno" and the
 * MEF notices compute them on 365 days; leap years are not special-cased, so 29 February is one
 * more day of interest at 1/365 of the annual rate (actual/365 fixed).
 */
export const DAYS_PER_YEAR = 365;

/** Parses a percentage written with a dot ("10.15", "0.01", "8") into ppm. */
export function parseRatePercent(
  value: string | number,
  field = 'rate',
  options: { allowNegative?: boolean } = {},
): TRatePpm {
  const text = String(value).trim();
  const match = /^(-)?(\d{1,3})(?:\.(\d+))?$/.exec(text);
  if (!match) throw invalid(field, value, 'is not a percentage like 10.15');
  const [, sign, whole, fraction = ''] = match;
  if (fraction.length > RATE_DECIMALS && /[1-9]/.test(fraction.slice(RATE_DECIMALS))) {
    throw invalid(field, value, `has more than ${RATE_DECIMALS} decimals`);
  }
  const ppm = Number(whole) * PPM_PER_PERCENT + Number(fraction.slice(0, RATE_DECIMALS).padEnd(4, '0'));
  if (sign && ppm !== 0 && !options.allowNegative) throw invalid(field, value, 'must not be negative');
  return sign ? -ppm : ppm;
}

/** Formats ppm as a percentage with at least two decimals: 101_500 → "10.15", 100 → "0.01". */
export function formatRatePercent(ppm: TRatePpm): string {
  const negative = ppm < 0;
  const abs = Math.abs(ppm);
  const whole = Math.floor(abs / PPM_PER_PERCENT);
  const fraction = String(abs % PPM_PER_PERCENT)
    .padStart(RATE_DECIMALS, '0')
    .replace(/0{1,2}$/, '');
  return `${negative ? '-' : ''}${whole}.${fraction}`;
}

/**
 * Simple interest on `capitalCents` for `days` days at an annual rate, in whole cents.
 *
 * THE rounding rule of Riscossa: the exact value capital × rate × days / 365 is computed as a
 * fraction of integers and rounded ONCE, half up, to the cent, for each period (a range of days
 * with one capital and one rate). A period's figure is therefore reproducible by hand from the
 * line printed on the statement; the total is the sum of the rounded periods.
 */
export function interestForDays(capitalCents: TCents, ratePpm: TRatePpm, days: number): TCents {
  if (!Number.isSafeInteger(capitalCents) || capitalCents < 0) {
    throw invalid('capital', capitalCents, 'must be a non-negative whole number of cents');
  }
  if (!Number.isSafeInteger(ratePpm) || ratePpm < 0) {
    throw invalid('rate', formatRatePercent(ratePpm), 'must not be negative for interest');
  }
  if (!Number.isSafeInteger(days) || days < 0) throw invalid('days', days, 'must be a whole number ≥ 0');
  const numerator = BigInt(capitalCents) * BigInt(ratePpm) * BigInt(days);
  const denominator = BigInt(PPM_PER_PERCENT * 100) * BigInt(DAYS_PER_YEAR);
  const rounded = (2n * numerator + denominator) / (2n * denominator);
  if (rounded > BigInt(Number.MAX_SAFE_INTEGER)) throw invalid('interest', String(rounded), 'overflows');
  return Number(rounded);
}
