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

  // A medium bug may take the place of work in a batch it outscores (see liftBug): a plan in parts
  // reads one that may beat the work a batch of `n` holds, whatever the blockers above it.
  it('says whether a score beats the n-th best place of work, and that it may while fewer are known', () => {
    const bar = new RankBar(5);
    bar.offer(TIER.blocker, 900);
    bar.offer(TIER.work, 300);
    expect(bar.beatsWork(10, 2)).toBe(true);
    bar.offer(TIER.work, 200);
    bar.offer(TIER.fillIn, 500);
    expect(bar.beatsWork(250, 2)).toBe(true);
    expect(bar.beatsWork(150, 2)).toBe(false);
    expect(bar.beatsWork(200, 2)).toBe(false);
    expect(bar.beatsWork(250, 1)).toBe(false);
  });

  // A plan in parts read every medium bug beating the weakest work: only the best few may be lifted.
  it('reads a medium bug for a lift only while it may be among the best shelved', () => {
    const bar = new RankBar(5);
    bar.offer(TIER.work, 100);
    expect(bar.mayLift(150, 1, 2)).toBe(true);
    bar.seeShelvedBug(400, 2);
    expect(bar.mayLift(150, 1, 2)).toBe(true);
    bar.seeShelvedBug(300, 2);
    bar.seeShelvedBug(200, 2);
    // The two best shelved score 400 and 300: one scoring less is neither; a tie is read.
    expect(bar.mayLift(250, 1, 2)).toBe(false);
    expect(bar.mayLift(300, 1, 2)).toBe(true);
    expect(bar.mayLift(500, 1, 2)).toBe(true);
    // And never one that does not beat the work.
    expect(bar.mayLift(90, 1, 2)).toBe(false);
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
