import type { Rng } from './types.js';

/** FNV-1a, 32 bits: turns a string seed into a number. */
function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i += 1) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

function seedOf(seed: number | string): number {
  return typeof seed === 'number' && Number.isInteger(seed) ? seed >>> 0 : fnv1a(String(seed));
}

/**
 * A small seeded PRNG (mulberry32; string seeds hashed with FNV-1a) with the draws routing needs.
 * The same seed gives the same sequence on every run and platform.
 */
export function createRng(seed: number | string): Rng {
  let state = seedOf(seed);

  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };

  // Box–Muller; 1 − u keeps the logarithm away from 0.
  const normal = (): number => Math.sqrt(-2 * Math.log(1 - next())) * Math.cos(2 * Math.PI * next());

  // Marsaglia–Tsang (2000); for shape < 1, Gamma(shape) = Gamma(shape + 1) · U^(1/shape).
  const gamma = (shape: number): number => {
    if (!(shape > 0)) throw new RangeError(`gamma shape must be > 0, got ${shape}`);
    if (shape < 1) return gamma(shape + 1) * (1 - next()) ** (1 / shape);
    const d = shape - 1 / 3;
    const c = 1 / Math.sqrt(9 * d);
    for (;;) {
      let x: number;
      let v: number;
      do {
        x = normal();
        v = 1 + c * x;
      } while (v <= 0);
      v = v * v * v;
      const u = 1 - next();
      if (u < 1 - 0.0331 * x ** 4) return d * v;
      if (Math.log(u) < 0.5 * x * x + d * (1 - v + Math.log(v))) return d * v;
    }
  };

  const beta = (a: number, b: number): number => {
    const x = gamma(a);
    const y = gamma(b);
    // Both can underflow to 0 for tiny shapes; the mean is the honest answer then.
    return x + y > 0 ? x / (x + y) : a / (a + b);
  };

  const int = (n: number): number => Math.floor(next() * n);

  return { next, int, normal, gamma, beta };
}
