import { beforeEach, describe, expect, it } from 'vitest';
import type { Goalpost } from '../../src/index.js';
import {
  expectNamedByTheirBacklogItems,
  expectPrioritiesSpread,
  fix,
  fromBacklog,
  isPlanNextStep,
  LEAD,
  lines,
  type PlannedTask,
  plan,
  seedTeam,
  type TeamSpec,
  titles,
  useTeam,
} from './team.js';

// Stallwise: a marketplace for local makers, paid by a take rate. What the team steers by is not
// dollars but sellers (up, $30/month each) and the dispute rate (down). Supply work lives in a
// project that earns nothing itself; the lead wants it valued by the goals it serves.
const MARKET = 'Stallwise Marketplace';
const STUDIO = 'Seller Studio';
const DESK = 'Trust Desk';

const STALLWISE: TeamSpec = {
  vision: {
    statement: 'Every town’s makers sell online from one trusted stall',
    primary_goal: 'Grow to 400 active sellers while keeping disputes rare',
    focus_areas: ['supply', 'demand', 'trust'],
    revenue_targets: { '2027-03': 6000 },
    success_metrics: { active_sellers: 400, dispute_rate: 0.02 },
  },
  projects: [
    {
      name: MARKET,
      revenueBearing: true,
      focus: ['demand', 'trust'],
      features: [
        ['Saved searches with price alerts', 'planned'],
        ['Buyer reviews with photos', 'planned'],
      ],
      bugs: [
        ['Refund button refunds twice', 'high'],
        ['Footer links overlap on tablets', 'low'],
      ],
    },
    {
      name: STUDIO,
      focus: ['supply'],
      features: [
        ['Seller onboarding checklist', 'in_progress'],
        ['Bulk listing import from Etsy', 'planned'],
        ['Shop page themes', 'done'],
      ],
    },
    { name: DESK, focus: ['trust'], features: [['Automatic evidence collection for disputes', 'planned']] },
  ],
  // A take-rate business does not track churn: unknown, not 0.
  revenue: [{ project: MARKET, month: '2026-10', actual: 3900 }],
  goals: [
    {
      metric: 'active_sellers',
      target: 400,
      unit: 'sellers',
      by: '2027-03-31',
      direction: 'up',
      baseline: 250,
      value: 30,
      observed: [
        ['2026-09-01', 255],
        ['2026-10-01', 262],
        ['2026-11-01', 268],
      ],
    },
    {
      metric: 'dispute_rate',
      target: 0.02,
      unit: 'ratio',
      by: '2027-03-31',
      direction: 'down',
      baseline: 0.06,
      // What the team said disputes are worth against the revenue milestone: most of the $2,100
      // it still has to win (a weight was taken of the $6,000 target once: 0.3 of it said the same).
      weight: 0.85,
      observed: [
        ['2026-10-01', 0.058],
        ['2026-11-01', 0.055],
      ],
    },
  ],
};

// 400 − 268 = 132 sellers short, at $30/month each.
const SELLERS_AT_STAKE = 132 * 30;

describe('a marketplace whose goals are not kept in dollars', () => {
  const team = useTeam();
  let app: Goalpost;
  let top: PlannedTask[];

  beforeEach(() => {
    app = team.open();
    seedTeam(app, STALLWISE);
    top = plan(app);
  });

  const studio = (tasks: PlannedTask[]) => tasks.filter((t) => t.projectName === STUDIO);
  const sellersGoal = () => app.goals.list(LEAD).find((g) => g.goal.metric === 'active_sellers')?.goal.id;

  it('puts supply work for the sellers goal in the first five, though its project earns nothing', () => {
    expect(studio(top).filter(fromBacklog).length).toBeGreaterThanOrEqual(1);
  });

  it('values work for a non-dollar goal: it never sits at priority 0', () => {
    const goalId = sellersGoal();
    const forSellers = plan(app, 20).filter((t) => t.projectName === STUDIO || t.goalId === goalId);
    expect(forSellers.length).toBeGreaterThanOrEqual(1);
    for (const t of forSellers) expect(t.priority, t.title).toBeGreaterThan(0);
    for (const t of top) expect(t.priority, t.title).toBeGreaterThan(0);
  });

  it('says why supply work matters in terms of sellers, and never claims more than the sellers are worth', () => {
    for (const t of studio(top)) {
      expect(t.reasoning.join('\n'), t.title).toMatch(/seller/i);
      expect(t.revenueImpact, t.title).toBeLessThanOrEqual(SELLERS_AT_STAKE);
    }
  });

  it('fixes the double refund within the first five', () => {
    expect(titles(top)).toContain(fix('Refund button refunds twice', MARKET));
  });

  it('speaks of the dispute rate as above its target, never short of it', () => {
    const all = lines(plan(app, 20));
    const disputes = all.filter((l) => /dispute[_ ]rate/i.test(l));
    expect(disputes.some((l) => /above/i.test(l))).toBe(true);
    for (const l of disputes) expect(l).not.toMatch(/short of|below (its|the) target/i);
  });

  it('addresses disputes within the first five', () => {
    expect(top.some((t) => /dispute/i.test(`${t.title}\n${t.reasoning.join('\n')}`))).toBe(true);
  });

  it('names backlog tasks by their own titles and projects', () => {
    expectNamedByTheirBacklogItems(app, top);
  });

  it('never proposes the low bug, a done feature, or "Plan the next step" while real backlog exists', () => {
    const all = plan(app, 20);
    expect(titles(all)).not.toContain(fix('Footer links overlap on tablets', MARKET));
    expect(all.some((t) => t.title.includes("'Shop page themes'"))).toBe(false);
    expect(all.filter(isPlanNextStep)).toEqual([]);
  });

  it('keeps growth work within the $2,100 revenue gap plus what the goals are worth', () => {
    const result = app.engine.generate(LEAD, { dryRun: true, maxTasks: 5 });
    expect(result.revenueImpact).toBeLessThanOrEqual(3900 + 2100 + SELLERS_AT_STAKE);
    for (const t of top) expect(t.revenueImpact, t.title).toBeLessThanOrEqual(3900 + 2100);
  });

  it('spreads priorities across the batch', () => {
    expectPrioritiesSpread(top);
    // The best work stands above the rest: not a batch all at one level.
    const levels = top.map((t) => t.priority);
    expect(Math.max(...levels)).toBeGreaterThan(Math.min(...levels));
  });
});
