import { describe, expect, it } from 'vitest';
import { TIER } from '../../../src/engine/draft.js';
import { dependenciesAmong, selectBatch } from '../../../src/engine/select-batch.js';

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

  it('holds back a prerequisite thousands wait for until one of them is brought', () => {
    // A checkout 5,000 pieces of docs wait for; only the best docs fit the cap with it.
    const n = 5_000;
    const docs = Array.from({ length: n }, (_, i) => piece(`docs-${i}`, n - i, ['checkout']));
    const checkout = piece('checkout', n + 1);
    expect(selectBatch([checkout, ...docs], 2).map((c) => c.key)).toEqual(['checkout', 'docs-0']);
    // Not work of its own, the checkout never comes alone, even first in line with room for one.
    expect(selectBatch([checkout, ...docs], 1)).toEqual([]);
  });
});

describe('dependenciesAmong', () => {
  it('resolves waits through redirects, each once, and never a piece on itself', () => {
    const checkout = piece('checkout', 5);
    // `checkout-dup` was dropped as a duplicate of the checkout; the docs name both, and themselves.
    const docs = piece('docs', 3, ['checkout', 'checkout-dup', 'docs', 'gone']);
    const index = piece('index', 1, ['docs']);
    const all = [checkout, docs, index];
    const { before, dependents } = dependenciesAmong(
      all,
      new Map(all.map((c) => [c.key, c])),
      new Map([['checkout-dup', 'checkout']]),
    );
    expect(before.get('docs')).toEqual([checkout]);
    expect(before.get('index')).toEqual([docs]);
    expect(before.has('checkout')).toBe(false);
    expect(dependents.get('checkout')).toEqual([docs]);
    expect(dependents.get('docs')).toEqual([index]);
  });
});
