/**
 * Seeded pseudo-random numbers for synthetic data: the same seed gives the same numbers on every
 * machine. Not for anything security-related.
 *
 * Every synthetic invoice gets its own generator, seeded from (portfolio seed, invoice index):
 * any invoice can be regenerated on its own, so a cheap counting pass and the streaming pass see
 * exactly the same draws, and no chunk depends on the random state left by the previous one.
 */

/** A 32-bit mix of two integers (murmur3's finaliser over a combined word). */
export function hash32(a: number, b: number): number {
  let h = (Math.imul(a ^ 0x9e3779b9, 0x85ebca6b) ^ Math.imul(b + 0x632be5ab, 0xc2b2ae35)) >>> 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

export type TSeededRandom = {
  /** A float in [0, 1). */
  next(): number;
  /** An integer in [min, max], both included. */
  int(min: number, max: number): number;
};

/** mulberry32: tiny, fast and good enough for test data. */
export function mulberry32(seed: number): TSeededRandom {
  let state = seed >>> 0;
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
  return { next, int: (min, max) => min + Math.floor(next() * (max - min + 1)) };
}
