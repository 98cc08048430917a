import { describe, expect, it } from 'vitest';
import { analyseMetric, STABLE_SHARE } from '../../../../src/feedback/loop/analyse-metric.js';

describe('analyseMetric', () => {
  it('calls a flat series stable, with zero momentum and no progress', () => {
    const a = analyseMetric('progress', [5, 5, 5, 5], 10);
    expect(a).toMatchObject({ goal: 10, current: 5, baseline: 5, gap: 5, momentum: 0, progressRatio: 0 });
    expect(a.trend).toBe('stable');
    expect(a.why).toBe(
      'progress is 5, 5 below its target of 10 (baseline 5, 0% of the way), and flat (0 per step).',
    );
  });

  it('sees a rising series moving toward the target', () => {
    const a = analyseMetric('progress', [2, 4, 6], 10);
    expect(a).toMatchObject({
      current: 6,
      baseline: 2,
      direction: 'up',
      gap: 4,
      momentum: 2,
      progressRatio: 0.5,
    });
    expect(a.trend).toBe('toward_goal');
    expect(a.why).toBe(
      'progress is 6, 4 below its target of 10 (baseline 2, 50% of the way), moving toward it by 2 per step.',
    );
  });

  it('sees a falling series moving away from a higher target', () => {
    const a = analyseMetric('progress', [6, 5, 4, 3], 10);
    expect(a).toMatchObject({ gap: 7, momentum: -1, progressRatio: 0 });
    expect(a.trend).toBe('away_from_goal');
    expect(a.why).toContain('moving away from it by 1 per step');
  });

  it('calls overshooting the target achieved, with a negative gap and full progress', () => {
    const a = analyseMetric('progress', [2, 6, 12], 10);
    expect(a).toMatchObject({ current: 12, gap: -2, progressRatio: 1, trend: 'achieved' });
    expect(a.why).toBe('progress is 12, 2 past its target of 10 (baseline 2): achieved.');
  });

  it('calls landing exactly on the target achieved', () => {
    expect(analyseMetric('progress', [2, 10], 10).trend).toBe('achieved');
    expect(analyseMetric('x', [0, 0.1 + 0.2], 0.3).trend).toBe('achieved');
  });

  it('infers a downward goal from a target below the baseline', () => {
    const a = analyseMetric('churn', [8, 6, 5], 2);
    expect(a).toMatchObject({
      direction: 'down',
      gap: 3,
      momentum: -1.5,
      progressRatio: 0.5,
      trend: 'toward_goal',
    });
    expect(a.why).toBe(
      'churn is 5, 3 above its target of 2 (baseline 8, 50% of the way), moving toward it by 1.5 per step.',
    );
    expect(analyseMetric('churn', [8, 9, 10], 2).trend).toBe('away_from_goal');
    expect(analyseMetric('churn', [8, 4, 1.5], 2)).toMatchObject({ trend: 'achieved', gap: -0.5 });
  });

  it('keeps the trend right when one value in a rising series is an outlier', () => {
    const a = analyseMetric('progress', [1, 2, 3, 0, 5, 6], 10);
    expect(a.momentum).toBe(1);
    expect(a.trend).toBe('toward_goal');
  });

  it('calls noise around a level stable', () => {
    const a = analyseMetric('progress', [5, 5.1, 4.9, 5, 5.05], 10);
    expect(Math.abs(a.momentum)).toBeLessThan(1e-9);
    expect(a.trend).toBe('stable');
  });

  it('fits momentum to the last five values only', () => {
    expect(analyseMetric('progress', [100, 0, 1, 2, 3, 4], 200).momentum).toBe(1);
  });

  it(`is stable while the momentum closes at most ${STABLE_SHARE * 100}% of the gap per step`, () => {
    expect(analyseMetric('progress', [0, 2], 102)).toMatchObject({ gap: 100, momentum: 2, trend: 'stable' });
    expect(analyseMetric('progress', [0, 3], 103)).toMatchObject({
      gap: 100,
      momentum: 3,
      trend: 'toward_goal',
    });
    expect(analyseMetric('progress', [3, 0], 100)).toMatchObject({
      gap: 100,
      momentum: -3,
      trend: 'away_from_goal',
    });
  });

  it('treats a single value as stable with zero momentum', () => {
    expect(analyseMetric('progress', [4], 10)).toMatchObject({
      momentum: 0,
      trend: 'stable',
      progressRatio: 0,
    });
  });

  it('gives full progress while a baseline already at the target holds, none once it slips', () => {
    expect(analyseMetric('progress', [10, 10], 10)).toMatchObject({ progressRatio: 1, trend: 'achieved' });
    expect(analyseMetric('progress', [10, 8], 10)).toMatchObject({
      progressRatio: 0,
      trend: 'away_from_goal',
    });
  });
});
