import { describe, expect, it } from 'vitest';
import { materialChange } from '../../../src/engine/memory.js';

describe('materialChange', () => {
  it('says a stake a rejected task now has beside its share of the gap, not a rise from $0', () => {
    // Rejected on its share of the gap alone (its card said $487.50); a churn rise it serves now counts.
    expect(materialChange({ stakeUsd: 0, gapUsd: 4000 }, { stakeUsd: 563, gapUsd: 4000 })).toBe(
      '$563/month is at stake behind it now besides any share of the revenue gap, where nothing was when it was rejected',
    );
    expect(materialChange({ stakeUsd: 200 }, { stakeUsd: 600 })).toBe(
      'the dollars at stake behind it besides any share of the revenue gap rose from $200 to $600/month',
    );
    expect(materialChange({ stakeUsd: 200 }, { stakeUsd: 210 })).toBeNull();
  });

  it('counts a larger revenue gap only for work drafted to answer it', () => {
    const before = { stakeUsd: 0, gapUsd: 300 };
    const now = { stakeUsd: 0, gapUsd: 689 };
    expect(materialChange(before, now)).toBe('the revenue gap it shares rose from $300 to $689/month');
    // A backlog item shares the gap alike with every other: no news about it.
    expect(materialChange(before, now, true, false)).toBeNull();
  });
});
