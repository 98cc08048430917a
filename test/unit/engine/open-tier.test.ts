import { describe, expect, it } from 'vitest';
import { TIER } from '../../../src/engine/draft.js';
import { openTier } from '../../../src/engine/open-tier.js';
import { makeTask } from '../../fixtures/edu.js';

// An open task this plan did not draft again (approved, under way) ranks as its draft did: a medium
// bug protecting more than a feature-size of growth work claimed of the gap was real work.
describe('the tier of an open medium bug', () => {
  const bug = (revenueImpact: number, facts: Record<string, unknown>) =>
    makeTask({
      id: 1,
      title: "Fix 'Bank feed duplicates' in Ledgerline",
      category: 'bugfix',
      revenueImpact,
      facts,
    });

  it('is real work when it protected more than a feature-size claimed', () => {
    expect(openTier(bug(1_170, { severity: 'medium', featureSizeUsd: 508 }), [])).toBe(TIER.work);
  });

  it('fills in when it protected less, when there was no gap, and when proposed before the rule', () => {
    expect(openTier(bug(400, { severity: 'medium', featureSizeUsd: 508 }), [])).toBe(TIER.fillIn);
    expect(openTier(bug(1_170, { severity: 'medium', featureSizeUsd: 0 }), [])).toBe(TIER.fillIn);
    expect(openTier(bug(1_170, { severity: 'medium' }), [])).toBe(TIER.fillIn);
  });
});
