import { describe, expect, it } from 'vitest';
import { analyseState } from '../../../src/engine/analyse-state.js';
import { revenueProgress } from '../../../src/views/cards.js';
import { buildEduInput, eduVision, makeRevenue } from '../../fixtures/edu.js';

/** The revenue bar of a digest and App Home, for $1,000/month against the vision's targets at `now`. */
function progressAt(now: string, targets: Record<string, number>) {
  const input = buildEduInput({ now });
  input.vision = { ...eduVision(), revenueTargets: targets };
  input.revenue = [makeRevenue({ id: 1, projectId: 1, month: '2026-08', actual: 1000 })];
  return revenueProgress(analyseState(input).revenue, null);
}

describe('the revenue bar in chat', () => {
  it('gives the pace a milestone to come needs', () => {
    expect(progressAt('2026-09-02T00:00:00.000Z', { '2026-12': 1498 })?.detail).toMatch(
      /^\$1,000 of \$1,498 MRR, gap \$498; needs \+\$[\d,.]+\/month each month/,
    );
  });

  it('says the last milestone has passed, and how to set the next, rather than a pace of twice the gap', () => {
    const view = progressAt('2026-09-02T00:00:00.000Z', { '2026-04': 999, '2026-07': 1498 });
    expect(view?.label).toBe('Revenue by 2026-07');
    expect(view?.detail).toBe(
      '$1,000 of $1,498 MRR, gap $498; the 2026-07 milestone has passed and no later one is set (on the command line, `goalpost vision set revenue_targets YYYY-MM=N` sets the next)',
    );
  });
});
