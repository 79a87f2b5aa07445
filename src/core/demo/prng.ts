/**
 * A small seeded pseudo-random generator (mulberry32) so that the demo portfolio is the same for
 * the same seed on every machine. Not for anything security-related.
 */
export type TRandom = {
  /** A float in [0, 1). */
  next(): number;
  /** An integer in [min, max], both included. */
  int(min: number, max: number): number;
  pick<T>(items: readonly T[]): T;
  /** True with the given probability, in percent (0..100). */
  chance(percent: number): boolean;
  /** An index chosen with the given integer weights. */
  weighted(weights: readonly number[]): number;
};

export function mulberry32(seed: number): TRandom {
  let state = seed >>> 0;
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
  const int = (min: number, max: number): number => min + Math.floor(next() * (max - min + 1));
  return {
    next,
    int,
    pick: (items) => {
      if (items.length === 0) throw new Error('pick from an empty list');
      return items[int(0, items.length - 1)]!;
    },
    chance: (percent) => next() * 100 < percent,
    weighted: (weights) => {
      const total = weights.reduce((a, b) => a + b, 0);
      let roll = int(1, total);
      for (const [i, w] of weights.entries()) {
        roll -= w;
        if (roll <= 0) return i;
      }
      return weights.length - 1;
    },
  };
}
