/** Stateless seeded hashing: every synthetic value is a pure function of (seed, kind, index, salt). */

/** A 32-bit avalanche step (murmur3's finaliser), so neighbouring inputs give unrelated outputs. */
function fmix(h: number): number {
  let x = h >>> 0;
  x ^= x >>> 16;
  x = Math.imul(x, 0x85ebca6b);
  x ^= x >>> 13;
  x = Math.imul(x, 0xc2b2ae35);
  x ^= x >>> 16;
  return x >>> 0;
}

/** Hashes a list of integers (each reduced to 32 bits; larger ones fold their high part in) to a uint32. */
export function hash(...parts: readonly number[]): number {
  let h = 0x9e3779b9;
  for (const part of parts) {
    const high = Math.floor(part / 0x1_0000_0000);
    h = fmix(h ^ fmix((part >>> 0) + Math.imul(high, 0x27d4eb2d)));
  }
  return h;
}

/** `hash` for exactly four uint32 parts, without allocation: the hot path of ids and timelines. */
export function hash4(a: number, b: number, c: number, d: number): number {
  let h = fmix(0x9e3779b9 ^ fmix(a));
  h = fmix(h ^ fmix(b));
  h = fmix(h ^ fmix(c));
  return fmix(h ^ fmix(d));
}

/** Turns a user seed (number or text) into a uint32. */
export function seedNumber(seed: number | string): number {
  if (typeof seed === 'number' && Number.isFinite(seed)) return hash(Math.trunc(seed));
  let h = 0x811c9dc5;
  for (const ch of String(seed)) h = Math.imul(h ^ (ch.codePointAt(0) ?? 0), 0x01000193);
  return hash(h >>> 0, 0x5eed);
}

/** A small seeded sequence generator (mulberry32) for the fault and latency knobs, which are drawn per request. */
export function sequence(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 0x1_0000_0000;
  };
}
