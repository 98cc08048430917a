import { describe, expect, it } from 'vitest';
import { awaitingOldVision } from '../../../src/views/words.js';

const awaiting = (n: number, version = 1) =>
  Array.from({ length: n }, (_, i) => ({ ref: `T-${i + 1}`, version }));

describe('the line a vision change says of the tasks awaiting a decision', () => {
  it('names one, two, or a few of them whole', () => {
    expect(awaitingOldVision(awaiting(1), 2)).toBe(
      'T-1 awaits a decision on reasoning from version 1 of the vision: reject what no longer fits; what the digest proposes from now on follows version 2.',
    );
    expect(awaitingOldVision(awaiting(3), 2)).toMatch(/^T-1, T-2 and T-3 await a decision/);
    expect(awaitingOldVision([...awaiting(1), { ref: 'T-9', version: 2 }], 3)).toMatch(
      /^T-1 and T-9 await a decision on reasoning from earlier versions of the vision/,
    );
  });

  it('names a long queue by its first nine and how many more, staying one line', () => {
    const line = awaitingOldVision(awaiting(50), 2);
    expect(line).toMatch(/^T-1, T-2, T-3, T-4, T-5, T-6, T-7, T-8, T-9 and 41 more await a decision/);
    expect(awaitingOldVision(awaiting(10), 2)).toMatch(/T-9 and T-10 await/);
  });

  it('says nothing when nothing awaits', () => {
    expect(awaitingOldVision([], 2)).toBe('');
  });
});
