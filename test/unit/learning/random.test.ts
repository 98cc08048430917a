import { describe, expect, it } from 'vitest';
import { createRng } from '../../../src/learning/random.js';

const draws = (n: number, draw: () => number): number[] => Array.from({ length: n }, draw);
const mean = (xs: number[]): number => xs.reduce((a, b) => a + b, 0) / xs.length;

describe('createRng', () => {
  it('gives the same sequence for the same seed, numeric or string', () => {
    expect(draws(5, createRng(42).next)).toEqual(draws(5, createRng(42).next));
    expect(draws(5, createRng('team:revenue').next)).toEqual(draws(5, createRng('team:revenue').next));
    expect(draws(5, createRng(42).next)).not.toEqual(draws(5, createRng(43).next));
    expect(draws(5, createRng('a').next)).not.toEqual(draws(5, createRng('b').next));
  });

  it('draws uniforms in [0, 1) with mean about 1/2, and integers in range', () => {
    const rng = createRng(1);
    const us = draws(20_000, rng.next);
    expect(Math.min(...us)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...us)).toBeLessThan(1);
    expect(mean(us)).toBeCloseTo(0.5, 2);
    const ints = draws(1_000, () => rng.int(3));
    expect(new Set(ints)).toEqual(new Set([0, 1, 2]));
  });

  it('draws standard normals', () => {
    const zs = draws(20_000, createRng(2).normal);
    expect(mean(zs)).toBeCloseTo(0, 1);
    expect(mean(zs.map((z) => z * z))).toBeCloseTo(1, 1);
  });

  it('draws gammas with mean equal to the shape, below and above 1', () => {
    const rng = createRng(3);
    expect(mean(draws(20_000, () => rng.gamma(0.4)))).toBeCloseTo(0.4, 1);
    expect(mean(draws(20_000, () => rng.gamma(3)))).toBeCloseTo(3, 1);
    expect(() => rng.gamma(0)).toThrow(RangeError);
  });

  it('draws betas in [0, 1] with mean a / (a + b)', () => {
    const rng = createRng(4);
    for (const [a, b] of [
      [2, 5],
      [0.3, 0.7],
      [14, 3],
    ] as const) {
      const xs = draws(20_000, () => rng.beta(a, b));
      expect(Math.min(...xs)).toBeGreaterThanOrEqual(0);
      expect(Math.max(...xs)).toBeLessThanOrEqual(1);
      expect(Math.abs(mean(xs) - a / (a + b))).toBeLessThan(0.01);
    }
  });
});
