/**
 * Seeded pseudo-random numbers for weights and inputs: the same seed gives the same bytes on
 * every machine, so two runs (or two backends) of one model can be compared value by value.
 */

/** mulberry32: a tiny 32-bit PRNG with a full 2^32 period; returns floats in [0, 1). */
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

/** FNV-1a hash of a string, used to derive one independent stream per tensor name. */
export function hashString(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** Uniform values in [lo, hi) from a stream seeded by (seed, name), so a tensor does not depend on its neighbours. */
export function seededUniform(seed: number, name: string, count: number, lo: number, hi: number): Float32Array {
  const next = mulberry32((seed ^ hashString(name)) >>> 0);
  const out = new Float32Array(count);
  const span = hi - lo;
  for (let i = 0; i < count; i++) out[i] = lo + span * next();
  return out;
}
