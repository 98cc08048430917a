import { describe, expect, it } from 'vitest';
import { analyseState } from '../../../src/engine/analyse-state.js';
import { detectSignals } from '../../../src/engine/detect-signals.js';
import { summariseHistory } from '../../../src/engine/task-history.js';
import type { EngineInput } from '../../../src/engine/types.js';
import {
  buildEduInput,
  daysBefore,
  EDU_NOW,
  makeBug,
  makeFeatures,
  makeProject,
  makeRevenue,
  makeTask,
} from '../../fixtures/edu.js';

function signalsOf(input: EngineInput) {
  return detectSignals(analyseState(input), input.vision);
}

describe('detectSignals', () => {
  it('turns the EDU revenue gap into one project signal with the numbers', () => {
    const [gap] = signalsOf(buildEduInput());
    expect(gap).toEqual({
      kind: 'revenue_gap',
      key: 'revenue_gap:project:1',
      projectId: 1,
      focusArea: null,
      valueUsd: 694.6,
      urgency: 0.74, // off track: 0.6 + 0.4 × 34% short at the milestone
      params: {
        project: 'Basic EDU Apps',
        completion: '40%',
        remaining: '6 features',
        target: '$999',
        month: '2026-04',
        gap: '$695',
      },
      fact:
        '$695 behind the 2026-04 target of $999 (30% reached; $200/month of growth needed, 3.5 months left); ' +
        'off track: $656 projected by then at the current growth',
    });
  });

  it('emits signals in a fixed order of kinds', () => {
    const input = buildEduInput({
      bugs: [makeBug({ id: 7, projectId: 2, title: 'Monitor loops' })],
      features: [...makeFeatures(1, 10, 4, 1), ...makeFeatures(2, 5, 4, 20)],
    });
    input.revenue.push(makeRevenue({ id: 3, projectId: null, month: '2025-12', actual: 0, churnRate: 0.09 }));
    input.projects.push(makeProject({ id: 3, name: 'Old Site', updatedAt: daysBefore(EDU_NOW, 40) }));
    expect(signalsOf(input).map((s) => s.key)).toEqual([
      'revenue_gap:project:1',
      'blocker:bug:7',
      'near_completion:project:2',
      'focus_gap:payment_integration',
      'focus_gap:automation',
      'focus_gap:self_healing',
      'stale_project:project:3',
      'churn_rise:workspace',
    ]);
  });

  it('emits no revenue gap once the revenue goal is met', () => {
    const input = buildEduInput();
    input.revenue = [makeRevenue({ id: 1, projectId: 1, month: '2025-12', actual: 1100 })];
    expect(signalsOf(input).filter((s) => s.kind === 'revenue_gap')).toEqual([]);
  });

  it('emits no revenue gap without revenue targets', () => {
    const input = buildEduInput();
    input.vision = { ...input.vision, revenueTargets: {} };
    expect(signalsOf(input).some((s) => s.kind === 'revenue_gap')).toBe(false);
  });

  it('splits the gap across revenue-bearing projects by their overlap with the vision focus areas', () => {
    const input = buildEduInput();
    input.projects.push(
      makeProject({ id: 3, name: 'Quiz Game', revenueBearing: true, focusAreas: ['games'] }),
    );
    const gaps = signalsOf(input).filter((s) => s.kind === 'revenue_gap');
    expect(gaps.map((s) => [s.projectId, s.valueUsd])).toEqual([
      [1, 463.07], // weight 2: payment_integration is a vision focus area
      [3, 231.53], // weight 1
    ]);
    expect(gaps[1]?.fact).toMatch(/; Quiz Game carries \$232 of it$/);
  });

  it('raises one workspace-level revenue gap when no project is revenue-bearing', () => {
    const input = buildEduInput();
    input.projects = input.projects.map((p) => ({ ...p, revenueBearing: false }));
    const gaps = signalsOf(input).filter((s) => s.kind === 'revenue_gap');
    expect(gaps).toHaveLength(1);
    expect(gaps[0]).toMatchObject({ key: 'revenue_gap:workspace', projectId: null, valueUsd: 694.6 });
    expect(gaps[0]?.params.project).toBeUndefined();
    expect(gaps[0]?.fact).toMatch(/no active project is revenue-bearing$/);
  });

  it('is less urgent when the revenue is on track', () => {
    const input = buildEduInput();
    input.revenue = [
      makeRevenue({ id: 1, projectId: 1, month: '2025-11', actual: 300 }),
      makeRevenue({ id: 2, projectId: 1, month: '2025-12', actual: 600 }),
    ];
    const [gap] = signalsOf(input);
    expect(gap?.urgency).toBe(0.4);
    expect(gap?.fact).toMatch(/on track at the current growth$/);
  });

  it('raises a blocker per open critical bug of an active project, worth its revenue and gap share', () => {
    const input = buildEduInput({
      bugs: [
        makeBug({ id: 4, projectId: 1, title: 'Checkout crashes' }),
        makeBug({ id: 5, projectId: 1, title: 'Refunds fail' }),
        makeBug({ id: 6, projectId: 1, title: 'Slow page', severity: 'high' }),
        makeBug({ id: 8, projectId: 3, title: 'Paused crash' }),
      ],
    });
    input.projects.push(makeProject({ id: 3, name: 'Paused', status: 'paused' }));
    const blockers = signalsOf(input).filter((s) => s.kind === 'blocker');
    expect(blockers.map((s) => s.key)).toEqual(['blocker:bug:4', 'blocker:bug:5']);
    expect(blockers[0]).toMatchObject({ projectId: 1, subject: '4', urgency: 1, valueUsd: 999 });
    // The blocked project serves payment_integration, so fixing it does too.
    expect(blockers[0]?.focusArea).toBe('payment_integration');
    expect(blockers[0]?.params.bug).toBe('Checkout crashes');
    expect(blockers[0]?.fact).toBe(
      "Critical bug #4 'Checkout crashes' is open in Basic EDU Apps, which earns $304/month and carries $695 of the revenue gap",
    );
  });

  it('raises near completion with the features left', () => {
    const input = buildEduInput({ features: makeFeatures(1, 13, 11, 1) });
    const near = signalsOf(input).find((s) => s.kind === 'near_completion');
    expect(near).toMatchObject({
      projectId: 1,
      valueUsd: 694.6,
      params: { project: 'Basic EDU Apps', remaining: '2 features', completion: '85%' },
      fact: 'Basic EDU Apps is 85% complete: 11 of 13 features done, 2 left',
    });
  });

  it('anchors a neglected focus area on an active project that works on it, else on none', () => {
    const input = buildEduInput();
    input.vision = { ...input.vision, focusAreas: ['payment_integration', 'automation', 'user_growth'] };
    const gaps = signalsOf(input).filter((s) => s.kind === 'focus_gap');
    expect(gaps.map((s) => [s.focusArea, s.projectId, s.valueUsd])).toEqual([
      ['payment_integration', 1, 0],
      ['automation', 2, 0],
      ['user_growth', null, 0],
    ]);
    expect(gaps[2]?.fact).toBe(
      'No open task, and none closed in the last 14 days, works on user_growth (focus area 3 of 3)',
    );
  });

  it('raises a stale project worth its monthly revenue', () => {
    const input = buildEduInput({ features: [] });
    input.projects = [
      makeProject({
        id: 1,
        name: 'Basic EDU Apps',
        revenueBearing: true,
        updatedAt: daysBefore(EDU_NOW, 20),
      }),
    ];
    input.history = summariseHistory(
      [makeTask({ id: 1, title: 'old', projectId: 1, status: 'done', updatedAt: daysBefore(EDU_NOW, 21) })],
      input.now,
    );
    const stale = signalsOf(input).find((s) => s.kind === 'stale_project');
    expect(stale).toMatchObject({
      projectId: 1,
      valueUsd: 304.4,
      fact: 'Basic EDU Apps has had no activity for 20 days',
    });
  });

  it('raises churn rise worth the MRR lost to the extra churn', () => {
    const input = buildEduInput();
    input.revenue = [
      makeRevenue({ id: 1, projectId: 1, month: '2025-11', actual: 300, churnRate: 0.03 }),
      makeRevenue({ id: 2, projectId: 1, month: '2025-12', actual: 310, churnRate: 0.055 }),
    ];
    const churn = signalsOf(input).find((s) => s.kind === 'churn_rise');
    expect(churn).toMatchObject({ projectId: null, valueUsd: 7.61, urgency: 0.75 });
    expect(churn?.fact).toBe('Churn rose from 3.0% to 5.5%: about $7.61/month of the $304 MRR at risk');
  });

  it('raises nothing for an empty workspace', () => {
    const input = buildEduInput({ projects: [], features: [], revenue: [] });
    input.vision = { ...input.vision, focusAreas: [], revenueTargets: {} };
    expect(signalsOf(input)).toEqual([]);
  });
});

