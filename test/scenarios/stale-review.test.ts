import { describe, expect, it } from 'vitest';
import { build, LEAD, plan, seedTeam, useTeam } from './team.js';

// A review's Invoicely earned $6,000 a month, 20% more than the month before, and nobody had
// touched it for 34 days. Its plan proposed "Review Invoicely: set its next step or pause it",
// claiming 10% of what Invoicely earns as revenue the review protects ($600/month, counted twice
// as earned now: score 557 beside the team's own work at 37), and said "gone stale with nothing
// planned" beside a user-acquisition experiment it proposed for Invoicely in the same batch. A
// lead expects an hour of deciding to claim no dollars, and no review beside work on the product.
const SEEDED = '2026-11-01T09:00:00Z';
const NOW = '2026-12-05T09:00:00Z';
const NEXT_DAY = '2026-12-06T09:00:00Z';

function seed(team: ReturnType<typeof useTeam>) {
  const app = team.open(SEEDED);
  seedTeam(app, {
    vision: {
      statement: 'Invoicing small businesses rely on',
      primary_goal: 'Grow invoicing revenue',
      focus_areas: ['bookkeeping'],
      revenue_targets: { '2027-03': 12000 },
    },
    projects: [
      { name: 'Invoicely', revenueBearing: true, focus: [] },
      { name: 'Ledgerly', revenueBearing: true, focus: [] },
    ],
    revenue: [
      { project: 'Invoicely', month: '2026-09', actual: 5000 },
      { project: 'Invoicely', month: '2026-10', actual: 6000 },
      { project: 'Ledgerly', month: '2026-10', actual: 400 },
    ],
  });
  const now = team.reopen(NOW);
  now.projects.addFeature(LEAD, 'Ledgerly', { title: 'Bank feed import' });
  return now;
}

describe('a product nobody touched for a month, earning more than ever', () => {
  const team = useTeam();

  it('gets no review beside the experiment proposed for it, and no dollars are said protected', () => {
    const app = seed(team);
    const result = app.engine.generate(LEAD, { dryRun: true, maxTasks: 5 });
    const titles = result.tasks.map((t) => t.title);
    expect(titles.slice(0, 2)).toEqual([
      "Run a user-acquisition experiment toward Invoicely's share of the revenue gap by 2027-03",
      build('Bank feed import', 'Ledgerly'),
    ]);
    expect(titles.filter((t) => t.startsWith('Review '))).toEqual([]);
    expect(result.revenueProtected).toBe(0);
  });

  it('is reviewed once the experiment is turned down, claiming nothing', () => {
    const app = seed(team);
    const batch = app.engine.generate(LEAD, { maxTasks: 5 });
    const experiment = batch.tasks.find((t) => t.playbookKey === 'growth.experiment');
    app.decisions.decide(LEAD, { ref: experiment?.ref as string, action: 'reject', note: 'not now' });
    const next = plan(team.reopen(NEXT_DAY), 5);
    const review = next.find((t) => t.title === 'Review Invoicely: set its next step or pause it');
    expect(review?.revenueImpact).toBe(0);
    expect(review?.reasoning[0]).toBe(
      'Invoicely has gone stale with nothing planned: decide its next step or pause it.',
    );
    expect(review?.reasoning).toContain(
      'No dollars at stake: it earns its place by alignment with the vision',
    );
  });

  it('has a review awaiting a decision withdrawn once other work on the product is proposed', () => {
    const app = seed(team);
    const batch = app.engine.generate(LEAD, { maxTasks: 5 });
    const experiment = batch.tasks.find((t) => t.playbookKey === 'growth.experiment');
    app.decisions.decide(LEAD, { ref: experiment?.ref as string, action: 'reject', note: 'not now' });
    const next = team.reopen(NEXT_DAY);
    const review = next.engine
      .generate(LEAD, { maxTasks: 5 })
      .tasks.find((t) => t.title === 'Review Invoicely: set its next step or pause it');
    expect(review?.ref).toMatch(/^T-\d+$/);
    // November's revenue fell: its research is work on Invoicely, and the review is no longer needed.
    next.revenue.add(LEAD, { project: 'Invoicely', from: '2026-11-01', to: '2026-11-30', actual: 5000 });
    const later = team.reopen('2026-12-07T09:00:00Z').engine.generate(LEAD, { maxTasks: 5 });
    expect(later.tasks.map((t) => t.playbookKey)).toContain('revenue.fall');
    expect(later.withdrawn).toContainEqual({
      ref: review?.ref,
      title: 'Review Invoicely: set its next step or pause it',
      why: 'other work answers Invoicely standing idle now',
    });
  });
});
