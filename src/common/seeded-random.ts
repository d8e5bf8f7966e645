/**
 * A small seeded PRNG (mulberry32): reproducible splits, benchmark corpora and randomised tests without a
 * dependency. Not for anything that needs unpredictability.
 */

/** Deterministic 32-bit PRNG returning floats in [0, 1); the same seed always gives the same sequence. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