describe('goal signals', () => {
  const goal = (status: 'achieved' | 'on_track' | 'at_risk' | 'off_track', unit = 'USD') => ({
    goalId: 7,
    metric: 'mrr',
    target: 999,
    unit,
    deadline: '2026-03-31',
    status,
    gap: 579,
    why: 'mrr is 420 USD of 999 (0% of the way from 420), +0/week; forecast 420 by 2026-03-31',
  });

  it('turns an off-track goal into a signal with its numbers, and a met one into none', () => {
    const input = buildEduInput();
    const state = analyseState(input);
    const [off] = detectSignals(state, input.vision, [goal('off_track')]).filter(
      (s) => s.kind === 'goal_off_track',
    );
    expect(off).toMatchObject({ goalId: 7, subject: 'goal:mrr', valueUsd: 579, urgency: 0.8 });
    expect(off?.params).toEqual({ metric: 'mrr', target: '999 USD', gap: '579 USD', deadline: '2026-03-31' });
    expect(off?.fact).toBe(`Goal mrr is off track: ${goal('off_track').why}`);
    for (const status of ['achieved', 'on_track'] as const) {
      expect(
        detectSignals(state, input.vision, [goal(status)]).some((s) => s.kind === 'goal_off_track'),
      ).toBe(false);
    }
    const nps = detectSignals(state, input.vision, [goal('at_risk', 'points')]).find(
      (s) => s.kind === 'goal_off_track',
    );
    expect(nps).toMatchObject({ valueUsd: 0, urgency: 0.5 });
  });
});
