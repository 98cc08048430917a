import { describe, expect, it } from 'vitest';
import { listed, listedFirst } from '../../../src/domain/word-list.js';

describe('items in a sentence', () => {
  it('names every item, the last after "and"', () => {
    expect(listed([])).toBe('');
    expect(listed(['T-1'])).toBe('T-1');
    expect(listed(['T-1', 'T-2', 'T-3'])).toBe('T-1, T-2 and T-3');
  });

  it('names only the first few of a long list, and counts the rest', () => {
    const refs = ['T-1', 'T-2', 'T-3', 'T-4', 'T-5', 'T-6', 'T-7'];
    expect(listedFirst(refs, 5)).toBe('T-1, T-2, T-3, T-4, T-5 and 2 more');
    expect(listedFirst(refs.slice(0, 5), 5)).toBe('T-1, T-2, T-3, T-4 and T-5');
    // Up to `most` named whole; past it, one fewer than `most` and the count, so the line stays as long.
    expect(listedFirst(refs.slice(0, 6), 5, 6)).toBe('T-1, T-2, T-3, T-4, T-5 and T-6');
    expect(listedFirst(refs, 5, 6)).toBe('T-1, T-2, T-3, T-4, T-5 and 2 more');
  });
});
