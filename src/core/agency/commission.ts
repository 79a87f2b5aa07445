import type { TRatePpm } from '../interest/rate.ts';
import type { TCents } from '../shared/money.ts';

/**
 * The agency's commission on an amount collected: amount × rate, rounded to the cent, half up.
 * Exact: BigInt on cents and millionths of a percent, no float.
 */
export function commissionCents(collectedCents: TCents, ratePpm: TRatePpm): TCents {
  // ppm are millionths of the whole: 12.50 % = 125_000 ppm (src/core/interest/rate.ts).
  const numerator = BigInt(collectedCents) * BigInt(ratePpm);
  const denominator = 1_000_000n;
  const sign = numerator < 0n ? -1n : 1n;
  const abs = numerator * sign;
  return Number(((abs * 2n + denominator) / (denominator * 2n)) * sign);
}
