import { describe, expect, it } from 'vitest';
import { allocateStakes } from '../../../src/engine/allocate.js';
import { analyseState } from '../../../src/engine/analyse-state.js';
import { type BacklogItem, mostPressing } from '../../../src/engine/BacklogItem.js';
import { backlogDrafts } from '../../../src/engine/backlog-candidates.js';
import type { EngineInput } from '../../../src/engine/engine-input.js';
import { explain } from '../../../src/engine/explain.js';
import { round } from '../../../src/engine/format.js';
import {
  DEFAULT_CATEGORY_WEIGHTS,
  type ScoreContext,
  scoreBound,
  scoreCandidate,
  scoreNumbers,
  strategicScale,
} from '../../../src/engine/score-candidate.js';
import { projectStakes } from '../../../src/engine/stakes.js';
import type { RevenueState } from '../../../src/engine/workspace-state.js';
import { buildEduInput, makeBug, makeTask } from '../../fixtures/edu.js';

/**
 * The backlog draft `key` of an input as the engine drafts it, what it is allocated of the stakes
 * it claims, and the context it is scored in.
 */
function drafted(input: EngineInput, key: string, weights = DEFAULT_CATEGORY_WEIGHTS) {
  const state = analyseState(input);
  const active = state.projects.filter((p) => p.project.status === 'active');
  const stakes = projectStakes(state.revenue, active, input.vision);
  const { drafts } = backlogDrafts(
    state.projects,
    input.features,
    input.bugs,
    input.vision,
    stakes,
    input.now,
  );
  const draft = drafts.find((d) => d.key === key);
  if (draft === undefined) throw new Error(`no draft ${key} among ${drafts.map((d) => d.key).join(', ')}`);
  const ctx: ScoreContext = {
    vision: input.vision,
    revenue: state.revenue,
    projectOf: (id) => input.projects.find((p) => p.id === id),
    outcomes: input.history.outcomes,
    categoryOutcomes: input.history.categoryOutcomes,
    categoryWeights: weights,
  };
  return { draft, allocations: allocateStakes(drafts).get(draft.claims) ?? [], ctx };
}

/** The backlog draft `key` of an input, scored as the engine scores it. */
function scored(input: EngineInput, key: string, weights = DEFAULT_CATEGORY_WEIGHTS) {
  const { draft, allocations, ctx } = drafted(input, key, weights);
  return scoreCandidate(draft, allocations, ctx);
}

