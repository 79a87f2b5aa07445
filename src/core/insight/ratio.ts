/**
 * Ratios of money amounts (days of sales, percentages, shares) are computed from the integer
 * cents with BigInt and rounded once, half away from zero, to a fixed number of decimals. The
 * result is a plain number meant for display and thresholds, never for further money arithmetic.
 */
export function roundedRatio(
  numerator: number | bigint,
  denominator: number | bigint,
  decimals: number,
): number {
  const num = BigInt(numerator);
  const den = BigInt(denominator);
  if (den === 0n) throw new Error('roundedRatio: division by zero');
  const scale = 10n ** BigInt(decimals);
  const negative = num < 0n !== den < 0n && num !== 0n;
  const n = (num < 0n ? -num : num) * scale;
  const d = den < 0n ? -den : den;
  const quotient = (n * 2n + d) / (2n * d);
  const scaled = Number(negative ? -quotient : quotient);
  return scaled / 10 ** decimals;
}
