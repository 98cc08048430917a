import { beforeEach, describe, expect, it } from 'vitest';
import type { Goalpost } from '../../src/index.js';
import {
  build,
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

// Pagecraft: a two-person WordPress plugin business that is ahead of its plan. MRR is above the
// milestone, support is under control and the rating is up. A lead expects a short, calm batch:
// the little backlog there is, no invented growth work, no alarm in the reasoning, no filler.
const PLUGIN = 'Pagecraft Plugin';

const PAGECRAFT: TeamSpec = {
  vision: {
    statement: 'The page builder that never breaks a WordPress site',
    primary_goal: 'Stay profitable and loved at $5k MRR',
    focus_areas: ['plugin_quality', 'community'],
    revenue_targets: { '2027-01': 5000 },
    success_metrics: { wp_rating: 4.6 },
  },
  projects: [
    {
      name: PLUGIN,
      revenueBearing: true,
      focus: ['plugin_quality'],
      features: [
        ['Pricing table block', 'planned'],
        ['Starter templates', 'done'],
      ],
      bugs: [
        ['Color picker resets on undo', 'medium'],
        ['Tooltip typo in settings', 'low'],
      ],
    },
  ],
  revenue: [
    { project: PLUGIN, month: '2026-09', actual: 5450, subscriptions: 545, churn: 0.016 },
    { project: PLUGIN, month: '2026-10', actual: 5600, subscriptions: 560, churn: 0.015 },
  ],
  goals: [
    {
      metric: 'support_tickets_open',
      target: 10,
      unit: 'tickets',
      by: '2027-03-31',
      direction: 'down',
      baseline: 40,
      observed: [
        ['2026-10-01', 12],
        ['2026-11-01', 8],
      ],
    },
    {
      metric: 'wp_rating',
      target: 4.6,
      unit: 'stars',
      by: '2027-03-31',
      direction: 'up',
      baseline: 4.2,
      observed: [
        ['2026-10-01', 4.5],
        ['2026-11-01', 4.7],
      ],
    },
  ],
};

describe('a team whose goals are all met', () => {
  const team = useTeam();
  let app: Goalpost;
  let top: PlannedTask[];

  beforeEach(() => {
    app = team.open();
    seedTeam(app, PAGECRAFT);
    top = plan(app);
  });

  it('still proposes the planned feature from its own backlog', () => {
    expect(titles(top)).toContain(build('Pricing table block', PLUGIN));
  });

  it('takes the medium bug, since nothing better serves the goals', () => {
    expect(titles(top)).toContain(fix('Color picker resets on undo', PLUGIN));
  });

  it('does not pad the batch to five with invented work', () => {
    const backlog = top.filter(fromBacklog);
    expect(backlog).toHaveLength(2);
    expect(top.length).toBeLessThanOrEqual(3);
  });

  it('turns a met goal into nothing: no task serves a goal or a revenue gap', () => {
    for (const t of top) {
      expect(t.goalId, t.title).toBeNull();
      expect(fromBacklog(t) || isPlanNextStep(t), `${t.title} is neither backlog nor planning`).toBe(true);
    }
  });

  it('never sounds an alarm about goals that are met', () => {
    for (const l of lines(top))
      expect(l).not.toMatch(/short of|off[- ]track|behind (its |the )?target|at risk/i);
  });

  it('never proposes the low bug or the done feature', () => {
    const all = titles(plan(app, 20));
    expect(all).not.toContain(fix('Tooltip typo in settings', PLUGIN));
    expect(all).not.toContain(build('Starter templates', PLUGIN));
  });

  it('plans only for the focus area with no backlog at all, and only after the real work', () => {
    const planning = top.filter(isPlanNextStep);
    for (const p of planning) expect(p.title).toMatch(/community/i);
    expect(top.some((t) => isPlanNextStep(t) && /plugin_quality/i.test(t.title))).toBe(false);
    const realWork = top.filter(fromBacklog);
    for (const p of planning) {
      expect(top.indexOf(p)).toBeGreaterThan(Math.max(...realWork.map((t) => top.indexOf(t))));
      for (const t of realWork) expect(p.priority, `${p.title} vs ${t.title}`).toBeLessThan(t.priority);
    }
  });

  it('claims no more than the revenue it protects: there is no gap to close', () => {
    const result = app.engine.generate(LEAD, { dryRun: true, maxTasks: 5 });
    expect(result.revenueImpact).toBeLessThanOrEqual(5600);
    for (const t of top) expect(t.revenueImpact, t.title).toBeLessThanOrEqual(5600);
  });

  it('names backlog tasks by their own titles and spreads their priorities', () => {
    expectNamedByTheirBacklogItems(app, top);
    expectPrioritiesSpread(top);
  });
});
