import { describe, expect, it } from 'vitest';
import { TIER } from '../../../src/engine/draft.js';
import { selectBatch } from '../../../src/engine/select-batch.js';

/** A piece of feature work scoring `score`, waiting for `dependsOn`. */
const piece = (key: string, score: number, dependsOn: string[] = []) => ({
  key,
  tier: TIER.work,
  score,
  dependsOn,
  category: 'feature' as const,
  projectId: 1,
});

describe('selectBatch', () => {
  it('brings a prerequisite only with work that waits for it, and the whole group or none of it', () => {
    const docs = piece('docs', 9, ['checkout']);
    const checkout = piece('checkout', 1);
    const other = piece('other', 5);
    // The checkout is no work of its own here: it comes with the docs, never alone.
    expect(selectBatch([docs, other, checkout], 3).map((c) => c.key)).toEqual(['docs', 'other', 'checkout']);
    // A cap of 1 holds neither the pair nor the checkout alone: the next piece fills it.
    expect(selectBatch([docs, other, checkout], 1).map((c) => c.key)).toEqual(['other']);
  });

  it('brings a chain of thousands of waits whole, as a team importing one would expect', () => {
    // Each link waits for the one before it; the best waits for them all. A walk that recursed
    // once per link overflowed the call stack past a few thousand (until 2026-12-04).
    const n = 12_000;
    const chain = Array.from({ length: n }, (_, i) =>
      piece(`link-${i}`, 1, i === 0 ? [] : [`link-${i - 1}`]),
    );
    const head = piece('head', 100, [`link-${n - 1}`]);
    const batch = selectBatch([head, ...chain], n + 1);
    expect(batch).toHaveLength(n + 1);
    expect(batch[0]?.key).toBe('head');
  });
});
