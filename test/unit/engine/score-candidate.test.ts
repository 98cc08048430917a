import { describe, expect, it } from 'vitest';
import { analyseState } from '../../../src/engine/analyse-state.js';
import { detectSignals } from '../../../src/engine/detect-signals.js';
import { instantiatePlaybooks } from '../../../src/engine/instantiate-playbooks.js';
import {
  DEFAULT_CATEGORY_WEIGHTS,
  priorityFromScore,
  type ScoreContext,
  scoreCandidate,
} from '../../../src/engine/score-candidate.js';
import type { EngineInput } from '../../../src/engine/types.js';
import { buildEduInput, makeTask } from '../../fixtures/edu.js';

function scored(input: EngineInput, playbookKey: string, weights = DEFAULT_CATEGORY_WEIGHTS) {
  const state = analyseState(input);
  const drafts = instantiatePlaybooks(detectSignals(state, input.vision), input);
  const draft = drafts.find((d) => d.playbookKey === playbookKey);
  if (draft === undefined) throw new Error(`no draft from ${playbookKey}`);
  const ctx: ScoreContext = {
    vision: input.vision,
    revenue: state.revenue,
    projectsById: new Map(input.projects.map((p) => [p.id, p])),
    outcomes: input.history.outcomes,
    categoryWeights: weights,
  };
  return scoreCandidate(draft, ctx);
}

describe('scoreCandidate', () => {
  it('explains every term of the score with its numbers, the signal fact first', () => {
    const stripe = scored(buildEduInput(), 'pay.stripe');
    expect(stripe.reasoning).toEqual([
      '$695 behind the 2026-04 target of $999 (30% reached; $200/month of growth needed, 3.5 months left); ' +
        'off track: $656 projected by then at the current growth',
      'Revenue impact $278/month: 40% of the $695/month at stake',
      'Confidence 0.50: no finished tasks from playbook pay.stripe yet',
      "Alignment 0.93: payment_integration is focus area 1 of 3; shares 'basic', 'edu', 'app' with the goal; " +
        'revenue-bearing project → $46.45 strategic value (5% of the $999 2026-04 target)',
      'Score 19.1 = ($139 expected + $46.45 strategic) × 1.37 urgency ÷ 16 h × 1.2 revenue weight → priority 9',
    ]);
    expect(stripe).toMatchObject({
      revenueImpact: 277.84,
      confidence: 0.5,
      alignment: 0.93,
      effortHours: 16,
      score: 19.05,
      priority: 9,
      category: 'revenue',
      projectName: 'Basic EDU Apps',
      signal: 'revenue_gap',
      assignee: null,
    });
  });

  it('takes confidence from finished tasks of the same playbook (Laplace)', () => {
    const recentTasks = [
      ...[1, 2, 3].map((id) => makeTask({ id, title: 'stripe', playbookKey: 'pay.stripe', status: 'done' })),
      makeTask({ id: 4, title: 'stripe', playbookKey: 'pay.stripe', status: 'failed' }),
      makeTask({ id: 5, title: 'stripe', playbookKey: 'pay.stripe', status: 'rejected' }),
      makeTask({ id: 6, title: 'pricing', playbookKey: 'pay.pricing', status: 'failed' }),
    ];
    const stripe = scored(buildEduInput({ recentTasks }), 'pay.stripe');
    expect(stripe.confidence).toBe(0.67);
    expect(stripe.reasoning).toContain('Confidence 0.67: 3 of 4 earlier pay.stripe tasks succeeded');
    expect(stripe.score).toBeGreaterThan(scored(buildEduInput(), 'pay.stripe').score);
  });

  it('names missing alignment terms and uses a $50 base without a milestone', () => {
    const input = buildEduInput();
    input.vision = { ...input.vision, revenueTargets: {}, focusAreas: ['automation'] };
    const automation = scored(input, 'focus.automation');
    expect(automation.alignment).toBe(0.5);
    expect(automation.reasoning).toContain(
      'Alignment 0.50: automation is focus area 1 of 1; shares no words with the goal; project not revenue-bearing ' +
        '→ $25 strategic value (of a $50 base, no revenue milestone)',
    );
    expect(automation.revenueImpact).toBe(0);
    expect(automation.reasoning.some((line) => line.startsWith('Revenue impact'))).toBe(false);
  });

  it('applies the category weight', () => {
    const plain = scored(buildEduInput(), 'pay.stripe');
    const heavy = scored(buildEduInput(), 'pay.stripe', { ...DEFAULT_CATEGORY_WEIGHTS, revenue: 2.4 });
    expect(heavy.score).toBeCloseTo(plain.score * 2, 1);
    expect(heavy.score).toBe(38.09);
    expect(heavy.reasoning.at(-1)).toMatch(/× 2\.4 revenue weight → priority 10$/);
  });
});

describe('priorityFromScore', () => {
  it('maps scores to 0–10 on a log scale', () => {
    expect([0, 1, 3, 7, 31, 1000, -5].map(priorityFromScore)).toEqual([0, 2, 4, 6, 10, 10, 0]);
  });
});
