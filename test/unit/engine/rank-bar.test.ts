import { describe, expect, it } from 'vitest';
import { TIER } from '../../../src/engine/draft.js';
import { RankBar } from '../../../src/engine/rank-bar.js';

describe('the rank bar', () => {
  it('ranks below it what is below each of its places, tier first, and a tie not', () => {
    const bar = new RankBar(2);
    expect(bar.offer(TIER.work, 10)).toBe(true);
    expect(bar.full).toBe(false);
    expect(bar.below(TIER.fillIn, 0)).toBe(false);
    expect(bar.offer(TIER.blocker, 1)).toBe(true);
    expect(bar.below(TIER.work, 9)).toBe(true);
    expect(bar.below(TIER.work, 10)).toBe(false);
    expect(bar.offer(TIER.work, 5)).toBe(false);
  });

  // A plan's scale is drawn from its best two scores of work (see planScale): work that may beat
  // the next best may move it, wherever it ranks, so a plan in parts must read it.
  it('says work must beat the next best score of work to move the scale, and anything the best of all otherwise', () => {
    const bar = new RankBar(1);
    bar.see(2000, TIER.work);
    expect(bar.highest(TIER.work)).toBe(Number.NEGATIVE_INFINITY);
    bar.see(100, TIER.work);
    bar.see(40, TIER.work);
    expect(bar.highest(TIER.work)).toBe(100);
    bar.see(3000, TIER.blocker);
    expect(bar.highest(TIER.work)).toBe(100);
    expect(bar.highest(TIER.blocker)).toBe(3000);
    bar.see(2000, TIER.work);
    expect(bar.highest(TIER.work)).toBe(2000);
  });
});