describe('scoreCandidate', () => {
  it('values a feature of an earning project by its share of the gap, and explains every term', () => {
    // Basic EDU Apps: $310 MRR, $689 short of its $999 target; 6 open features share the gap.
    const feature = scored(buildEduInput(), 'feature:5');
    expect(feature).toMatchObject({
      title: "Build 'Feature 5' for Basic EDU Apps",
      item: { kind: 'feature', id: 5 },
      memoryKey: 'feature:5',
      revenueImpact: 114.83,
      confidence: 0.5,
      effortHours: 8,
      category: 'feature',
      signal: 'backlog',
      facts: { stakeUsd: 0, gapUsd: 689, itemStatus: 'planned' }, // the whole gap it shares in, kept apart
    });
    expect(explain(feature, 4)).toEqual([
      'Building it moves Basic EDU Apps toward its revenue target, worth up to $115/month.',
      'Revenue $115/month: 1 of 6 open items sharing the $689/month gap to the 2026-04 target of $999, all of it on Basic EDU Apps',
      'Confidence 0.50: no finished feature tasks yet',
      // The goal names its project, not its own title ('Feature 5'): half the goal's part.
      "Alignment 0.85: payment_integration is focus area 1 of 3; its project's name shares 'basic', 'edu', 'app' with the vision; revenue-bearing project → $16.98 strategic value",
      'Urgency ×1.00',
      'Effort 8 h: default for a planned feature (no estimate)',
      'Score 9.3 = ($115 × 0.50 confidence + $16.98 strategic) × 1.00 urgency ÷ 8 h × 1 feature weight → priority 4',
    ]);
  });

  it('values a bug by the share its severity threatens of what its product earns and is to win, a critical one also by the gap it blocks', () => {
    const crash = makeBug({ id: 4, projectId: 1, title: 'Checkout crashes' });
    const slow = makeBug({ id: 6, projectId: 1, title: 'Slow page', severity: 'high' });
    const critical = scored(buildEduInput({ bugs: [crash] }), 'bug:4');
    // 50% of the $310 it earns; of the $689 gap, 1 of 7 growth items (6 features and this blocker),
    // and 50% of the $69 of it beyond the $620 its earnings count for in a score: 105% of the gap
    // claimed, each claim scaled to fit ($98.43 and $34.50 to $93.73 and $32.85).
    expect(critical.revenueImpact).toBe(round(155 + 93.73 + 32.85));
    expect(critical.tier).toBe(0);
    // What it protects is what the project earns and is to win; the rest is growth it unblocks.
    expect(explain(critical, 5)[0]).toBe(
      "Fixing this critical bug protects about $155/month of Basic EDU Apps' revenue (a guess by its severity) and up to $32.85/month of what it is to win by its revenue target, and is worth up to $93.73/month toward that target.",
    );
    const high = scored(buildEduInput({ bugs: [slow] }), 'bug:6');
    // 20% of $310, and 20% of the $69 of the gap beyond its earnings: $13.80 / 1.02. A high bug
    // blocks no growth.
    expect(high.revenueImpact).toBe(round(62 + 13.52));
    expect(explain(high, 5)[0]).toBe(
      "Fixing this high bug protects about $62/month of Basic EDU Apps' revenue (a guess by its severity) and up to $13.52/month of what it is to win by its revenue target.",
    );
    expect(explain(high, 5)).toContain(
      "Revenue $13.52/month: a high bug threatens 20% of what its product is to win beyond the $620/month its earnings count for, so 2% of the $689/month gap to the 2026-04 target of $999, all of it on Basic EDU Apps (claims on it add up to 102%, what the product's bugs threaten of it included, so each is scaled to fit)",
    );
  });

  it("shares what a project's bugs threaten together, not the sum of what each threatens alone", () => {
    const input = buildEduInput({
      bugs: [
        makeBug({ id: 4, projectId: 1, title: 'Checkout crashes' }),
        makeBug({ id: 6, projectId: 1, title: 'Slow page', severity: 'high' }),
      ],
    });
    // Alone they threaten 50% and 20% of the $310 it earns; together 1 − 0.5 × 0.8 = 60%, not 70%,
    // shared by what each threatens alone: 5/7 and 2/7 of $186. So of the $69 of the $689 gap
    // beyond the earnings, beside the growth items' all of the gap: 106% claimed, each scaled to fit.
    const critical = scored(input, 'bug:4');
    const high = scored(input, 'bug:6');
    expect(high.revenueImpact).toBe(round(53.14 + 11.15));
    expect(critical.revenueImpact).toBe(round(132.85 + 92.84 + 27.89));
    expect(explain(high, 5)).toContain(
      "Revenue $53.14/month: a high bug threatens 20% alone; its project's 2 open bugs threaten 60% together, not 70%, as a customer they drive away leaves once, so its part is 17% of the $310/month Basic EDU Apps earns; earned now, it counts ×2 in the score; a guess by its severity: `goalpost bug affects 6 <share>` says what part of its customers it touches",
    );
  });

  // A card read "its project's 2 open bugs threaten 10% together, not 10%": 9.75% and 10% rounded alike.
  it('says what two medium bugs threaten together to the hundredth, where whole points read alike', () => {
    const input = buildEduInput({
      bugs: [
        makeBug({ id: 4, projectId: 1, title: 'Receipt footer misaligned', severity: 'medium' }),
        makeBug({ id: 6, projectId: 1, title: 'Slow page', severity: 'medium' }),
      ],
    });
    const lines = explain(scored(input, 'bug:6'), 5).join('\n');
    expect(lines).toContain(
      "a medium bug threatens 5% alone; its project's 2 open bugs threaten 9.75% together, not 10%, as a customer they drive away leaves once, so its part is 4.88% of",
    );
  });

  it('takes confidence from finished tasks of the same category (Laplace)', () => {
    const recentTasks = [
      ...[1, 2, 3].map((id) => makeTask({ id, title: 'f', category: 'feature', status: 'done' })),
      makeTask({ id: 4, title: 'f', category: 'feature', status: 'failed' }),
      makeTask({ id: 5, title: 'f', category: 'feature', status: 'rejected' }),
      makeTask({ id: 6, title: 'b', category: 'bugfix', status: 'failed' }),
    ];
    const feature = scored(buildEduInput({ recentTasks }), 'feature:5');
    expect(feature.confidence).toBe(0.67);
    expect(explain(feature, 4)).toContain('Confidence 0.67: 3 of 4 earlier feature tasks succeeded');
    expect(feature.score).toBeGreaterThan(scored(buildEduInput(), 'feature:5').score);
  });

  it('says when no dollars ride on the work, and uses a $50 base without a milestone', () => {
    const input = buildEduInput();
    input.vision = { ...input.vision, revenueTargets: {}, focusAreas: ['automation'] };
    const ops = scored(input, 'feature:12');
    expect(ops.revenueImpact).toBe(0);
    const lines = explain(ops, 3);
    expect(lines).toContain('No dollars at stake: it earns its place by alignment with the vision');
    expect(lines).toContain(
      'Alignment 0.50: automation is focus area 1 of 1; shares no words with the vision; project not revenue-bearing → $25 strategic value',
    );
  });

  it("writes each share's dollars into the score line as the reasoning lists them, earned ones twice", () => {
    const input = buildEduInput({ bugs: [makeBug({ id: 4, projectId: 1, title: 'Checkout crashes' })] });
    const { draft: bug, allocations: claimed, ctx } = drafted(input, 'bug:4');
    // The bug also serves a goal worth $1,475 a month (linked to it): a third share.
    const goal = {
      stake: {
        key: 'goal:7',
        usd: 1475,
        label: 'the $1,475/month closing paying_firms is worth',
        kind: 'goal' as const,
      },
      weight: 1,
      why: 'the only open item that serves it (linked to it), so it gets all of',
      usd: 1475,
      crowded: null,
    };
    const lines = explain(scoreCandidate(bug, [...claimed, goal], ctx), 10);
    expect(lines).toContain(
      'Goal value $1,475/month (not revenue): the only open item that serves it (linked to it), so it gets all of the $1,475/month closing paying_firms is worth',
    );
    expect(lines.at(-1)).toMatch(
      /^Score [\d.]+ = \(\(\$155 × 2 \+ \$93\.73 \+ \$32\.85 \+ \$1,475\) × 0\.50 confidence/,
    );
  });

  it('says plainly when neither dollars nor the vision rank the work: it scores 0', () => {
    const input = buildEduInput();
    input.vision = {
      ...input.vision,
      revenueTargets: {},
      focusAreas: ['marketing'],
      primaryGoal: 'Hire a designer',
    };
    const ops = scored(input, 'feature:12');
    expect(ops.score).toBe(0);
    const lines = explain(ops, 0);
    expect(lines).toContain('No dollars at stake, and no alignment with the vision: it scores 0');
    expect(lines).not.toContain('No dollars at stake: it earns its place by alignment with the vision');
  });

  it("halves a failed piece of work's confidence per failure, never below 0.05, counting each failure once", () => {
    // Two bugfix tasks failed lately, one of them this work: its own is not counted again.
    const recentTasks = [
      makeTask({ id: 1, title: 'b', category: 'bugfix', status: 'failed' }),
      makeTask({ id: 2, title: 'b', category: 'bugfix', status: 'failed' }),
    ];
    const input = buildEduInput({
      bugs: [makeBug({ id: 4, projectId: 1, title: 'Checkout crashes' })],
      recentTasks,
    });
    const { draft: bug, allocations, ctx } = drafted(input, 'bug:4');
    const once = scoreCandidate(bug, allocations, ctx, null, 1);
    expect(once.confidence).toBe(0.17); // 0 of 1 other bugfix task succeeded (0.33), halved
    expect(explain(once, 5)).toContain(
      'Confidence 0.17: 0 of 1 other finished bugfix tasks succeeded (0.33), halved as this work failed once',
    );
    const often = scoreCandidate(bug, allocations, ctx, null, 6);
    expect(often.confidence).toBe(0.05);
    expect(explain(often, 5)).toContain(
      'Confidence 0.05: no other finished bugfix tasks yet (0.50), halved for each of the 6 times this work failed, to no less than 0.05',
    );
    // Still worth its dollars, a little: more than its strategic value alone.
    expect(often.score).toBeGreaterThan(scoreCandidate(bug, [], ctx).score);
  });

  it('applies the category weight', () => {
    const plain = scored(buildEduInput(), 'feature:5');
    const heavy = scored(buildEduInput(), 'feature:5', { ...DEFAULT_CATEGORY_WEIGHTS, feature: 2 });
    expect(heavy.score).toBeCloseTo(plain.score * 2, 1);
    expect(explain(heavy, 6).at(-1)).toMatch(/× 2 feature weight → priority 6$/);
  });

  it('bounds a feature group above the work the team committed to, however the category is rejected', () => {
    // Under way, every word of it in the goal, as quick as any item: it scores what its group's
    // bound allows for but for urgency, which nothing it serves presses to the bound's.
    const input = buildEduInput();
    input.features = input.features.map((f) =>
      f.id === 5 ? { ...f, title: 'Launch payment integration', status: 'in_progress' as const } : f,
    );
    const { draft, allocations, ctx } = drafted(input, 'feature:5');
    const rejected: ScoreContext = {
      ...ctx,
      rejections: {
        byCategory: new Map([['feature', { rejected: 5, decided: 5 }]]),
        onItems: new Map([['feature', new Map([[draft.projectId ?? 0, { rejected: 5, decided: 5 }]])]]),
      },
    };
    const { score, damp } = scoreNumbers(draft, allocations, rejected);
    expect(damp).toBe(1);
    const { group } = draft as BacklogItem;
    expect(score).toBeGreaterThan(0.5 * scoreBound(ctx)(group, mostPressing(group)));
    expect(score).toBeLessThanOrEqual(scoreBound(rejected)(group, mostPressing(group)));
  });

  // An audit read a team's strategic value triple the day it met its only target: $28.50 with a
  // $1,700 gap bounding it, $91.20 (2% of $8,000) with none.
  it('keeps a feature-size at the least it is worth once the revenue target is met', () => {
    const met = { milestone: { target: 8000 }, gap: 0 } as unknown as RevenueState;
    expect(strategicScale(met, null)).toEqual({ usd: 50, gapPerSize: 0, least: true });
    // Below $50, 2% of a small target is all a feature-size was ever worth.
    const small = { milestone: { target: 999 }, gap: 0 } as unknown as RevenueState;
    expect(strategicScale(small, null)).toEqual({ usd: 19.98, gapPerSize: null });
    // A gap no work shares leaves nothing to bound it by either: 2% of the target.
    const open = { milestone: { target: 8000 }, gap: 1700 } as unknown as RevenueState;
    expect(strategicScale(open, null)).toEqual({ usd: 160, gapPerSize: null });
  });
});
